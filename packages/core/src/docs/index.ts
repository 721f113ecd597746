/**
 * `strata docs`: each package's schema document (`docs/SCHEMA.md`) — ERD, migration order, safety,
 * tables, enums, functions, SQL preview — generated from a scratch database migrated to latest and
 * from the migration files, byte for byte the same on every run and PostgreSQL major.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageInfo } from '../workspace/packages';
import { collectDocsInput, docsFileOf } from './collect';
import { renderSchemaDocs } from './render';

export { collectDocsInput, docsDirOf, docsFileOf, type DocsInput, type MigrationDoc } from './collect';
export { GENERATED_MARKER, renderSchemaDocs, tableGroups, type RenderOptions } from './render';
export { erDiagrams, MAX_TABLES_PER_DIAGRAM, renderDiagram, type Diagram, type TableGroup } from './erd';
export { tableModels, type TableModel } from './model';
export { migrationEffects, type MigrationEffects } from './effects';
export { docSummary } from './summary';

/**
 * The text `strata docs` writes for a package, generated on scratch databases of a server.
 * @example const text = await generateDocs(pkg, 'postgres://postgres@127.0.0.1:5432/postgres');
 */
export async function generateDocs(pkg: PackageInfo, serverUrl: string, setupFile?: string): Promise<string> {
  return renderSchemaDocs(await collectDocsInput(pkg, serverUrl, setupFile));
}

/** How the committed document compares with the generated one. */
export interface DocsComparison {
  readonly file: string;
  /** `missing`: no file; `stale`: it differs; `fresh`: byte for byte the same. */
  readonly state: 'missing' | 'stale' | 'fresh';
  /** 1-based number of the first line that differs (stale only). */
  readonly firstDifference?: number;
  /** A few lines around the first difference, `- committed` / `+ generated` (stale only). */
  readonly excerpt: readonly string[];
}

/** Compares the committed `docs/SCHEMA.md` with `text`. */
export function compareDocs(pkg: PackageInfo, text: string): DocsComparison {
  const file = docsFileOf(pkg);
  if (!existsSync(file)) return { file, state: 'missing', excerpt: [] };
  const committed = readFileSync(file, 'utf8');
  if (committed === text) return { file, state: 'fresh', excerpt: [] };
  const a = committed.split('\n');
  const b = text.split('\n');
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  const excerpt: string[] = [];
  for (let i = first; i < Math.max(a.length, b.length) && excerpt.length < 6; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) excerpt.push(`- ${clip(a[i]!)}`);
    if (b[i] !== undefined) excerpt.push(`+ ${clip(b[i]!)}`);
  }
  return { file, state: 'stale', firstDifference: first + 1, excerpt };
}

/** Writes the document (creating `docs/`); returns false when the file already had this text. */
export function writeDocs(pkg: PackageInfo, text: string): boolean {
  const file = docsFileOf(pkg);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return true;
}

function clip(line: string): string {
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
