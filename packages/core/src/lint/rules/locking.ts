/** Rules for statements that hold a blocking lock for as long as the table is scanned or rewritten. */
import type { ColumnDef, Constraint } from 'libpg-query';
import { alterCommands, calledFunctions, columnConstraints, dropObjects, namesOf, relationOf, splitName, type AlterCommand } from '../ast';
import { resolveName } from '../catalog';
import type { ParsedStatement } from '../parser';
import { allRowsUpdate } from './destructive';
import { coercionWithoutRewrite } from './type-change';
import { displayName, existingTable, listNames, type Hit, type Rule, type StatementContext } from './types';

const SQUAWK = 'https://squawkhq.com/docs/';

/** The existing table an ALTER TABLE targets, with its sub-commands; undefined for a new table. */
function alterOnExisting(statement: ParsedStatement, context: StatementContext): { table: string; commands: AlterCommand[] } | undefined {
  if (statement.kind !== 'AlterTableStmt' || (statement.node.objtype && statement.node.objtype !== 'OBJECT_TABLE')) return undefined;
  const relation = relationOf(statement.node.relation);
  const table = relation && existingTable(context, relation.schema, relation.name);
  return table ? { table, commands: alterCommands(statement.node) } : undefined;
}

/** The constraint an `ADD CONSTRAINT` adds, or those written on an `ADD COLUMN`. */
function addedConstraints(command: AlterCommand): Constraint[] {
  if (command.subtype === 'AT_AddConstraint' && command.defKind === 'Constraint') return [command.def as Constraint];
  if (command.subtype === 'AT_AddColumn' && command.defKind === 'ColumnDef') return columnConstraints(command.def as ColumnDef);
  return [];
}

export const indexNotConcurrent: Rule = {
  id: 'index-not-concurrent',
  severity: 'error',
  destructive: false,
  fix: 'CREATE INDEX CONCURRENTLY, in a migration that exports config = { transaction: false } and does nothing else.',
  anchor: `${SQUAWK}require-concurrent-index-creation`,
  check(statement, context) {
    if (statement.kind !== 'IndexStmt' || statement.node.concurrent) return [];
    const relation = relationOf(statement.node.relation);
    const table = relation && existingTable(context, relation.schema, relation.name);
    if (!table) return [];
    const name = (statement.node.idxname as string | undefined) ?? '(unnamed)';
    return [{ object: table, message: `builds index ${name} on existing table ${displayName(table)} holding a SHARE lock: every write to the table waits until the build ends.` }];
  },
};

export const dropIndexNotConcurrent: Rule = {
  id: 'drop-index-not-concurrent',
  severity: 'error',
  destructive: false,
  fix: 'DROP INDEX CONCURRENTLY, in a migration that exports config = { transaction: false }.',
  anchor: `${SQUAWK}require-concurrent-index-deletion`,
  check(statement, context) {
    if (statement.kind !== 'DropStmt' || statement.node.removeType !== 'OBJECT_INDEX' || statement.node.concurrent) return [];
    const hits: Hit[] = [];
    for (const parts of dropObjects(statement.node)) {
      const { schema, name } = splitName(parts);
      const index = resolveName(context.before, schema, name, context.before.indexes);
      const table = context.before.indexes.get(index);
      if (table ? context.created.has(table) : !context.assumeExisting) continue;
      hits.push({ object: index, message: `drops index ${displayName(index)}${table ? ` of existing table ${displayName(table)}` : ''} holding an ACCESS EXCLUSIVE lock on the table: reads and writes wait.` });
    }
    return hits;
  },
};

export const concurrentlyInTransaction: Rule = {
  id: 'concurrently-in-transaction',
  severity: 'error',
  destructive: false,
  fix: 'Move the CONCURRENTLY statement into its own migration exporting config = { transaction: false }.',
  anchor: `${SQUAWK}ban-concurrent-index-creation-in-transaction`,
  check(statement, context) {
    if (!context.inTransaction) return [];
    const concurrent =
      (statement.kind === 'IndexStmt' && statement.node.concurrent === true) ||
      (statement.kind === 'DropStmt' && statement.node.concurrent === true) ||
      (statement.kind === 'ReindexStmt' && JSON.stringify(statement.node.params ?? []).includes('"concurrently"')) ||
      (statement.kind === 'AlterTableStmt' && JSON.stringify(statement.node.cmds ?? []).includes('"concurrent":true'));
    if (!concurrent) return [];
    return [{ object: objectOf(statement, context), message: 'runs CONCURRENTLY inside a transaction block: PostgreSQL refuses it ("cannot run inside a transaction block"), so the migration fails.' }];
  },
};

function objectOf(statement: ParsedStatement, context: StatementContext): string {
  if (statement.kind === 'IndexStmt') return (statement.node.idxname as string | undefined) ?? 'index';
  const relation = relationOf(statement.node.relation);
  if (relation) return resolveName(context.before, relation.schema, relation.name, context.before.tables);
  const first = dropObjects(statement.node)[0];
  return first ? first.join('.') : statement.kind;
}

export const fkNotValid: Rule = {
  id: 'fk-not-valid',
  severity: 'error',
  destructive: false,
  fix: 'ADD CONSTRAINT … FOREIGN KEY … NOT VALID in one migration, then ALTER TABLE … VALIDATE CONSTRAINT in a later one (takes only SHARE UPDATE EXCLUSIVE).',
  anchor: `${SQUAWK}adding-foreign-key-constraint`,
  check(statement, context) {
    const target = alterOnExisting(statement, context);
    if (!target) return [];
    return target.commands.flatMap((command) =>
      addedConstraints(command)
        .filter((c) => c.contype === 'CONSTR_FOREIGN' && !c.skip_validation)
        .map((c) => {
          const parent = relationOf(c.pktable);
          const references = parent ? displayName(resolveName(context.before, parent.schema, parent.name, context.before.tables)) : 'its parent';
          return { object: target.table, message: `adds foreign key ${c.conname ?? ''} on existing table ${displayName(target.table)} and validates every row at once, holding SHARE ROW EXCLUSIVE locks on ${displayName(target.table)} and ${references}: writes to both wait.`.replace('key  on', 'key on') };
        }),
    );
  },
};

export const checkNotValid: Rule = {
  id: 'check-not-valid',
  severity: 'error',
  destructive: false,
  fix: 'ADD CONSTRAINT … CHECK (…) NOT VALID in one migration, then VALIDATE CONSTRAINT in a later one.',
  anchor: `${SQUAWK}constraint-missing-not-valid`,
  check(statement, context) {
    const target = alterOnExisting(statement, context);
    if (!target) return [];
    return target.commands
      .filter((command) => command.subtype === 'AT_AddConstraint')
      .flatMap(addedConstraints)
      .filter((c) => c.contype === 'CONSTR_CHECK' && !c.skip_validation)
      .map((c) => ({ object: target.table, message: `adds check ${c.conname ?? ''} on existing table ${displayName(target.table)} and scans every row under an ACCESS EXCLUSIVE lock: reads and writes wait.`.replace('check  on', 'check on') }));
  },
};

export const uniqueConstraint: Rule = {
  id: 'unique-constraint',
  severity: 'error',
  destructive: false,
  fix: 'CREATE UNIQUE INDEX CONCURRENTLY (transaction: false), then ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX in a later migration.',
  anchor: `${SQUAWK}disallowed-unique-constraint`,
  check(statement, context) {
    const target = alterOnExisting(statement, context);
    if (!target) return [];
    return target.commands.flatMap(addedConstraints)
      .filter((c) => (c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_EXCLUSION') && !c.indexname)
      .map((c) => {
        const kind = c.contype === 'CONSTR_PRIMARY' ? 'primary key' : c.contype === 'CONSTR_UNIQUE' ? 'unique constraint' : 'exclusion constraint';
        return { object: target.table, message: `adds ${kind}${c.conname ? ` ${c.conname}` : ''} on existing table ${displayName(target.table)}, building its index under an ACCESS EXCLUSIVE lock: reads and writes wait.` };
      });
  },
};

/** True when a validated `CHECK (column IS NOT NULL)` lets SET NOT NULL skip its scan (PostgreSQL 12+). */
function provenNotNull(context: StatementContext, table: string, column: string): boolean {
  const wanted = `check${column}isnotnull`.toLowerCase();
  return context.before.constraints.some((k) => k.table === table && k.type === 'c' && k.validated && k.definition.replace(/[\s()"]/g, '').toLowerCase() === wanted);
}

export const setNotNull: Rule = {
  id: 'set-not-null',
  severity: 'error',
  destructive: false,
  fix: 'ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT in a later migration; then SET NOT NULL (no scan) and drop the check.',
  anchor: 'https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL',
  check(statement, context) {
    const target = alterOnExisting(statement, context);
    if (!target) return [];
    const columns = context.before.tables.get(target.table)?.columns;
    return target.commands
      .filter((command) => command.subtype === 'AT_SetNotNull' && command.name && (context.assumeExisting || columns?.has(command.name)))
      .filter((command) => !provenNotNull(context, target.table, command.name!))
      .map((command) => ({ object: `${target.table}.${command.name}`, message: `sets ${displayName(target.table)}.${command.name} NOT NULL, scanning every row under an ACCESS EXCLUSIVE lock: reads and writes wait.` }));
  },
};

export const columnTypeChange: Rule = {
  id: 'column-type-change',
  severity: 'error',
  destructive: false,
  fix: 'Add a column of the new type, backfill it in batches, switch readers, then drop the old column; only the documented binary-coercible changes are safe in place.',
  anchor: `${SQUAWK}changing-column-type`,
  check(statement, context) {
    const target = alterOnExisting(statement, context);
    if (!target) return [];
    const before = context.before.tables.get(target.table)?.columns;
    const after = context.after?.tables.get(target.table)?.columns;
    const hits: Hit[] = [];
    for (const command of target.commands) {
      if (command.subtype !== 'AT_AlterColumnType' || !command.name) continue;
      const oldType = before?.get(command.name)?.type;
      if (!oldType && !context.assumeExisting) continue;
      const newType = after?.get(command.name)?.type;
      const using = (command.def as ColumnDef | undefined)?.raw_default;
      if (oldType && newType && trivialUsing(using, command.name) && coercionWithoutRewrite(oldType, newType, context.timeZoneUtc)) continue;
      const change = oldType && newType ? ` from ${oldType} to ${newType}` : '';
      hits.push({ object: `${target.table}.${command.name}`, message: `changes the type of ${displayName(target.table)}.${command.name}${change}: PostgreSQL rewrites or scans the table and its indexes under an ACCESS EXCLUSIVE lock.` });
    }
    return hits;
  },
};

/** No USING, or `USING (col)` / `USING (col::type)` — what Knex's `.alter()` writes. */
function trivialUsing(using: unknown, column: string): boolean {
  if (!using) return true;
  let node = using as Record<string, unknown>;
  if (node.TypeCast) node = (node.TypeCast as { arg?: Record<string, unknown> }).arg ?? {};
  const ref = node.ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined;
  const fields = ref?.fields ?? [];
  return fields.length === 1 && fields[0]?.String?.sval === column;
}

const SERIAL = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);

export const addColumnRewrite: Rule = {
  id: 'add-column-rewrite',
  severity: 'error',
  destructive: false,
  fix: 'Add the column without the default (or with a constant one), set the default for new rows, backfill existing rows in batches.',
  anchor: `${SQUAWK}adding-field-with-default`,
  check(statement, context) {
    const target = alterOnExisting(statement, context);
    if (!target) return [];
    const hits: Hit[] = [];
    for (const command of target.commands) {
      if (command.subtype !== 'AT_AddColumn' || command.defKind !== 'ColumnDef') continue;
      const column = command.def as ColumnDef;
      const reason = rewriteReason(column, context);
      if (reason) hits.push({ object: `${target.table}.${column.colname}`, message: `adds column ${displayName(target.table)}.${column.colname} with ${reason}: PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock.` });
    }
    return hits;
  },
};

function rewriteReason(column: ColumnDef, context: StatementContext): string | undefined {
  const names = (column.typeName?.names ?? []).map((n) => (n as { String?: { sval?: string } }).String?.sval ?? '');
  const type = names[names.length - 1] ?? '';
  if (SERIAL.has(type)) return `type ${type} (its nextval() default is volatile)`;
  for (const constraint of columnConstraints(column)) {
    if (constraint.contype === 'CONSTR_IDENTITY') return 'GENERATED AS IDENTITY (every row gets a value)';
    if (constraint.contype === 'CONSTR_GENERATED' && constraint.generated_kind !== 'v') return 'a STORED generated expression';
    if (constraint.contype === 'CONSTR_DEFAULT') {
      const volatile = calledFunctions(constraint.raw_expr).find((f) => context.before.volatileFunctions.has(f));
      if (volatile) return `the volatile default ${volatile}()`;
    }
  }
  return undefined;
}

export const backfillInTransaction: Rule = {
  id: 'backfill-in-transaction',
  severity: 'error',
  destructive: false,
  fix: 'Add the column in one migration; backfill it in batches in a later one (config = { transaction: false }, UPDATE … WHERE id BETWEEN …), so no lock on the table is held for the whole backfill.',
  anchor: 'https://github.com/ankane/strong_migrations#backfilling-data',
  check(statement, context) {
    const update = allRowsUpdate(statement, context);
    if (!update || update.overwritten.length > 0) return [];
    const locked = update.backfilled.filter((c) => context.addedInOpenTransaction.has(`${update.table}.${c}`));
    if (locked.length === 0) return [];
    const table = displayName(update.table);
    return [
      {
        object: update.table,
        message: `backfills ${listNames(locked.map((c) => `${table}.${c}`), 5)} in every row in the same transaction as its ADD COLUMN: the ACCESS EXCLUSIVE lock of the ADD COLUMN is held until the migration commits, so every read and write of ${table} waits for the whole backfill.`,
      },
    ];
  },
};

export const reindexNotConcurrent: Rule = {
  id: 'reindex-not-concurrent',
  severity: 'error',
  destructive: false,
  fix: 'REINDEX … CONCURRENTLY (PostgreSQL 12+), in a migration that exports config = { transaction: false }.',
  anchor: `${SQUAWK}require-concurrent-reindex`,
  check(statement, context) {
    if (statement.kind !== 'ReindexStmt' || JSON.stringify(statement.node.params ?? []).includes('"concurrently"')) return [];
    const relation = relationOf(statement.node.relation);
    const kind = String(statement.node.kind ?? '');
    if (kind === 'REINDEX_OBJECT_INDEX' && relation) {
      const index = resolveName(context.before, relation.schema, relation.name, context.before.indexes);
      const table = context.before.indexes.get(index);
      if (table ? context.created.has(table) : !context.assumeExisting) return [];
      return [{ object: index, message: `rebuilds index ${displayName(index)}${table ? ` of existing table ${displayName(table)}` : ''} holding an ACCESS EXCLUSIVE lock on the index and a SHARE lock on the table: writes wait, and reads using the index wait.` }];
    }
    if (kind === 'REINDEX_OBJECT_TABLE' && relation) {
      const table = existingTable(context, relation.schema, relation.name);
      if (!table) return [];
      return [{ object: table, message: `rebuilds every index of existing table ${displayName(table)} holding a SHARE lock on it and ACCESS EXCLUSIVE locks on its indexes: writes wait, and reads using an index wait.` }];
    }
    const name = String(statement.node.name ?? relation?.name ?? '');
    return [{ object: name, message: `rebuilds every index of ${kind.replace('REINDEX_OBJECT_', '').toLowerCase()} ${name}, locking each table in turn: writes wait.` }];
  },
};

export const detachPartitionNotConcurrent: Rule = {
  id: 'detach-partition-not-concurrent',
  severity: 'error',
  destructive: false,
  fix: 'ALTER TABLE … DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), in a migration that exports config = { transaction: false }.',
  anchor: `${SQUAWK}require-concurrent-partition-detach`,
  check(statement, context) {
    const target = alterOnExisting(statement, context);
    if (!target) return [];
    return target.commands
      .filter((command) => command.subtype === 'AT_DetachPartition' && (command.def as { name?: unknown; concurrent?: boolean } | undefined)?.concurrent !== true)
      .map((command) => {
        const partition = relationOf((command.def as { name?: unknown } | undefined)?.name);
        return { object: target.table, message: `detaches partition ${partition?.name ?? ''} from existing table ${displayName(target.table)} holding an ACCESS EXCLUSIVE lock on it: reads and writes of the whole partitioned table wait.`.replace('partition  from', 'partition from') };
      });
  },
};

export const alterDomainAddConstraint: Rule = {
  id: 'alter-domain-add-constraint',
  severity: 'error',
  destructive: false,
  fix: 'Put the CHECK on the columns instead (ADD CONSTRAINT … NOT VALID, then VALIDATE); a domain constraint cannot be validated without blocking writes.',
  anchor: `${SQUAWK}ban-alter-domain-with-add-constraint`,
  check(statement, context) {
    if (statement.kind !== 'AlterDomainStmt') return [];
    const subtype = String(statement.node.subtype ?? '');
    const constraint = (statement.node.def as { Constraint?: Constraint } | undefined)?.Constraint;
    const adds = (subtype === 'C' && constraint && !constraint.skip_validation) || subtype === 'O';
    if (!adds) return [];
    const { schema, name } = splitName(namesOf(statement.node.typeName));
    const domain = resolveName(context.before, schema, name, context.before.types);
    if (context.createdTypes.has(domain) || !(context.assumeExisting || context.before.types.get(domain)?.kind === 'domain')) return [];
    const what = subtype === 'O' ? 'sets NOT NULL on' : `adds ${constraint?.contype === 'CONSTR_NOTNULL' ? 'NOT NULL' : 'check'}${constraint?.conname ? ` ${constraint.conname}` : ''} to`;
    return [{ object: domain, message: `${what} existing domain ${displayName(domain)}: PostgreSQL checks every row of every column using it, holding a SHARE lock on each table: writes wait.` }];
  },
};

export const vacuumFullOrCluster: Rule = {
  id: 'vacuum-full-or-cluster',
  severity: 'error',
  destructive: false,
  fix: 'Run VACUUM FULL / CLUSTER by hand in a maintenance window (or pg_repack, or REPACK CONCURRENTLY on PostgreSQL 19+), not in a migration.',
  anchor: `${SQUAWK}prefer-repack`,
  check(statement, context) {
    const relations =
      statement.kind === 'ClusterStmt' ? [relationOf(statement.node.relation)]
      : statement.kind === 'VacuumStmt' && JSON.stringify(statement.node.options ?? []).includes('"defname":"full"')
        ? ((statement.node.rels as unknown[] | undefined) ?? [undefined]).map((r) => relationOf((r as { VacuumRelation?: { relation?: unknown } } | undefined)?.VacuumRelation?.relation))
        : [];
    const command = statement.kind === 'ClusterStmt' ? 'CLUSTER' : 'VACUUM FULL';
    return relations.flatMap((relation) => {
      if (!relation) return [{ object: '', message: `${command} without a table rewrites every table of the database, each under an ACCESS EXCLUSIVE lock: reads and writes wait.` }];
      const table = existingTable(context, relation.schema, relation.name);
      return table ? [{ object: table, message: `${command} rewrites existing table ${displayName(table)} and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait for the whole rewrite.` }] : [];
    });
  },
};

export const LOCKING_RULES: readonly Rule[] = [
  indexNotConcurrent,
  dropIndexNotConcurrent,
  reindexNotConcurrent,
  detachPartitionNotConcurrent,
  concurrentlyInTransaction,
  fkNotValid,
  checkNotValid,
  uniqueConstraint,
  setNotNull,
  columnTypeChange,
  addColumnRewrite,
  backfillInTransaction,
  alterDomainAddConstraint,
  vacuumFullOrCluster,
];
