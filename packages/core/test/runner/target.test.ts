import { embeddedPort, resolveDatabase } from '../../src/db/target';
import { readPackage } from '../../src/workspace/packages';
import { migrationFolder } from './fixtures';
import path from 'node:path';

describe('which database a package uses', () => {
  const root = migrationFolder({ 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n', 'packages/telecom-billing/package.json': '{"name":"@strata/telecom-billing"}', 'packages/telecom-billing/migrations/.keep': '' });
  const pkg = readPackage(path.join(root, 'packages/telecom-billing'))!;

  it('derives the variable and database names from the package', () => {
    expect(pkg).toMatchObject({ name: '@strata/telecom-billing', databaseEnvVar: 'TELECOM_BILLING_DATABASE_URL', databaseName: 'telecom_billing' });
  });

  it.each([
    ['--url wins', { url: 'postgres://a@h/exact' }, { DATABASE_URL: 'postgres://b@s/x', TELECOM_BILLING_DATABASE_URL: 'postgres://c@p/pkg' }, 'postgres://a@h/exact', 'flag'],
    ['<PACKAGE>_DATABASE_URL names it exactly', {}, { DATABASE_URL: 'postgres://b@s/x', TELECOM_BILLING_DATABASE_URL: 'postgres://c@p/pkg' }, 'postgres://c@p/pkg', 'package-url'],
    ['DATABASE_URL names the server, the package gets its own database', {}, { DATABASE_URL: 'postgres://b:pw@s:5433/test' }, 'postgres://b:pw@s:5433/telecom_billing', 'server-url'],
  ])('%s', (_title, props, env, url, source) => {
    const target = resolveDatabase({ pkg, root, env, ...props });
    expect(target).toMatchObject({ url, source, production: false });
  });

  it('falls back to the embedded server, one database per package', () => {
    const target = resolveDatabase({ pkg, root, env: {} });
    expect(target.source).toBe('embedded');
    expect(target.url).toBe(`postgres://postgres@127.0.0.1:${embeddedPort(root, 18)}/telecom_billing`);
    expect(target.createIfMissing).toBe(true);
  });

  it('never creates a production database on a shared server', () => {
    const target = resolveDatabase({ pkg, root, env: { DATABASE_URL: 'postgres://b@s/test', NODE_ENV: 'production' } });
    expect(target).toMatchObject({ production: true, createIfMissing: false });
  });

  it('--pg picks the embedded server of that major even when DATABASE_URL is set', () => {
    const target = resolveDatabase({ pkg, root, env: { DATABASE_URL: 'postgres://b@s/test' }, pgMajor: 15 });
    expect(target.url).toBe(`postgres://postgres@127.0.0.1:${embeddedPort(root, 18) - 3}/telecom_billing`);
  });
});

describe('embedded ports', () => {
  it('are fixed per checkout and major, and differ between checkouts', () => {
    expect(embeddedPort('/srv/a', 18)).toBe(embeddedPort('/srv/a', 18));
    expect(embeddedPort('/srv/a', 14)).toBe(embeddedPort('/srv/a', 18) - 4);
    const ports = new Set(['/srv/a', '/srv/b', '/home/dev/strata', '/tmp/clean'].map((root) => embeddedPort(root, 18)));
    expect(ports.size).toBe(4);
    for (const port of ports) expect(port).toBeGreaterThanOrEqual(22000), expect(port).toBeLessThan(32000);
  });
});
