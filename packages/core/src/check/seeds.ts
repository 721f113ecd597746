import { messageOf, MigrationError } from '../errors';
import { relationOf } from '../lint/ast';
import { loadParser, parseReadable } from '../lint/parser';
import { captureStatements, type CapturedStatement } from '../migrations/capture';
import { listScripts } from '../migrations/source';
import { SeedProfile } from '../seeds/module';
import { runSeeds, undoSeeds, type SeedProps } from '../seeds/runner';
import { countChanges, rowCounts } from './row-counts';
import { migrate, onScratch, runFailure, type ScratchSession } from './scratch-run';
import type { CheckFailure, CheckOptions, CheckSubject, StepOutcome } from './types';

/** Which tables each seed wrote to during one seed run, by seed name. */
type WritesBySeed = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Step 6, seeds: at latest, the reference then the demo profile apply; running them all again
 * changes no table's row count (seeds are idempotent); undo brings every table back to its
 * count before seeding. A failure names the seed, found from the statements it sent.
 */
export async function checkSeeds(subject: CheckSubject, options: CheckOptions): Promise<StepOutcome> {
  const seeds = listScripts(subject.seedsDir);
  if (seeds.length === 0) return { failures: [], skipped: 'no seeds' };
  await loadParser();
  const fileOf = new Map(seeds.map((s) => [s.name, s.file]));
  return onScratch(options.serverUrl, subject, 'seeds', async (session) => {
    try {
      await migrate(session, subject, { action: 'latest' });
    } catch (error) {
      return { failures: [runFailure(subject, error, 'while migrating to latest before seeding')] };
    }
    const props = seedProps(session, subject);
    const before = await rowCounts(session.knex);
    const failures: CheckFailure[] = [];
    const seedFailure = (error: unknown, doing: string): CheckFailure =>
      error instanceof MigrationError
        ? { migration: error.migration, file: error.file, message: `${subject.label}: seed ${error.migration} failed ${doing}: ${messageOf(error.cause)}` }
        : { message: `${subject.label}: seeds failed ${doing}: ${messageOf(error)}` };

    let firstRun: WritesBySeed;
    try {
      const reference = await seedRun(session, () => runSeeds(props, SeedProfile.reference));
      const demo = await seedRun(session, () => runSeeds(props, SeedProfile.demo));
      firstRun = new Map([...reference, ...demo]);
    } catch (error) {
      return { failures: [seedFailure(error, 'on first run (reference, then demo)')] };
    }
    const seeded = await rowCounts(session.knex);

    try {
      const rerun = await seedRun(session, () => runSeeds(props, SeedProfile.demo, { rerun: true }));
      for (const change of countChanges(seeded, await rowCounts(session.knex))) {
        const culprits = writersOf(rerun, change.table);
        const who = culprits.length > 0 ? `seed ${culprits.join(', ')} is not idempotent` : 'the seeds are not idempotent';
        failures.push({
          migration: culprits[0],
          file: culprits[0] ? fileOf.get(culprits[0]) : undefined,
          object: `table ${change.table}`,
          message: `${subject.label}: ${who}: running it again changes the row count of table ${change.table} (${change.before} → ${change.after}); upsert on a natural key (insert … on conflict … merge)`,
        });
      }
    } catch (error) {
      failures.push(seedFailure(error, 'when run again (--rerun)'));
    }

    try {
      await undoSeeds(props);
      for (const change of countChanges(before, await rowCounts(session.knex))) {
        const culprits = writersOf(firstRun, change.table);
        const who = culprits.length > 0 ? `undo() of seed ${culprits.join(', ')}` : 'undoing the seeds';
        failures.push({
          migration: culprits[0],
          file: culprits[0] ? fileOf.get(culprits[0]) : undefined,
          object: `table ${change.table}`,
          message: `${subject.label}: ${who} leaves table ${change.table} with ${change.after} row(s), ${change.before} before seeding: undo() must delete exactly what seed() wrote`,
        });
      }
    } catch (error) {
      failures.push(seedFailure(error, 'on undo'));
    }
    return { failures };
  });
}

function seedProps(session: ScratchSession, subject: CheckSubject): SeedProps {
  return {
    knex: session.knex,
    url: session.url,
    migrationsDir: subject.migrationsDir,
    seedsDir: subject.seedsDir,
    // A scratch database is never production, whatever this shell's STRATA_ENV says.
    context: { production: false, env: process.env },
    lockTimeoutMs: 60_000,
    log: () => undefined,
  };
}

/**
 * Runs seeds while recording their statements, and splits the record per seed: the runner
 * records each seed in `strata_seeds` right after running it, in the order it reports them.
 */
async function seedRun(session: ScratchSession, run: () => Promise<string[]>): Promise<WritesBySeed> {
  const { result: ran, statements } = await captureStatements(session.knex, run);
  const names = ran.map((line) => line.replace(/ \(.*$/, ''));
  const segments: CapturedStatement[][] = [[]];
  for (const statement of statements) {
    if (/^\s*insert\s+into\s+"strata_seeds"/i.test(statement.sql)) segments.push([]);
    else segments[segments.length - 1]!.push(statement);
  }
  return new Map(names.map((name, index) => [name, writtenTables(segments[index] ?? [])]));
}

/** Tables a list of statements inserts into, updates, deletes from or merges into. */
function writtenTables(statements: readonly CapturedStatement[]): Set<string> {
  const tables = new Set<string>();
  for (const { kind, node } of parseReadable(statements.map((statement) => statement.sql))) {
    if (!['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt'].includes(kind)) continue;
    const relation = relationOf(node.relation);
    if (relation) tables.add(relation.schema && relation.schema !== 'public' ? `${relation.schema}.${relation.name}` : relation.name);
  }
  return tables;
}

function writersOf(writes: WritesBySeed, table: string): string[] {
  return [...writes.entries()].filter(([, tables]) => tables.has(table)).map(([name]) => name);
}
