import { existsSync } from 'node:fs';
import path from 'node:path';
import { compareDocs, docsFileOf, generateDocs, writeDocs } from '../docs';
import { listScripts } from '../migrations/source';
import type { PackageInfo } from '../workspace/packages';
import { runFailure } from './scratch-run';
import type { CheckOptions, StepOutcome } from './types';

/**
 * Step 8, docs: the committed `docs/SCHEMA.md` is byte for byte what `strata docs` writes now.
 * `--update` writes it, like schema.snapshot. Generated on two scratch databases side by side
 * (the runner's migration, the linter's), so the step takes about as long as the lint.
 */
export async function checkDocs(subject: PackageInfo, options: CheckOptions): Promise<StepOutcome> {
  if (listScripts(subject.migrationsDir).length === 0) return { failures: [], skipped: 'no migrations' };
  // Like drift's snapshot: a folder of another project has no docs to keep fresh until it writes them.
  if (!subject.conventions && !options.update && !existsSync(docsFileOf(subject))) return { failures: [], skipped: 'no docs/SCHEMA.md, not a Strata package' };
  const relative = path.relative(process.cwd(), docsFileOf(subject)) || docsFileOf(subject);
  let text: string;
  try {
    text = await generateDocs(subject, options.serverUrl, options.setupFile);
  } catch (error) {
    return { failures: [runFailure(subject, error, 'while generating the docs')] };
  }
  if (options.update) return { failures: [], notes: writeDocs(subject, text) ? [`wrote ${relative}: review and commit it`] : [] };
  const comparison = compareDocs(subject, text);
  const at = { file: comparison.file };
  if (comparison.state === 'missing') return { failures: [{ ...at, message: `${subject.label}: ${relative} is missing: run ${fixOf(subject)} (or strata check --update) and commit it` }] };
  if (comparison.state === 'stale') {
    return {
      failures: [{ ...at, message: `${subject.label}: ${relative} is stale (differs from line ${comparison.firstDifference}): run ${fixOf(subject)} (or strata check --update) and commit it`, details: [`--- ${relative} (committed)`, '+++ strata docs', ...comparison.excerpt] }],
    };
  }
  return { failures: [] };
}

/** The command that writes this subject's docs, from the current folder. */
function fixOf(subject: PackageInfo): string {
  if (subject.kind === 'folder') return `strata docs --migrations ${path.relative(process.cwd(), subject.migrationsDir) || '.'}`;
  const where = path.relative(process.cwd(), subject.dir);
  return where === '' ? 'strata docs' : `strata docs in ${where}`;
}
