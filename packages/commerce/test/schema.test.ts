/**
 * The schema of seed 003 on real PostgreSQL: `strata migrate latest` applies the five logged
 * migrations and the workstreams from their domain folders; the catalog shows the ERD's tables,
 * the indexing plan's exact indexes, every foreign key's ON DELETE, UUIDv7 keys, timestamptz
 * timestamps with their trigger; soft delete frees a slug; full-text search uses its GIN index;
 * rolling everything back leaves nothing.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { appliedMigrations, byTableAndName, committedSchema, declaredEnums, indexFact, inRolledBackTransaction, inSavepoint, liveSchema, ownTables, pgError, testServers, usePackageDatabase, type IndexFact } from '@strata/core/testing';
import * as enums from '../src/enums';
import { searchTickets } from '../src/support';
import { Table } from '../src/tables';
import { cli, insertCustomer, insertProduct, PACKAGE_DIR, strataOk } from './support';

/** Every migration with its domain folder, in the order they must apply. */
const MIGRATIONS = [
  'auth/20251015000001_01_initial_user_table.ts',
  'customers/20251015000002_02_customer_profile_notifications.ts',
  'orders/20251015000003_03_commerce_core.ts',
  'fulfillment/20251015000004_04_fulfillment_tables.ts',
  'catalog/20251015000005_05_product_configuration.ts',
  'orders/20251016000001_order_events.ts',
  'orders/20251016000002_carts.ts',
  'billing/20251016000003_subscriptions.ts',
  'billing/20251017000001_lexoffice_invoices.ts',
  'support/20251017000002_support_tickets.ts',
  'integrations/20251017000003_integration_credentials_webhooks.ts',
  'compliance/20251017000004_audit_logs_gdpr_requests.ts',
];

/** The 24 entities of the seed's ERD, as snake_case plural tables. */
const ERD_TABLES = [
  'users', 'customer_profiles', 'sessions', 'orders', 'order_items', 'fulfillment_tasks', 'payments', 'invoices',
  'lexoffice_sync_logs', 'order_events', 'subscriptions', 'notifications', 'support_tickets', 'products', 'product_variants',
  'product_option_groups', 'product_options', 'subscription_plans', 'carts', 'integration_credentials',
  'instagram_account_snapshots', 'webhook_events', 'audit_logs', 'gdpr_requests',
];

/** What the migration log and "Seed & Fixtures" name beyond the ERD, and the lines of a cart. */
const LOG_TABLES = ['roles', 'vat_rates', 'product_categories', 'instagram_accounts', 'service_campaigns', 'campaign_activities', 'product_add_ons', 'product_custom_fields', 'cart_items'];

/** The seed's indexing plan, exactly, plus the full-text index it planned for later. */
const INDEXING_PLAN: IndexFact[] = [
  indexFact('orders', 'ix_orders_user_id', ['user_id']),
  indexFact('orders', 'ix_orders_status', ['status']),
  indexFact('orders', 'ix_orders_created_at', ['created_at']),
  indexFact('payments', 'uq_payments_stripe_payment_intent_id', ['stripe_payment_intent_id'], { unique: true }),
  indexFact('payments', 'ix_payments_status', ['status']),
  indexFact('subscriptions', 'uq_subscriptions_stripe_subscription_id', ['stripe_subscription_id'], { unique: true }),
  indexFact('subscriptions', 'ix_subscriptions_user_id', ['user_id']),
  indexFact('instagram_account_snapshots', 'ix_instagram_account_snapshots_customer_profile_id_recorded_at', ['customer_profile_id', 'recorded_at DESC']),
  indexFact('webhook_events', 'uq_webhook_events_provider_external_id', ['provider', 'external_id'], { unique: true }),
  indexFact('webhook_events', 'ix_webhook_events_processed_at', ['processed_at']),
  indexFact('support_tickets', 'ix_support_tickets_search_vector', ['search_vector'], { method: 'gin' }),
];

/** The unique constraints behind the plan's unique indexes (constraints, not bare indexes). */
const PLAN_CONSTRAINTS = [
  { table: 'payments', name: 'uq_payments_stripe_payment_intent_id', definition: 'UNIQUE (stripe_payment_intent_id)' },
  { table: 'subscriptions', name: 'uq_subscriptions_stripe_subscription_id', definition: 'UNIQUE (stripe_subscription_id)' },
  { table: 'webhook_events', name: 'uq_webhook_events_provider_external_id', definition: 'UNIQUE (provider, external_id)' },
];

const LIVE = '(deleted_at IS NULL)';

/** Natural keys: plain uniques, and uniques among live rows on the soft-deleted catalog tables. */
const NATURAL_KEYS: IndexFact[] = [
  indexFact('users', 'uq_users_email', ['email'], { unique: true }),
  indexFact('roles', 'uq_roles_code', ['code'], { unique: true }),
  indexFact('orders', 'uq_orders_order_number', ['order_number'], { unique: true }),
  indexFact('orders', 'uq_orders_stripe_checkout_session_id', ['stripe_checkout_session_id'], { unique: true }),
  indexFact('invoices', 'uq_invoices_invoice_number', ['invoice_number'], { unique: true }),
  indexFact('support_tickets', 'uq_support_tickets_ticket_number', ['ticket_number'], { unique: true }),
  indexFact('subscription_plans', 'uq_subscription_plans_stripe_price_id', ['stripe_price_id'], { unique: true }),
  indexFact('product_categories', 'uq_product_categories_slug', ['slug'], { unique: true }),
  indexFact('vat_rates', 'uq_vat_rates_country_code_category_valid_from', ['country_code', 'category', 'valid_from'], { unique: true }),
  indexFact('products', 'uq_products_slug', ['slug'], { unique: true, predicate: LIVE }),
  indexFact('product_variants', 'uq_product_variants_sku', ['sku'], { unique: true, predicate: LIVE }),
  indexFact('product_option_groups', 'uq_product_option_groups_product_id_code', ['product_id', 'code'], { unique: true, predicate: LIVE }),
  indexFact('product_options', 'uq_product_options_group_id_code', ['group_id', 'code'], { unique: true, predicate: LIVE }),
  indexFact('product_add_ons', 'uq_product_add_ons_product_id_code', ['product_id', 'code'], { unique: true, predicate: LIVE }),
];

/** Every foreign key and its ON DELETE (the reason is written beside each in its migration). */
const FOREIGN_KEYS: [table: string, columns: string, references: string, onDelete: string][] = [
  ['sessions', 'user_id', 'users', 'CASCADE'],
  ['customer_profiles', 'user_id', 'users', 'CASCADE'],
  ['notifications', 'user_id', 'users', 'CASCADE'],
  ['product_categories', 'parent_id', 'product_categories', 'RESTRICT'],
  ['products', 'category_id', 'product_categories', 'RESTRICT'],
  ['product_variants', 'product_id', 'products', 'CASCADE'],
  ['product_option_groups', 'product_id', 'products', 'CASCADE'],
  ['product_options', 'group_id', 'product_option_groups', 'CASCADE'],
  // Retention: orders, payments and invoices survive their user and each other.
  ['orders', 'user_id', 'users', 'RESTRICT'],
  ['order_items', 'order_id', 'orders', 'CASCADE'],
  ['order_items', 'product_id', 'products', 'SET NULL'],
  ['order_items', 'variant_id', 'product_variants', 'SET NULL'],
  ['payments', 'order_id', 'orders', 'RESTRICT'],
  ['fulfillment_tasks', 'order_item_id', 'order_items', 'RESTRICT'],
  ['fulfillment_tasks', 'assignee_user_id', 'users', 'SET NULL'],
  ['instagram_accounts', 'customer_profile_id', 'customer_profiles', 'CASCADE'],
  ['instagram_account_snapshots', 'customer_profile_id, instagram_account_id', 'instagram_accounts', 'CASCADE'],
  ['service_campaigns', 'customer_profile_id', 'customer_profiles', 'RESTRICT'],
  ['service_campaigns', 'instagram_account_id', 'instagram_accounts', 'SET NULL'],
  ['service_campaigns', 'order_item_id', 'order_items', 'RESTRICT'],
  ['campaign_activities', 'service_campaign_id', 'service_campaigns', 'CASCADE'],
  ['campaign_activities', 'performed_by_user_id', 'users', 'SET NULL'],
  ['product_add_ons', 'product_id', 'products', 'CASCADE'],
  ['product_custom_fields', 'product_id', 'products', 'CASCADE'],
  ['subscription_plans', 'product_id', 'products', 'RESTRICT'],
  ['order_events', 'order_id', 'orders', 'CASCADE'],
  ['order_events', 'actor_user_id', 'users', 'SET NULL'],
  ['carts', 'user_id', 'users', 'CASCADE'],
  ['carts', 'converted_order_id', 'orders', 'SET NULL'],
  ['cart_items', 'cart_id', 'carts', 'CASCADE'],
  ['cart_items', 'product_id', 'products', 'CASCADE'],
  ['cart_items', 'variant_id', 'product_variants', 'CASCADE'],
  ['subscriptions', 'user_id', 'users', 'RESTRICT'],
  ['subscriptions', 'subscription_plan_id', 'subscription_plans', 'RESTRICT'],
  ['invoices', 'order_id', 'orders', 'RESTRICT'],
  ['lexoffice_sync_logs', 'invoice_id', 'invoices', 'CASCADE'],
  ['support_tickets', 'user_id', 'users', 'SET NULL'],
  ['support_tickets', 'order_id', 'orders', 'SET NULL'],
  ['support_tickets', 'assignee_user_id', 'users', 'SET NULL'],
  ['integration_credentials', 'user_id', 'users', 'CASCADE'],
  ['integration_credentials', 'customer_profile_id', 'customer_profiles', 'CASCADE'],
  ['audit_logs', 'actor_user_id', 'users', 'SET NULL'],
  ['gdpr_requests', 'user_id', 'users', 'SET NULL'],
  ['gdpr_requests', 'handled_by_user_id', 'users', 'SET NULL'],
];

/** The migration files under migrations/, with their folder, in file-name order (the runner's). */
function migrationFiles(): string[] {
  const dir = path.join(PACKAGE_DIR, 'migrations');
  const files = readdirSync(dir).flatMap((entry) =>
    statSync(path.join(dir, entry)).isDirectory() ? readdirSync(path.join(dir, entry)).map((file) => `${entry}/${file}`) : [],
  );
  return files.sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

describe.each(testServers())('commerce schema ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'commerce_schema', schema: true });

  it('matches the committed schema.snapshot exactly', () => {
    expect(db.schema).toEqual(committedSchema(PACKAGE_DIR));
  });

  it('applies the five logged migrations in order, then the workstreams, from domain folders', async () => {
    expect(migrationFiles()).toEqual(MIGRATIONS);
    const applied = await appliedMigrations(db.knex);
    expect(applied).toEqual(MIGRATIONS.map((file) => path.basename(file)));
    expect(applied.slice(0, 5).map((name) => name.replace(/^\d{14}_/, '').replace(/\.ts$/, ''))).toEqual([
      '01_initial_user_table',
      '02_customer_profile_notifications',
      '03_commerce_core',
      '04_fulfillment_tables',
      '05_product_configuration',
    ]);
  });

  it('has the 24 ERD tables and the tables of the migration log, and nothing else', async () => {
    const tables = await ownTables(db.knex);
    expect(tables).toEqual(expect.arrayContaining([...ERD_TABLES, ...LOG_TABLES]));
    expect(tables).toEqual([...ERD_TABLES, ...LOG_TABLES].sort());
    expect(tables).toEqual(Object.values(Table).sort());
  });

  it('gives every table a UUIDv7 primary key and timestamptz created_at/updated_at kept by a trigger', () => {
    const column = (table: string, name: string) => db.schema.find((e) => e.kind === 'column' && e.table === table && e.name === name)?.value;
    for (const table of db.facts.tables) {
      expect({ table, id: column(table, 'id') }).toEqual({ table, id: 'uuid not null default strata_uuidv7()' });
      expect(db.facts.constraints).toContainEqual({ table, name: `pk_${table}`, definition: 'PRIMARY KEY (id)' });
      for (const stamp of ['created_at', 'updated_at']) expect({ table, stamp, type: column(table, stamp) }).toEqual({ table, stamp, type: 'timestamp with time zone not null default now()' });
    }
    expect(db.facts.triggers).toEqual([...db.facts.tables].sort().map((table) => `${table}.trg_${table}_updated_at`));
  });

  it('soft-deletes exactly the catalog tables (deleted_at timestamptz)', () => {
    const softDeleted = db.facts.tables.filter((table) => db.facts.columns(table).includes('deleted_at'));
    expect(softDeleted).toEqual(['product_add_ons', 'product_option_groups', 'product_options', 'product_variants', 'products']);
  });

  it('writes ids as UUIDv7: version 7, ordered by creation time', async () => {
    await inRolledBackTransaction(db.knex, async (trx) => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await insertCustomer(trx, `v7-${i}@example.com`, { profile: false })).userId);
        await trx.raw('SELECT pg_sleep(0.002)');
      }
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect([...ids].sort()).toEqual(ids);
    });
  });

  it('has the indexing plan exactly: names, columns, order, uniqueness, method', () => {
    const actual = db.facts.indexes.filter((i) => INDEXING_PLAN.some((p) => p.table === i.table && p.name === i.name));
    expect(byTableAndName(actual)).toEqual(byTableAndName(INDEXING_PLAN));
    for (const constraint of PLAN_CONSTRAINTS) expect(db.facts.constraints).toContainEqual(constraint);
    // orders: exactly the plan's three plus its keys.
    expect(db.facts.indexes.filter((i) => i.table === 'orders').map((i) => i.name).sort()).toEqual([
      'ix_orders_created_at', 'ix_orders_status', 'ix_orders_user_id', 'pk_orders', 'uq_orders_order_number', 'uq_orders_stripe_checkout_session_id',
    ]);
  });

  it('keeps natural keys unique; on the soft-deleted catalog tables among live rows only', () => {
    for (const key of NATURAL_KEYS) {
      const found = db.facts.indexes.find((i) => i.table === key.table && i.name === key.name);
      expect(found).toEqual(key);
    }
  });

  it('has exactly the designed foreign keys, each with its ON DELETE', () => {
    const actual = db.facts.foreignKeys.map((fk) => [fk.table, fk.columns.join(', '), fk.references, fk.onDelete]);
    const order = (a: unknown[], b: unknown[]) => `${a[0]}.${a[1]}`.localeCompare(`${b[0]}.${b[1]}`);
    expect(actual.sort(order)).toEqual([...FOREIGN_KEYS].sort(order));
  });

  it('creates every enum of src/enums.ts with its values in order, and no other', () => {
    expect(db.facts.enums).toEqual(declaredEnums(enums));
    // The ERD's enum columns are native enums.
    const typeOf = (table: string, name: string) => db.schema.find((e) => e.kind === 'column' && e.table === table && e.name === name)?.value.split(' ')[0];
    expect([typeOf('integration_credentials', 'owner_type'), typeOf('integration_credentials', 'service'), typeOf('webhook_events', 'provider')]).toEqual([
      'integration_owner_type', 'integration_service', 'integration_service',
    ]);
  });

  it('makes the ERD\'s nullable keys nullable: order_items.product_id, carts.user_id (+ session_id for guests)', () => {
    const nullable = (table: string, name: string) => !db.schema.find((e) => e.kind === 'column' && e.table === table && e.name === name)!.value.includes(' not null');
    expect([nullable('order_items', 'product_id'), nullable('carts', 'user_id'), nullable('carts', 'session_id'), nullable('orders', 'user_id')]).toEqual([true, true, true, false]);
  });

  describe('soft delete: a deleted product frees its slug', () => {
    it('refuses a live duplicate slug, and accepts it once the first product is soft-deleted', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { productId } = await insertProduct(trx, 'growth-kit', 'GROWTH-KIT-A');
        const duplicate = await pgError(inSavepoint(trx, (sp) => insertProduct(sp, 'growth-kit', 'GROWTH-KIT-B')));
        expect(duplicate).toMatchObject({ code: '23505', constraint: 'uq_products_slug' });

        await trx('products').where({ id: productId }).update({ deleted_at: trx.fn.now() });
        const { productId: successor } = await insertProduct(trx, 'growth-kit', 'GROWTH-KIT-B');
        const rows = await trx('products').where({ slug: 'growth-kit' }).orderBy('created_at').select('id', trx.raw('deleted_at IS NOT NULL AS deleted'));
        expect(rows).toEqual([{ id: productId, deleted: true }, { id: successor, deleted: false }]);

        // The new live product holds the slug now: a third one is refused again.
        expect(await pgError(inSavepoint(trx, (sp) => insertProduct(sp, 'growth-kit', 'GROWTH-KIT-C')))).toMatchObject({ code: '23505', constraint: 'uq_products_slug' });
      });
    });

    it('frees a soft-deleted variant\'s SKU the same way', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { productId, variantId } = await insertProduct(trx, 'sku-kit', 'SKU-1');
        const again = { product_id: productId, sku: 'SKU-1', name: 'Again', price_gross: '1.00' };
        expect(await pgError(inSavepoint(trx, (sp) => sp('product_variants').insert(again)))).toMatchObject({ code: '23505', constraint: 'uq_product_variants_sku' });
        await trx('product_variants').where({ id: variantId }).update({ deleted_at: trx.fn.now() });
        await trx('product_variants').insert(again);
      });
    });
  });

  describe('full-text search on support tickets', () => {
    it('finds a ticket by a word of its body, through the GIN index', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { userId } = await insertCustomer(trx, 'fts@example.com');
        await trx('support_tickets').insert([
          { ticket_number: 'TCK-1', user_id: userId, subject: 'Campaign paused', body: 'Why did the engagement campaign pause after the algorithm update? Erstattung möglich?' },
          { ticket_number: 'TCK-2', user_id: userId, subject: 'Invoice', body: 'Where is my invoice for October?' },
          { ticket_number: 'TCK-3', user_id: userId, subject: 'Handle changed', body: 'I renamed my Instagram account last week.' },
        ]);

        expect((await searchTickets(trx, 'algorithm')).map((hit) => hit.ticket_number)).toEqual(['TCK-1']);
        expect((await searchTickets(trx, 'Erstattung')).map((hit) => hit.ticket_number)).toEqual(['TCK-1']);
        expect((await searchTickets(trx, 'instagram renamed')).map((hit) => hit.ticket_number)).toEqual(['TCK-3']);
        expect(await searchTickets(trx, 'nonexistentword')).toEqual([]);

        // Three rows fit in one page, where a sequential scan is rightly the cheapest plan (with
        // 5,000 generated tickets, analysed, the planner still chose one: tried). Disabling
        // sequential scans for this transaction asks the question the test is about: can the
        // query use the GIN index? If it could not, PostgreSQL would still plan a Seq Scan.
        await trx.raw('SET LOCAL enable_seqscan = off');
        const { rows } = await trx.raw<{ rows: { 'QUERY PLAN': unknown }[] }>(
          `EXPLAIN (FORMAT JSON) SELECT id FROM support_tickets WHERE search_vector @@ websearch_to_tsquery('simple', 'algorithm')`,
        );
        const plan = JSON.stringify(rows[0]!['QUERY PLAN']);
        expect(plan).toContain('"Node Type":"Bitmap Index Scan"');
        expect(plan).toContain('"Index Name":"ix_support_tickets_search_vector"');
        expect(plan).not.toContain('"Node Type":"Seq Scan"');
      });
    });

    it('weighs the subject above the body and keeps search_vector current on update', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { userId } = await insertCustomer(trx, 'rank@example.com');
        await trx('support_tickets').insert([
          { ticket_number: 'TCK-BODY', user_id: userId, subject: 'Question', body: 'about my invoice' },
          { ticket_number: 'TCK-SUBJECT', user_id: userId, subject: 'Invoice', body: 'see subject' },
        ]);
        expect((await searchTickets(trx, 'invoice')).map((hit) => hit.ticket_number)).toEqual(['TCK-SUBJECT', 'TCK-BODY']);
        await trx('support_tickets').where({ ticket_number: 'TCK-BODY' }).update({ body: 'about my refund' });
        expect((await searchTickets(trx, 'invoice')).map((hit) => hit.ticket_number)).toEqual(['TCK-SUBJECT']);
        expect((await searchTickets(trx, 'refund')).map((hit) => hit.ticket_number)).toEqual(['TCK-BODY']);
      });
    });
  });

  describe('constraints at work (each case rolled back)', () => {
    it.each([
      ['an order whose total is not net + tax', 'ck_orders_total_is_net_plus_tax', { subtotal_net: '100.00', tax_total: '19.00', total_gross: '120.00' }],
      ['an order amount in fractions of a cent', 'ck_orders_amounts_whole_cents', { subtotal_net: '100.005', tax_total: '19.00', total_gross: '119.005' }],
      ['a paid order without paid_at', 'ck_orders_paid_has_paid_at', { status: 'paid', subtotal_net: '0', tax_total: '0', total_gross: '0' }],
    ])('refuses %s', async (_case, constraint, order) => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const { userId } = await insertCustomer(trx, 'ck@example.com', { profile: false });
        const row: Record<string, unknown> = { user_id: userId, ...order };
        expect(await pgError(trx('orders').insert(row))).toMatchObject({ code: '23514', constraint });
      });
    });

    it('refuses a cart with neither a user nor a guest session, and a second active cart of a user', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        expect(await pgError(inSavepoint(trx, (sp) => sp('carts').insert({})))).toMatchObject({ code: '23514', constraint: 'ck_carts_has_owner' });
        const { userId } = await insertCustomer(trx, 'cart@example.com', { profile: false });
        await trx('carts').insert({ user_id: userId });
        expect(await pgError(inSavepoint(trx, (sp) => sp('carts').insert({ user_id: userId })))).toMatchObject({ code: '23505', constraint: 'uq_carts_user_id' });
        await trx('carts').where({ user_id: userId }).update({ status: 'abandoned' });
        await trx('carts').insert({ user_id: userId });
        await trx('carts').insert({ session_id: '0b6f3d5e-8a41-4c2b-9e7d-3f1a2b4c5d6e' });
      });
    });

    it('refuses a snapshot whose profile is not its account\'s (composite foreign key)', async () => {
      await inRolledBackTransaction(db.knex, async (trx) => {
        const anna = await insertCustomer(trx, 'ig-anna@example.com');
        const ben = await insertCustomer(trx, 'ig-ben@example.com');
        const [account] = await trx('instagram_accounts').insert({ customer_profile_id: anna.profileId, username: 'anna.bakes' }).returning('id');
        const reading = { instagram_account_id: account.id, recorded_at: '2025-10-20T06:00:00Z', followers_count: 10, following_count: 1, media_count: 1 };
        await trx('instagram_account_snapshots').insert({ ...reading, customer_profile_id: anna.profileId });
        const error = await pgError(inSavepoint(trx, (sp) => sp('instagram_account_snapshots').insert({ ...reading, customer_profile_id: ben.profileId })));
        expect(error).toMatchObject({ code: '23503', constraint: 'fk_instagram_account_snapshots_customer_profile_id_8221c7a050d8' });
      });
    });

    it('stores e-mail addresses lower-case only', async () => {
      expect(await pgError(db.knex('users').insert({ email: 'Anna@Example.com' }))).toMatchObject({ code: '23514', constraint: 'ck_users_email_normalised' });
    });
  });

  it('rolls every migration back, leaving nothing', async () => {
    await strataOk(db.url, ['migrate', 'rollback', '--every-batch']);
    expect(await liveSchema(db.knex)).toEqual([]);
  });
});
