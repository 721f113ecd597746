import { quoteQualified } from '../naming/identifier';
import type { PackageInfo } from '../workspace/packages';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { messageOf } from '../errors';
import { loadParser } from '../lint/parser';
import { checksumOf, listScripts, type ScriptFile } from '../migrations/source';
import { createdObjects, type CreatedObject } from './created-objects';
import { checkNames } from './names';
import { migrate, onScratch, runFailure } from './scratch-run';
import { compareSum, parseSumFile, renderSumFile, type SumFile } from './sum-file';
import { FOREIGN_FOLDER_NOTE, type CheckFailure, type CheckOptions, type StepOutcome } from './types';

/**
 * Step 1, history: names unique and sortable; `migrations.sum` matches the files (with
 * `--update`, new migrations are added to it, edited ones never); no two migrations create
 * the same table or type (each up() is applied on a scratch database and its statements read).
 */
export async function checkHistory(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  let scripts: ScriptFile[];
  try {
    scripts = listScripts(subject.migrationsDir);
  } catch (error) {
    return { failures: [{ message: `${subject.label}: ${messageOf(error)}` }] };
  }
  const failures: CheckFailure[] = checkNames(scripts).map((f) => ({ ...f, message: `${subject.label}: ${f.message}` }));
  const notes: string[] = [];
  // A foreign folder is checked for safety; its history is pinned only once it has a migrations.sum.
  if (!subject.conventions) notes.push(FOREIGN_FOLDER_NOTE);
  if (subject.conventions || options.update || existsSync(subject.sumFile)) failures.push(...checkSumFile(subject, scripts, options.update, notes));
  failures.push(...(await checkCreations(subject, scripts, options)));
  return { failures, notes };
}

/** Compares migrations.sum with the files; with `update`, writes it when only additions differ. */
export function checkSumFile(subject: PackageInfo, scripts: readonly ScriptFile[], update: boolean, notes: string[]): CheckFailure[] {
  const files = scripts.map((s) => ({ name: s.name, checksum: checksumOf(s.file) }));
  const fileOf = new Map(scripts.map((s) => [s.name, s.file]));
  const relative = path.relative(process.cwd(), subject.sumFile) || subject.sumFile;
  const at = { file: subject.sumFile };
  if (!existsSync(subject.sumFile)) {
    if (update) {
      writeFileSync(subject.sumFile, renderSumFile(files));
      notes.push(`wrote ${relative} (${files.length} migrations): commit it`);
      return [];
    }
    return [{ ...at, message: `${subject.label}: ${relative} is missing: run strata check --update to create it, then commit it` }];
  }
  let sum: SumFile;
  try {
    sum = parseSumFile(readFileSync(subject.sumFile, 'utf8'), relative);
  } catch (error) {
    return [{ ...at, message: `${subject.label}: ${messageOf(error)}` }];
  }
  const comparison = compareSum(files, sum);
  const failures: CheckFailure[] = [];
  for (const edit of comparison.edited) {
    failures.push({
      migration: edit.name,
      file: fileOf.get(edit.name),
      message:
        `${subject.label}: ${edit.name} was edited after it was committed (${relative} has ${edit.committed.slice(0, 12)}, the file is ${edit.now.slice(0, 12)}): ` +
        'revert the edit and put the change in a new migration (strata migrate make); --update never rewrites a committed line — ' +
        'only if it was never applied anywhere, delete its line from the file by hand and run strata check --update',
    });
  }
  for (const name of comparison.removed) {
    failures.push({ ...at, migration: name, message: `${subject.label}: ${name} is committed in ${relative} but its file is gone: restore it (databases may have applied it)` });
  }
  for (const name of comparison.outOfOrder) {
    failures.push({
      migration: name,
      file: fileOf.get(name),
      message: `${subject.label}: ${name} is new but sorts before committed migrations (a branch merge?): rename it with a newer timestamp so databases apply it last`,
    });
  }
  const blocked = failures.length > 0;
  if (!blocked && (comparison.added.length > 0 || comparison.totalMismatch)) {
    if (update) {
      writeFileSync(subject.sumFile, renderSumFile([...sum.entries, ...comparison.added]));
      notes.push(`added ${comparison.added.length} migration(s) to ${relative}: commit it`);
    } else {
      for (const added of comparison.added) {
        failures.push({ migration: added.name, file: fileOf.get(added.name), message: `${subject.label}: ${added.name} is not in ${relative} yet: run strata check --update and commit the file` });
      }
      if (comparison.added.length === 0) failures.push({ ...at, message: `${subject.label}: the total line of ${relative} does not match its lines (hand edit or merge): run strata check --update` });
    }
  }
  return failures;
}

/** Applies each migration alone, reading which tables and types its up() creates. */
async function checkCreations(subject: PackageInfo, scripts: readonly ScriptFile[], options: CheckOptions): Promise<CheckFailure[]> {
  await loadParser();
  return onScratch(options, subject, 'history', async (session) => {
    const creators = new Map<string, string>();
    const failures: CheckFailure[] = [];
    for (const script of scripts) {
      let statements;
      try {
        statements = (await migrate(session, subject, { action: 'up' })).steps.flatMap((step) => step.statements);
      } catch (error) {
        failures.push(runFailure(subject, error, 'on an empty database'));
        break;
      }
      for (const object of createdObjects(statements)) {
        // A helper's temporary object (an enum replace's `x__new`, renamed away) does not count.
        if (!(await exists(session.knex, object))) continue;
        const key = `${object.kind} ${object.name}`;
        const first = creators.get(key);
        if (first && first !== script.name) {
          failures.push({
            migration: script.name,
            object: key,
            file: script.file,
            message: `${subject.label}: ${script.name} creates ${key}, which ${first} already creates: change it in a new migration (ALTER), do not create it again`,
          });
        } else creators.set(key, script.name);
      }
    }
    return failures;
  });
}

/** Whether a table or type of that name exists now. */
async function exists(knex: Knex, object: CreatedObject): Promise<boolean> {
  const quoted = quoteQualified(object.name);
  const probe = object.kind === 'table' ? 'to_regclass' : 'to_regtype';
  const { rows } = (await knex.raw(`SELECT ${probe}(?)::text AS found`, [quoted])) as { rows: Array<{ found: string | null }> };
  return rows[0]?.found !== null && rows[0]?.found !== undefined;
}
