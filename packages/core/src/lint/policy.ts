/**
 * Migration policies a package declares in its package.json (src/migrations/policy.ts), enforced
 * by `strata lint` (and so by `strata check`'s lint step) and by `strata migrate`. One policy
 * exists: `additive-only`.
 *
 * ```json
 * "strata": { "policy": "additive-only" }
 * ```
 *
 * Under `additive-only`, every destructive statement a migration sends — in up() AND in down() —
 * is an error that no `lint.allow` acknowledgement can silence: DROP of any object (table,
 * column, type, constraint, index, function, trigger, view, schema…), TRUNCATE, DELETE (with or
 * without WHERE), UPDATE without WHERE, a column type change, and any RENAME (table, column,
 * constraint, index, type, enum value…). Such a package's down() changes nothing; `strata check`
 * replaces its exact-rollback expectations by convergence (src/check/policy.ts).
 *
 * The statements are those the lint already records while it runs each migration on its scratch
 * database (`lintMigrations`' `onCapture`), read with PostgreSQL's own parser — static SQL of DO
 * blocks included — so the policy sees what really reaches the server, not the source text.
 */
import { POLICY_RULE, type MigrationPolicy } from '../migrations/policy';
import { alterCommands, namesOf, relationOf } from './ast';
import type { Finding } from './finding';
import { lintMigrations, type LintMigrationsOptions, type LintResult } from './lint-migrations';
import { ParseError, parseStatements, unwrap, type ParsedStatement } from './parser';
import { MigrationRule } from './rules';

export { MigrationPolicy, POLICY_RULE, policyOf } from '../migrations/policy';

/** One destructive operation found in a statement. */
export interface ForbiddenOperation {
  /** What it does, e.g. `drops table`, `renames column`, `deletes rows of`. */
  readonly operation: string;
  /** The object, e.g. `orders`, `orders.note`, `billing.plan_tier`. */
  readonly object: string;
  /** The single statement (a piece of a multi-statement string, or of a DO block). */
  readonly statement: string;
}

const DROPPED: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_FOREIGN_TABLE: 'foreign table',
  OBJECT_INDEX: 'index',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_SCHEMA: 'schema',
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'procedure',
  OBJECT_ROUTINE: 'routine',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_RULE: 'rule',
  OBJECT_POLICY: 'row security policy',
  OBJECT_EXTENSION: 'extension',
};

/** `OBJECT_TABCONSTRAINT` → `constraint`, `OBJECT_COLUMN` → `column`. */
function objectWord(type: unknown): string {
  const raw = String(type ?? '').replace(/^OBJECT_/, '').toLowerCase();
  return raw === 'tabconstraint' ? 'constraint' : raw === 'domconstraint' ? 'domain constraint' : raw.replace(/_/g, ' ');
}

/** The objects of a DropStmt as dotted names (`DROP TABLE a, b.c`, `DROP FUNCTION f(int)`, `DROP TRIGGER t ON tbl` → `tbl.t`). */
function dropNames(node: Record<string, unknown>): string[] {
  return ((node.objects as unknown[] | undefined) ?? []).map(objectName).filter((name) => name !== '');
}

/** The dotted name of an object node: a name list, a function with arguments, a type name or a string. */
function objectName(object: unknown): string {
  if (!object || typeof object !== 'object') return '';
  const [kind, value] = unwrap(object as Record<string, unknown>);
  if (kind === 'List') return namesOf(value.items).join('.');
  if (kind === 'ObjectWithArgs') return namesOf(value.objname).join('.');
  if (kind === 'TypeName') return namesOf(value.names).join('.');
  if (kind === 'String') return String(value.sval ?? '');
  return '';
}

function relationName(node: unknown): string {
  const relation = relationOf(node);
  return relation ? (relation.schema ? `${relation.schema}.${relation.name}` : relation.name) : '?';
}

/** The destructive operations of one parsed statement. */
function operationsOf(statement: ParsedStatement): ForbiddenOperation[] {
  const { node, sql } = statement;
  const op = (operation: string, object: string): ForbiddenOperation => ({ operation, object, statement: sql });
  switch (statement.kind) {
    case 'DropStmt': {
      const word = DROPPED[String(node.removeType)] ?? objectWord(node.removeType);
      return dropNames(node).map((name) => op(`drops ${word}`, name));
    }
    case 'TruncateStmt':
      return ((node.relations as unknown[] | undefined) ?? []).map((item) => op('truncates table', relationName((item as { RangeVar?: unknown }).RangeVar)));
    case 'DeleteStmt':
      return [op(node.whereClause ? 'deletes rows of' : 'deletes every row of', relationName(node.relation))];
    case 'UpdateStmt':
      return node.whereClause ? [] : [op('overwrites every row of', relationName(node.relation))];
    case 'AlterTableStmt': {
      const table = relationName(node.relation);
      return alterCommands(node).flatMap((cmd) => {
        if (cmd.subtype === 'AT_DropColumn') return [op('drops column', `${table}.${cmd.name}`)];
        if (cmd.subtype === 'AT_DropConstraint') return [op('drops constraint', `${table}.${cmd.name}`)];
        if (cmd.subtype === 'AT_AlterColumnType') return [op('changes the type of column', `${table}.${cmd.name}`)];
        return [];
      });
    }
    case 'RenameStmt': {
      const owner = node.relation ? relationName(node.relation) : objectName(node.object) || String(node.subname ?? '?');
      const object = node.subname && node.relation ? `${owner}.${String(node.subname)}` : owner;
      return [op(`renames ${objectWord(node.renameType)}`, `${object} to ${String(node.newname)}`)];
    }
    case 'AlterEnumStmt':
      return node.oldVal ? [op('renames value of enum', `${namesOf(node.typeName).join('.')} '${String(node.oldVal)}' to '${String(node.newVal)}'`)] : [];
    default:
      return [];
  }
}

/**
 * The operations of one SQL string that an additive-only migration may not send. A string the
 * parser cannot read is reported as one operation too: the policy cannot clear what it cannot read.
 * Needs the parser loaded (`await loadParser()`).
 * @example forbiddenOperations('ALTER TABLE orders DROP COLUMN note') // [{ operation: 'drops column', object: 'orders.note', … }]
 */
export function forbiddenOperations(sql: string): ForbiddenOperation[] {
  let parsed: ParsedStatement[];
  try {
    parsed = parseStatements(sql);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return [{ operation: 'sends a statement the PostgreSQL parser cannot read, so the policy cannot clear it', object: '', statement: sql }];
  }
  return parsed.flatMap(operationsOf);
}

/** The statements one function of one migration sent while the lint ran it. */
export interface CapturedRun {
  readonly migration: string;
  readonly direction: 'up' | 'down';
  readonly statements: readonly string[];
}

/**
 * Adds the policy's findings to the lint's: one error per destructive operation, never
 * acknowledged (a `lint.allow` entry cannot reach it: it is added after acknowledgement). An
 * attempt to acknowledge the policy itself (`allow: { 'additive-only': … }`) is reported as
 * having no effect. Findings stay grouped by migration, in `order`, the policy's after the
 * migration's own.
 */
export function applyPolicy(findings: readonly Finding[], runs: readonly CapturedRun[], policy: MigrationPolicy, owner: string, order: readonly string[]): Finding[] {
  const grouped = new Map<string | undefined, Finding[]>();
  const add = (migration: string | undefined, finding: Finding): void => {
    grouped.set(migration, [...(grouped.get(migration) ?? []), finding]);
  };
  for (const finding of findings) {
    const noEffect = finding.rule === MigrationRule.allowUnknownRule && finding.object === POLICY_RULE;
    add(finding.migration, noEffect ? { ...finding, message: `lint.allow names '${POLICY_RULE}': the policy of package ${owner} cannot be acknowledged, so this entry has no effect — remove it.` } : finding);
  }
  for (const run of runs) {
    for (const forbidden of run.statements.flatMap(forbiddenOperations)) {
      add(run.migration, {
        rule: POLICY_RULE,
        severity: 'error',
        migration: run.migration,
        direction: run.direction,
        statement: forbidden.statement,
        ...(forbidden.object ? { object: forbidden.object } : {}),
        message: `${run.direction}() ${forbidden.operation}${forbidden.object ? ` ${forbidden.object}` : ''}: the policy of package ${owner} is ${policy}, which forbids destructive operations in up() and down(); no lint.allow acknowledgement can allow it.`,
        fix: 'Only add: create what is missing (IF NOT EXISTS) and leave down() without destructive statements — it may do nothing. A destructive change needs the package to leave the policy (a reviewed change of package.json "strata".policy).',
        acknowledged: false,
      });
    }
  }
  const names = [...order, ...[...grouped.keys()].filter((name): name is string => name !== undefined && !order.includes(name))];
  return [...(grouped.get(undefined) ?? []), ...names.flatMap((name) => grouped.get(name) ?? [])];
}

/**
 * `lintMigrations` under a package's policy: without one, exactly `lintMigrations`.
 * @param owner how messages name the package, e.g. `content-platform`
 * @example await lintWithPolicy({ migrationsDir, scratchUrl }, 'additive-only', 'billing')
 */
export async function lintWithPolicy(options: LintMigrationsOptions, policy: MigrationPolicy | undefined, owner: string): Promise<LintResult> {
  if (policy === undefined) return lintMigrations(options);
  const runs: CapturedRun[] = [];
  // Under additive-only a down() may do nothing: that is the policy, not a forgotten undo.
  const result = await lintMigrations({ ...options, emptyDownExpected: true, onCapture: (migration, direction, statements) => runs.push({ migration, direction, statements }) });
  return { ...result, findings: applyPolicy(result.findings, runs, policy, owner, result.migrations.map((m) => m.name)) };
}
