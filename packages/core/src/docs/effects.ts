/**
 * What each migration does to the schema, read from the statements the runner recorded with
 * PostgreSQL's own parser: the tables it creates, changes or drops, and its other objects.
 */
import { isBookkeepingTable } from '../bookkeeping';
import { dropObjects, namesOf, relationOf, splitName } from '../lint/ast';
import { parseReadable } from '../lint/parser';
import { compareText } from '../schema/snapshot';

/** The objects one migration's up() touches, each list sorted by name. */
export interface MigrationEffects {
  /** Tables created (CREATE TABLE, CREATE TABLE AS). */
  readonly createdTables: readonly string[];
  /** Tables that existed before and were altered, indexed, triggered, renamed or written to. */
  readonly changedTables: readonly string[];
  readonly droppedTables: readonly string[];
  /** Other objects, as `type x`, `function f`, `view v`, `sequence s`, with the verb: `creates type x`. */
  readonly otherObjects: readonly string[];
}

type Verb = 'creates' | 'changes' | 'drops';

/**
 * Reads the effects of one migration's statements. Statements that do not parse are skipped
 * (the linter reports them); reads change nothing. Call `loadParser()` from '../lint/parser' first.
 * @example migrationEffects(['create table "users" (id int)', 'create index i on "users" (id)']).createdTables // ['users']
 */
export function migrationEffects(statements: readonly string[]): MigrationEffects {
  const tables = new Map<string, Verb>();
  const others = new Map<string, Verb>();
  const touchTable = (name: string | undefined, verb: Verb): void => {
    if (name === undefined || isBookkeepingTable(name.replace(/^.*\./, ''))) return;
    const before = tables.get(name);
    // Created or dropped in the same migration wins over a change.
    if (before === 'creates' && verb === 'changes') return;
    if (before === 'creates' && verb === 'drops') {
      tables.delete(name);
      return;
    }
    tables.set(name, verb);
  };
  const touchOther = (kind: string, name: string | undefined, verb: Verb): void => {
    if (!name) return;
    const key = `${kind} ${name}`;
    const before = others.get(key);
    if (before === 'creates' && verb === 'changes') return;
    if (before === 'creates' && verb === 'drops') {
      others.delete(key);
      return;
    }
    others.set(key, verb);
  };
  for (const { kind, node } of parseReadable(statements)) {
    switch (kind) {
      case 'CreateStmt':
        touchTable(display(relationOf(node.relation)), 'creates');
        break;
      case 'CreateTableAsStmt':
        if (node.objtype === 'OBJECT_TABLE') touchTable(display(relationOf((node.into as { rel?: unknown } | undefined)?.rel)), 'creates');
        else touchOther('materialized view', display(relationOf((node.into as { rel?: unknown } | undefined)?.rel)), 'creates');
        break;
      case 'AlterTableStmt':
        if (node.objtype === 'OBJECT_TABLE') touchTable(display(relationOf(node.relation)), 'changes');
        break;
      case 'IndexStmt':
      case 'CreateTrigStmt':
      case 'InsertStmt':
      case 'UpdateStmt':
      case 'DeleteStmt':
        touchTable(display(relationOf(node.relation)), 'changes');
        break;
      case 'RenameStmt':
        if (node.renameType === 'OBJECT_TABLE' || node.relationType === 'OBJECT_TABLE') touchTable(display(relationOf(node.relation)), 'changes');
        break;
      case 'TruncateStmt':
        for (const relation of (node.relations as Array<{ RangeVar?: unknown }> | undefined) ?? []) touchTable(display(relationOf(relation.RangeVar)), 'changes');
        break;
      case 'DropStmt':
        for (const names of dropObjects(node)) {
          const name = display(splitName(names));
          if (node.removeType === 'OBJECT_TABLE') touchTable(name, 'drops');
          else if (DROPPED_KINDS[node.removeType as string]) touchOther(DROPPED_KINDS[node.removeType as string]!, name, 'drops');
        }
        if (node.removeType === 'OBJECT_FUNCTION' || node.removeType === 'OBJECT_PROCEDURE') {
          for (const object of (node.objects as Array<{ ObjectWithArgs?: { objname?: unknown } }> | undefined) ?? []) {
            touchOther(node.removeType === 'OBJECT_FUNCTION' ? 'function' : 'procedure', display(splitName(namesOf(object.ObjectWithArgs?.objname))), 'drops');
          }
        }
        break;
      case 'CreateEnumStmt':
      case 'CreateRangeStmt':
        touchOther('type', display(splitName(namesOf(node.typeName))), 'creates');
        break;
      case 'CreateDomainStmt':
        touchOther('domain', display(splitName(namesOf(node.domainname))), 'creates');
        break;
      case 'CompositeTypeStmt':
        touchOther('type', display(relationOf(node.typevar)), 'creates');
        break;
      case 'AlterEnumStmt':
        touchOther('type', display(splitName(namesOf(node.typeName))), 'changes');
        break;
      case 'CreateFunctionStmt':
        touchOther(node.is_procedure ? 'procedure' : 'function', display(splitName(namesOf(node.funcname))), 'creates');
        break;
      case 'ViewStmt':
        touchOther('view', display(relationOf(node.view)), 'creates');
        break;
      case 'CreateSeqStmt':
        touchOther('sequence', display(relationOf(node.sequence)), 'creates');
        break;
      case 'CreateExtensionStmt':
        touchOther('extension', typeof node.extname === 'string' ? node.extname : undefined, 'creates');
        break;
      default:
        break;
    }
  }
  const tablesWith = (verb: Verb): string[] => [...tables].filter(([, v]) => v === verb).map(([name]) => name).sort(compareText);
  return {
    createdTables: tablesWith('creates'),
    changedTables: tablesWith('changes'),
    droppedTables: tablesWith('drops'),
    otherObjects: [...others].map(([key, verb]) => `${verb} ${key}`).sort(compareText),
  };
}

const DROPPED_KINDS: Readonly<Record<string, string>> = {
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_EXTENSION: 'extension',
};

/** `name` in `public`, else `schema.name`. */
function display(name: { schema: string | undefined; name: string } | undefined): string | undefined {
  if (!name || name.name === '') return undefined;
  return name.schema && name.schema !== 'public' ? `${name.schema}.${name.name}` : name.name;
}
