/**
 * The system users every environment gets, and where their passwords come from.
 * Outside production: the documented development default. In production: environment
 * variables, or the seed refuses to run.
 */
import { productionSecrets, type SeedContext } from '@strata/core';

/** bcrypt cost factor for every password this package writes (the seed's "salt rounds: 12"). */
export const BCRYPT_COST = 12;

/** The documented development password of the system users. Never used in production. */
export const DEV_SYSTEM_PASSWORD = 'Admin@123';

/** The shortest password accepted from the environment in production. */
export const MIN_PRODUCTION_PASSWORD_LENGTH = 12;

/** One staff login created by the reference seed. */
export interface SystemUser {
  readonly email: string;
  readonly username: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly role: 'admin' | 'support';
  /** Environment variable holding its password in production. */
  readonly passwordEnvVar: string;
  /** Stored in `users.permissions`: admins get every feature, support the support tools. */
  readonly permissions: Readonly<Record<string, boolean>>;
}

export const SYSTEM_USERS: readonly SystemUser[] = [
  {
    email: 'admin@balatrix.com',
    username: 'admin',
    firstName: 'System',
    lastName: 'Administrator',
    role: 'admin',
    passwordEnvVar: 'BALATRIX_ADMIN_PASSWORD',
    permissions: {
      manage_users: true,
      manage_customers: true,
      manage_rate_plans: true,
      manage_billing: true,
      manage_dids: true,
      view_reports: true,
      support_tools: true,
    },
  },
  {
    email: 'support@balatrix.com',
    username: 'support',
    firstName: 'Support',
    lastName: 'Team',
    role: 'support',
    passwordEnvVar: 'BALATRIX_SUPPORT_PASSWORD',
    permissions: {
      manage_users: false,
      manage_customers: true,
      manage_rate_plans: false,
      manage_billing: false,
      manage_dids: false,
      view_reports: true,
      support_tools: true,
    },
  },
];

/**
 * The password each system user gets, by email: the development default outside production; in
 * production the value of its environment variable, which must be set, at least
 * {@link MIN_PRODUCTION_PASSWORD_LENGTH} characters and not the development default.
 * Throws SafetyError naming every variable that is missing or unacceptable (never a value),
 * before the seed writes anything.
 * @example systemPasswords({ production: false, env: {} }).get('admin@balatrix.com') // 'Admin@123'
 */
export function systemPasswords(context: SeedContext): Map<string, string> {
  const secrets = productionSecrets(
    context,
    SYSTEM_USERS.map((user) => ({ envVar: user.passwordEnvVar, developmentDefault: DEV_SYSTEM_PASSWORD, minLength: MIN_PRODUCTION_PASSWORD_LENGTH })),
    'the system users need their passwords',
  );
  return new Map(SYSTEM_USERS.map((user) => [user.email, secrets.get(user.passwordEnvVar)!]));
}
