/**
 * The package runs under core's additive-only policy, declared in package.json: `strata lint`
 * (real CLI, scratch database on each test server) finds no destructive statement in any up() or
 * down(), and no unacknowledged error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testServers } from '@strata/core/testing';
import { PACKAGE_DIR, strata } from './support';

interface JsonFinding {
  rule: string;
  severity: string;
  acknowledged: boolean;
}

describe.each(testServers())('content-platform policy ($label)', (server) => {
  it('declares additive-only in package.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { strata: { policy?: string } };
    expect(manifest.strata.policy).toBe('additive-only');
  });

  it('passes strata lint under the policy: no destructive statement in up() or down()', async () => {
    const result = await strata(server.url, ['lint', '--format', 'json']);
    expect(result.stderr).toContain('content-platform: 4 migrations run on scratch database');
    expect(result.stderr).toContain('policy additive-only');
    const { findings } = JSON.parse(result.stdout) as { findings: JsonFinding[] };
    expect(findings.filter((f) => f.rule === 'additive-only')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error' && !f.acknowledged)).toEqual([]);
    expect(result.code).toBe(0);
  });
});
