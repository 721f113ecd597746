/**
 * integration_credentials never holds a token in plaintext: the application encrypts it with
 * AES-256-GCM under a key from the environment. Read back from real PostgreSQL, the table shows
 * no trace of the token in any encoding; the owner's row alone decrypts it; keys rotate.
 */
import { randomBytes } from 'node:crypto';
import { ConfigError, StrataError } from '@strata/core';
import { pgError, testServers, usePackageDatabase } from '@strata/core/testing';
import {
  CREDENTIAL_KEYS_ENV,
  credentialKeyring,
  encryptSecret,
  readCredential,
  reencryptCredentials,
  storeCredential,
  type CredentialOwner,
} from '../src/credentials';
import { cli, insertCustomer } from './support';

const KEY_2025 = randomBytes(32).toString('base64');
const KEY_2026 = randomBytes(32).toString('base64');
const keyring = credentialKeyring({ [CREDENTIAL_KEYS_ENV]: `k2025:${KEY_2025}` });

/** Tokens shaped like the real ones, long enough that any encoding of them is recognisable. */
const INSTAGRAM_TOKEN = 'IGQWRPa1ZA3Vnb2xkLXRva2VuLWZvci10ZXN0cy1vbmx5LWRvLW5vdC11c2U';
const LEXOFFICE_KEY = 'lxo_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const STRIPE_KEY = 'rk_live_51Hx7TestRestrictedKeyForCommerceTests0001';

describe.each(testServers())('integration credentials ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'commerce_credentials' });
  let userId: string;
  let profileId: string;
  let instagram: CredentialOwner;

  beforeAll(async () => {
    const customer = await insertCustomer(db.knex, 'owner@example.com');
    userId = customer.userId;
    profileId = customer.profileId!;
    instagram = { ownerType: 'customer_profile', customerProfileId: profileId, service: 'instagram' };
    await storeCredential(db.knex, keyring, instagram, INSTAGRAM_TOKEN, { label: 'anna.bakes' });
    await storeCredential(db.knex, keyring, { ownerType: 'platform', service: 'lexoffice' }, LEXOFFICE_KEY);
    await storeCredential(db.knex, keyring, { ownerType: 'user', userId, service: 'stripe' }, STRIPE_KEY);
  });

  /** Every row of the table as PostgreSQL prints it: bytea as hex, everything else as text. */
  async function tableAsText(): Promise<string> {
    const { rows } = await db.knex.raw<{ rows: { row: string }[] }>(`SELECT t::text AS row FROM integration_credentials t ORDER BY id`);
    return rows.map((r) => r.row).join('\n');
  }

  it('stores no token in plaintext, hex, base64 or escaped form', async () => {
    const text = await tableAsText();
    expect(text.split('\n')).toHaveLength(3);
    for (const secret of [INSTAGRAM_TOKEN, LEXOFFICE_KEY, STRIPE_KEY]) {
      for (const encoded of [secret, Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('base64'), secret.slice(8, 24)]) {
        expect({ secret, found: text.includes(encoded) }).toEqual({ secret, found: false });
      }
      expect(text).not.toContain(Buffer.from(secret).toString('hex').slice(16, 48));
    }
    // Nor does the key itself reach the database.
    expect(text).not.toContain(KEY_2025);
    expect(text).not.toContain(Buffer.from(KEY_2025, 'base64').toString('hex'));
  });

  it('keeps ciphertext, nonce, tag and the key id; the ERD\'s owner columns are filled', async () => {
    const rows = await db.knex('integration_credentials')
      .orderByRaw('service::text')
      .select('owner_type', 'owner_id', 'service', 'key_id', db.knex.raw('octet_length(secret_nonce) AS nonce'), db.knex.raw('octet_length(secret_auth_tag) AS tag'), db.knex.raw('octet_length(secret_ciphertext) AS ciphertext'));
    expect(rows).toEqual([
      { owner_type: 'customer_profile', owner_id: profileId, service: 'instagram', key_id: 'k2025', nonce: 12, tag: 16, ciphertext: INSTAGRAM_TOKEN.length },
      { owner_type: 'platform', owner_id: null, service: 'lexoffice', key_id: 'k2025', nonce: 12, tag: 16, ciphertext: LEXOFFICE_KEY.length },
      { owner_type: 'user', owner_id: userId, service: 'stripe', key_id: 'k2025', nonce: 12, tag: 16, ciphertext: STRIPE_KEY.length },
    ]);
  });

  it('decrypts for its owner only', async () => {
    expect(await readCredential(db.knex, keyring, instagram)).toBe(INSTAGRAM_TOKEN);
    expect(await readCredential(db.knex, keyring, { ownerType: 'platform', service: 'lexoffice' })).toBe(LEXOFFICE_KEY);
    expect(await readCredential(db.knex, keyring, { ownerType: 'user', userId, service: 'instagram' })).toBeUndefined();

    // A ciphertext copied onto another owner's row does not decrypt (associated data).
    const other = await insertCustomer(db.knex, 'other@example.com');
    const theirs: CredentialOwner = { ownerType: 'customer_profile', customerProfileId: other.profileId!, service: 'instagram' };
    await storeCredential(db.knex, keyring, theirs, 'their-own-token-0000000000');
    const stolen = await db.knex('integration_credentials').where({ customer_profile_id: profileId }).first('secret_nonce', 'secret_ciphertext', 'secret_auth_tag');
    await db.knex('integration_credentials').where({ customer_profile_id: other.profileId }).update(stolen);
    await expect(readCredential(db.knex, keyring, theirs)).rejects.toThrow(`instagram credential of customer_profile ${other.profileId} does not decrypt with key 'k2025'`);
    await db.knex('users').where({ id: other.userId }).delete();
  });

  it('replaces a credential in place (one per owner and service), with a fresh nonce', async () => {
    const before = await db.knex('integration_credentials').where({ owner_type: 'platform', service: 'lexoffice' }).first('id', 'secret_nonce');
    const replaced = await storeCredential(db.knex, keyring, { ownerType: 'platform', service: 'lexoffice' }, `${LEXOFFICE_KEY}-v2`);
    const after = await db.knex('integration_credentials').where({ owner_type: 'platform', service: 'lexoffice' }).select('id', 'secret_nonce');
    expect(after).toHaveLength(1);
    expect(replaced).toBe(before.id);
    expect(after[0].secret_nonce.equals(before.secret_nonce)).toBe(false);
    expect(await readCredential(db.knex, keyring, { ownerType: 'platform', service: 'lexoffice' })).toBe(`${LEXOFFICE_KEY}-v2`);
  });

  it('rotates keys: the new key first, re-encrypt, then the old key can go', async () => {
    const rotated = credentialKeyring({ [CREDENTIAL_KEYS_ENV]: `k2026:${KEY_2026},k2025:${KEY_2025}` });
    expect(await reencryptCredentials(db.knex, rotated)).toBe(3);
    expect(await db.knex('integration_credentials').distinct().pluck('key_id')).toEqual(['k2026']);
    const onlyNew = credentialKeyring({ [CREDENTIAL_KEYS_ENV]: `k2026:${KEY_2026}` });
    expect(await readCredential(db.knex, onlyNew, instagram)).toBe(INSTAGRAM_TOKEN);
    await expect(readCredential(db.knex, keyring, instagram)).rejects.toThrow(`is encrypted with key 'k2026', which ${CREDENTIAL_KEYS_ENV} does not list`);
    expect(await tableAsText()).not.toContain(INSTAGRAM_TOKEN);
  });

  it('goes with its owner (CASCADE): a token must not outlive the login it belongs to', async () => {
    const gone = await insertCustomer(db.knex, 'leaving@example.com');
    await storeCredential(db.knex, keyring, { ownerType: 'user', userId: gone.userId, service: 'stripe' }, 'rk_live_leaving_0000000000000');
    await db.knex('users').where({ id: gone.userId }).delete();
    expect(await db.knex('integration_credentials').where({ owner_id: gone.userId }).count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '0' }]);
  });

  it('refuses an owner that does not match owner_type', async () => {
    const row = { owner_type: 'platform', user_id: userId, service: 'instagram', key_id: 'k', secret_nonce: randomBytes(12), secret_ciphertext: randomBytes(8), secret_auth_tag: randomBytes(16) };
    expect(await pgError(db.knex('integration_credentials').insert(row))).toMatchObject({ code: '23514', constraint: 'ck_integration_credentials_owner_matches_type' });
  });
});

describe('credential keyring from the environment', () => {
  it.each([
    ['unset', undefined, `${CREDENTIAL_KEYS_ENV} is not set`],
    ['without a key id', KEY_2025, 'entry 1 has no valid key id'],
    ['with a short key', `k1:${randomBytes(16).toString('base64')}`, "key 'k1' is 16 bytes, not 32"],
    ['with a key id twice', `k1:${KEY_2025},k1:${KEY_2026}`, "lists key 'k1' twice"],
  ])('refuses a keyring %s, in one line that shows no key', (_case, value, message) => {
    const attempt = () => credentialKeyring(value === undefined ? {} : { [CREDENTIAL_KEYS_ENV]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).not.toContain(KEY_2025);
    }
  });

  it('encrypts with the first key and refuses an empty secret', () => {
    const ring = credentialKeyring({ [CREDENTIAL_KEYS_ENV]: `new:${KEY_2026}, old:${KEY_2025}` });
    expect(ring.current).toBe('new');
    expect([...ring.keys.keys()]).toEqual(['new', 'old']);
    expect(() => encryptSecret(ring, { ownerType: 'platform', service: 'stripe' }, '')).toThrow(StrataError);
  });
});
