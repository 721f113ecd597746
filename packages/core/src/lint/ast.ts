/** Small readers over libpg_query parse trees, which arrive as plain JSON objects. */
import type { ColumnDef, Constraint, Node, RangeVar, TypeName } from 'libpg-query';
import { unwrap } from './parser';

type Tree = Record<string, unknown>;

/** A RangeVar's schema (if written) and name. */
export function relationOf(node: unknown): { schema: string | undefined; name: string } | undefined {
  const range = node as RangeVar | undefined;
  if (!range?.relname) return undefined;
  return { schema: range.schemaname, name: range.relname };
}

/** The strings of a name list: `[{String:{sval:'public'}},{String:{sval:'orders'}}]` → `['public','orders']`. */
export function namesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => ((item as { String?: { sval?: string } }).String?.sval ?? '')).filter((s) => s !== '');
}

/** A dotted name as `{schema, name}`: `['billing','plan']` or `['plan']`. */
export function splitName(parts: readonly string[]): { schema: string | undefined; name: string } {
  return parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1]! } : { schema: undefined, name: parts[0] ?? '' };
}

/** The objects of a DropStmt as name lists (`DROP TABLE a, b.c`). */
export function dropObjects(node: Tree): string[][] {
  const objects = (node.objects as Node[] | undefined) ?? [];
  return objects.map((object) => {
    const [kind, value] = unwrap(object);
    if (kind === 'List') return namesOf(value.items);
    if (kind === 'TypeName') return namesOf((value as TypeName).names);
    if (kind === 'String') return [String(value.sval ?? '')];
    return [];
  });
}

/** The bare type name of a TypeName without `pg_catalog.`: `varchar`, `json`, `timestamp`, `serial`. */
export function typeNameOf(typeName: TypeName | undefined): string {
  const names = namesOf(typeName?.names);
  return names[names.length - 1] ?? '';
}

/** The constraints written on a column definition. */
export function columnConstraints(column: ColumnDef): Constraint[] {
  return (column.constraints ?? []).map((c) => (c as { Constraint?: Constraint }).Constraint).filter((c): c is Constraint => c !== undefined);
}

/** The column definitions of a CREATE TABLE. */
export function tableColumns(createStmt: Tree): ColumnDef[] {
  return ((createStmt.tableElts as Node[] | undefined) ?? []).map((e) => (e as { ColumnDef?: ColumnDef }).ColumnDef).filter((c): c is ColumnDef => c !== undefined);
}

/** The table-level constraints of a CREATE TABLE. */
export function tableConstraints(createStmt: Tree): Constraint[] {
  return ((createStmt.tableElts as Node[] | undefined) ?? []).map((e) => (e as { Constraint?: Constraint }).Constraint).filter((c): c is Constraint => c !== undefined);
}

/** One ALTER TABLE sub-command. */
export interface AlterCommand {
  readonly subtype: string;
  readonly name: string | undefined;
  readonly def: Tree | undefined;
  readonly defKind: string | undefined;
  /** `IF EXISTS` / `IF NOT EXISTS` was written. */
  readonly missingOk: boolean;
}

/** The sub-commands of an ALTER TABLE (one statement may carry several). */
export function alterCommands(alterStmt: Tree): AlterCommand[] {
  return ((alterStmt.cmds as Node[] | undefined) ?? []).map((cmd) => {
    const value = (cmd as { AlterTableCmd?: { subtype?: string; name?: string; def?: Node; missing_ok?: boolean } }).AlterTableCmd ?? {};
    const [defKind, def] = value.def ? unwrap(value.def) : [undefined, undefined];
    return { subtype: value.subtype ?? '', name: value.name, def, defKind, missingOk: value.missing_ok === true };
  });
}

/** Names of every function called anywhere under a node (`nextval`, `random`, `gen_random_uuid`). */
export function calledFunctions(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) calledFunctions(item, into);
  } else if (node && typeof node === 'object') {
    const record = node as Tree;
    const call = record.FuncCall as { funcname?: unknown } | undefined;
    if (call) {
      const names = namesOf(call.funcname);
      if (names.length > 0) into.push(names[names.length - 1]!);
    }
    for (const child of Object.values(record)) calledFunctions(child, into);
  }
  return into;
}

/** The last name of every column referenced anywhere under a node (`a`, `t.b` → `a`, `b`). */
export function columnRefsIn(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) columnRefsIn(item, into);
  } else if (node && typeof node === 'object') {
    const record = node as Tree;
    const ref = record.ColumnRef as { fields?: unknown } | undefined;
    if (ref) {
      const names = namesOf(ref.fields);
      if (names.length > 0) into.push(names[names.length - 1]!);
    }
    for (const child of Object.values(record)) columnRefsIn(child, into);
  }
  return into;
}

/** Every table named anywhere under a node (FROM lists, subqueries, joins). */
export function rangeVarsIn(node: unknown, into: { schema: string | undefined; name: string }[] = []): { schema: string | undefined; name: string }[] {
  if (Array.isArray(node)) {
    for (const item of node) rangeVarsIn(item, into);
  } else if (node && typeof node === 'object') {
    const record = node as Tree;
    const relation = relationOf(record.RangeVar);
    if (relation) into.push(relation);
    for (const child of Object.values(record)) rangeVarsIn(child, into);
  }
  return into;
}

/** The columns an UPDATE assigns, each with the value expression (`SET a = 1, (b, c) = (…)`). */
export function updateTargets(updateStmt: Tree): { column: string; value: unknown }[] {
  return ((updateStmt.targetList as Node[] | undefined) ?? []).flatMap((item) => {
    const target = (item as { ResTarget?: { name?: string; val?: unknown } }).ResTarget;
    return target?.name ? [{ column: target.name, value: target.val }] : [];
  });
}
