import { Client } from 'pg';
import {
  ckName,
  fkName,
  identifierBytes,
  isSnakeCase,
  ixName,
  MAX_IDENTIFIER_BYTES,
  pkName,
  quoteIdentifier,
  quoteLiteral,
  quoteQualified,
  shortenIdentifier,
  triggerName,
  uqName,
} from '../src/naming';
import { createTestDatabase, testServers } from '../src/testing';

const long = (table: string) => `${table}_${'x'.repeat(70)}`;

describe('name builders', () => {
  it.each([
    ['pkName', pkName('orders'), 'pk_orders'],
    ['pkName qualified', pkName('billing.orders'), 'pk_orders'],
    ['fkName', fkName('orders', 'user_id'), 'fk_orders_user_id'],
    ['ixName one column', ixName('orders', ['user_id']), 'ix_orders_user_id'],
    ['ixName string', ixName('orders', 'status'), 'ix_orders_status'],
    ['ixName two columns', ixName('orders', ['user_id', 'created_at']), 'ix_orders_user_id_created_at'],
    ['uqName', uqName('payments', ['provider', 'external_id']), 'uq_payments_provider_external_id'],
    ['ckName', ckName('invoices', 'amount_positive'), 'ck_invoices_amount_positive'],
    ['triggerName', triggerName('orders', 'updated_at'), 'trg_orders_updated_at'],
    ['fkName exactly 63 bytes kept', fkName('t', 'c'.repeat(58)), `fk_t_${'c'.repeat(58)}`],
    // 64 bytes: 50-byte prefix + '_' + first 12 hex of sha256('fk_t_ccc…')
    ['fkName 64 bytes shortened', fkName('t', 'c'.repeat(59)), `fk_t_${'c'.repeat(45)}_d7c1564c2b47`],
  ])('%s', (_label, actual, expected) => {
    expect(actual).toBe(expected);
    expect(identifierBytes(actual)).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
  });

  it.each([
    ['ixName with no columns', () => ixName('orders', [])],
    ['uqName with no columns', () => uqName('orders', [])],
    ['fkName with an empty column', () => fkName('orders', '')],
    ['pkName with no table', () => pkName('')],
  ])('%s is refused with a clear error', (_label, build) => {
    expect(build).toThrow(/orders|table/);
  });
});

describe('shortenIdentifier', () => {
  it.each([
    ['short name unchanged', 'ix_orders_user_id', 'ix_orders_user_id'],
    ['63 bytes unchanged', 'a'.repeat(63), 'a'.repeat(63)],
    // sha256('a' x 64) = ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb
    ['64 bytes shortened', 'a'.repeat(64), `${'a'.repeat(50)}_ffe054fe7ae0`],
  ])('%s', (_label, input, expected) => {
    expect(shortenIdentifier(input)).toBe(expected);
  });

  it('drops trailing underscores of the prefix', () => {
    const name = `${'a'.repeat(49)}_${'b'.repeat(20)}`;
    expect(shortenIdentifier(name)).toMatch(new RegExp(`^a{49}_[0-9a-f]{12}$`));
  });

  it('cuts multi-byte names on a character boundary and counts bytes, not characters', () => {
    const name = `ix_${'ü'.repeat(40)}`; // 3 + 80 bytes
    const short = shortenIdentifier(name);
    expect(identifierBytes(short)).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
    expect(Buffer.from(short, 'utf8').toString('utf8')).toBe(short);
    expect(short.startsWith('ix_üü')).toBe(true);
    expect(shortenIdentifier(`ix_${'ü'.repeat(30)}`)).toBe(`ix_${'ü'.repeat(30)}`); // 63 bytes fits
  });

  it('is stable and collision-free on 20,000 generated long names sharing prefixes', () => {
    const inputs = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      inputs.add(fkName(long('subscription_usage_records'), `column_${i}`));
      inputs.add(ixName(long('subscription_usage_records'), ['a', `b_${i}`]));
      inputs.add(`${'n'.repeat(60)}${i}`); // differ only after byte 60
      inputs.add(`ix_${'é'.repeat(40)}${i}`);
    }
    const outputs = new Map<string, string>();
    for (const input of inputs) {
      const short = shortenIdentifier(input);
      expect(identifierBytes(short)).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
      expect(shortenIdentifier(input)).toBe(short);
      const previous = outputs.get(short);
      if (previous !== undefined) throw new Error(`${previous} and ${input} both shorten to ${short}`);
      outputs.set(short, input);
    }
    expect(outputs.size).toBe(inputs.size);
  });
});

describe('identifier helpers', () => {
  it.each([
    ['billing_accounts', true],
    ['orders2', true],
    ['a', true],
    ['BillingAccounts', false],
    ['billing__accounts', false],
    ['_orders', false],
    ['orders_', false],
    ['2orders', false],
    ['order-items', false],
  ])('isSnakeCase(%s) = %s', (name, expected) => {
    expect(isSnakeCase(name)).toBe(expected);
  });

  it.each([
    [quoteIdentifier('orders'), '"orders"'],
    [quoteIdentifier('we"ird'), '"we""ird"'],
    [quoteQualified('billing.orders'), '"billing"."orders"'],
    [quoteLiteral("it's"), "'it''s'"],
  ])('quotes %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe.each(testServers())('names on real PostgreSQL ($label)', (server) => {
  it('keeps every shortened name as is: PostgreSQL neither truncates nor collides them', async () => {
    const db = await createTestDatabase(server, 'naming');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const table = 'customer_subscription_usage_records_with_a_very_long_name';
      const columns = Array.from({ length: 60 }, (_, i) => `measurement_column_with_a_long_name_number_${i}`);
      await client.query(`CREATE TABLE ${quoteIdentifier(table)} (${columns.map((c) => `${quoteIdentifier(c)} int`).join(', ')})`);
      const names = columns.map((c) => ixName(table, [c]));
      for (const [i, name] of names.entries()) {
        await client.query(`CREATE INDEX ${quoteIdentifier(name)} ON ${quoteIdentifier(table)} (${quoteIdentifier(columns[i] as string)})`);
      }
      const { rows } = await client.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind = 'i' AND relname LIKE 'ix\\_%' ORDER BY relname`);
      expect(rows.map((r) => r.relname)).toEqual([...names].sort());
      expect(new Set(names).size).toBe(columns.length);
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
