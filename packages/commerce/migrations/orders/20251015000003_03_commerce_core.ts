/**
 * Logged migration 03 (`20251015_03_commerce_core`): products with their variants, option groups
 * and options; orders, order items and payments. With them come the two reference tables the
 * catalog and the orders need from the start: VAT rates and product categories.
 *
 * Money: core's money() is numeric(19,4) and sits beside a `currency` column; catalog prices are
 * gross (VAT included, as German consumer prices are shown); what is charged or paid is whole
 * cents (checks). See the README for why numeric and not integer minor units.
 */
import type { Knex } from 'knex';
import {
  addUpdatedAtTrigger,
  ckName,
  foreignKey,
  ixName,
  money,
  softDelete,
  timestamps,
  uniqueWhereNotDeleted,
  uqName,
  uuidPrimaryKey,
} from '@strata/core';
import { currency, emptyObject, notNegative, slugFormat, wholeCents } from '../../src/columns';
import { OrderStatus, PaymentProvider, PaymentStatus, ProductStatus, ProductType, VatCategory } from '../../src/enums';
import { SELLER_COUNTRY, Table } from '../../src/tables';

/** Order numbers come from a sequence: unique without a lookup, readable on the phone. */
const ORDER_NUMBER_SEQUENCE = 'orders_order_number_seq';

export async function up(knex: Knex): Promise<void> {
  await VatCategory.create(knex, { values: ['standard', 'reduced'] });
  await ProductType.create(knex, { values: ['service', 'digital', 'subscription'] });
  await ProductStatus.create(knex, { values: ['draft', 'active', 'archived'] });
  await OrderStatus.create(knex, { values: ['pending', 'paid', 'in_fulfillment', 'completed', 'canceled', 'refunded'] });
  await PaymentStatus.create(knex, { values: ['pending', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded'] });
  await PaymentProvider.create(knex, { values: ['stripe', 'bank_transfer'] });

  await knex.schema.createTable(Table.vatRates, (t) => {
    uuidPrimaryKey(t, Table.vatRates, knex);
    // ISO 3166-1 alpha-2; the seller is German, other countries are for OSS sales later.
    t.string('country_code', 2).notNullable().defaultTo(SELLER_COUNTRY);
    VatCategory.column(t, 'category').notNullable();
    // Percent, e.g. 19.00. Rates change by law on a date (DE: 16 %/5 % in the second half of
    // 2020), so a rate has a validity and orders copy the rate they were charged.
    t.decimal('rate', 5, 2).notNullable();
    t.date('valid_from').notNullable();
    // Exclusive end; NULL = still valid.
    t.date('valid_until').nullable();
    t.text('description').nullable();
    timestamps(t, knex);
    t.unique(['country_code', 'category', 'valid_from'], { indexName: uqName(Table.vatRates, ['country_code', 'category', 'valid_from']) });
    t.check(`country_code ~ '^[A-Z]{2}$'`, {}, ckName(Table.vatRates, 'country_code_iso'));
    t.check('rate >= 0 AND rate < 100', {}, ckName(Table.vatRates, 'rate_percent'));
    t.check('valid_until IS NULL OR valid_until > valid_from', {}, ckName(Table.vatRates, 'validity_ordered'));
  });
  await addUpdatedAtTrigger(knex, Table.vatRates);

  await knex.schema.createTable(Table.productCategories, (t) => {
    uuidPrimaryKey(t, Table.productCategories, knex);
    t.string('slug', 100).notNullable();
    t.string('name', 100).notNullable();
    t.text('description').nullable();
    // RESTRICT: a category with sub-categories is emptied (or its children moved) first.
    foreignKey(t, Table.productCategories, 'parent_id', { references: Table.productCategories, onDelete: 'restrict', nullable: true });
    t.integer('sort_order').notNullable().defaultTo(0);
    t.boolean('is_active').notNullable().defaultTo(true);
    timestamps(t, knex);
    t.unique(['slug'], { indexName: uqName(Table.productCategories, ['slug']) });
    t.check(slugFormat('slug'), {}, ckName(Table.productCategories, 'slug_format'));
    t.check('parent_id IS NULL OR parent_id <> id', {}, ckName(Table.productCategories, 'not_own_parent'));
  });
  await addUpdatedAtTrigger(knex, Table.productCategories);

  await knex.schema.createTable(Table.products, (t) => {
    uuidPrimaryKey(t, Table.products, knex);
    // RESTRICT: a category in use cannot be deleted; move its products or deactivate it.
    foreignKey(t, Table.products, 'category_id', { references: Table.productCategories, onDelete: 'restrict', nullable: true });
    // URL key; unique among live products only, so a soft-deleted product frees its slug.
    t.string('slug', 150).notNullable();
    t.string('name', 200).notNullable();
    t.text('description').nullable();
    ProductType.column(t, 'product_type').notNullable().defaultTo('service');
    ProductStatus.column(t, 'status').notNullable().defaultTo('draft');
    // Which VAT rate applies (e-books are reduced, services standard).
    VatCategory.column(t, 'vat_category').notNullable().defaultTo('standard');
    // "From" price shown in listings, gross; the variants carry the prices that are charged.
    money(t, 'price_gross').notNullable();
    currency(t);
    t.jsonb('metadata').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    softDelete(t);
    uniqueWhereNotDeleted(t, Table.products, ['slug'], knex);
    t.index(['status'], ixName(Table.products, ['status']));
    t.check(slugFormat('slug'), {}, ckName(Table.products, 'slug_format'));
    t.check(`${notNegative(['price_gross'])} AND ${wholeCents(['price_gross'])}`, {}, ckName(Table.products, 'price_valid'));
  });
  await addUpdatedAtTrigger(knex, Table.products);

  await knex.schema.createTable(Table.productVariants, (t) => {
    uuidPrimaryKey(t, Table.productVariants, knex);
    // CASCADE: a variant is part of its product. Products are soft-deleted; a hard delete (a
    // product created by mistake) takes its variants along. Order items keep their snapshot.
    foreignKey(t, Table.productVariants, 'product_id', { references: Table.products, onDelete: 'cascade' });
    t.string('sku', 64).notNullable();
    t.string('name', 200).notNullable();
    money(t, 'price_gross').notNullable();
    currency(t);
    // e.g. { "followers_target": 1000 }.
    t.jsonb('attributes').notNullable().defaultTo(emptyObject(knex));
    t.boolean('is_default').notNullable().defaultTo(false);
    t.integer('sort_order').notNullable().defaultTo(0);
    timestamps(t, knex);
    softDelete(t);
    uniqueWhereNotDeleted(t, Table.productVariants, ['sku'], knex);
    // At most one live default variant per product.
    t.unique(['product_id', 'is_default'], {
      indexName: uqName(Table.productVariants, ['product_id', 'is_default']),
      predicate: knex.whereRaw('is_default AND deleted_at IS NULL'),
    });
    t.check(`${notNegative(['price_gross'])} AND ${wholeCents(['price_gross'])}`, {}, ckName(Table.productVariants, 'price_valid'));
  });
  await addUpdatedAtTrigger(knex, Table.productVariants);

  await knex.schema.createTable(Table.productOptionGroups, (t) => {
    uuidPrimaryKey(t, Table.productOptionGroups, knex);
    // CASCADE: an option group is part of its product (see product_variants).
    foreignKey(t, Table.productOptionGroups, 'product_id', { references: Table.products, onDelete: 'cascade' });
    // Stable key within the product, e.g. 'target_region'.
    t.string('code', 64).notNullable();
    t.string('name', 200).notNullable();
    t.text('description').nullable();
    t.boolean('is_required').notNullable().defaultTo(false);
    t.smallint('min_selections').notNullable().defaultTo(0);
    // NULL = no upper limit.
    t.smallint('max_selections').nullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    timestamps(t, knex);
    softDelete(t);
    uniqueWhereNotDeleted(t, Table.productOptionGroups, ['product_id', 'code'], knex);
    t.check(`min_selections >= 0 AND (max_selections IS NULL OR max_selections >= greatest(min_selections, 1))`, {}, ckName(Table.productOptionGroups, 'selection_bounds'));
  });
  await addUpdatedAtTrigger(knex, Table.productOptionGroups);

  await knex.schema.createTable(Table.productOptions, (t) => {
    uuidPrimaryKey(t, Table.productOptions, knex);
    // CASCADE: an option is part of its group. Named group_id as in the ERD.
    foreignKey(t, Table.productOptions, 'group_id', { references: Table.productOptionGroups, onDelete: 'cascade' });
    t.string('code', 64).notNullable();
    t.string('name', 200).notNullable();
    // Added to the variant's price when chosen (may be negative: a cheaper choice).
    money(t, 'price_delta_gross').notNullable().defaultTo(0);
    currency(t);
    t.boolean('is_default').notNullable().defaultTo(false);
    t.integer('sort_order').notNullable().defaultTo(0);
    timestamps(t, knex);
    softDelete(t);
    uniqueWhereNotDeleted(t, Table.productOptions, ['group_id', 'code'], knex);
    t.check(wholeCents(['price_delta_gross']), {}, ckName(Table.productOptions, 'price_delta_whole_cents'));
  });
  await addUpdatedAtTrigger(knex, Table.productOptions);

  await knex.raw(`CREATE SEQUENCE ?? AS bigint`, [ORDER_NUMBER_SEQUENCE]);
  await knex.schema.createTable(Table.orders, (t) => {
    uuidPrimaryKey(t, Table.orders, knex);
    // Natural key, e.g. ORD-00000042 (gaps are fine for orders; invoices have their own numbers).
    t.string('order_number', 32).notNullable().defaultTo(knex.raw(`'ORD-' || lpad(nextval('${ORDER_NUMBER_SEQUENCE}')::text, 8, '0')`));
    // RESTRICT: orders are commercial records that must survive their customer (retention). A
    // user with orders is never deleted; GDPR erasure anonymises the user instead (compliance/).
    foreignKey(t, Table.orders, 'user_id', { references: Table.users, onDelete: 'restrict' });
    OrderStatus.column(t, 'status').notNullable().defaultTo('pending');
    currency(t);
    money(t, 'subtotal_net').notNullable();
    money(t, 'tax_total').notNullable();
    money(t, 'total_gross').notNullable();
    // Contact and billing details as given at checkout (a snapshot: the profile may change).
    // Cleared by GDPR erasure; the invoice keeps its own copy, which the law says to retain.
    t.string('customer_email', 254).nullable();
    t.jsonb('billing_address').nullable();
    // The Stripe Checkout Session (cs_…) that created the order: at most one order per session,
    // whatever the number of webhook deliveries.
    t.string('stripe_checkout_session_id', 255).nullable();
    t.timestamp('placed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('paid_at', { useTz: true }).nullable();
    t.timestamp('canceled_at', { useTz: true }).nullable();
    t.text('notes').nullable();
    t.jsonb('metadata').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    t.unique(['order_number'], { indexName: uqName(Table.orders, ['order_number']) });
    t.unique(['stripe_checkout_session_id'], { indexName: uqName(Table.orders, ['stripe_checkout_session_id']) });
    // Indexing plan: user_id (foreignKey above), status, created_at.
    t.index(['status'], ixName(Table.orders, ['status']));
    t.index(['created_at'], ixName(Table.orders, ['created_at']));
    t.check('total_gross = subtotal_net + tax_total', {}, ckName(Table.orders, 'total_is_net_plus_tax'));
    t.check(notNegative(['subtotal_net', 'tax_total', 'total_gross']), {}, ckName(Table.orders, 'amounts_not_negative'));
    t.check(wholeCents(['subtotal_net', 'tax_total', 'total_gross']), {}, ckName(Table.orders, 'amounts_whole_cents'));
    t.check(`paid_at IS NOT NULL OR status IN ('pending', 'canceled')`, {}, ckName(Table.orders, 'paid_has_paid_at'));
  });
  await knex.raw(`ALTER SEQUENCE ?? OWNED BY ??.??`, [ORDER_NUMBER_SEQUENCE, Table.orders, 'order_number']);
  await addUpdatedAtTrigger(knex, Table.orders);

  await knex.schema.createTable(Table.orderItems, (t) => {
    uuidPrimaryKey(t, Table.orderItems, knex);
    // CASCADE: lines are part of their order. An order that was paid or invoiced cannot be
    // deleted at all (payments and invoices RESTRICT it), so this only removes unpaid drafts.
    foreignKey(t, Table.orderItems, 'order_id', { references: Table.orders, onDelete: 'cascade' });
    // SET NULL (nullable, as the ERD says): the line keeps its snapshot below when the product or
    // variant is hard-deleted; the link is a convenience, not the record.
    foreignKey(t, Table.orderItems, 'product_id', { references: Table.products, onDelete: 'set null', nullable: true });
    foreignKey(t, Table.orderItems, 'variant_id', { references: Table.productVariants, onDelete: 'set null', nullable: true });
    // What was sold, as it was called and priced then.
    t.string('product_name', 200).notNullable();
    t.string('variant_name', 200).nullable();
    t.string('sku', 64).nullable();
    t.integer('quantity').notNullable();
    // Gross, options and add-ons included, in the order's currency.
    money(t, 'unit_price_gross').notNullable();
    money(t, 'line_total_gross').notNullable();
    // The VAT contained in line_total_gross, and the rate charged (percent).
    money(t, 'line_tax').notNullable();
    t.decimal('vat_rate', 5, 2).notNullable();
    // The configuration chosen: options, add-ons and custom field values, e.g.
    // { "options": { "target_region": "dach" }, "add_ons": ["express_start"], "fields": { "instagram_handle": "anna.bakes" } }.
    t.jsonb('selections').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    t.check('quantity > 0', {}, ckName(Table.orderItems, 'quantity_positive'));
    t.check('line_total_gross = unit_price_gross * quantity', {}, ckName(Table.orderItems, 'line_total_is_unit_times_quantity'));
    t.check('unit_price_gross >= 0 AND line_tax >= 0 AND line_tax <= line_total_gross', {}, ckName(Table.orderItems, 'amounts_consistent'));
    t.check(wholeCents(['unit_price_gross', 'line_total_gross', 'line_tax']), {}, ckName(Table.orderItems, 'amounts_whole_cents'));
    t.check('vat_rate >= 0 AND vat_rate < 100', {}, ckName(Table.orderItems, 'vat_rate_percent'));
  });
  await addUpdatedAtTrigger(knex, Table.orderItems);

  await knex.schema.createTable(Table.payments, (t) => {
    uuidPrimaryKey(t, Table.payments, knex);
    // RESTRICT: a payment is an accounting record; an order that was paid is never deleted.
    foreignKey(t, Table.payments, 'order_id', { references: Table.orders, onDelete: 'restrict' });
    PaymentProvider.column(t, 'provider').notNullable().defaultTo('stripe');
    PaymentStatus.column(t, 'status').notNullable().defaultTo('pending');
    money(t, 'amount').notNullable();
    currency(t);
    money(t, 'refunded_amount').notNullable().defaultTo(0);
    // Stripe PaymentIntent (pi_…): one payment row per intent, however often Stripe reports it.
    t.string('stripe_payment_intent_id', 255).nullable();
    t.string('stripe_charge_id', 255).nullable();
    // Payment method type as Stripe names it: card, sepa_debit, paypal, klarna…
    t.string('method', 50).nullable();
    t.timestamp('paid_at', { useTz: true }).nullable();
    t.string('failure_code', 100).nullable();
    t.text('failure_message').nullable();
    t.jsonb('metadata').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    // Indexing plan: unique stripe_payment_intent_id, index status.
    t.unique(['stripe_payment_intent_id'], { indexName: uqName(Table.payments, ['stripe_payment_intent_id']) });
    t.index(['status'], ixName(Table.payments, ['status']));
    t.check('amount > 0 AND refunded_amount >= 0 AND refunded_amount <= amount', {}, ckName(Table.payments, 'amounts_valid'));
    t.check(wholeCents(['amount', 'refunded_amount']), {}, ckName(Table.payments, 'amounts_whole_cents'));
    t.check(`provider <> 'stripe' OR stripe_payment_intent_id IS NOT NULL`, {}, ckName(Table.payments, 'stripe_has_payment_intent'));
    t.check(`status NOT IN ('succeeded', 'refunded', 'partially_refunded') OR paid_at IS NOT NULL`, {}, ckName(Table.payments, 'succeeded_has_paid_at'));
  });
  await addUpdatedAtTrigger(knex, Table.payments);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.payments);
  await knex.schema.dropTable(Table.orderItems);
  await knex.schema.dropTable(Table.orders);
  // Owned by orders.order_number, so already gone with the table; IF EXISTS keeps down() exact either way.
  await knex.raw(`DROP SEQUENCE IF EXISTS ??`, [ORDER_NUMBER_SEQUENCE]);
  await knex.schema.dropTable(Table.productOptions);
  await knex.schema.dropTable(Table.productOptionGroups);
  await knex.schema.dropTable(Table.productVariants);
  await knex.schema.dropTable(Table.products);
  await knex.schema.dropTable(Table.productCategories);
  await knex.schema.dropTable(Table.vatRates);
  await PaymentProvider.drop(knex);
  await PaymentStatus.drop(knex);
  await OrderStatus.drop(knex);
  await ProductStatus.drop(knex);
  await ProductType.drop(knex);
  await VatCategory.drop(knex);
}
