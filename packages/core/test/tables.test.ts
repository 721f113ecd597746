import knexFactory, { type Knex } from 'knex';
import {
  addUpdatedAtTrigger,
  addUpdatedAtTriggerSql,
  createUpdatedAtFunction,
  createUpdatedAtFunctionSql,
  createUuidV7Function,
  createUuidV7FunctionSql,
  dropUpdatedAtFunction,
  dropUpdatedAtFunctionSql,
  dropUpdatedAtTrigger,
  dropUpdatedAtTriggerSql,
  dropUuidV7Function,
  dropUuidV7FunctionSql,
  foreignKey,
  money,
  parseReference,
  softDelete,
  timestamps,
  uniqueWhereNotDeleted,
  uuidPrimaryKey,
  type OnDelete,
} from '../src/tables';
import { createTestDatabase, testServers, type TestDatabase } from '../src/testing';

const offline = knexFactory({ client: 'pg' });

function usersTable(knex: Knex) {
  return knex.schema.createTable('users', (t) => {
    uuidPrimaryKey(t, 'users', knex);
    t.text('email').notNullable();
    timestamps(t, knex);
    softDelete(t);
    uniqueWhereNotDeleted(t, 'users', ['email'], knex);
  });
}

function ordersTable(knex: Knex) {
  return knex.schema.createTable('orders', (t) => {
    uuidPrimaryKey(t, 'orders', knex);
    foreignKey(t, 'orders', 'user_id', { references: 'users', onDelete: 'cascade' });
    foreignKey(t, 'orders', 'referrer_id', { references: 'users.id', onDelete: 'set null', nullable: true });
    money(t, 'total').notNullable();
    timestamps(t, knex);
  });
}

describe('generated SQL', () => {
  it.each([
    [
      'users',
      usersTable(offline).toString(),
      [
        'create table "users" ("id" uuid not null default strata_uuidv7(), "email" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "pk_users" primary key ("id"));',
        'create unique index "uq_users_email" on "users" ("email") where "deleted_at" is null',
      ].join('\n'),
    ],
    [
      'orders',
      ordersTable(offline).toString(),
      [
        'create table "orders" ("id" uuid not null default strata_uuidv7(), "user_id" uuid not null, "referrer_id" uuid null, "total" decimal(19, 4) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "pk_orders" primary key ("id"));',
        'alter table "orders" add constraint "fk_orders_user_id" foreign key ("user_id") references "users" ("id") on delete CASCADE;',
        'create index "ix_orders_user_id" on "orders" ("user_id");',
        'alter table "orders" add constraint "fk_orders_referrer_id" foreign key ("referrer_id") references "users" ("id") on delete SET NULL;',
        'create index "ix_orders_referrer_id" on "orders" ("referrer_id")',
      ].join('\n'),
    ],
    [
      'a one-to-one foreign key covered by its unique index (index: false), and a unique among live rows with a condition',
      offline.schema
        .createTable('profiles', (t) => {
          foreignKey(t, 'profiles', 'user_id', { references: 'users', onDelete: 'restrict', index: false });
          t.boolean('is_default').notNullable();
          softDelete(t);
          uniqueWhereNotDeleted(t, 'profiles', ['user_id'], offline, { where: '"is_default"', name: 'uq_profiles_user_id_default' });
        })
        .toString(),
      [
        'create table "profiles" ("user_id" uuid not null, "is_default" boolean not null, "deleted_at" timestamptz null);',
        'alter table "profiles" add constraint "fk_profiles_user_id" foreign key ("user_id") references "users" ("id") on delete RESTRICT;',
        'create unique index "uq_profiles_user_id_default" on "profiles" ("user_id") where "deleted_at" is null and "is_default"',
      ].join('\n'),
    ],
    [
      'foreign key of another type, in alterTable',
      offline.schema
        .alterTable('prices', (t) => {
          foreignKey(t, 'prices', 'currency_code', { references: 'currencies.code', onDelete: 'restrict', type: 'char(3)' });
        })
        .toString(),
      [
        'alter table "prices" add column "currency_code" char(3) not null;',
        'alter table "prices" add constraint "fk_prices_currency_code" foreign key ("currency_code") references "currencies" ("code") on delete RESTRICT;',
        'create index "ix_prices_currency_code" on "prices" ("currency_code")',
      ].join('\n'),
    ],
    ['uuid v7 function', createUuidV7FunctionSql(), [
      'CREATE OR REPLACE FUNCTION "strata_uuidv7"() RETURNS uuid',
      'LANGUAGE sql VOLATILE PARALLEL SAFE',
      'AS $strata$',
      "  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid",
      '$strata$',
    ].join('\n')],
    ['drop uuid v7 function', dropUuidV7FunctionSql(), 'DROP FUNCTION IF EXISTS "strata_uuidv7"()'],
    ['updated_at function', createUpdatedAtFunctionSql(), [
      'CREATE OR REPLACE FUNCTION "strata_set_updated_at"() RETURNS trigger',
      'LANGUAGE plpgsql',
      'AS $strata$',
      'BEGIN',
      '  NEW.updated_at := now();',
      '  RETURN NEW;',
      'END',
      '$strata$',
    ].join('\n')],
    ['drop updated_at function', dropUpdatedAtFunctionSql(), 'DROP FUNCTION IF EXISTS "strata_set_updated_at"()'],
    ['updated_at trigger', addUpdatedAtTriggerSql('orders'), 'CREATE OR REPLACE TRIGGER "trg_orders_updated_at" BEFORE UPDATE ON "orders" FOR EACH ROW EXECUTE FUNCTION "strata_set_updated_at"()'],
    ['updated_at trigger, qualified table', addUpdatedAtTriggerSql('billing.orders'), 'CREATE OR REPLACE TRIGGER "trg_orders_updated_at" BEFORE UPDATE ON "billing"."orders" FOR EACH ROW EXECUTE FUNCTION "strata_set_updated_at"()'],
    ['drop updated_at trigger', dropUpdatedAtTriggerSql('orders'), 'DROP TRIGGER IF EXISTS "trg_orders_updated_at" ON "orders"'],
  ])('%s', (_label, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['users', { table: 'users', column: 'id' }],
    ['users.email', { table: 'users', column: 'email' }],
    ['auth.users.id', { table: 'auth.users', column: 'id' }],
  ])('parseReference(%s)', (reference, expected) => {
    expect(parseReference(reference)).toEqual(expected);
  });

  it.each([
    ['no onDelete', { references: 'users' }, /needs options.onDelete: one of 'cascade', 'restrict', 'set null', 'no action'/],
    ['unknown onDelete', { references: 'users', onDelete: 'CASCADE' }, /needs options.onDelete/],
    ['set null on NOT NULL', { references: 'users', onDelete: 'set null' }, /'set null' on a NOT NULL column: pass nullable: true/],
    ['no references', { onDelete: 'cascade' }, /needs options.references/],
    ['malformed reference', { references: 'users.', onDelete: 'cascade' }, /malformed/],
  ])('foreignKey refuses %s', (_label, options, message) => {
    const build = () =>
      offline.schema
        .createTable('orders', (t) => {
          foreignKey(t, 'orders', 'user_id', options as { references: string; onDelete: OnDelete });
        })
        .toString();
    expect(build).toThrow(message);
  });
});

describe.each(testServers())('table helpers on real PostgreSQL ($label)', (server) => {
  let db: TestDatabase;
  let knex: Knex;

  beforeAll(async () => {
    db = await createTestDatabase(server, 'tables');
    knex = knexFactory({ client: 'pg', connection: db.url, pool: { min: 0, max: 2 } });
  });
  afterAll(async () => {
    await knex.destroy();
    await db.drop();
  });

  async function up(trx: Knex): Promise<void> {
    await createUuidV7Function(trx);
    await createUpdatedAtFunction(trx);
    await usersTable(trx);
    await ordersTable(trx);
    await addUpdatedAtTrigger(trx, 'users');
    await addUpdatedAtTrigger(trx, 'orders');
  }

  async function catalog(): Promise<unknown> {
    const { rows } = await knex.raw(`
      SELECT 'column' AS kind, table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(numeric_precision || ',' || numeric_scale, '') || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS item
        FROM information_schema.columns WHERE table_schema = 'public'
      UNION ALL SELECT 'constraint', conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n'
      UNION ALL SELECT 'index', indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL SELECT 'trigger', tgname || ' ' || tgrelid::regclass FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'function', proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      ORDER BY 1, 2`);
    return rows;
  }

  it('builds the convention schema in a transaction; running the idempotent helpers again changes nothing', async () => {
    await knex.transaction(up);
    const first = await catalog();
    await knex.transaction(async (trx) => {
      await createUuidV7Function(trx);
      await createUpdatedAtFunction(trx);
      await addUpdatedAtTrigger(trx, 'users');
      await addUpdatedAtTrigger(trx, 'orders');
    });
    expect(await catalog()).toEqual(first);
    expect(first).toEqual(
      expect.arrayContaining([
        { kind: 'column', item: 'orders.total numeric 19,4 NO ' },
        { kind: 'column', item: 'orders.created_at timestamp with time zone  NO now()' },
        { kind: 'column', item: 'users.deleted_at timestamp with time zone  YES ' },
        { kind: 'column', item: 'users.id uuid  NO strata_uuidv7()' },
        { kind: 'constraint', item: 'fk_orders_user_id FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE' },
        { kind: 'constraint', item: 'fk_orders_referrer_id FOREIGN KEY (referrer_id) REFERENCES users(id) ON DELETE SET NULL' },
        { kind: 'constraint', item: 'pk_orders PRIMARY KEY (id)' },
        { kind: 'index', item: 'ix_orders_user_id CREATE INDEX ix_orders_user_id ON public.orders USING btree (user_id)' },
        { kind: 'index', item: 'uq_users_email CREATE UNIQUE INDEX uq_users_email ON public.users USING btree (email) WHERE (deleted_at IS NULL)' },
        { kind: 'trigger', item: 'trg_orders_updated_at orders' },
      ]),
    );
  });

  it('generates time-ordered version-7 UUIDs', async () => {
    const { rows } = await knex.raw<{ rows: { id: string }[] }>(`SELECT strata_uuidv7()::text AS id FROM generate_series(1, 5)`);
    for (const { id } of rows) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const before = Date.now();
    const [{ id }] = (await knex.raw<{ rows: { id: string }[] }>(`SELECT strata_uuidv7()::text AS id`)).rows as [{ id: string }];
    const millis = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(millis - before)).toBeLessThan(5000);
    const later = (await knex.raw<{ rows: { id: string }[] }>(`SELECT pg_sleep(0.01), strata_uuidv7()::text AS id`)).rows[0]?.id as string;
    expect(later > id).toBe(true);
  });

  it('fills ids and timestamps, keeps updated_at current, cascades and sets null as declared', async () => {
    const [alice] = await knex('users').insert({ email: 'alice@example.com' }).returning(['id', 'created_at', 'updated_at']);
    const [bob] = await knex('users').insert({ email: 'bob@example.com' }).returning(['id']);
    expect(alice.created_at.getTime()).toBe(alice.updated_at.getTime());
    await knex('orders').insert({ user_id: alice.id, referrer_id: bob.id, total: '12.3456' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [changed] = await knex('users').where({ id: alice.id }).update({ email: 'alice@example.org' }).returning(['created_at', 'updated_at']);
    expect(changed.updated_at.getTime()).toBeGreaterThan(changed.created_at.getTime());
    expect((await knex('orders').first('total')).total).toBe('12.3456');

    await knex('users').where({ id: bob.id }).del();
    expect((await knex('orders').first('referrer_id')).referrer_id).toBeNull();
    await knex('users').where({ id: alice.id }).del();
    expect(await knex('orders').count('* as n')).toEqual([{ n: '0' }]);
  });

  it('lets a soft-deleted row free its natural key, but not a live one', async () => {
    await knex('users').insert({ email: 'carol@example.com', deleted_at: knex.fn.now() });
    await knex('users').insert({ email: 'carol@example.com' });
    await expect(knex('users').insert({ email: 'carol@example.com' })).rejects.toThrow(/uq_users_email/);
  });

  it('drops triggers and functions, and dropping twice is harmless', async () => {
    for (let i = 0; i < 2; i++) {
      await knex.transaction(async (trx) => {
        await dropUpdatedAtTrigger(trx, 'orders');
        await dropUpdatedAtTrigger(trx, 'users');
        await trx.schema.dropTableIfExists('orders');
        await trx.schema.dropTableIfExists('users');
        await dropUpdatedAtFunction(trx);
        await dropUuidV7Function(trx);
      });
    }
    const { rows } = await knex.raw(`SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace`);
    expect(rows).toEqual([]);
  });
});
