import { runCli } from '../../src/testing';
import { createTable, migrationFolder } from './fixtures';

describe('bad input: one clear line, the right exit code, no password shown', () => {
  const dir = migrationFolder({ '20240101000000_a.ts': createTable('alpha') });

  it.each([
    [['migrate', 'latest', '--migrations', dir, '--url', 'not a url'], 1, 'strata: --url is not a valid URL (not a url): expected postgres://user@host:port/database'],
    [['migrate', 'latest', '--migrations', dir, '--url', 'mysql://u:hunter2@h/db'], 1, 'strata: --url must start with postgres:// or postgresql:// (got mysql://)'],
    [['migrate', 'latest', '--migrations', dir, '--url', 'postgres://u:hunter2@127.0.0.1:1/db'], 1, 'strata: cannot connect to postgres://u:***@127.0.0.1:1/db: connect ECONNREFUSED 127.0.0.1:1'],
    [['migrat', 'latest'], 2, "strata: unknown command 'migrat' (did you mean migrate?): run strata help"],
    [['frobnicate'], 2, "strata: unknown command 'frobnicate': run strata help"],
    [['migrate', 'latest', '--dryrun'], 2, "strata: unknown flag --dryrun for 'strata migrate' (did you mean --dry-run?): run strata migrate --help"],
    [['migrate', 'lates'], 2, "strata: strata migrate needs one of latest, up, down, rollback, to, status, list, make, baseline (got 'lates'; did you mean latest?)"],
    [['seed', 'udno'], 2, "strata: strata seed needs one of run, undo, status, make (got 'udno'; did you mean undo?)"],
    [['migrate', 'latest', '--frobnicate'], 2, "strata: unknown flag --frobnicate for 'strata migrate': run strata migrate --help"],
    [['migrate', 'sideways'], 2, "strata: strata migrate needs one of latest, up, down, rollback, to, status, list, make, baseline (got 'sideways')"],
    [['migrate', 'latest', '--migrations', dir], 2, 'strata: --migrations DIR needs --url postgres://…/database (the database to act on)'],
    [['migrate', 'latest', '--migrations', dir, '--url', 'postgres://u:hunter2@127.0.0.1:5432'], 1, 'strata: --url names no database (postgres://u:***@127.0.0.1:5432): add /<database> to the URL'],
    [['migrate', 'baseline', '--migrations', dir, '--url', 'postgres://u@127.0.0.1/x', '--scratch-url', 'mysql://u:hunter2@h/db'], 1, 'strata: --scratch-url must start with postgres:// or postgresql:// (got mysql://)'],
    [['seed', 'run', '--profile', 'staging', '--migrations', dir, '--url', 'postgres://u@127.0.0.1/x'], 2, "strata: --profile must be reference or demo (got 'staging')"],
  ])('strata %j', async (args, code, line) => {
    const result = await runCli(args, { cwd: '/' });
    expect(result.code).toBe(code);
    expect(result.stderr.split('\n').filter(Boolean).at(-1)).toContain(line);
    expect(result.stderr + result.stdout).not.toContain('hunter2');
  });

  it('prints usage with exit 2 when no command is given', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('strata migrate latest|up [name]|down [name]');
  });
});
