/**
 * `strata lint` for Knex migrations: runs every migration of a folder on an empty scratch
 * database, records the SQL its up() and down() really send, and lints each statement
 * against what existed when it ran.
 *
 * How each migration is run (i = 1…n, in file-name order, as the runner orders them):
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
 *   explains it, e.g. `concurrently-in-transaction`); when up() fails, the later migrations
 *   cannot be brought to their state, so they are listed as not linted.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { connect } from '../db/connect';
import { createScratchDatabase } from '../db/scratch';
import { maskUrl, parseUrl } from '../db/url';
import { ConfigError, messageOf } from '../errors';
import { listScripts, loadMigration, runsWithoutTransaction, type MigrationModule, type ScriptFile } from '../migrations/source';
import { acknowledge } from './acknowledge';
import { readCatalog, type Catalog } from './catalog';
import { checkStatements, type FunctionRun, type RawFinding } from './check-statements';
import type { Finding, Severity } from './finding';
import { loadParser } from './parser';
import { MigrationRule } from './rules';
import { displayName } from './rules/types';
import { runCaptured, type CaptureResult } from './run-capture';

/** Where the migrations are and which empty database the lint may fill. */
export interface LintMigrationsOptions {
  /** The folder of migrations (sub-folders included, ordered by file name). */
  readonly migrationsDir: string;
  /** An EMPTY database the lint applies every migration to; its content is left migrated. */
  readonly scratchUrl: string;
  /** Told the statements each up() and down() sent, as captured (a package policy reads them: lint/policy.ts). */
  readonly onCapture?: (migration: string, direction: 'up' | 'down', statements: readonly string[]) => void;
}

/** What `lintMigrations` found, and the files it read (for annotations with file paths). */
export interface LintResult {
  readonly findings: Finding[];
  readonly migrations: readonly ScriptFile[];
}

class Rollback extends Error {}

/**
 * Lints every migration of a folder. Needs an empty scratch database (the CLI creates and
 * drops one); refuses a database that already holds tables, so it can never touch a real one.
 * @example const { findings } = await lintMigrations({ migrationsDir: 'packages/billing/migrations', scratchUrl });
 */
export async function lintMigrations(options: LintMigrationsOptions): Promise<LintResult> {
  await loadParser();
  const migrations = listScripts(path.resolve(options.migrationsDir));
  let knex = connect(options.scratchUrl);
  const findings: Finding[] = [];
  try {
    let catalog = await readCatalog(knex);
    assertEmpty(catalog, options.scratchUrl);
    for (const [index, script] of migrations.entries()) {
      let module: MigrationModule;
      try {
        module = loadMigration(script);
      } catch (error) {
        findings.push(migrationFinding(script.name, 'up', MigrationRule.captureFailed, 'error', `${messageOf(error)}.${notLinted(migrations, index)}`));
        break;
      }
      const own: Finding[] = [];
      const withoutTransaction = runsWithoutTransaction(module);
      const up = await runCaptured(knex, () => (withoutTransaction ? Promise.resolve(module.up(knex)) : knex.transaction(async (trx) => void (await module.up(trx)))));
      const afterUp = await readCatalog(knex);
      options.onCapture?.(script.name, 'up', up.statements);
      own.push(...findingsOf(script.name, up, { direction: 'up', before: catalog, after: afterUp, statements: up.statements }, catalog));
      if (up.error !== undefined) {
        own.push(migrationFinding(script.name, 'up', MigrationRule.captureFailed, 'error', `up() failed: ${errorText(up)} — the runner would fail here too.${notLinted(migrations, index)}`, failedStatement(up)));
        findings.push(...acknowledge(own, module.lint, script.name));
        break;
      }
      if (typeof module.down !== 'function') {
        own.push(migrationFinding(script.name, 'down', MigrationRule.missingDown, 'warning', 'exports no down(): the migration cannot be rolled back. Export down(knex) that undoes up(), or one that throws with the reason.'));
      } else {
        const down = withoutTransaction ? await captureDownOnCopy(options.scratchUrl, module, () => knex.destroy()) : await captureDownRolledBack(knex, module);
        if (withoutTransaction) knex = connect(options.scratchUrl);
        const run: FunctionRun = { direction: 'down', before: afterUp, after: down.after, statements: down.capture.statements };
        options.onCapture?.(script.name, 'down', down.capture.statements);
        own.push(...findingsOf(script.name, down.capture, run, catalog));
        if (down.capture.error !== undefined && !(down.capture.error instanceof Rollback)) {
          own.push(migrationFinding(script.name, 'down', MigrationRule.captureFailed, 'warning', `down() failed: ${errorText(down.capture)} — a rollback of this migration would fail.`, failedStatement(down.capture)));
        }
      }
      findings.push(...acknowledge(own, module.lint, script.name));
      catalog = afterUp;
    }
  } finally {
    await knex.destroy();
  }
  return { findings, migrations };
}

/** Findings of one function run; in down() each is one step below its up() severity, and destroying what up() created is only info. */
function findingsOf(migration: string, capture: CaptureResult, run: FunctionRun, beforeUp: Catalog): Finding[] {
  const statements = capture.failedIndex !== undefined ? capture.statements.slice(0, capture.failedIndex + 1) : capture.statements;
  return checkStatements({ ...run, statements }).map((raw) => toFinding(migration, run, raw, beforeUp));
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
async function captureDownOnCopy(scratchUrl: string, module: MigrationModule, release: () => Promise<void>): Promise<{ capture: CaptureResult; after: Catalog | undefined }> {
  await release(); // a template database must have no other session
  const copy = await createScratchDatabase(scratchUrl, 'lint_down', { template: parseUrl(scratchUrl).database! });
  try {
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

function notLinted(migrations: readonly ScriptFile[], index: number): string {
  const rest = migrations.slice(index + 1).map((m) => m.name);
  return rest.length > 0 ? ` Not linted, since they need this one applied: ${rest.join(', ')}.` : '';
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
