/** Rules for statements that lose data. */
import { resolveName } from '../catalog';
import { alterCommands, dropObjects, relationOf, splitName, updateTargets } from '../ast';
import type { ParsedStatement } from '../parser';
import { displayName, existingTable, listNames, type Hit, type Rule, type StatementContext } from './types';

const SQUAWK = 'https://squawkhq.com/docs/';

function describeTable(context: StatementContext, key: string): string {
  const columns = [...(context.before.tables.get(key)?.columns.keys() ?? [])];
  return columns.length > 0 ? `${displayName(key)} (${listNames(columns)})` : displayName(key);
}

function dropsOf(kind: string, statement: { kind: string; node: Record<string, unknown> }): string[][] {
  return statement.kind === 'DropStmt' && statement.node.removeType === kind ? dropObjects(statement.node) : [];
}

const cascade = (node: Record<string, unknown>): string => (node.behavior === 'DROP_CASCADE' ? ' CASCADE also drops everything that depends on it.' : '');

export const dropTable: Rule = {
  id: 'drop-table',
  severity: 'error',
  destructive: true,
  fix: 'Stop reading and writing the table in a release first; drop it in a later migration that acknowledges it, after a backup.',
  anchor: `${SQUAWK}ban-drop-table`,
  check(statement, context) {
    const hits: Hit[] = [];
    for (const parts of dropsOf('OBJECT_TABLE', statement)) {
      const { schema, name } = splitName(parts);
      const key = existingTable(context, schema, name);
      if (key) {
        hits.push({ object: key, message: `drops table ${describeTable(context, key)} and every row in it.${cascade(statement.node)}` });
        continue;
      }
      // An existing table renamed earlier in this function still holds its rows, unless a table swap copied them.
      const current = resolveName(context.before, schema, name, context.before.tables);
      const original = context.renamed.get(current);
      if (original && !context.facts.tableSwaps.has(original)) {
        hits.push({ object: original, message: `drops table ${displayName(current)} — ${describeTable(context, original)} until this migration renamed it — and every row in it.${cascade(statement.node)}` });
      }
    }
    return hits;
  },
};

export const dropColumn: Rule = {
  id: 'drop-column',
  severity: 'error',
  destructive: true,
  fix: 'Stop using the column in a release first (Knex selects, ORM models); drop it later in a migration that acknowledges it.',
  anchor: `${SQUAWK}ban-drop-column`,
  check(statement, context) {
    if (statement.kind !== 'AlterTableStmt') return [];
    const relation = relationOf(statement.node.relation);
    const table = relation && existingTable(context, relation.schema, relation.name);
    if (!table) return [];
    const columns = context.before.tables.get(table)?.columns;
    return alterCommands(statement.node)
      .filter((cmd) => cmd.subtype === 'AT_DropColumn' && cmd.name && (context.assumeExisting || columns?.has(cmd.name)))
      // A column swap copied the values into the column now taking its name.
      .filter((cmd) => !context.facts.columnSwaps.has(`${table}.${cmd.name}`))
      .map((cmd) => {
        const type = columns?.get(cmd.name!)?.type;
        return { object: `${table}.${cmd.name}`, message: `drops column ${displayName(table)}.${cmd.name}${type ? ` (${type})` : ''} and its value in every row.` };
      });
  },
};

export const dropType: Rule = {
  id: 'drop-type',
  severity: 'error',
  destructive: true,
  fix: 'Drop the columns that use the type first (each its own acknowledged drop-column), then the type; never rely on CASCADE.',
  anchor: 'https://www.postgresql.org/docs/current/sql-droptype.html',
  check(statement, context) {
    const hits: Hit[] = [];
    for (const kind of ['OBJECT_TYPE', 'OBJECT_DOMAIN']) {
      for (const parts of dropsOf(kind, statement)) {
        const { schema, name } = splitName(parts);
        const key = resolveName(context.before, schema, name, context.before.types);
        const type = context.before.types.get(key);
        if (!type && !context.assumeExisting) continue;
        const users: string[] = [];
        for (const [table, info] of context.before.tables) {
          for (const [column, { type: columnType }] of info.columns) {
            if (columnType.replace(/\[\]$/, '') === name || columnType.replace(/\[\]$/, '') === key) users.push(`${displayName(table)}.${column}`);
          }
        }
        const labels = type?.kind === 'enum' ? ` (enum: ${listNames(type.labels)})` : '';
        const used = users.length > 0 ? ` used by ${listNames(users)}` : '';
        hits.push({ object: key, message: `drops type ${displayName(key)}${labels}${used}.${cascade(statement.node)}` });
      }
    }
    return hits;
  },
};

export const dropSchema: Rule = {
  id: 'drop-schema',
  severity: 'error',
  destructive: true,
  fix: 'Move or drop the objects of the schema one by one in acknowledged migrations; never drop a schema with CASCADE.',
  anchor: 'https://www.postgresql.org/docs/current/sql-dropschema.html',
  check(statement, context) {
    return dropsOf('OBJECT_SCHEMA', statement)
      .map((parts) => parts[0] ?? '')
      .filter((schema) => context.assumeExisting || context.before.schemas.has(schema))
      .map((schema) => {
        const tables = [...context.before.tables.keys()].filter((t) => t.startsWith(`${schema}.`)).map((t) => t.slice(schema.length + 1));
        const holding = tables.length > 0 ? ` with its tables ${listNames(tables)}` : '';
        return { object: schema, message: `drops schema ${schema}${holding}.${cascade(statement.node)}` };
      });
  },
};

export const truncate: Rule = {
  id: 'truncate',
  severity: 'error',
  destructive: true,
  fix: 'Delete only the rows meant to go, with a WHERE clause, in a reviewed data migration; or acknowledge it with the reason.',
  anchor: 'https://www.postgresql.org/docs/current/sql-truncate.html',
  check(statement, context) {
    if (statement.kind !== 'TruncateStmt') return [];
    const relations = (statement.node.relations as unknown[] | undefined) ?? [];
    const hits: Hit[] = [];
    for (const item of relations) {
      const relation = relationOf((item as { RangeVar?: unknown }).RangeVar);
      const key = relation && existingTable(context, relation.schema, relation.name);
      if (key) hits.push({ object: key, message: `empties table ${describeTable(context, key)} (TRUNCATE takes an ACCESS EXCLUSIVE lock and deletes every row).` });
    }
    return hits;
  },
};

export const deleteAllRows: Rule = {
  id: 'delete-all-rows',
  severity: 'error',
  destructive: true,
  fix: 'Add a WHERE clause naming the rows meant; delete from large tables in batches outside the schema migration.',
  anchor: 'https://www.postgresql.org/docs/current/sql-delete.html',
  check(statement, context) {
    if (statement.kind !== 'DeleteStmt' || statement.node.whereClause) return [];
    const relation = relationOf(statement.node.relation);
    const key = relation && existingTable(context, relation.schema, relation.name);
    if (!key) return [];
    return [{ object: key, message: `deletes every row of ${describeTable(context, key)} (no WHERE clause).` }];
  },
};

/**
 * The columns an UPDATE without WHERE assigns on an existing table, split into those that
 * held values before the function (overwritten) and those the function added (a backfill).
 */
export function allRowsUpdate(statement: ParsedStatement, context: StatementContext): { table: string; overwritten: string[]; backfilled: string[] } | undefined {
  if (statement.kind !== 'UpdateStmt' || statement.node.whereClause) return undefined;
  const relation = relationOf(statement.node.relation);
  const table = relation && existingTable(context, relation.schema, relation.name);
  if (!table) return undefined;
  const columns = [...new Set(updateTargets(statement.node).map((t) => t.column))];
  const backfilled = columns.filter((c) => context.added.has(`${table}.${c}`));
  return { table, overwritten: columns.filter((c) => !backfilled.includes(c)), backfilled };
}

export const updateAllRows: Rule = {
  id: 'update-all-rows',
  severity: 'error',
  destructive: true,
  fix: 'Add a WHERE clause naming the rows meant; write the new values to a new column (backfilled in batches) and keep the old one until the change is verified.',
  anchor: 'https://www.postgresql.org/docs/current/sql-update.html',
  check(statement, context) {
    const update = allRowsUpdate(statement, context);
    if (!update || update.overwritten.length === 0) return [];
    const columns = update.overwritten.map((c) => `${displayName(update.table)}.${c}`);
    return [{ object: update.table, message: `overwrites ${listNames(columns, 5)} in every row of ${displayName(update.table)} (no WHERE clause): the old values are lost, and every row stays locked until the migration commits.` }];
  },
};

/** `FOREIGN KEY (a) REFERENCES t(id)` without its actions and NOT VALID: what makes it the same key. */
function foreignKeyCore(definition: string): string {
  return /^FOREIGN KEY \(.*?\) REFERENCES .*?\(.*?\)/.exec(definition)?.[0] ?? definition;
}

export const dropForeignKey: Rule = {
  id: 'drop-foreign-key',
  severity: 'error',
  destructive: true,
  fix: 'Keep the constraint; if it must go, acknowledge it — putting it back later means validating every row (ADD … NOT VALID, then VALIDATE).',
  anchor: 'https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK',
  check(statement, context) {
    if (statement.kind !== 'AlterTableStmt' || context.assumeExisting) return [];
    const relation = relationOf(statement.node.relation);
    const table = relation && existingTable(context, relation.schema, relation.name);
    if (!table) return [];
    // The same key (columns and referenced table) on the same table when the function ends: dropped to be re-added, e.g. with new ON DELETE.
    const restored = (definition: string): boolean =>
      context.after?.constraints.some((k) => k.table === table && k.type === 'f' && foreignKeyCore(k.definition) === foreignKeyCore(definition)) === true;
    return alterCommands(statement.node)
      .filter((cmd) => cmd.subtype === 'AT_DropConstraint' && context.before.constraints.some((k) => k.table === table && k.name === cmd.name && k.type === 'f'))
      .flatMap((cmd) => {
        const definition = context.before.constraints.find((k) => k.table === table && k.name === cmd.name)?.definition ?? '';
        if (restored(definition)) return [];
        return [{ object: `${table}.${cmd.name}`, message: `drops foreign key ${cmd.name} on ${displayName(table)} (${definition}): rows may then point at nothing.` }];
      });
  },
};

export const dropDatabase: Rule = {
  id: 'drop-database',
  severity: 'error',
  destructive: true,
  fix: 'Never drop a database from a migration: a migration changes the schema of its own database; drop databases by hand, after a backup.',
  anchor: `${SQUAWK}ban-drop-database`,
  check(statement) {
    if (statement.kind !== 'DropdbStmt') return [];
    const name = String(statement.node.dbname ?? '');
    return [{ object: name, message: `drops database ${name} with every schema, table and row in it.` }];
  },
};

/** Rules whose findings lose data, in the order they are documented. */
export const DESTRUCTIVE_RULES: readonly Rule[] = [dropTable, dropColumn, dropType, dropSchema, truncate, deleteAllRows, updateAllRows, dropForeignKey, dropDatabase];
