import path from 'node:path';
import { connect } from '../../db/connect';
import { createScratchDatabase } from '../../db/scratch';
import { maskSecrets, maskUrl, parseUrl } from '../../db/url';
import { ConfigError, ExitCode, messageOf, StrataError, UsageError } from '../../errors';
import { formatFindings, isBlocking, LintFormat, type LintedFinding } from '../../lint/format';
import { scratchSetupOf } from '../../db/setup';
import { lintWithPolicy, policyOf } from '../../lint/policy';
import { lintSchema, schemaLintOptionsFrom } from '../../schema';
import { setupFlag } from '../args';
import { booleanFlag, FlagKind, stringFlag, type Command, type Io, type ParsedArgs } from '../command';
import { resolveTargets, withClient, withServers } from '../targets';
import { USAGE } from './usage';

/** One folder of migrations to lint. */
export interface LintTarget {
  /** Package short name or folder, printed with its findings. */
  readonly name: string;
  readonly migrationsDir: string;
  /** URL of a server (any database on it) where the lint may create and drop a scratch database. */
  readonly serverUrl: string;
  /** The package.json `strata` field: its `policy` (e.g. additive-only) makes destructive statements errors. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** SQL run on the empty scratch database before the first migration (`--setup`, or package.json `strata.lint.setup`). */
  readonly setupFile?: string;
}

/** Resolved inputs of `strata lint`: what the flags, the package and the environment chose. */
export interface LintInputs {
  readonly targets: readonly LintTarget[];
  readonly format: LintFormat;
  /** Base for file paths in annotations (default: the current directory). */
  readonly cwd?: string;
}

/**
 * Lints each target on its own scratch database and prints the findings.
 * Returns 0 when no unacknowledged error was found, 1 when one was, 2 when the lint itself
 * could not run (unreachable server, unloadable file…): CI tells "unsafe" from "broken".
 * @example await runLint({ targets: [{ name: 'billing', migrationsDir, serverUrl }], format: 'text' }, io)
 */
export async function runLint(inputs: LintInputs, io: Io): Promise<number> {
  const cwd = inputs.cwd ?? process.cwd();
  const findings: LintedFinding[] = [];
  const files = new Map<string, string>();
  const unloadable: string[] = [];
  try {
    for (const target of inputs.targets) {
      const policy = policyOf(target.config, `${target.name}/package.json "strata"`);
      const scratch = await createScratchDatabase(target.serverUrl, `lint_${target.name}`);
      try {
        const result = await lintWithPolicy({ migrationsDir: target.migrationsDir, scratchUrl: scratch.url, ...(target.setupFile ? { setupFile: target.setupFile } : {}) }, policy, target.name);
        for (const script of result.migrations) files.set(`${target.name}/${script.name}`, path.relative(cwd, script.file));
        const label = inputs.targets.length > 1 ? target.name : undefined;
        findings.push(...result.findings.map((f) => (label ? { ...f, package: label } : f)));
        unloadable.push(...result.unloadable.map((name) => `${target.name}/${name}`));
        io.err(`strata lint ${target.name}: ${result.migrations.length} migrations run on scratch database ${scratch.name} (${maskUrl(target.serverUrl).replace(/\/[^/]*$/, '')}), dropped after${policy ? `; policy ${policy}` : ''}`);
      } finally {
        await scratch.drop().catch(() => undefined);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    io.err(`strata lint: ${maskSecrets(error instanceof StrataError ? error.message : `unexpected error: ${messageOf(error)}`)}`);
    return ExitCode.usage;
  }
  const fileOf = (finding: LintedFinding): string | undefined => {
    const target = finding.package ?? inputs.targets[0]?.name ?? '';
    return finding.migration ? files.get(`${target}/${finding.migration}`) : undefined;
  };
  io.out(formatFindings(findings, inputs.format, fileOf));
  if (unloadable.length > 0) {
    // A file that does not load was not judged: that is the lint failing, not a verdict.
    io.err(`strata lint: could not load ${unloadable.join(', ')}: fix the file(s) and lint again`);
    return ExitCode.usage;
  }
  return findings.some(isBlocking) ? ExitCode.failure : ExitCode.ok;
}

/** Lints the conventions of an already migrated database (`--schema`) with the package's options. */
export async function runSchemaLint(url: string, strataField: unknown, source: string, format: LintFormat, io: Io): Promise<number> {
  await withClient(
    { url, database: parseUrl(url).database ?? '', source: 'flag', production: false, createIfMissing: false },
    async () => undefined,
    () => {
      throw new ConfigError(`database ${parseUrl(url).database} does not exist on ${maskUrl(url).replace(/\/[^/]*$/, '')}: migrate it first (strata migrate latest), then lint its schema`);
    },
  );
  const knex = connect(url);
  try {
    const findings = await lintSchema(knex, schemaLintOptionsFrom(strataField, source));
    io.out(formatFindings(findings, format));
    // Say what was checked: "0 errors" on an empty database is no evidence of anything.
    const { rows } = (await knex.raw(
      `SELECT current_database() AS db, current_schema() AS schema,
              (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE 'knex\\_migrations%' AND tablename NOT LIKE 'strata\\_%')::int AS tables,
              (SELECT count(*) FROM pg_catalog.pg_type WHERE typnamespace = current_schema()::regnamespace AND typtype = 'e')::int AS enums`,
    )) as { rows: Array<{ db: string; schema: string; tables: number; enums: number }> };
    const { db, schema, tables, enums } = rows[0]!;
    io.err(`strata lint --schema: checked ${tables} table(s) and ${enums} enum type(s) in schema ${schema} of database ${db}${tables === 0 ? ' — it is empty: migrate it first (strata migrate latest)' : ''}`);
    return findings.some(isBlocking) ? ExitCode.failure : ExitCode.ok;
  } finally {
    await knex.destroy();
  }
}

function formatFlag(raw: string | undefined): LintFormat {
  if (raw === undefined) return LintFormat.text;
  if (!(raw in LintFormat)) throw new UsageError(`--format ${raw}: expected one of ${Object.keys(LintFormat).join(', ')}`);
  return raw as LintFormat;
}

/**
 * `strata lint`: the destructive-op and unsafe-migration linter. Runs each migration's up()
 * and down() on a scratch database, parses every statement with PostgreSQL's parser and
 * reports what would lose data, lock a busy table, or break running code.
 */
export const lintCommand: Command = {
  name: 'lint',
  usage: USAGE.lint,
  flags: { format: FlagKind.string, schema: FlagKind.boolean, setup: FlagKind.string },
  async run(args, io) {
    try {
      return await lint(args, io);
    } catch (error) {
      // Exit 1 means "the migrations are unsafe"; anything that stopped the lint itself is 2.
      if (error instanceof UsageError) throw error;
      io.err(`strata lint: ${maskSecrets(error instanceof StrataError ? error.message : `unexpected error: ${messageOf(error)}`)}`);
      return ExitCode.usage;
    }
  },
};

async function lint(args: ParsedArgs, io: Io): Promise<number> {
  const format = formatFlag(stringFlag(args, 'format'));
  if (args.positionals.length > 0) throw new UsageError(`strata lint takes no arguments (got '${args.positionals[0]}')`);
  const schema = booleanFlag(args, 'schema');
  const resolution = resolveTargets(args, process.cwd(), { scratchOnly: !schema, urlAlone: schema });
  if (schema) {
    // Conventions of an already migrated database: --url alone lints any database with default options.
    if (resolution.database) return withServers([resolution.database], () => runSchemaLint(resolution.database!.url, {}, '--url', format, io));
    return withServers(resolution.targets.map((t) => t.database), async () => {
      let code: number = ExitCode.ok;
      for (const { pkg, database } of resolution.targets) code = Math.max(code, await runSchemaLint(database.url, pkg.config, `${pkg.label}/package.json "strata"`, format, io));
      return code;
    });
  }
  const setup = setupFlag(args, resolution.targets.length);
  // The lint never writes to the target database: only its server is used, for scratch databases.
  const targets = resolution.targets.map(({ pkg, database }) => {
    const setupFile = scratchSetupOf(pkg, setup);
    return { name: pkg.label, migrationsDir: pkg.migrationsDir, serverUrl: database.url, config: pkg.config, ...(setupFile ? { setupFile } : {}) };
  });
  return withServers(resolution.targets.map((t) => t.database), () => runLint({ targets, format }, io));
}
