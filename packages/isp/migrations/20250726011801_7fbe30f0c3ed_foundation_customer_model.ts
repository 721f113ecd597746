/**
 * Step 1 of 17 — 7fbe30f0c3ed — Foundation: Basic customer model changes.
 *
 * The customer account, hierarchical: a reseller or an enterprise is the parent of child
 * accounts (branches, sub-customers), to any depth, never in a cycle. The portal id (the login
 * of the customer portal) arrives here as a plain column; step 2 makes it unique.
 *
 * This first step also creates what every later table relies on: strata_uuidv7() (primary key
 * default), strata_set_updated_at() (updated_at trigger) and the citext extension (emails
 * compared case-insensitively). `strata new` put the two functions in a migration of their own;
 * they are folded in here so the chain is exactly the seed's seventeen steps, step N being the
 * N-th file, as the model package does. Its down() drops them last.
 */
import type { Knex } from 'knex';
import {
  addUpdatedAtTrigger,
  ckName,
  createUpdatedAtFunction,
  createUuidV7Function,
  dropUpdatedAtFunction,
  dropUuidV7Function,
  foreignKey,
  ixName,
  timestamps,
  triggerName,
  uqName,
  uuidPrimaryKey,
} from '@strata/core';
import type { ChainStep } from '../src/chain';
import { CustomerStatus, CustomerType } from '../src/enums';
import { createExtension, dropExtension, dropFunction, execute, Pattern } from '../src/sql';
import { Table } from '../src/tables';

export const chain: ChainStep = { step: 1, revision: '7fbe30f0c3ed', title: 'Foundation: Basic customer model changes' };

const TABLE = Table.customers;
const CYCLE_TRIGGER = triggerName(TABLE, 'hierarchy_acyclic');

export async function up(knex: Knex): Promise<void> {
  await createUuidV7Function(knex);
  await createUpdatedAtFunction(knex);
  await createExtension(knex, 'citext');
  await CustomerType.create(knex, { values: ['residential', 'business', 'enterprise', 'reseller'] });
  await CustomerStatus.create(knex, { values: ['prospect', 'active', 'suspended', 'cancelled'] });
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // The account number printed on invoices; never reused, so unique over every row.
    t.text('customer_number').notNullable();
    CustomerType.column(t, 'customer_type').notNullable().defaultTo('residential');
    CustomerStatus.column(t, 'status').notNullable().defaultTo('prospect');
    t.text('display_name').notNullable();
    // citext: Jane@Example.com and jane@example.com are one mailbox.
    t.specificType('email', 'citext').nullable();
    t.text('phone').nullable();
    // RESTRICT: a parent with child accounts cannot disappear from under them; children are
    // moved (or closed) first. Cycles are refused by the trigger below.
    foreignKey(t, TABLE, 'parent_customer_id', { references: TABLE, onDelete: 'restrict', nullable: true });
    // The customer portal login; NULL until the customer is invited. Unique from step 2 on.
    t.text('portal_id').nullable();
    timestamps(t, knex);
    t.unique(['customer_number'], { indexName: uqName(TABLE, ['customer_number']) });
    t.index(['email'], ixName(TABLE, ['email']));
    t.index(['status'], ixName(TABLE, ['status']));
    // A row inserted as its own parent passes the foreign key (the row exists by then): refuse it here.
    t.check('parent_customer_id <> id', {}, ckName(TABLE, 'not_own_parent'));
    t.check("btrim(display_name) <> ''", {}, ckName(TABLE, 'display_name_not_blank'));
    t.check(`phone ~ '${Pattern.e164}'`, {}, ckName(TABLE, 'phone_e164'));
  });
  await addUpdatedAtTrigger(knex, TABLE);

  // No cycles, enforced by the database. Only an UPDATE of parent_customer_id can close a loop
  // (a new row has no descendants yet; the check above refuses one inserted as its own parent).
  // The trigger walks up from the new parent; each ancestor is read FOR SHARE, so a concurrent
  // transaction re-parenting one of them waits for this one to finish, then sees its result:
  // two moves that would close a loop together (A under B while B goes under A) cannot both
  // pass. Under REPEATABLE READ the second one fails with a serialization error instead.
  await execute(
    knex,
    `CREATE FUNCTION isp_customers_hierarchy_acyclic() RETURNS trigger LANGUAGE plpgsql AS $isp$
DECLARE
  ancestor uuid := NEW.parent_customer_id;
  depth integer := 0;
BEGIN
  WHILE ancestor IS NOT NULL LOOP
    IF ancestor = NEW.id THEN
      RAISE EXCEPTION 'customer % cannot have parent %: the parent is the customer itself or one of its descendants, so the hierarchy would form a cycle', NEW.id, NEW.parent_customer_id
        USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = TG_NAME,
              HINT = 'choose a parent outside this customer''s own subtree';
    END IF;
    depth := depth + 1;
    IF depth > 100 THEN
      RAISE EXCEPTION 'customer % cannot have parent %: the hierarchy above it is deeper than 100 levels', NEW.id, NEW.parent_customer_id
        USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = TG_NAME;
    END IF;
    SELECT c.parent_customer_id INTO ancestor FROM customers c WHERE c.id = ancestor FOR SHARE;
  END LOOP;
  RETURN NEW;
END
$isp$`,
  );
  await execute(
    knex,
    `CREATE TRIGGER ${CYCLE_TRIGGER} BEFORE UPDATE OF parent_customer_id ON customers FOR EACH ROW
       WHEN (NEW.parent_customer_id IS NOT NULL AND NEW.parent_customer_id IS DISTINCT FROM OLD.parent_customer_id)
       EXECUTE FUNCTION isp_customers_hierarchy_acyclic()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await dropFunction(knex, 'isp_customers_hierarchy_acyclic()');
  await CustomerStatus.drop(knex);
  await CustomerType.drop(knex);
  await dropExtension(knex, 'citext');
  await dropUpdatedAtFunction(knex);
  await dropUuidV7Function(knex);
}
