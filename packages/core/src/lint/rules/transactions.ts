/** Rules for how a migration uses transactions: nesting them, leaving one open, failing half-way outside one. */
import { alterCommands, dropObjects, relationOf } from '../ast';
import { resolveName } from '../catalog';
import type { ParsedStatement } from '../parser';
import { displayName, type Hit, type Rule, type StatementContext } from './types';

const SQUAWK = 'https://squawkhq.com/docs/';

const kindOf = (statement: ParsedStatement): string => (statement.kind === 'TransactionStmt' ? String(statement.node.kind ?? '') : '');
const opens = (statement: ParsedStatement): boolean => ['TRANS_STMT_BEGIN', 'TRANS_STMT_START'].includes(kindOf(statement));
const ends = (statement: ParsedStatement): boolean => ['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK'].includes(kindOf(statement));

export const transactionNesting: Rule = {
  id: 'transaction-nesting',
  severity: 'error',
  destructive: false,
  fix: 'Drop the BEGIN/COMMIT: a transactional migration already runs in the runner’s transaction (use knex.transaction() for a savepoint); or export config = { transaction: false } and manage the transaction yourself.',
  anchor: `${SQUAWK}transaction-nesting`,
  check(statement, context) {
    if (statement.insideDo || !context.inTransaction) return [];
    if (opens(statement)) {
      return [{ object: '', message: 'opens a transaction inside one already open: PostgreSQL ignores this BEGIN with a warning, and the COMMIT meant for it ends the outer transaction early.' }];
    }
    if (ends(statement) && !context.ownTransaction) {
      const verb = kindOf(statement) === 'TRANS_STMT_COMMIT' ? 'commits' : 'rolls back';
      return [{ object: '', message: `${verb} the runner’s transaction in the middle of the migration: what follows, and the runner’s history row, run outside any transaction, so a later failure no longer undoes what came before.` }];
    }
    return [];
  },
};

export const uncommittedTransaction: Rule = {
  id: 'uncommitted-transaction',
  severity: 'error',
  destructive: false,
  fix: 'COMMIT the transaction the migration opens (or use knex.transaction(), which commits when its callback resolves).',
  anchor: `${SQUAWK}ban-uncommitted-transaction`,
  check(statement, context) {
    if (context.facts.uncommittedBegin !== statement) return [];
    return [{ object: '', message: 'opens a transaction that is never committed: the migration reports success, but nothing it sent after this BEGIN is applied (PostgreSQL rolls it back when the connection closes).' }];
  },
};

/**
 * What a rerun of the statement needs when an earlier run applied it and then failed further on:
 * `IF NOT EXISTS` / `IF EXISTS`, or nothing when the statement already has it.
 */
function missingGuard(statement: ParsedStatement, context: StatementContext): Hit[] {
  const node = statement.node;
  const table = (relation: unknown): string => {
    const found = relationOf(relation);
    return found ? displayName(resolveName(context.before, found.schema, found.name, context.before.tables)) : '';
  };
  switch (statement.kind) {
    case 'CreateStmt':
      return node.if_not_exists ? [] : [{ object: table(node.relation), message: `CREATE TABLE ${table(node.relation)} has no IF NOT EXISTS` }];
    case 'IndexStmt':
      return node.if_not_exists || !node.idxname ? [] : [{ object: String(node.idxname), message: `CREATE INDEX ${String(node.idxname)} has no IF NOT EXISTS` }];
    case 'CreateSchemaStmt':
      return node.if_not_exists ? [] : [{ object: String(node.schemaname ?? ''), message: `CREATE SCHEMA ${String(node.schemaname ?? '')} has no IF NOT EXISTS` }];
    case 'DropStmt': {
      if (node.missing_ok) return [];
      const names = dropObjects(node).map((parts) => parts.join('.'));
      return [{ object: names[0] ?? '', message: `DROP ${String(node.removeType ?? '').replace('OBJECT_', '')} ${names.join(', ')} has no IF EXISTS` }];
    }
    case 'AlterTableStmt': {
      const name = table(node.relation);
      return alterCommands(node).flatMap((command) => {
        if (command.missingOk) return [];
        if (command.subtype === 'AT_AddColumn') return [{ object: name, message: `ADD COLUMN ${String(command.def?.colname ?? '')} on ${name} has no IF NOT EXISTS` }];
        if (command.subtype === 'AT_DropColumn') return [{ object: name, message: `DROP COLUMN ${command.name ?? ''} on ${name} has no IF EXISTS` }];
        if (command.subtype === 'AT_DropConstraint') return [{ object: name, message: `DROP CONSTRAINT ${command.name ?? ''} on ${name} has no IF EXISTS` }];
        return [];
      });
    }
    default:
      return [];
  }
}

export const preferRobustStmts: Rule = {
  id: 'prefer-robust-stmts',
  severity: 'warning',
  destructive: false,
  fix: 'Write each statement so a rerun passes over what an earlier, failed run applied: IF NOT EXISTS / IF EXISTS (for CREATE INDEX CONCURRENTLY, drop an INVALID leftover first: DROP INDEX CONCURRENTLY IF EXISTS).',
  anchor: `${SQUAWK}prefer-robust-stmts`,
  check(statement, context) {
    // Inside a transaction a failure undoes everything; a lone statement either applies or not.
    if (context.inTransaction || statement.insideDo || context.facts.changingStatements < 2) return [];
    return missingGuard(statement, context).map((hit) => ({
      object: hit.object,
      message: `${hit.message} and runs outside a transaction, one of ${context.facts.changingStatements} statements: if a later one fails, this one stays applied and a rerun of the migration fails here.`,
    }));
  },
};

export const TRANSACTION_RULES: readonly Rule[] = [transactionNesting, uncommittedTransaction, preferRobustStmts];
