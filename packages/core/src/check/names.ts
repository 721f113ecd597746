import type { ScriptFile } from '../migrations/source';
import type { CheckFailure } from './types';

/** Knex's name prefix: UTC YYYYMMDDHHMMSS, then `_`, then a description. */
const KNEX_NAME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_(.+)$/;

/** A clock a day fast is still not "the future": leaves room for skew between machines. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * Migration names must sort in the order they were written: a Knex timestamp prefix that is a
 * real UTC time, not in the future (a migration made today would sort before it), and not
 * shared with another migration (their order would hang on the description).
 * @example checkNames([{ name: 'create_users.ts', file }]) // [{ message: 'create_users.ts has no Knex timestamp prefix…' }]
 */
export function checkNames(scripts: readonly ScriptFile[], now = new Date()): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const byStamp = new Map<string, string>();
  for (const script of scripts) {
    const match = KNEX_NAME.exec(script.name);
    const at = { migration: script.name, file: script.file };
    if (!match) {
      failures.push({ ...at, message: `${script.name} has no Knex timestamp prefix (YYYYMMDDHHMMSS_name): rename it, or create migrations with strata migrate make` });
      continue;
    }
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const time = Date.UTC(year, month - 1, day, hour, minute, second);
    const valid = new Date(time).getUTCMonth() === month - 1 && new Date(time).getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
    const stamp = script.name.slice(0, 14);
    // The zero stamp marks a package's foundation (strata new's first migration): it sorts first.
    if (stamp === '00000000000000') {
      // valid by convention
    } else if (!valid) {
      failures.push({ ...at, message: `${script.name} starts with ${stamp}, which is not a UTC date-time: rename it with a real timestamp` });
    } else if (time > now.getTime() + FUTURE_SLACK_MS) {
      failures.push({ ...at, message: `${script.name} is dated in the future (${new Date(time).toISOString()}): migrations made before that date would sort before it; rename it with today's timestamp` });
    }
    const twin = byStamp.get(stamp);
    if (twin) failures.push({ ...at, message: `${twin} and ${script.name} share the timestamp ${stamp}: their order hangs on the description; give ${script.name} a later timestamp` });
    else byStamp.set(stamp, script.name);
  }
  return failures;
}
