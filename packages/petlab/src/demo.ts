/**
 * Demo data for developers: staff, two owners with pets and addresses, two offers with coupons,
 * and two bookings (one completed with verified, released reports and a coupon; one confirmed
 * and waiting for its sample). Development only: the runner and the seed refuse production.
 * Names, numbers and addresses are fictitious.
 */
import type { BookingStatus, CollectionType, DiscountType, PetSex, PetSpecies, ReportStatus, StaffRole } from './enums';

export interface DemoStaff { readonly phone: string; readonly fullName: string; readonly email: string; readonly role: StaffRole }
export interface DemoPet {
  /** Natural key: owner's phone + pet name. */
  readonly name: string;
  readonly species: PetSpecies;
  readonly breed: string;
  readonly sex: PetSex;
  readonly isNeutered: boolean;
  readonly dateOfBirth: string;
  readonly weightKg: string;
  readonly microchipNumber: string | null;
}
export interface DemoOwner {
  readonly phone: string;
  readonly fullName: string;
  readonly email: string;
  readonly address: { readonly label: string; readonly line1: string; readonly city: string; readonly state: string; readonly postalCode: string; readonly latitude: string; readonly longitude: string };
  readonly pets: readonly DemoPet[];
}
export interface DemoOffer {
  readonly name: string;
  readonly description: string;
  readonly discountType: DiscountType;
  readonly discountValue: string;
  readonly maxDiscountAmount: string | null;
  readonly minOrderAmount: string;
  readonly validFrom: string;
  readonly coupons: ReadonlyArray<{ readonly code: string; readonly maxUses: number | null; readonly maxUsesPerUser: number | null }>;
}
export interface DemoItem { readonly testCode: string; readonly unitPrice: string; readonly report: { readonly status: ReportStatus; readonly summary: string; readonly results: Record<string, unknown> } | null }
export interface DemoBooking {
  readonly bookingNumber: string;
  readonly ownerPhone: string;
  readonly petName: string;
  readonly collectionType: CollectionType;
  readonly status: BookingStatus;
  readonly paymentStatus: 'unpaid' | 'paid';
  readonly scheduledAt: string;
  readonly collectorPhone: string | null;
  readonly estimatedDistanceKm: string | null;
  readonly notes: string | null;
  readonly items: readonly DemoItem[];
  readonly coupon: { readonly code: string; readonly discountAmount: string } | null;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  { phone: '+919800000201', fullName: 'Asha Rao', email: 'asha.rao@petlab.example', role: 'admin' },
  { phone: '+919800000202', fullName: 'Ravi Kumar', email: 'ravi.kumar@petlab.example', role: 'collector' },
  { phone: '+919800000203', fullName: 'Meera Iyer', email: 'meera.iyer@petlab.example', role: 'lab_tech' },
  { phone: '+919800000204', fullName: 'Dr Arjun Menon', email: 'arjun.menon@petlab.example', role: 'analyst' },
];

export const DEMO_OWNERS: readonly DemoOwner[] = [
  {
    phone: '+919800000101',
    fullName: 'Priya Sharma',
    email: 'priya.sharma@example.com',
    address: { label: 'Home', line1: '221, 5th Main, HAL 2nd Stage', city: 'Bengaluru', state: 'Karnataka', postalCode: '560008', latitude: '12.968900', longitude: '77.641200' },
    pets: [
      { name: 'Bruno', species: 'dog', breed: 'Labrador Retriever', sex: 'male', isNeutered: true, dateOfBirth: '2019-03-14', weightKg: '29.50', microchipNumber: '985112004567891' },
      { name: 'Misty', species: 'cat', breed: 'Indian domestic shorthair', sex: 'female', isNeutered: true, dateOfBirth: '2021-08-01', weightKg: '3.80', microchipNumber: null },
    ],
  },
  {
    phone: '+919800000102',
    fullName: 'Rahul Verma',
    email: 'rahul.verma@example.com',
    address: { label: 'Home', line1: '48, 9th Cross, JP Nagar 2nd Phase', city: 'Bengaluru', state: 'Karnataka', postalCode: '560078', latitude: '12.912100', longitude: '77.585300' },
    pets: [{ name: 'Coco', species: 'dog', breed: 'Beagle', sex: 'female', isNeutered: false, dateOfBirth: '2022-11-20', weightKg: '11.20', microchipNumber: '985112009876543' }],
  },
];

export const DEMO_OFFERS: readonly DemoOffer[] = [
  {
    name: 'Wellness month: 15 % off',
    description: '15 % off any booking of ₹1,000 or more, up to ₹500',
    discountType: 'percentage',
    discountValue: '15',
    maxDiscountAmount: '500',
    minOrderAmount: '1000',
    validFrom: '2026-01-01T00:00:00+05:30',
    coupons: [{ code: 'WELLNESS15', maxUses: 100, maxUsesPerUser: 1 }],
  },
  {
    name: 'First home visit ₹100 off',
    description: 'Flat ₹100 off the first home-visit booking',
    discountType: 'flat',
    discountValue: '100',
    maxDiscountAmount: null,
    minOrderAmount: '0',
    validFrom: '2026-01-01T00:00:00+05:30',
    coupons: [{ code: 'FIRSTVISIT', maxUses: 500, maxUsesPerUser: 1 }],
  },
];

/** The batch the demo CBC was run in. */
export const DEMO_BATCH = { batchCode: 'CBC-2026-01-15-01', testCode: 'HEM-CBC', labTechPhone: '+919800000203', startedAt: '2026-01-15T11:00:00+05:30', completedAt: '2026-01-15T11:40:00+05:30' } as const;

/** Analyst who verifies the demo reports. */
export const DEMO_ANALYST_PHONE = '+919800000204';

export const DEMO_BOOKINGS: readonly DemoBooking[] = [
  {
    bookingNumber: 'PL-DEMO-0001',
    ownerPhone: '+919800000101',
    petName: 'Bruno',
    collectionType: 'home_visit',
    status: 'completed',
    paymentStatus: 'paid',
    scheduledAt: '2026-01-15T08:30:00+05:30',
    collectorPhone: '+919800000202',
    estimatedDistanceKm: '1.20',
    notes: 'Annual wellness check; fasted since 9 pm.',
    items: [
      {
        testCode: 'HEM-CBC', unitPrice: '650', report: {
          status: 'released', summary: 'All parameters within reference ranges.',
          results: { haemoglobin: { value: 15.8, unit: 'g/dL', range: '12–18' }, wbc: { value: 9.4, unit: '10^3/µL', range: '6–17' }, platelets: { value: 310, unit: '10^3/µL', range: '200–500' } },
        },
      },
      {
        testCode: 'BIO-LFT', unitPrice: '900', report: {
          status: 'released', summary: 'ALT mildly raised; recheck in 4 weeks.',
          results: { alt: { value: 112, unit: 'U/L', range: '10–100', flag: 'high' }, alp: { value: 85, unit: 'U/L', range: '23–212' }, albumin: { value: 3.2, unit: 'g/dL', range: '2.3–4.0' } },
        },
      },
    ],
    coupon: { code: 'WELLNESS15', discountAmount: '232.50' },
  },
  {
    bookingNumber: 'PL-DEMO-0002',
    ownerPhone: '+919800000102',
    petName: 'Coco',
    collectionType: 'lab_visit',
    status: 'confirmed',
    paymentStatus: 'unpaid',
    scheduledAt: '2026-01-20T10:00:00+05:30',
    collectorPhone: null,
    estimatedDistanceKm: null,
    notes: null,
    items: [{ testCode: 'URN-RE', unitPrice: '450', report: null }],
    coupon: null,
  },
];
