/**
 * The native PostgreSQL enum types of the schema, defined once for migrations, seeds and lint.
 *
 * A migration creates the types it introduces with the values pinned in the migration itself
 * (`X.create(knex, { values: [...] })`), so an old migration means the same thing forever. The
 * lists here are the current values: to add one, write a new migration with `X.addValue(knex, v)`
 * and append it here in the same change — never edit a list otherwise.
 */
import { defineEnum, type EnumValue } from '@strata/core';

// ── baseline (before the schema plan) ──────────────────────────────────────────────────────────

/** Lifecycle of a booking, from request to released results. */
export const BookingStatus = defineEnum('booking_status', ['pending', 'confirmed', 'sample_collected', 'processing', 'completed', 'cancelled'] as const);
export type BookingStatus = EnumValue<typeof BookingStatus>;

/** Where the sample is taken: at the owner's address (home visit) or at the lab. */
export const CollectionType = defineEnum('collection_type', ['home_visit', 'lab_visit'] as const);
export type CollectionType = EnumValue<typeof CollectionType>;

/** Whether the booking has been paid for. */
export const PaymentStatus = defineEnum('payment_status', ['unpaid', 'paid', 'refunded'] as const);
export type PaymentStatus = EnumValue<typeof PaymentStatus>;

/** What a one-time password is for. */
export const OtpPurpose = defineEnum('otp_purpose', ['login', 'verify_phone', 'staff_login'] as const);
export type OtpPurpose = EnumValue<typeof OtpPurpose>;

// ── P0 ─────────────────────────────────────────────────────────────────────────────────────────

/** The seed's four staff roles. */
export const StaffRole = defineEnum('staff_role', ['admin', 'collector', 'lab_tech', 'analyst'] as const);
export type StaffRole = EnumValue<typeof StaffRole>;

/** Species the lab tests for; `other` with the breed column saying what. */
export const PetSpecies = defineEnum('pet_species', ['dog', 'cat', 'rabbit', 'bird', 'guinea_pig', 'reptile', 'horse', 'other'] as const);
export type PetSpecies = EnumValue<typeof PetSpecies>;

/** Sex of a pet as recorded by the owner (reference ranges of some tests depend on it). */
export const PetSex = defineEnum('pet_sex', ['male', 'female', 'unknown'] as const);
export type PetSex = EnumValue<typeof PetSex>;

/** A lab processing batch: samples of one test run together on an analyser. */
export const BatchStatus = defineEnum('batch_status', ['open', 'running', 'completed', 'failed'] as const);
export type BatchStatus = EnumValue<typeof BatchStatus>;

/** Lifecycle of a test report: analysed, verified by an analyst, released to the owner; amended after release. */
export const ReportStatus = defineEnum('report_status', ['pending', 'in_progress', 'ready', 'verified', 'released', 'amended'] as const);
export type ReportStatus = EnumValue<typeof ReportStatus>;

/** Lifecycle of one test of a booking (added to booking_items by P0). */
export const BookingItemStatus = defineEnum('booking_item_status', ['pending', 'sample_collected', 'processing', 'completed', 'cancelled'] as const);
export type BookingItemStatus = EnumValue<typeof BookingItemStatus>;

/**
 * The collection tube or container a test needs, named by additive (the cap colour varies by
 * maker): EDTA (lavender), plain/serum (red), serum separator (gold), lithium heparin (green),
 * sodium citrate (light blue), fluoride oxalate (grey), and the non-blood containers.
 */
export const TubeType = defineEnum('tube_type', ['edta', 'plain', 'sst', 'heparin', 'citrate', 'fluoride', 'urine_container', 'stool_container', 'swab'] as const);
export type TubeType = EnumValue<typeof TubeType>;

// ── P1 ─────────────────────────────────────────────────────────────────────────────────────────

/** How an offer discounts: a percentage of the order, or a flat amount in rupees. */
export const DiscountType = defineEnum('discount_type', ['percentage', 'flat'] as const);
export type DiscountType = EnumValue<typeof DiscountType>;

/** The period a billing record sums up: one day or one calendar month. */
export const BillingPeriod = defineEnum('billing_period', ['day', 'month'] as const);
export type BillingPeriod = EnumValue<typeof BillingPeriod>;

// ── P2 ─────────────────────────────────────────────────────────────────────────────────────────

/** What an owner uploaded for a booking: a vet's prescription or the lab's filled-in test form. */
export const PrescriptionKind = defineEnum('prescription_kind', ['prescription', 'test_form'] as const);
export type PrescriptionKind = EnumValue<typeof PrescriptionKind>;

/** Review state of an upload. */
export const PrescriptionStatus = defineEnum('prescription_status', ['uploaded', 'accepted', 'rejected'] as const);
export type PrescriptionStatus = EnumValue<typeof PrescriptionStatus>;
