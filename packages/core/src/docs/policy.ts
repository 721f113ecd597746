/** The safety policy a package declares in package.json: `"strata": { "policy": … }`. */

/** What a known policy means, in one sentence for the docs. */
const KNOWN: Readonly<Record<string, string>> = {
  'additive-only':
    'migrations only create and add: no destructive operation (drop of a table, column, type or constraint, truncate, delete, type change, rename) in up() or down(), and none can be acknowledged.',
};

/** A declared policy and its description when the docs know it. */
export interface DeclaredPolicy {
  readonly name: string;
  /** The value when it is not a bare name or `true`, as JSON. */
  readonly setting: string | undefined;
  readonly meaning: string | undefined;
}

/**
 * The policies of a package's `strata` field, sorted by name: `"policy": "additive-only"`, a list
 * of names, or an object of names to settings. Empty when none is declared.
 * @example declaredPolicies({ policy: 'additive-only' }) // [{ name: 'additive-only', setting: undefined, meaning: 'migrations only create and add: …' }]
 */
export function declaredPolicies(config: Readonly<Record<string, unknown>>): DeclaredPolicy[] {
  const raw = config.policy;
  const entries: Array<[string, unknown]> =
    typeof raw === 'string' ? [[raw, true]] : Array.isArray(raw) ? raw.map((name) => [String(name), true]) : raw !== null && typeof raw === 'object' ? Object.entries(raw) : [];
  return entries
    .filter(([name, value]) => name !== '' && value !== false)
    .map(([name, value]) => ({ name, setting: value === true ? undefined : JSON.stringify(value), meaning: KNOWN[name] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
