/**
 * Integration credentials (API keys, OAuth tokens) encrypted by the application before they
 * reach the database: AES-256-GCM with a key from the environment, identified by a key id.
 *
 * Why in the application and not pgcrypto's pgp_sym_encrypt: with pgcrypto the key travels to
 * the server in every statement — into pg_stat_activity, into the server log when statements
 * are logged (log_statement, auto_explain, errors), into anything that captures SQL — and a
 * database dump plus those logs is the whole secret. Here the database only ever sees
 * ciphertext; the key lives in the environment of the services that need the tokens.
 *
 * Keyring: `COMMERCE_CREDENTIAL_KEYS=<key-id>:<base64 of 32 bytes>[,<key-id>:<key>…]`. The first
 * key encrypts; every listed key decrypts, so a key is rotated by putting a new one first,
 * running {@link reencryptCredentials}, then removing the old one.
 * Make a key: `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { ConfigError, StrataError } from '@strata/core';
import type { IntegrationOwnerType, IntegrationService } from './enums';
import { Table } from './tables';

/** The environment variable holding the keyring. */
export const CREDENTIAL_KEYS_ENV = 'COMMERCE_CREDENTIAL_KEYS';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Keys by id; `current` encrypts. */
export interface CredentialKeyring {
  readonly current: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * Reads the keyring from the environment. Refuses, in one line naming the variable and never a
 * key, when it is missing or malformed.
 * @example const keyring = credentialKeyring(); // COMMERCE_CREDENTIAL_KEYS=k2025:…
 */
export function credentialKeyring(env: NodeJS.ProcessEnv = process.env): CredentialKeyring {
  const raw = env[CREDENTIAL_KEYS_ENV];
  const howTo = `set ${CREDENTIAL_KEYS_ENV}=<key-id>:<base64 of ${KEY_BYTES} random bytes> (first key encrypts)`;
  if (!raw || raw.trim() === '') throw new ConfigError(`${CREDENTIAL_KEYS_ENV} is not set: integration credentials cannot be encrypted or read; ${howTo}`);
  const keys = new Map<string, Buffer>();
  for (const [index, entry] of raw.split(',').map((part) => part.trim()).entries()) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    const key = Buffer.from(separator > 0 ? entry.slice(separator + 1) : '', 'base64');
    if (!KEY_ID.test(id)) throw new ConfigError(`${CREDENTIAL_KEYS_ENV} entry ${index + 1} has no valid key id (letters, digits, '_', '.', '-'; at most 64) before ':'; ${howTo}`);
    if (key.length !== KEY_BYTES) throw new ConfigError(`${CREDENTIAL_KEYS_ENV} key '${id}' is ${key.length} bytes, not ${KEY_BYTES}: ${howTo}`);
    if (keys.has(id)) throw new ConfigError(`${CREDENTIAL_KEYS_ENV} lists key '${id}' twice: give every key its own id`);
    keys.set(id, key);
  }
  return { current: keys.keys().next().value as string, keys };
}

/** Whose credential and for which service: the row's natural key. */
export type CredentialOwner =
  | { readonly ownerType: 'platform'; readonly service: IntegrationService }
  | { readonly ownerType: 'user'; readonly userId: string; readonly service: IntegrationService }
  | { readonly ownerType: 'customer_profile'; readonly customerProfileId: string; readonly service: IntegrationService };

/** The encrypted form, as stored. */
export interface EncryptedSecret {
  readonly key_id: string;
  readonly secret_nonce: Buffer;
  readonly secret_ciphertext: Buffer;
  readonly secret_auth_tag: Buffer;
}

function ownerIdOf(owner: CredentialOwner): string | null {
  return owner.ownerType === 'user' ? owner.userId : owner.ownerType === 'customer_profile' ? owner.customerProfileId : null;
}

/** Associated data: binds a ciphertext to its row's natural key (a copied ciphertext fails). */
function associatedData(owner: CredentialOwner): Buffer {
  return Buffer.from(`strata-commerce/integration_credentials/v1|${owner.service}|${owner.ownerType}|${ownerIdOf(owner) ?? ''}`, 'utf8');
}

function describe(owner: CredentialOwner): string {
  const id = ownerIdOf(owner);
  return `${owner.service} credential of ${owner.ownerType}${id ? ` ${id}` : ''}`;
}

/**
 * Encrypts a secret for an owner with the keyring's current key (fresh random nonce each time).
 * @example encryptSecret(keyring, { ownerType: 'platform', service: 'lexoffice' }, apiKey)
 */
export function encryptSecret(keyring: CredentialKeyring, owner: CredentialOwner, secret: string): EncryptedSecret {
  if (typeof secret !== 'string' || secret === '') throw new StrataError(`${describe(owner)}: the secret is empty`);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyring.keys.get(keyring.current)!, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(owner));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { key_id: keyring.current, secret_nonce: nonce, secret_ciphertext: ciphertext, secret_auth_tag: cipher.getAuthTag() };
}

/**
 * Decrypts a stored secret; refuses (one line, no secret) when its key is not in the keyring or
 * the row was tampered with or copied from another owner.
 */
export function decryptSecret(keyring: CredentialKeyring, owner: CredentialOwner, stored: EncryptedSecret): string {
  const key = keyring.keys.get(stored.key_id);
  if (!key) throw new ConfigError(`${describe(owner)} is encrypted with key '${stored.key_id}', which ${CREDENTIAL_KEYS_ENV} does not list: add that key (after the current one)`);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, stored.secret_nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(owner));
    decipher.setAuthTag(stored.secret_auth_tag);
    return Buffer.concat([decipher.update(stored.secret_ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new StrataError(`${describe(owner)} does not decrypt with key '${stored.key_id}': the row was altered or belongs to another owner; store the credential again`);
  }
}

function ownerColumns(owner: CredentialOwner): Record<string, unknown> {
  return {
    owner_type: owner.ownerType,
    user_id: owner.ownerType === 'user' ? owner.userId : null,
    customer_profile_id: owner.ownerType === 'customer_profile' ? owner.customerProfileId : null,
    service: owner.service,
  };
}

/** The WHERE that finds an owner's credential for a service. */
function whereOwner(query: Knex.QueryBuilder, owner: CredentialOwner): Knex.QueryBuilder {
  const id = ownerIdOf(owner);
  query.where({ owner_type: owner.ownerType, service: owner.service });
  return id === null ? query.whereNull('owner_id') : query.where({ owner_id: id });
}

/**
 * Stores (or replaces) an owner's credential for a service, encrypted; returns the row id.
 * @example await storeCredential(knex, keyring, { ownerType: 'customer_profile', customerProfileId, service: 'instagram' }, token)
 */
export async function storeCredential(
  knex: Knex,
  keyring: CredentialKeyring,
  owner: CredentialOwner,
  secret: string,
  details: { readonly label?: string | null; readonly expiresAt?: Date | null } = {},
): Promise<string> {
  const encrypted = encryptSecret(keyring, owner, secret);
  const row = { ...ownerColumns(owner), ...encrypted, label: details.label ?? null, expires_at: details.expiresAt ?? null };
  const merge = ['key_id', 'secret_nonce', 'secret_ciphertext', 'secret_auth_tag', 'label', 'expires_at'];
  // The two partial unique indexes are the conflict targets (ON CONFLICT needs their predicate).
  const target = owner.ownerType === 'platform' ? knex.raw(`(service) WHERE owner_type = 'platform'`) : knex.raw('(owner_type, owner_id, service) WHERE owner_id IS NOT NULL');
  const [stored] = (await knex(Table.integrationCredentials).insert(row).onConflict(target).merge(merge).returning('id')) as { id: string }[];
  return stored!.id;
}

/**
 * An owner's secret for a service, decrypted; undefined when none is stored.
 * @example const token = await readCredential(knex, keyring, { ownerType: 'platform', service: 'lexoffice' })
 */
export async function readCredential(knex: Knex, keyring: CredentialKeyring, owner: CredentialOwner): Promise<string | undefined> {
  const row = (await whereOwner(knex(Table.integrationCredentials), owner).first('key_id', 'secret_nonce', 'secret_ciphertext', 'secret_auth_tag')) as EncryptedSecret | undefined;
  return row ? decryptSecret(keyring, owner, row) : undefined;
}

interface StoredRow extends EncryptedSecret {
  readonly id: string;
  readonly owner_type: IntegrationOwnerType;
  readonly user_id: string | null;
  readonly customer_profile_id: string | null;
  readonly service: IntegrationService;
}

function ownerOfRow(row: StoredRow): CredentialOwner {
  if (row.owner_type === 'user') return { ownerType: 'user', userId: row.user_id!, service: row.service };
  if (row.owner_type === 'customer_profile') return { ownerType: 'customer_profile', customerProfileId: row.customer_profile_id!, service: row.service };
  return { ownerType: 'platform', service: row.service };
}

/**
 * Key rotation: re-encrypts, with the current key, every credential stored under another key
 * (in one transaction); returns how many. Afterwards the old key can leave the keyring.
 * @example await reencryptCredentials(knex, credentialKeyring()) // 3
 */
export async function reencryptCredentials(knex: Knex, keyring: CredentialKeyring): Promise<number> {
  return knex.transaction(async (trx) => {
    const rows = (await trx(Table.integrationCredentials)
      .whereNot({ key_id: keyring.current })
      .forUpdate()
      .select('id', 'owner_type', 'user_id', 'customer_profile_id', 'service', 'key_id', 'secret_nonce', 'secret_ciphertext', 'secret_auth_tag')) as StoredRow[];
    for (const row of rows) {
      const owner = ownerOfRow(row);
      await trx(Table.integrationCredentials).where({ id: row.id }).update(encryptSecret(keyring, owner, decryptSecret(keyring, owner, row)));
    }
    return rows.length;
  });
}
