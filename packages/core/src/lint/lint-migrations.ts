/**
 * `strata lint` for Knex migrations: runs every migration of a folder on an empty scratch
 * database, records the SQL its up() and down() really send, and lints each statement
 * against what existed when it ran.
 *
 * How each migration is run (i = 1…n, in file-name order, as the runner orders them):
 * - A setup (package.json "strata": { "lint": { "setup": "file.sql" } }, or `--setup FILE`)
 *   runs once on the empty scratch database first: a schema, an extension, a table the
 *   migrations expect to find. A `search_path` it sets becomes the scratch database's
 *   default, so every later session (capture and catalog reads) resolves names through it.
 * - up(): applied for real, exactly as the runner applies it — in its own transaction, or
 *   without one when it exports `config = { transaction: false }` — recording every
 *   statement. Recording during the real application gives the same statements as a
 *   rolled-back rehearsal followed by the application, in half the time; the next
 *   migration then sees the state it will see in production.
 * - down(): run after up() and always undone. A transactional migration's down() runs in
 *   a transaction that is rolled back. A `transaction: false` migration's down() must run
 *   outside a transaction (DROP INDEX CONCURRENTLY refuses a transaction block), so it runs
 *   on a throwaway copy of the scratch database (CREATE DATABASE … TEMPLATE) that is then
 *   dropped: the scratch database is never changed by a down().
 * - A statement the server refuses is reported (`capture-failed`, plus the rule that
 *   explains it, e.g. `concurrently-in-transaction`) and the lint goes on. When the fix is
 *   clear — a transactional up() refused with "cannot run inside a transaction block" — the
 *   migration is applied the way the fix would apply it (outside a transaction) and the
 *   later migrations see the state they would see. Otherwise it is skipped (or left
 *   half-applied, as a `transaction: false` migration would be), and every finding after it
 *   says so: `afterFailure` names it and the message ends "(after failed migration …)".
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { Client } from 'pg';
import { createScratchDatabase } from '../db/scratch';
import { applySetup, readSetup } from '../db/setup';
import { maskUrl, parseUrl } from '../db/url';
import { ConfigError, messageOf } from '../errors';
import { listScripts, loadMigration, runsWithoutTransaction, type MigrationModule, type ScriptFile } from '../migrations/source';
import { acknowledge } from './acknowledge';
import { readCatalog, type Catalog } from './catalog';
import { checkStatements, type FunctionRun, type RawFinding } from './check-statements';
import type { Finding, Severity } from './finding';
import { consoleToStderr } from './console';
import { changesSomething } from './function-facts';
import { loadParser, parseStatements } from './parser';
import { MigrationRule } from './rules';
import { displayName, listNames } from './rules/types';
import { quoteIdentifier } from '../naming/identifier';
import { runCaptured, type CaptureResult } from './run-capture';

/** Where the migrations are and which empty database the lint may fill. */
export interface LintMigrationsOptions {
  /** The folder of migrations (sub-folders included, ordered by file name). */
  readonly migrationsDir: string;
  /** An EMPTY database the lint applies every migration to; its content is left migrated. */
  readonly scratchUrl: string;
  /** SQL file run on the empty scratch database before the first migration (see {@link lintSetupOf}). */
  readonly setupFile?: string;
  /**
   * Told the statements each up() and down() sent, as linted (a package policy reads them:
   * lint/policy.ts): up to a refused one, without the runner's BEGIN/COMMIT, and for an up()
   * the lint applied outside a transaction, the statements of that run.
   */
  readonly onCapture?: (migration: string, direction: 'up' | 'down', statements: readonly string[]) => void;
  /** A down() that changes nothing is by design (the additive-only policy): no `empty-down`. */
  readonly emptyDownExpected?: boolean;
}

/** What `lintMigrations` found, and the files it read (for annotations with file paths). */
export interface LintResult {
  readonly findings: Finding[];
  readonly migrations: readonly ScriptFile[];
  /** Migrations whose file could not be loaded (a syntax error, an import that fails): the lint could not judge them. */
  readonly unloadable: readonly string[];
}

class Rollback extends Error {}

/** How many migration names a message lists before "… (+n more)". */
const LISTED_NAMES = 5;

/**
 * Lints every migration of a folder. Needs an empty scratch database (the CLI creates and
 * drops one); refuses a database that already holds tables, so it can never touch a real one.
 * @example const { findings } = await lintMigrations({ migrationsDir: 'packages/billing/migrations', scratchUrl });
 */
export async function lintMigrations(options: LintMigrationsOptions): Promise<LintResult> {
  await loadParser();
  const migrations = listScripts(path.resolve(options.migrationsDir));
  const setupSql = options.setupFile !== undefined ? readSetup(options.setupFile) : undefined;
  let knex = connect(options.scratchUrl);
  const unloadable: string[] = [];
  const findings: Finding[] = [];
  // Migration code may print; the lint's stdout is its findings (JSON for tools).
  const restoreConsole = consoleToStderr();
  try {
    assertEmpty(await readCatalog(knex), options.scratchUrl);
    let searchPath: string | undefined;
    if (setupSql !== undefined) {
      // Sessions opened before the setup would keep the old search_path.
      await knex.destroy();
      searchPath = await applySetup(options.scratchUrl, setupSql, options.setupFile!);
      knex = connect(options.scratchUrl);
    }
    let catalog = await readCatalog(knex);
    /** The first migration whose up() could not be applied as written: the state after it may differ from production's. */
    let failed: string | undefined;
    for (const [index, script] of migrations.entries()) {
      const earlierFailure = failed;
      const own: Finding[] = [];
      const report = (list: Finding[]): void => void findings.push(...list.map((f) => afterFailure(f, earlierFailure)));
      let module: MigrationModule;
      try {
        module = loadMigration(script);
      } catch (error) {
        report([migrationFinding(script.name, 'up', MigrationRule.captureFailed, earlierFailure ? 'warning' : 'error', `${messageOf(error)}. Skipped: ${lintedWithout(migrations, index)}.`)]);
        unloadable.push(script.name);
        failed ??= script.name;
        continue;
      }
      const withoutTransaction = runsWithoutTransaction(module);
      const up = await runCaptured(knex, () => (withoutTransaction ? Promise.resolve(module.up(knex)) : knex.transaction(async (trx) => void (await module.up(trx)))));
      let upStatements = functionStatements(up, !withoutTransaction);
      let outcome: 'applied' | 'repaired' | 'skipped' = up.error === undefined ? 'applied' : 'skipped';
      let retryError = '';
      if (up.error !== undefined && !withoutTransaction && refusesTransactionBlock(up.error)) {
        // The fix is clear: config = { transaction: false }. Apply it that way so the later migrations see their state.
        const retry = await runCaptured(knex, () => Promise.resolve(module.up(knex)));
        upStatements = functionStatements(retry, false);
        if (retry.error === undefined) outcome = 'repaired';
        else retryError = ` Run outside a transaction it fails too (${errorText(retry)}), and what ran before that stays applied.`;
      }
      const afterUp = await readCatalog(knex);
      options.onCapture?.(script.name, 'up', upStatements);
      // Linted as the runner sends them: a transactional migration's statements run inside its transaction.
      own.push(...findingsOf(script.name, { direction: 'up', before: catalog, after: afterUp, statements: upStatements, startsInTransaction: !withoutTransaction }, catalog));
      if (up.error !== undefined) {
        const consequence = earlierFailure ? ` It comes after the failed ${earlierFailure}, which may be the cause.` : '';
        const next =
          outcome === 'repaired'
            ? ` The lint applied it outside a transaction, as config = { transaction: false } would, and went on.`
            : `${retryError} Skipped${withoutTransaction ? ' (statements before the failure stay applied, as they would)' : ''}: ${lintedWithout(migrations, index)}.`;
        own.push(migrationFinding(script.name, 'up', MigrationRule.captureFailed, earlierFailure ? 'warning' : 'error', `up() failed: ${errorText(up)} — the runner would fail here too.${next}${consequence}`, failedStatement(up)));
        if (outcome === 'skipped') {
          failed ??= script.name;
          report(acknowledge(own, module.lint, script.name));
          catalog = afterUp;
          continue;
        }
      }
      if (typeof module.down !== 'function') {
        own.push(migrationFinding(script.name, 'down', MigrationRule.missingDown, 'warning', 'exports no down(): the migration cannot be rolled back. Export down(knex) that undoes up(), or one that throws with the reason.'));
      } else {
        const down = withoutTransaction ? await captureDownOnCopy(options.scratchUrl, module, searchPath, () => knex.destroy()) : await captureDownRolledBack(knex, module);
        if (withoutTransaction) knex = connect(options.scratchUrl);
        const downStatements = functionStatements(down.capture, !withoutTransaction);
        const run: FunctionRun = { direction: 'down', before: afterUp, after: down.after, statements: downStatements, startsInTransaction: !withoutTransaction };
        options.onCapture?.(script.name, 'down', downStatements);
        own.push(...findingsOf(script.name, run, catalog));
        const error = down.capture.error instanceof Rollback ? undefined : down.capture.error;
        const reason = error !== undefined ? deliberateRefusal(error, down.capture, downStatements) : undefined;
        if (reason !== undefined) {
          own.push(migrationFinding(script.name, 'down', MigrationRule.irreversibleDown, 'info', `down() refuses to roll back ("${reason}"): the migration is declared irreversible, so a rollback past it stops here.`));
        } else if (error !== undefined) {
          own.push(migrationFinding(script.name, 'down', MigrationRule.captureFailed, 'warning', `down() failed: ${errorText(down.capture)} — a rollback of this migration would fail.`, failedStatement(down.capture)));
        } else if (!options.emptyDownExpected && !changesAnything(downStatements) && changesAnything(upStatements)) {
          own.push(
            migrationFinding(
              script.name,
              'down',
              MigrationRule.emptyDown,
              'warning',
              "down() changes nothing, but up() does: a rollback would report success and keep everything up() did. Write the exact undo, or throw an Error saying why it cannot be undone, or acknowledge it (lint.allow['empty-down']: 'why').",
            ),
          );
        }
      }
      report(acknowledge(own, module.lint, script.name));
      catalog = afterUp;
    }
  } finally {
    restoreConsole();
    await knex.destroy();
  }
  return { findings, migrations, unloadable };
}

/** The statements a function sent, as it sent them: up to the one refused, without the runner's own BEGIN and COMMIT/ROLLBACK. */
function functionStatements(capture: CaptureResult, transactional: boolean): string[] {
  let statements = capture.failedIndex !== undefined ? capture.statements.slice(0, capture.failedIndex + 1) : [...capture.statements];
  if (transactional) {
    if (/^begin;?$/i.test(statements[0]?.trim() ?? '')) statements = statements.slice(1);
    if (capture.failedIndex === undefined && /^(commit|rollback);?$/i.test(statements[statements.length - 1]?.trim() ?? '')) statements = statements.slice(0, -1);
  }
  return statements;
}

/** True when the server refused a statement because it cannot run inside a transaction block (SQLSTATE 25001). */
function refusesTransactionBlock(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === '25001';
}

/** Whether any statement changes schema or data; SQL the parser cannot read counts as a change. */
function changesAnything(statements: readonly string[]): boolean {
  return statements.some((sql) => {
    try {
      return parseStatements(sql).some(changesSomething);
    } catch {
      return true;
    }
  });
}

/** The reason of a down() that throws a plain Error of its own before changing anything, e.g. `throw new Error('irreversible: …')`. */
function deliberateRefusal(error: unknown, capture: CaptureResult, statements: readonly string[]): string | undefined {
  if (capture.failedIndex !== undefined || !(error instanceof Error) || error.constructor !== Error) return undefined;
  if (error.message.trim() === '' || changesAnything(statements)) return undefined;
  return error.message.trim();
}

/** Marks a finding that follows a failed migration: the state it was linted against may differ from production's. */
function afterFailure(finding: Finding, failed: string | undefined): Finding {
  if (failed === undefined) return finding;
  // A failure after a failure already says which one may be its cause.
  const said = finding.rule === MigrationRule.captureFailed && finding.message.includes(`after the failed ${failed}`);
  return { ...finding, message: said ? finding.message : `${finding.message} (after failed migration ${failed}: the state may differ)`, afterFailure: failed };
}

/** Findings of one function run; in down() each is one step below its up() severity, and destroying what up() created is only info. */
function findingsOf(migration: string, run: FunctionRun, beforeUp: Catalog): Finding[] {
  return checkStatements(run).map((raw) => toFinding(migration, run, raw, beforeUp));
}

function toFinding(migration: string, run: FunctionRun, raw: RawFinding, beforeUp: Catalog): Finding {
  let severity = raw.severity;
  let message = raw.message;
  if (run.direction === 'down') {
    if (raw.destructive && createdBetween(raw.object, beforeUp, run.before)) {
      severity = 'info';
      message = `rollback ${message} (created by up(): expected, but its data is lost)`;
    } else {
      severity = lower(raw.severity);
      if (raw.destructive) message = `rollback ${message}`;
    }
  }
  return {
    rule: raw.rule,
    severity,
    migration,
    direction: run.direction,
    statement: raw.statement,
    ...(raw.object ? { object: displayName(raw.object, run.before) } : {}),
    message,
    ...(raw.fix && severity !== 'info' ? { fix: raw.fix } : {}),
    acknowledged: false,
  };
}

const lower = (severity: Severity): Severity => (severity === 'error' ? 'warning' : 'info');

/** True when `key` (table, table.column, table.constraint, type, schema) exists in `after` but not in `before`. */
function createdBetween(key: string, before: Catalog, after: Catalog): boolean {
  return exists(after, key) && !exists(before, key);
}

function exists(catalog: Catalog, key: string): boolean {
  if (catalog.tables.has(key) || catalog.types.has(key) || catalog.schemas.has(key) || catalog.indexes.has(key)) return true;
  const dot = key.lastIndexOf('.');
  const table = key.slice(0, dot);
  const name = key.slice(dot + 1);
  return catalog.tables.get(table)?.columns.has(name) === true || catalog.constraints.some((k) => k.table === table && k.name === name);
}

async function captureDownRolledBack(knex: Knex, module: MigrationModule): Promise<{ capture: CaptureResult; after: Catalog | undefined }> {
  let after: Catalog | undefined;
  const capture = await runCaptured(knex, (mark) =>
    knex.transaction(async (trx) => {
      await module.down!(trx);
      mark();
      after = await readCatalog(trx);
      throw new Rollback('lint rolls back down()');
    }),
  );
  return { capture, after };
}

/** Runs a `transaction: false` down() on a copy of the scratch database, then drops the copy. */
async function captureDownOnCopy(scratchUrl: string, module: MigrationModule, searchPath: string | undefined, release: () => Promise<void>): Promise<{ capture: CaptureResult; after: Catalog | undefined }> {
  await release(); // a template database must have no other session
  const copy = await createScratchDatabase(scratchUrl, 'lint_down', { template: parseUrl(scratchUrl).database! });
  try {
    // Settings of a database are not copied with it: the setup's search_path is set again.
    if (searchPath !== undefined) await adminQuery(copy.url, `ALTER DATABASE ${quoteIdentifier(copy.name)} SET search_path TO ${searchPath}`);
    const knex = connect(copy.url);
    try {
      const capture = await runCaptured(knex, () => Promise.resolve(module.down!(knex)));
      return { capture, after: capture.error === undefined ? await readCatalog(knex) : undefined };
    } finally {
      await knex.destroy();
    }
  } finally {
    await copy.drop().catch(() => undefined);
  }
}

/** The server's message without the SQL Knex puts in front of it (the finding shows the statement). */
function errorText(capture: CaptureResult): string {
  const message = messageOf(capture.error);
  const raw = capture.error instanceof Error ? capture.error.message : message;
  const separator = raw.lastIndexOf(' - ');
  return capture.failedIndex !== undefined && separator > 0 ? raw.slice(separator + 3).split('\n')[0]! : message;
}

function failedStatement(capture: CaptureResult): string {
  return capture.failedIndex !== undefined ? (capture.statements[capture.failedIndex] ?? '') : '';
}

/** `the 3 migrations after it (a, b, c) are linted without it`, at most five names listed. */
function lintedWithout(migrations: readonly ScriptFile[], index: number): string {
  const rest = migrations.slice(index + 1).map((m) => m.name);
  if (rest.length === 0) return 'it is the last migration';
  if (rest.length === 1) return `the migration after it (${rest[0]}) is linted without it`;
  return `the ${rest.length} migrations after it (${listNames(rest, LISTED_NAMES)}) are linted without it`;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function migrationFinding(migration: string, direction: 'up' | 'down', rule: string, severity: Severity, message: string, statement = ''): Finding {
  return { rule, severity, migration, direction, statement, message, acknowledged: false };
}

function assertEmpty(catalog: Catalog, url: string): void {
  const table = [...catalog.tables.keys()][0];
  const type = [...catalog.types.keys()][0];
  const schema = [...catalog.schemas].find((s) => s !== 'public');
  const found = table ? `table ${table}` : type ? `type ${type}` : schema ? `schema ${schema}` : undefined;
  if (found) {
    throw new ConfigError(`scratch database ${maskUrl(url)} is not empty (it has ${found}): lint applies every migration to it, so give it an empty database (strata lint --url creates one for you)`);
  }
}
