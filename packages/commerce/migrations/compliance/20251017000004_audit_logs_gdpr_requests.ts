/**
 * Compliance workstream: the audit log (ERD `AuditLog`), data-subject requests (ERD
 * `GDPRRequest`), and erase_user_personal_data(user_id), the GDPR erasure.
 *
 * Erasure anonymises instead of deleting: a user with orders cannot be deleted (orders,
 * payments and invoices are retained by law and RESTRICT the delete), so the function removes
 * what exists only for the person (sessions, carts, notifications, tokens, Instagram accounts
 * and their analytics), clears the personal columns of what the business keeps (profile,
 * orders' contact details and form answers, ticket texts, webhook payloads naming the person,
 * audit IP addresses) and turns the login into an `erased` placeholder. Invoices keep the buyer
 * as invoiced (§ 147 AO, § 14b UStG; GDPR Art. 17(3)(b)). One transaction: all or nothing.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, foreignKey, ixName, timestamps, uuidPrimaryKey } from '@strata/core';
import { emptyObject } from '../../src/columns';
import { GdprRequestStatus, GdprRequestType } from '../../src/enums';
import { Table } from '../../src/tables';

/** Name of the erasure function (src/gdpr.ts calls it). */
const ERASE_FUNCTION = 'erase_user_personal_data';

/**
 * The erasure, in SQL so that every service of the platform (the FastAPI backend, the Auth.js
 * front end, psql) erases the same way. Written for the tables of this migration's time: a later
 * migration that adds personal data must replace the function too.
 */
const ERASE_FUNCTION_SQL = `
CREATE FUNCTION ${ERASE_FUNCTION}(p_user_id uuid) RETURNS jsonb
LANGUAGE plpgsql
AS $erase$
DECLARE
  v_email text;
  v_status user_status;
  v_profiles uuid[];
  v_counts jsonb := '{}'::jsonb;
  v_rows integer;
BEGIN
  -- The row lock makes two erasures of one user (or an erasure and a login) take turns.
  SELECT email, status INTO v_email, v_status FROM users WHERE id = p_user_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no user with id %: nothing was erased', p_user_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_status = 'erased' THEN
    RETURN jsonb_build_object('user_id', p_user_id, 'already_erased', true);
  END IF;
  SELECT coalesce(array_agg(id), '{}') INTO v_profiles FROM customer_profiles WHERE user_id = p_user_id;

  -- Deleted: data that exists only for the person.
  DELETE FROM sessions WHERE user_id = p_user_id;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  v_counts := v_counts || jsonb_build_object('sessions_deleted', v_rows);
  DELETE FROM carts WHERE user_id = p_user_id;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  v_counts := v_counts || jsonb_build_object('carts_deleted', v_rows);
  DELETE FROM notifications WHERE user_id = p_user_id;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  v_counts := v_counts || jsonb_build_object('notifications_deleted', v_rows);
  DELETE FROM integration_credentials WHERE user_id = p_user_id OR customer_profile_id = ANY (v_profiles);
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  v_counts := v_counts || jsonb_build_object('credentials_deleted', v_rows);
  -- Snapshots go with their account (CASCADE); campaigns keep their history (SET NULL).
  DELETE FROM instagram_accounts WHERE customer_profile_id = ANY (v_profiles);
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  v_counts := v_counts || jsonb_build_object('instagram_accounts_deleted', v_rows);

  -- Anonymised: rows the business keeps, without the person.
  UPDATE customer_profiles
     SET first_name = NULL, last_name = NULL, company_name = NULL, vat_id = NULL, phone = NULL,
         billing_address = NULL, marketing_opt_in = false
   WHERE user_id = p_user_id;
  UPDATE orders SET customer_email = NULL, billing_address = NULL, notes = NULL WHERE user_id = p_user_id;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  v_counts := v_counts || jsonb_build_object('orders_anonymised', v_rows);
  -- Custom field answers (Instagram handle, briefing texts) are personal; options are not.
  UPDATE order_items oi SET selections = oi.selections - 'fields'
    FROM orders o
   WHERE o.id = oi.order_id AND o.user_id = p_user_id AND oi.selections -> 'fields' IS NOT NULL;
  UPDATE support_tickets SET requester_email = NULL, subject = '[erased]', body = '[erased]' WHERE user_id = p_user_id;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  v_counts := v_counts || jsonb_build_object('support_tickets_redacted', v_rows);
  -- Webhook rows stay (they are the idempotency keys of deliveries Stripe may still retry);
  -- payloads naming the person lose their content. A full scan: erasure is rare.
  UPDATE webhook_events SET payload = jsonb_build_object('redacted', 'gdpr erasure')
   WHERE strpos(lower(payload::text), v_email) > 0;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  v_counts := v_counts || jsonb_build_object('webhook_payloads_redacted', v_rows);
  UPDATE audit_logs SET ip_address = NULL, user_agent = NULL WHERE actor_user_id = p_user_id;

  -- The login becomes a placeholder: it still anchors orders, payments, invoices and subscriptions.
  UPDATE users
     SET email = 'erased-' || id || '@erased.invalid', email_verified_at = NULL, password_hash = NULL,
         last_login_at = NULL, status = 'erased', erased_at = now()
   WHERE id = p_user_id;

  INSERT INTO audit_logs (action, entity_type, entity_id, changes) VALUES ('user.erased', 'users', p_user_id, v_counts);
  RETURN jsonb_build_object('user_id', p_user_id, 'already_erased', false) || v_counts;
END
$erase$`;

export async function up(knex: Knex): Promise<void> {
  await GdprRequestType.create(knex, { values: ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] });
  await GdprRequestStatus.create(knex, { values: ['received', 'in_progress', 'completed', 'rejected'] });

  await knex.schema.createTable(Table.auditLogs, (t) => {
    uuidPrimaryKey(t, Table.auditLogs, knex);
    // SET NULL (nullable: the system acts too): the trail must survive the actor's login;
    // staff logins are deactivated rather than deleted, so this is rare.
    foreignKey(t, Table.auditLogs, 'actor_user_id', { references: Table.users, onDelete: 'set null', nullable: true });
    // What was done, e.g. 'order.refunded', 'user.erased'.
    t.string('action', 100).notNullable();
    // The record it was done to, e.g. ('orders', id). Not a foreign key: the log outlives records.
    t.string('entity_type', 64).nullable();
    t.uuid('entity_id').nullable();
    t.specificType('ip_address', 'inet').nullable();
    t.text('user_agent').nullable();
    // Before/after of the changed fields, or counts.
    t.jsonb('changes').notNullable().defaultTo(emptyObject(knex));
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    timestamps(t, knex);
    // "What happened to this order?" and "what happened yesterday?".
    t.index(['entity_type', 'entity_id'], ixName(Table.auditLogs, ['entity_type', 'entity_id']));
    t.index(['occurred_at'], ixName(Table.auditLogs, ['occurred_at']));
  });
  await addUpdatedAtTrigger(knex, Table.auditLogs);

  await knex.schema.createTable(Table.gdprRequests, (t) => {
    uuidPrimaryKey(t, Table.gdprRequests, knex);
    // SET NULL (nullable): the request is the proof that it was answered (accountability,
    // Art. 5(2)) and must outlive the login it was about, should that ever be deleted.
    foreignKey(t, Table.gdprRequests, 'user_id', { references: Table.users, onDelete: 'set null', nullable: true });
    GdprRequestType.column(t, 'request_type').notNullable();
    GdprRequestStatus.column(t, 'status').notNullable().defaultTo('received');
    // SHA-256 (hex) of the requester's lower-cased e-mail: recognises a repeated request after
    // erasure without keeping the address.
    t.string('subject_email_sha256', 64).notNullable();
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // One month after receipt (Art. 12(3)); set by the application, which knows the calendar.
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('completed_at', { useTz: true }).nullable();
    // SET NULL: the request's record stays when the handling agent's login goes.
    foreignKey(t, Table.gdprRequests, 'handled_by_user_id', { references: Table.users, onDelete: 'set null', nullable: true });
    t.text('notes').nullable();
    // What was done: erase_user_personal_data()'s counts, or where the export was delivered.
    t.jsonb('result').notNullable().defaultTo(emptyObject(knex));
    timestamps(t, knex);
    // The compliance dashboard lists open requests by due date.
    t.index(['status', 'due_at'], ixName(Table.gdprRequests, ['status', 'due_at']));
    t.check(`subject_email_sha256 ~ '^[0-9a-f]{64}$'`, {}, ckName(Table.gdprRequests, 'subject_email_sha256_hex'));
    t.check('due_at > requested_at', {}, ckName(Table.gdprRequests, 'due_after_request'));
    t.check(`status NOT IN ('completed', 'rejected') OR completed_at IS NOT NULL`, {}, ckName(Table.gdprRequests, 'finished_has_completed_at'));
  });
  await addUpdatedAtTrigger(knex, Table.gdprRequests);

  await knex.raw(ERASE_FUNCTION_SQL);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP FUNCTION IF EXISTS ??(uuid)`, [ERASE_FUNCTION]);
  await knex.schema.dropTable(Table.gdprRequests);
  await knex.schema.dropTable(Table.auditLogs);
  await GdprRequestStatus.drop(knex);
  await GdprRequestType.drop(knex);
}
