/**
 * GDPR erasure from TypeScript: a thin call of the SQL function erase_user_personal_data()
 * (compliance/…_audit_logs_gdpr_requests), which every service of the platform shares.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** What erase_user_personal_data() did, as it reports it. */
export interface ErasureResult {
  readonly user_id: string;
  /** true: the user had been erased before; nothing was done this time. */
  readonly already_erased: boolean;
  readonly sessions_deleted?: number;
  readonly carts_deleted?: number;
  readonly notifications_deleted?: number;
  readonly credentials_deleted?: number;
  readonly instagram_accounts_deleted?: number;
  readonly orders_anonymised?: number;
  readonly support_tickets_redacted?: number;
  readonly webhook_payloads_redacted?: number;
}

/**
 * Erases a user's personal data (one transaction; see the migration for what is deleted, what is
 * anonymised and what the law keeps). Running it again does nothing.
 * @example const result = await eraseUser(knex, userId); // { already_erased: false, orders_anonymised: 2, … }
 */
export async function eraseUser(knex: Knex, userId: string): Promise<ErasureResult> {
  const { rows } = await knex.raw<{ rows: { result: ErasureResult }[] }>('SELECT erase_user_personal_data(?::uuid) AS result', [userId]);
  return rows[0]!.result;
}

/**
 * The value of gdpr_requests.subject_email_sha256: SHA-256 (hex) of the lower-cased, trimmed
 * address, so a repeated request is recognised after erasure without keeping the address.
 * @example emailSha256(' Anna@Example.com ') === emailSha256('anna@example.com') // true
 */
export function emailSha256(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
}
