import { isBookkeepingTable } from '../bookkeeping';
import type { CapturedStatement } from '../migrations/capture';
import { namesOf, relationOf, splitName } from '../lint/ast';
import { parseReadable } from '../lint/parser';


/** A table or type a statement creates, e.g. `{ kind: 'type', name: 'subscription_status' }`. */
export interface CreatedObject {
  readonly kind: 'table' | 'type';
  /** `name` in `public`, else `schema.name`. */
  readonly name: string;
}

/**
 * The tables and types a migration's statements create, read with PostgreSQL's own parser
 * (`CREATE TABLE [IF NOT EXISTS]`, `CREATE TYPE … AS ENUM | AS (…) | AS RANGE`, `CREATE DOMAIN`,
 * `CREATE TABLE … AS`, and static SQL inside `DO` blocks). A statement that does not parse
 * creates nothing here; the server would have refused it anyway.
 * Call `loadParser()` from '../lint/parser' once before.
 * @example createdObjects([{ sql: 'create table "users" (id int)', reads: false }]) // [{ kind: 'table', name: 'users' }]
 */
export function createdObjects(statements: readonly CapturedStatement[]): CreatedObject[] {
  const found: CreatedObject[] = [];
  for (const { kind, node } of parseReadable(statements.map((statement) => statement.sql))) {
    const created = objectOf(kind, node);
    if (created && !(created.kind === 'table' && isBookkeepingTable(created.name))) found.push(created);
  }
  return found;
}

function objectOf(kind: string, node: Record<string, unknown>): CreatedObject | undefined {
  switch (kind) {
    case 'CreateStmt':
      return table(relationOf(node.relation));
    case 'CreateTableAsStmt':
      return node.objtype === 'OBJECT_TABLE' ? table(relationOf((node.into as { rel?: unknown } | undefined)?.rel)) : undefined;
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      return type(splitName(namesOf(node.typeName)));
    case 'CreateDomainStmt':
      return type(splitName(namesOf(node.domainname)));
    case 'CompositeTypeStmt':
      return type(relationOf(node.typevar));
    default:
      return undefined;
  }
}

function table(name: { schema: string | undefined; name: string } | undefined): CreatedObject | undefined {
  return name ? { kind: 'table', name: qualified(name) } : undefined;
}

function type(name: { schema: string | undefined; name: string } | undefined): CreatedObject | undefined {
  return name && name.name !== '' ? { kind: 'type', name: qualified(name) } : undefined;
}

function qualified({ schema, name }: { schema: string | undefined; name: string }): string {
  return schema && schema !== 'public' ? `${schema}.${name}` : name;
}
