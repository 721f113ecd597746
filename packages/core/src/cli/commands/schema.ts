/** `strata schema dump|diff`: deterministic schema snapshots and their differences. */
import { readFileSync, writeFileSync } from 'node:fs';
import { maskSecrets, maskUrl, parseUrl } from '../../db/url';
import { ConfigError, StrataError, UsageError } from '../../errors';
import { diffSnapshotEntries } from '../../schema/diff';
import { readSnapshotDocument, renderSnapshotJson, renderSnapshotText, snapshotEntries, type SnapshotEntry } from '../../schema/render';
import { snapshotSchema } from '../../schema/snapshot';
import type { SchemaSnapshot } from '../../schema/types';
import { FlagKind, stringFlag, type Command, type Io, type ParsedArgs } from '../command';
import { USAGE } from './usage';

/** Output formats of `strata schema dump`. */
export const SnapshotFormat = {
  /** Reviewable text, one object per line (the document packages commit). */
  text: 'text',
  /** Stable JSON with sorted keys. */
  json: 'json',
} as const;
export type SnapshotFormat = (typeof SnapshotFormat)[keyof typeof SnapshotFormat];

const URL_PATTERN = /^postgres(ql)?:\/\//i;

/** Reads a snapshot from a database, turning driver errors into one masked line. */
export async function snapshotFromUrl(url: string, schema?: string): Promise<SchemaSnapshot> {
  parseUrl(url);
  try {
    return await snapshotSchema(url, schema === undefined ? {} : { schema });
  } catch (error) {
    if (error instanceof StrataError) throw error;
    throw new ConfigError(`cannot read the schema of ${maskUrl(url)}: ${maskSecrets((error as Error).message ?? String(error))}`, { cause: error });
  }
}

/** Reads one side of `schema diff`: a postgres:// URL or a snapshot file (text or JSON). */
export async function loadSnapshotEntries(operand: string, schema?: string): Promise<SnapshotEntry[]> {
  if (URL_PATTERN.test(operand)) return snapshotEntries(await snapshotFromUrl(operand, schema));
  let text: string;
  try {
    text = readFileSync(operand, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read snapshot file ${operand}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (pass a snapshot file or a postgres:// URL)`);
  }
  return readSnapshotDocument(text, operand);
}

/** Options of {@link runSchemaDump}. */
export interface SchemaDumpOptions {
  /** The database, already resolved (from --url or the lead's target resolution). */
  readonly url: string;
  readonly format?: SnapshotFormat;
  /** File to write; stdout when omitted. */
  readonly out?: string;
  readonly schema?: string;
}

/**
 * `strata schema dump`: writes the snapshot of a database as text or JSON.
 * @example await runSchemaDump({ url, format: 'text', out: 'schema.txt' }, io)
 */
export async function runSchemaDump(options: SchemaDumpOptions, io: Io): Promise<number> {
  const snapshot = await snapshotFromUrl(options.url, options.schema);
  const document = options.format === SnapshotFormat.json ? renderSnapshotJson(snapshot) : renderSnapshotText(snapshot);
  if (options.out === undefined) {
    for (const line of document.replace(/\n$/, '').split('\n')) io.out(line);
    return 0;
  }
  try {
    writeFileSync(options.out, document);
  } catch (error) {
    throw new ConfigError(`cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.err(`wrote the schema snapshot of ${maskUrl(options.url)} to ${options.out}`);
  return 0;
}

/**
 * `strata schema diff A B`: prints one line per differing object; 1 when they differ.
 * @example await runSchemaDiff('schema.txt', process.env.DATABASE_URL!, io)
 */
export async function runSchemaDiff(a: string, b: string, io: Io, schema?: string): Promise<number> {
  const [before, after] = [await loadSnapshotEntries(a, schema), await loadSnapshotEntries(b, schema)];
  const lines = diffSnapshotEntries(before, after);
  for (const line of lines) io.out(line);
  const name = (operand: string) => (URL_PATTERN.test(operand) ? maskUrl(operand) : operand);
  io.err(lines.length === 0 ? `schemas are the same: ${name(a)} and ${name(b)}` : `${lines.length} difference(s) between ${name(a)} (-) and ${name(b)} (+)`);
  return lines.length === 0 ? 0 : 1;
}

function formatFlag(args: ParsedArgs): SnapshotFormat {
  const format = stringFlag(args, 'format') ?? SnapshotFormat.text;
  if (!Object.hasOwn(SnapshotFormat, format)) throw new UsageError(`--format must be ${Object.keys(SnapshotFormat).join(' or ')} (got '${format}')`);
  return format as SnapshotFormat;
}

/** The `strata schema` command; `resolveUrl` lets the CLI supply a resolved target when --url is absent. */
export function createSchemaCommand(resolveUrl?: (args: ParsedArgs) => Promise<string | undefined> | string | undefined): Command {
  return {
    name: 'schema',
    usage: USAGE.schema,
    flags: { format: FlagKind.string, out: FlagKind.string, schema: FlagKind.string },
    async run(args, io) {
      const [action, ...operands] = args.positionals;
      const schema = stringFlag(args, 'schema');
      switch (action) {
        case 'dump': {
          if (operands.length > 0) throw new UsageError(`unexpected argument '${operands[0]}' for strata schema dump: name the database with --url`);
          const format = formatFlag(args);
          const url = stringFlag(args, 'url') ?? (await resolveUrl?.(args));
          if (!url) throw new UsageError('strata schema dump needs --url postgres://… naming the database to describe');
          const out = stringFlag(args, 'out');
          return runSchemaDump({ url, format, ...(out === undefined ? {} : { out }), ...(schema === undefined ? {} : { schema }) }, io);
        }
        case 'diff': {
          if (operands.length !== 2) throw new UsageError(`strata schema diff needs two snapshots (files or postgres:// URLs), got ${operands.length}`);
          if (stringFlag(args, 'format') !== undefined || stringFlag(args, 'out') !== undefined) throw new UsageError('--format and --out belong to strata schema dump');
          return runSchemaDiff(operands[0] as string, operands[1] as string, io, schema);
        }
        default:
          throw new UsageError(`strata schema needs dump or diff${action ? ` (got '${action}')` : ''}`);
      }
    },
  };
}

/** `strata schema dump|diff` with --url required (until the CLI passes a resolved target). */
export const schemaCommand: Command = createSchemaCommand();
