/**
 * Orders workstream: shopping carts (ERD `Cart`: user_id nullable plus session_id for guests)
 * and their lines.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, timestamps, uqName, uuidPrimaryKey } from '@strata/core';
import { currency, emptyObject } from '../../src/columns';
import { CartStatus } from '../../src/enums';
import { Table } from '../../src/tables';

export async function up(knex: Knex): Promise<void> {
  await CartStatus.create(knex, { values: ['active', 'converted', 'abandoned'] });

  await knex.schema.createTable(Table.carts, (t) => {
    uuidPrimaryKey(t, Table.carts, knex);
    // CASCADE (nullable: guests have no user): a cart is a convenience of its user, no record.
    foreignKey(t, Table.carts, 'user_id', { references: Table.users, onDelete: 'cascade', nullable: true });
    // A guest's browser session: an opaque random id from the storefront's cookie. Not a key to
    // `sessions`, which are logins; when the guest logs in, the cart gets the user_id.
    t.uuid('session_id').nullable();
    CartStatus.column(t, 'status').notNullable().defaultTo('active');
    currency(t);
    // SET NULL: the cart is a convenience; the order is the record.
    foreignKey(t, Table.carts, 'converted_order_id', { references: Table.orders, onDelete: 'set null', nullable: true });
    // Guest carts are purged after this.
    t.timestamp('expires_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.check('user_id IS NOT NULL OR session_id IS NOT NULL', {}, ckName(Table.carts, 'has_owner'));
    // Only a converted cart points at an order (the reverse cannot hold: the link is SET NULL).
    t.check(`converted_order_id IS NULL OR status = 'converted'`, {}, ckName(Table.carts, 'order_only_when_converted'));
    // One active cart per user and per guest session.
    t.unique(['user_id'], { indexName: uqName(Table.carts, ['user_id']), predicate: knex.whereRaw(`status = 'active'`) });
    t.unique(['session_id'], { indexName: uqName(Table.carts, ['session_id']), predicate: knex.whereRaw(`status = 'active'`) });
  });
  await addUpdatedAtTrigger(knex, Table.carts);

  await knex.schema.createTable(Table.cartItems, (t) => {
    uuidPrimaryKey(t, Table.cartItems, knex);
    // CASCADE: a line is part of its cart.
    foreignKey(t, Table.cartItems, 'cart_id', { references: Table.carts, onDelete: 'cascade' });
    // CASCADE: a product that is hard-deleted cannot be bought; the line goes (soft-deleted
    // products stay, and the storefront shows them as unavailable).
    foreignKey(t, Table.cartItems, 'product_id', { references: Table.products, onDelete: 'cascade' });
    foreignKey(t, Table.cartItems, 'variant_id', { references: Table.productVariants, onDelete: 'cascade', nullable: true });
    t.integer('quantity').notNullable().defaultTo(1);
    // Options, add-ons and custom field values chosen so far (the shape of order_items.selections).
    // No price: a cart shows today's prices; the order freezes them.
    t.jsonb('selections').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    t.check('quantity > 0', {}, ckName(Table.cartItems, 'quantity_positive'));
  });
  await addUpdatedAtTrigger(knex, Table.cartItems);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(Table.cartItems);
  await knex.schema.dropTable(Table.carts);
  await CartStatus.drop(knex);
}
