/** Production rules for what seeds write: secrets from the environment, no demo data. */
import { SafetyError } from '../errors';
import type { SeedContext } from './module';

/** A secret a seed writes (a system user's password, an API key), and where production takes it from. */
export interface ProductionSecret {
  /** Environment variable holding the value in production, e.g. `BALATRIX_ADMIN_PASSWORD`. */
  readonly envVar: string;
  /** The documented development value: used outside production, refused in production. */
  readonly developmentDefault: string;
  /** Shortest value accepted in production; default {@link MIN_PRODUCTION_SECRET_LENGTH}. */
  readonly minLength?: number;
}

/** The shortest production secret accepted unless a secret says otherwise. */
export const MIN_PRODUCTION_SECRET_LENGTH = 12;

/**
 * The value of each secret, by environment variable: the development default outside
 * production; in production the variable's value, which must be set, long enough and not the
 * development default. Refuses with one SafetyError naming every variable that is missing or
 * unacceptable (never a value), before the seed writes anything.
 * @param needs what the secrets are for, as the refusal says it: `the system users need their passwords`
 * @example productionSecrets(context, [{ envVar: 'ADMIN_PASSWORD', developmentDefault: 'Admin@123' }], 'the admin needs a password').get('ADMIN_PASSWORD')
 */
export function productionSecrets(context: SeedContext, secrets: readonly ProductionSecret[], needs: string): Map<string, string> {
  const values = new Map<string, string>();
  if (!context.production) {
    for (const secret of secrets) values.set(secret.envVar, secret.developmentDefault);
    return values;
  }
  const problems: string[] = [];
  for (const secret of secrets) {
    const value = context.env[secret.envVar];
    const minLength = secret.minLength ?? MIN_PRODUCTION_SECRET_LENGTH;
    if (value === undefined || value === '') problems.push(`${secret.envVar} is not set`);
    else if (value === secret.developmentDefault) problems.push(`${secret.envVar} is the development default`);
    else if (value.length < minLength) problems.push(`${secret.envVar} is shorter than ${minLength} characters`);
    else values.set(secret.envVar, value);
  }
  if (problems.length > 0) {
    throw new SafetyError(
      `refused: ${needs} from the environment in production (${problems.join('; ')}): set ${secrets.map((s) => s.envVar).join(' and ')} and run the seed again — nothing was written`,
    );
  }
  return values;
}

/**
 * A demo seed's own guard: the runner already refuses the demo profile on production, and this
 * keeps the file safe when it is called some other way (a script, a test).
 * @example export async function seed(knex, context) { refuseOnProduction(context, 'demo customers (password Demo@123)'); … }
 */
export function refuseOnProduction(context: SeedContext, what: string): void {
  if (context.production) throw new SafetyError(`refused: ${what} never go to production: run the reference profile there`);
}
