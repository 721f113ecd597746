/**
 * The migration policy a package declares in its package.json, and what it means for a run.
 * One policy exists: `additive-only` — only create, never drop, truncate, delete, rewrite or
 * rename, in up() and in down(). `strata lint` and `strata check` enforce it on the migrations
 * (src/lint/policy.ts, src/check/policy.ts); `strata migrate` rehearses a plan of such a package
 * and refuses it as a whole, before its first step, when any step breaks it.
 *
 * ```json
 * "strata": { "policy": "additive-only" }
 * ```
 */
import { ConfigError } from '../errors';

/** The policies a package can declare as `"strata": { "policy": … }`. */
export const MigrationPolicy = {
  /** Only create, never drop, truncate, delete, rewrite or rename — in up() and in down(). */
  additiveOnly: 'additive-only',
} as const;
export type MigrationPolicy = (typeof MigrationPolicy)[keyof typeof MigrationPolicy];

/** The rule id of the findings the policy raises (not acknowledgeable). */
export const POLICY_RULE = 'additive-only';

const POLICIES: readonly string[] = Object.values(MigrationPolicy);

/**
 * The policy a package declares in its package.json `strata` field, or undefined when none.
 * @throws ConfigError naming the bad value and the policies there are.
 * @example policyOf({ policy: 'additive-only' }, 'billing/package.json "strata"') // 'additive-only'
 */
export function policyOf(config: Readonly<Record<string, unknown>> | undefined, source = 'package.json "strata"'): MigrationPolicy | undefined {
  const value = config?.policy;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !POLICIES.includes(value)) {
    throw new ConfigError(`${source}.policy is ${JSON.stringify(value)}: the policies are ${POLICIES.map((p) => `"${p}"`).join(', ')} (or leave it out)`);
  }
  return value as MigrationPolicy;
}
