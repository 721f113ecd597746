/**
 * Which column type changes PostgreSQL makes without rewriting or scanning the table:
 * the old type is binary-coercible to the new one and no length/precision check is needed.
 * https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES
 * and the list of safe changes in https://github.com/ankane/strong_migrations#changing-the-type-of-a-column
 */

interface ParsedType {
  /** The type without its modifiers, e.g. `character varying`, `timestamp without time zone`. */
  readonly family: string;
  /** Its modifiers, e.g. `[20]` for varchar(20), `[10, 2]` for numeric(10,2); empty when unconstrained. */
  readonly modifiers: readonly number[];
}

/** Reads a `format_type()` string: `timestamp(3) without time zone` → family `timestamp without time zone`, modifiers `[3]`. */
export function parseFormattedType(type: string): ParsedType {
  const match = /^([^(]+)(?:\((\d+)(?:,(\d+))?\))?(.*)$/.exec(type.trim());
  if (!match) return { family: type, modifiers: [] };
  const modifiers = [match[2], match[3]].filter((m): m is string => m !== undefined).map(Number);
  return { family: `${match[1]!.trim()}${match[4] ?? ''}`.trim(), modifiers };
}

/** Types whose only modifier is a length or precision that may grow without a rewrite. */
const GROWABLE = new Set(['character varying', 'bit varying', 'timestamp without time zone', 'timestamp with time zone', 'time without time zone', 'interval']);

/** Binary-coercible pairs of different families (old → new). */
const COERCIBLE = new Set(['character varying→text', 'text→character varying', 'cidr→inet']);

const TIMESTAMPS = new Set(['timestamp without time zone→timestamp with time zone', 'timestamp with time zone→timestamp without time zone']);

/**
 * True when changing a column from `oldType` to `newType` (both `format_type()` strings)
 * needs neither a rewrite nor a scan. timestamp ↔ timestamptz qualifies only when the
 * session TimeZone is UTC (PostgreSQL 12+), which the lint credits only when the
 * migration itself sets it.
 * @example coercionWithoutRewrite('character varying(20)', 'character varying(50)', false) // true
 * @example coercionWithoutRewrite('character varying(50)', 'character varying(20)', false) // false (every row is checked)
 */
export function coercionWithoutRewrite(oldType: string, newType: string, timeZoneUtc: boolean): boolean {
  if (oldType === newType) return true;
  const from = parseFormattedType(oldType);
  const to = parseFormattedType(newType);
  if (from.family === to.family) {
    if (to.modifiers.length === 0) return GROWABLE.has(from.family) || from.family === 'numeric';
    if (from.modifiers.length === 0) return false;
    if (GROWABLE.has(from.family)) return to.modifiers[0]! >= from.modifiers[0]!;
    // numeric(p,s) → numeric(p',s) with p' ≥ p: same scale, more digits.
    if (from.family === 'numeric') return to.modifiers[0]! >= from.modifiers[0]! && (to.modifiers[1] ?? 0) === (from.modifiers[1] ?? 0);
    return false;
  }
  const pair = `${from.family}→${to.family}`;
  if (COERCIBLE.has(pair)) {
    // varchar(n) → text is free; text → varchar only unbounded (a bound checks every row).
    return pair !== 'text→character varying' || to.modifiers.length === 0;
  }
  if (TIMESTAMPS.has(pair)) return timeZoneUtc && (to.modifiers[0] ?? 6) >= (from.modifiers[0] ?? 6);
  return false;
}
