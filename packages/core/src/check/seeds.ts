import type { PackageInfo } from '../workspace/packages';
import { messageOf, MigrationError } from '../errors';
import { relationOf } from '../lint/ast';
import { loadParser, parseReadable } from '../lint/parser';
import type { CapturedStatement } from '../migrations/capture';
import type { StepRecord } from '../migrations/records';
import { listScripts } from '../migrations/source';
import { SeedProfile } from '../seeds/module';
import { countChanges, rowCounts } from './row-counts';
import { migrate, onScratch, runFailure, seed, unseed } from './scratch-run';
import type { CheckFailure, CheckOptions, StepOutcome } from './types';

/** Which tables each seed wrote to during one seed run, by seed name. */
type WritesBySeed = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Step 6, seeds: at latest, the reference then the demo profile apply; running them all again
 * changes no table's row count (seeds are idempotent); undo brings every table back to its
 * count before seeding. A failure names the seed, found from the statements it sent.
 */
export async function checkSeeds(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  const seeds = listScripts(subject.seedsDir);
  if (seeds.length === 0) return { failures: [], skipped: 'no seeds' };
  await loadParser();
  const fileOf = new Map(seeds.map((s) => [s.name, s.file]));
  return onScratch(options, subject, 'seeds', async (session) => {
    try {
      await migrate(session, subject, { action: 'latest' });
    } catch (error) {
      return { failures: [runFailure(subject, error, 'while migrating to latest before seeding')] };
    }
    const before = await rowCounts(session.knex);
    const failures: CheckFailure[] = [];
    const seedFailure = (error: unknown, doing: string): CheckFailure =>
      error instanceof MigrationError
        ? { migration: error.migration, file: error.file, message: `${subject.label}: seed ${error.migration} failed ${doing}: ${messageOf(error.cause)}` }
        : { message: `${subject.label}: seeds failed ${doing}: ${messageOf(error)}` };

    let firstRun: WritesBySeed;
    try {
      const reference = await seed(session, subject, SeedProfile.reference);
      const demo = await seed(session, subject, SeedProfile.demo);
      firstRun = writesBySeed([...reference, ...demo]);
    } catch (error) {
      return { failures: [seedFailure(error, 'on first run (reference, then demo)')] };
    }
    const seeded = await rowCounts(session.knex);

    try {
      const rerun = writesBySeed(await seed(session, subject, SeedProfile.demo, true));
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
      await unseed(session, subject);
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

/** Which tables each seed wrote to, from the runner's records of a seed run. */
function writesBySeed(records: readonly StepRecord[]): WritesBySeed {
  return new Map(records.map((record) => [record.name, writtenTables(record.statements)]));
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
