import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import type { ParsedArgs } from '../src/cli/command';
import { schemaCommand } from '../src/cli/commands/schema';
import { ConfigError, UsageError } from '../src/errors';
import { renderSnapshotJson, renderSnapshotText, snapshotSchema } from '../src/schema';
import { createTestDatabase, runCli, testServers } from '../src/testing';

function run(positionals: string[], flags: ParsedArgs['flags'] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = schemaCommand.run({ positionals, flags }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return code.then((c) => ({ code: c, out, err }));
}

describe('strata schema (usage)', () => {
  it.each([
    [[], {}, /strata schema needs dump or diff/],
    [['show'], {}, /needs dump or diff \(got 'show'\)/],
    [['dump'], {}, /strata schema dump needs --url/],
    [['dump', 'x'], { url: 'postgres://h/db' }, /unexpected argument 'x'/],
    [['dump'], { url: 'postgres://h/db', format: 'yaml' }, /--format must be text or json \(got 'yaml'\)/],
    [['diff', 'a.txt'], {}, /needs two snapshots \(files or postgres:\/\/ URLs\), got 1/],
    [['diff', 'a.txt', 'b.txt'], { out: 'x' }, /--format and --out belong to strata schema dump/],
  ] as const)('%j %j is a usage error', async (positionals, flags, message) => {
    const result = run([...positionals], flags);
    await expect(result).rejects.toThrow(UsageError);
    await expect(result).rejects.toThrow(message);
  });

  it('names a missing snapshot file', async () => {
    await expect(run(['diff', '/nonexistent/a.txt', '/nonexistent/b.txt'])).rejects.toThrow(/cannot read snapshot file \/nonexistent\/a.txt: ENOENT/);
  });
});

describe.each(testServers())('strata schema ($label)', (server) => {
  it('dumps text and JSON, and diffs files and databases (exit 1 when they differ)', async () => {
    const db = await createTestDatabase(server, 'cli');
    const knex = knexFactory({ client: 'pg', connection: db.url, pool: { min: 0, max: 1 } });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-schema-'));
    try {
      await knex.raw(`CREATE TYPE plan_kind AS ENUM ('prepaid', 'postpaid'); CREATE TABLE plans (id int CONSTRAINT pk_plans PRIMARY KEY, kind plan_kind NOT NULL)`);
      const snapshot = await snapshotSchema(knex);

      const text = await run(['dump'], { url: db.url });
      expect(text.code).toBe(0);
      expect(`${text.out.join('\n')}\n`).toBe(renderSnapshotText(snapshot));

      const jsonFile = path.join(dir, 'schema.json');
      const json = await run(['dump'], { url: db.url, format: 'json', out: jsonFile });
      expect(json).toEqual({ code: 0, out: [], err: [`wrote the schema snapshot of ${db.url} to ${jsonFile}`] });
      expect(readFileSync(jsonFile, 'utf8')).toBe(renderSnapshotJson(snapshot));

      const textFile = path.join(dir, 'schema.txt');
      writeFileSync(textFile, renderSnapshotText(snapshot));
      expect(await run(['diff', textFile, jsonFile])).toMatchObject({ code: 0, out: [] });
      expect(await run(['diff', textFile, db.url])).toMatchObject({ code: 0, out: [], err: [`schemas are the same: ${textFile} and ${db.url}`] });

      await knex.raw(`ALTER TYPE plan_kind ADD VALUE 'hybrid'; ALTER TABLE plans ADD COLUMN name text`);
      const diff = await run(['diff', textFile, db.url]);
      expect(diff).toEqual({
        code: 1,
        out: ["~ enum plan_kind: 'prepaid', 'postpaid' → 'prepaid', 'postpaid', 'hybrid'", '+ column plans.name: text null'],
        err: [`2 difference(s) between ${textFile} (-) and ${db.url} (+)`],
      });
      expect((await run(['diff', db.url, jsonFile])).out).toEqual(["~ enum plan_kind: 'prepaid', 'postpaid', 'hybrid' → 'prepaid', 'postpaid'", '- column plans.name: text null']);
    } finally {
      await knex.destroy();
      await db.drop();
    }
  });

  it('works through the real strata binary: exit 0 when equal, 1 when different, 2 on usage errors', async () => {
    const db = await createTestDatabase(server, 'bin');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-schema-bin-'));
    const file = path.join(dir, 'schema.txt');
    const knex = knexFactory({ client: 'pg', connection: db.url, pool: { min: 0, max: 1 } });
    try {
      await knex.raw(`CREATE TABLE plans (id int CONSTRAINT pk_plans PRIMARY KEY)`);
      expect(await runCli(['schema', 'dump', '--url', db.url, '--out', file])).toMatchObject({ code: 0, stdout: '' });
      expect(readFileSync(file, 'utf8')).toBe(renderSnapshotText(await snapshotSchema(knex)));
      expect(await runCli(['schema', 'diff', file, db.url])).toMatchObject({ code: 0, stdout: '' });
      await knex.raw(`ALTER TABLE plans ADD COLUMN name text`);
      expect(await runCli(['schema', 'diff', file, db.url])).toMatchObject({ code: 1, stdout: '+ column plans.name: text null\n' });
      const usage = await runCli(['schema', 'diff', file]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('strata schema diff needs two snapshots');
    } finally {
      await knex.destroy();
      await db.drop();
    }
  });

  it('never prints the password of a URL it cannot read', async () => {
    const url = new URL(server.url);
    url.username = 'nobody_here';
    url.password = 'sekret-pw';
    url.pathname = '/nope';
    const result = run(['dump'], { url: url.toString() });
    await expect(result).rejects.toThrow(ConfigError);
    await expect(result).rejects.toThrow(/cannot read the schema of postgres:\/\/nobody_here:\*\*\*@/);
    await expect(result.catch((e: Error) => e.message)).resolves.not.toContain('sekret-pw');
  });
});
