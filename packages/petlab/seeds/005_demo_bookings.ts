/**
 * Demo seed: two offers with a coupon each, a CBC batch, and two bookings — PL-DEMO-0001 (Bruno,
 * home visit, completed and paid, CBC + liver panel with verified and released reports,
 * WELLNESS15 redeemed, a vet's prescription accepted) and PL-DEMO-0002 (Coco, lab visit,
 * confirmed, routine urinalysis pending). Builds on the reference catalogue and 004_demo_people.
 * Development only.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { ensureRow, refuseOnProduction, SeedProfile, type SeedContext } from '@strata/core';
import { deleteSeeded, stableId, Table } from '../src';
import { DEMO_ANALYST_PHONE, DEMO_BATCH, DEMO_BOOKINGS, DEMO_OFFERS, type DemoBooking } from '../src/demo';
import { homeVisitFee } from '../src/pricing';
import { requireId } from '../src/seeding';
import { petKey } from './004_demo_people';

export const profile = SeedProfile.demo;

const CATALOGUE = 'the reference seed 001_test_catalogue';
const PEOPLE = 'the demo seed 004_demo_people';
const itemKey = (bookingNumber: string, testCode: string) => `${bookingNumber}:${testCode}`;
/** The demo upload: a prescription photo for PL-DEMO-0001 (the object itself is not stored anywhere). */
const UPLOAD = { bookingNumber: 'PL-DEMO-0001', storageKey: 'prescriptions/demo/PL-DEMO-0001/prescription.jpg', filename: 'prescription.jpg', bytes: 1_843_200 } as const;

/** What the owner pays: items less the coupon, plus the home-visit fee for its distance. */
function bookingTotal(booking: DemoBooking): string {
  const items = booking.items.reduce((sum, item) => sum + Number(item.unitPrice), 0);
  const discount = booking.coupon ? Number(booking.coupon.discountAmount) : 0;
  const visit = booking.estimatedDistanceKm === null ? 0 : homeVisitFee(Number(booking.estimatedDistanceKm));
  return (items - discount + visit).toFixed(2);
}

export async function seed(knex: Knex, context: SeedContext): Promise<void> {
  refuseOnProduction(context, 'demo offers, coupons, bookings and reports');
  const staffId = (phone: string) => requireId(knex, Table.staff, { phone }, PEOPLE);
  const adminId = await staffId('+919800000201');

  for (const offer of DEMO_OFFERS) {
    const offerId = await ensureRow(knex, Table.offers, { id: stableId(Table.offers, offer.name) }, {
      id: stableId(Table.offers, offer.name),
      name: offer.name,
      description: offer.description,
      discount_type: offer.discountType,
      discount_value: offer.discountValue,
      max_discount_amount: offer.maxDiscountAmount,
      min_order_amount: offer.minOrderAmount,
      valid_from: offer.validFrom,
      created_by: adminId,
    });
    for (const coupon of offer.coupons) {
      await ensureRow(knex, Table.coupons, { code: coupon.code }, {
        id: stableId(Table.coupons, coupon.code),
        code: coupon.code,
        offer_id: offerId,
        max_uses: coupon.maxUses,
        max_uses_per_user: coupon.maxUsesPerUser,
        created_by: adminId,
      });
    }
  }

  const batchId = await ensureRow(knex, Table.testBatchGroups, { batch_code: DEMO_BATCH.batchCode }, {
    id: stableId(Table.testBatchGroups, DEMO_BATCH.batchCode),
    batch_code: DEMO_BATCH.batchCode,
    test_id: await requireId(knex, Table.tests, { code: DEMO_BATCH.testCode }, CATALOGUE),
    status: 'completed',
    lab_tech_id: await staffId(DEMO_BATCH.labTechPhone),
    started_at: DEMO_BATCH.startedAt,
    completed_at: DEMO_BATCH.completedAt,
  });
  const labTechId = await staffId(DEMO_BATCH.labTechPhone);
  const analystId = await staffId(DEMO_ANALYST_PHONE);

  for (const booking of DEMO_BOOKINGS) {
    const userId = await requireId(knex, Table.users, { phone: booking.ownerPhone }, PEOPLE);
    const bookingId = await ensureRow(knex, Table.bookings, { booking_number: booking.bookingNumber }, {
      id: stableId(Table.bookings, booking.bookingNumber),
      booking_number: booking.bookingNumber,
      user_id: userId,
      address_id: booking.collectionType === 'home_visit' ? stableId(Table.addresses, booking.ownerPhone) : null,
      collection_type: booking.collectionType,
      status: booking.status,
      scheduled_at: booking.scheduledAt,
      total_amount: bookingTotal(booking),
      payment_status: booking.paymentStatus,
      pet_id: stableId(Table.pets, petKey(booking.ownerPhone, booking.petName)),
      collection_staff_id: booking.collectorPhone ? await staffId(booking.collectorPhone) : null,
      notes: booking.notes,
      estimated_distance_km: booking.estimatedDistanceKm,
    });
    for (const item of booking.items) {
      const itemId = stableId(Table.bookingItems, itemKey(booking.bookingNumber, item.testCode));
      await ensureRow(knex, Table.bookingItems, { id: itemId }, {
        id: itemId,
        booking_id: bookingId,
        test_id: await requireId(knex, Table.tests, { code: item.testCode }, CATALOGUE),
        quantity: 1,
        unit_price: item.unitPrice,
        status: item.report ? 'completed' : 'pending',
      });
      if (!item.report) continue;
      await ensureRow(knex, Table.testReports, { booking_item_id: itemId }, {
        id: stableId(Table.testReports, itemKey(booking.bookingNumber, item.testCode)),
        booking_item_id: itemId,
        batch_group_id: item.testCode === DEMO_BATCH.testCode ? batchId : null,
        status: item.report.status,
        results: JSON.stringify(item.report.results),
        summary: item.report.summary,
        report_file_key: `reports/demo/${booking.bookingNumber}/${item.testCode}.pdf`,
        analyzed_by: labTechId,
        verified_by: analystId,
        verified_at: '2026-01-15T16:00:00+05:30',
        released_at: '2026-01-15T16:30:00+05:30',
      });
    }
    if (booking.coupon) {
      // ON CONFLICT DO NOTHING on a rerun: the AFTER INSERT trigger does not fire, no use is counted twice.
      await ensureRow(knex, Table.couponRedemptions, { booking_id: bookingId }, {
        id: stableId(Table.couponRedemptions, booking.bookingNumber),
        coupon_id: await requireId(knex, Table.coupons, { code: booking.coupon.code }, 'this seed'),
        booking_id: bookingId,
        user_id: userId,
        discount_amount: booking.coupon.discountAmount,
        redeemed_at: '2026-01-14T18:00:00+05:30',
      });
    }
  }

  await ensureRow(knex, Table.prescriptionUploads, { storage_key: UPLOAD.storageKey }, {
    id: stableId(Table.prescriptionUploads, UPLOAD.storageKey),
    booking_id: await requireId(knex, Table.bookings, { booking_number: UPLOAD.bookingNumber }, 'this seed'),
    user_id: stableId(Table.users, DEMO_BOOKINGS[0]!.ownerPhone),
    kind: 'prescription',
    storage_key: UPLOAD.storageKey,
    original_filename: UPLOAD.filename,
    content_type: 'image/jpeg',
    file_size_bytes: UPLOAD.bytes,
    sha256: createHash('sha256').update(UPLOAD.storageKey).digest('hex'),
    status: 'accepted',
    reviewed_by: analystId,
    reviewed_at: '2026-01-14T19:00:00+05:30',
  });
}

/** Reverse order of creation; deleting the redemption gives the coupon its use back (trigger). */
export async function undo(knex: Knex): Promise<void> {
  await deleteSeeded(knex, Table.prescriptionUploads, [UPLOAD.storageKey]);
  await deleteSeeded(knex, Table.couponRedemptions, DEMO_BOOKINGS.filter((b) => b.coupon).map((b) => b.bookingNumber));
  const items = DEMO_BOOKINGS.flatMap((b) => b.items.map((item) => itemKey(b.bookingNumber, item.testCode)));
  await deleteSeeded(knex, Table.testReports, items);
  await deleteSeeded(knex, Table.bookingItems, items);
  await deleteSeeded(knex, Table.bookings, DEMO_BOOKINGS.map((b) => b.bookingNumber));
  await deleteSeeded(knex, Table.testBatchGroups, [DEMO_BATCH.batchCode]);
  await deleteSeeded(knex, Table.coupons, DEMO_OFFERS.flatMap((offer) => offer.coupons.map((coupon) => coupon.code)));
  await deleteSeeded(knex, Table.offers, DEMO_OFFERS.map((offer) => offer.name));
}
