/**
 * P1: coupon_redemptions — one use of a coupon, on one booking (one coupon per booking).
 *
 * The usage limit holds under concurrency because the schema enforces it, not the application:
 * an AFTER INSERT trigger increments coupons.used_count with an UPDATE of the coupon row, which
 *  - takes that row's lock, so concurrent redemptions of one coupon queue one behind the other
 *    until the earlier transaction ends (other coupons are not affected);
 *  - re-reads the committed used_count once the lock is granted (READ COMMITTED re-checks the
 *    updated row), and ck_coupons_used_count_within_max_uses refuses the increment past max_uses,
 *    failing the INSERT with SQLSTATE 23514 and that constraint's name.
 *    (Under REPEATABLE READ or SERIALIZABLE the later transaction fails with 40001 instead: retry.)
 * With the row lock held, the trigger also counts the owner's redemptions for max_uses_per_user
 * (a new statement sees every committed one), and refuses an inactive or out-of-window coupon or offer.
 * AFTER, not BEFORE: a BEFORE INSERT trigger also fires for a row that INSERT … ON CONFLICT DO
 * NOTHING then skips, which would consume a use without a redemption.
 * A deleted redemption (a booking cancelled before payment) gives its use back; a redemption
 * cannot be moved to another coupon (delete it and redeem the other).
 * A read-then-insert in the application (SELECT used_count … then INSERT) lets 20 concurrent
 * requests all see 4 < 5; this does not.
 */
import type { Knex } from 'knex';
import { addUpdatedAtTrigger, ckName, fkName, foreignKey, ixName, money, timestamps, triggerName, uqName, uuidPrimaryKey } from '@strata/core';
import { Table } from '../src/tables';

const TABLE = Table.couponRedemptions;
export const COUNT_FUNCTION = 'petlab_coupon_redemptions_count_use';
export const RELEASE_FUNCTION = 'petlab_coupon_redemptions_release_use';
export const FREEZE_FUNCTION = 'petlab_coupon_redemptions_freeze_coupon';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(TABLE, (t) => {
    uuidPrimaryKey(t, TABLE, knex);
    // RESTRICT: a redemption is part of a booking's bill; the coupon cannot vanish under it.
    // Indexed by ix_coupon_redemptions_coupon_id_user_id (leading column), which the per-owner
    // count uses too, so there is no separate ix_ index.
    t.uuid('coupon_id').notNullable();
    t.foreign('coupon_id', fkName(TABLE, 'coupon_id')).references('id').inTable(Table.coupons).onDelete('RESTRICT');
    // RESTRICT: the discount is billing history of the booking. One coupon per booking:
    // uq_coupon_redemptions_booking_id is also the foreign key's index.
    t.uuid('booking_id').notNullable();
    t.foreign('booking_id', fkName(TABLE, 'booking_id')).references('id').inTable(Table.bookings).onDelete('RESTRICT');
    t.unique(['booking_id'], { indexName: uqName(TABLE, ['booking_id']) });
    // RESTRICT: per-owner limits count these rows; owners are deactivated, not deleted.
    foreignKey(t, TABLE, 'user_id', { references: Table.users, onDelete: 'restrict' });
    money(t, 'discount_amount').notNullable();
    t.timestamp('redeemed_at', { useTz: true }).notNullable().defaultTo(knex.raw('now()'));
    timestamps(t, knex);
    t.index(['coupon_id', 'user_id'], ixName(TABLE, ['coupon_id', 'user_id']));
    t.check('discount_amount >= 0', {}, ckName(TABLE, 'discount_amount_not_negative'));
  });
  await addUpdatedAtTrigger(knex, TABLE);

  await knex.raw(`
CREATE FUNCTION ${COUNT_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql
AS $petlab$
DECLARE
  coupon record;
  used_by_owner integer;
BEGIN
  -- Takes the coupon row's lock and re-reads used_count: ck_coupons_used_count_within_max_uses
  -- refuses the use past max_uses.
  UPDATE coupons SET used_count = used_count + 1 WHERE id = NEW.coupon_id
    RETURNING code, is_active, valid_from, valid_until, max_uses_per_user, offer_id INTO coupon;
  IF NOT FOUND THEN
    RETURN NULL; -- fk_coupon_redemptions_coupon_id reports the unknown coupon
  END IF;
  IF NOT coupon.is_active THEN
    RAISE EXCEPTION 'coupon % is not active', coupon.code USING ERRCODE = 'check_violation', HINT = 'activate the coupon or use another one';
  END IF;
  IF NEW.redeemed_at < coupon.valid_from OR NEW.redeemed_at >= coupon.valid_until THEN
    RAISE EXCEPTION 'coupon % is not valid at %', coupon.code, NEW.redeemed_at USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM offers o WHERE o.id = coupon.offer_id AND o.is_active
                   AND NEW.redeemed_at >= o.valid_from AND (o.valid_until IS NULL OR NEW.redeemed_at < o.valid_until)) THEN
    RAISE EXCEPTION 'the offer of coupon % is not active at %', coupon.code, NEW.redeemed_at USING ERRCODE = 'check_violation';
  END IF;
  IF coupon.max_uses_per_user IS NOT NULL THEN
    -- The coupon row is locked by this transaction, so no other redemption of it can commit
    -- meanwhile; the count includes the row just inserted.
    SELECT count(*) INTO used_by_owner FROM coupon_redemptions r WHERE r.coupon_id = NEW.coupon_id AND r.user_id = NEW.user_id;
    IF used_by_owner > coupon.max_uses_per_user THEN
      RAISE EXCEPTION 'coupon % was already used % time(s) by this owner (max_uses_per_user %)', coupon.code, used_by_owner - 1, coupon.max_uses_per_user
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NULL;
END
$petlab$`);
  await knex.raw(`
CREATE FUNCTION ${RELEASE_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql
AS $petlab$
BEGIN
  UPDATE coupons SET used_count = used_count - 1 WHERE id = OLD.coupon_id;
  RETURN NULL;
END
$petlab$`);
  await knex.raw(`
CREATE FUNCTION ${FREEZE_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql
AS $petlab$
BEGIN
  RAISE EXCEPTION 'a coupon redemption cannot move to another coupon' USING ERRCODE = 'check_violation', HINT = 'delete the redemption and redeem the other coupon';
END
$petlab$`);
  await knex.raw(`CREATE TRIGGER ${triggerName(TABLE, 'count_use')} AFTER INSERT ON ${TABLE} FOR EACH ROW EXECUTE FUNCTION ${COUNT_FUNCTION}()`);
  await knex.raw(`CREATE TRIGGER ${triggerName(TABLE, 'release_use')} AFTER DELETE ON ${TABLE} FOR EACH ROW EXECUTE FUNCTION ${RELEASE_FUNCTION}()`);
  await knex.raw(
    `CREATE TRIGGER ${triggerName(TABLE, 'freeze_coupon')} BEFORE UPDATE OF coupon_id ON ${TABLE} FOR EACH ROW WHEN (NEW.coupon_id IS DISTINCT FROM OLD.coupon_id) EXECUTE FUNCTION ${FREEZE_FUNCTION}()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
  await knex.raw(`DROP FUNCTION ${FREEZE_FUNCTION}()`);
  await knex.raw(`DROP FUNCTION ${RELEASE_FUNCTION}()`);
  await knex.raw(`DROP FUNCTION ${COUNT_FUNCTION}()`);
}
