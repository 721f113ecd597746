/** The 19 tables of the schema, in the order the migrations create them. */
export const Table = {
  // ── baseline: the 8 tables that existed before the schema plan ──
  /** Pet owners; they sign in with a one-time password sent to their phone. */
  users: 'users',
  /** Owners' addresses: where a home-visit sample is collected (with coordinates for distance pricing). */
  addresses: 'addresses',
  /** Categories of the test catalogue (haematology, biochemistry…). */
  testCategories: 'test_categories',
  /** The test catalogue: code, name, price. */
  tests: 'tests',
  /** Free-form search tags of a test. */
  testTags: 'test_tags',
  /** A booking: one visit (home or lab) for one owner. */
  bookings: 'bookings',
  /** The tests of a booking. */
  bookingItems: 'booking_items',
  /** One-time passwords, stored as HMACs with expiry and attempt count. */
  otps: 'otps',
  // ── P0 ──
  /** Team members: admins, sample collectors, lab technicians, analysts. */
  staff: 'staff',
  /** The animals tests are done for; each belongs to an owner. */
  pets: 'pets',
  /** Lab processing batches: samples of one test run together. */
  testBatchGroups: 'test_batch_groups',
  /** The result of one booked test (one per booking item). */
  testReports: 'test_reports',
  // ── P1 ──
  /** Promotions: a percentage or flat discount with limits and a validity window. */
  offers: 'offers',
  /** Redeemable codes of an offer, with a usage limit that holds under concurrency. */
  coupons: 'coupons',
  /** One use of a coupon, on one booking. */
  couponRedemptions: 'coupon_redemptions',
  /** Home-visit fee bands by distance. */
  distancePricingConfigs: 'distance_pricing_configs',
  /** Day-wise and month-wise billing summaries. */
  billingRecords: 'billing_records',
  // ── P2 ──
  /** Prescriptions and test forms uploaded for a booking. */
  prescriptionUploads: 'prescription_uploads',
  /** The clinic's contact details: one row. */
  clinicInfo: 'clinic_info',
} as const;
export type Table = (typeof Table)[keyof typeof Table];

/** The tables of the baseline migration, before the schema plan. */
export const BASELINE_TABLES: readonly Table[] = [
  Table.users, Table.addresses, Table.testCategories, Table.tests, Table.testTags, Table.bookings, Table.bookingItems, Table.otps,
];

/** Currency of every amount in this schema (ISO 4217); the lab bills in rupees. */
export const CURRENCY = 'INR';
