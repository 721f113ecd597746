/**
 * The clinic's details the reference seed writes into the one clinic_info row when there is none.
 * The clinic edits them in its admin afterwards; the seed never overwrites an existing row.
 * Phone numbers are from the fictitious range the demo data uses.
 */
export const CLINIC = {
  name: 'PetLab Diagnostics',
  legal_name: 'PetLab Veterinary Diagnostics Private Limited',
  registration_number: 'KA-VDL-2021-0457',
  phone: '+918040000100',
  whatsapp_phone: '+919800000100',
  email: 'hello@petlab.example',
  address_line1: '14, 2nd Cross, Indiranagar 1st Stage',
  address_line2: null,
  city: 'Bengaluru',
  state: 'Karnataka',
  postal_code: '560038',
  latitude: '12.978400',
  longitude: '77.640800',
  opening_hours: {
    mon: ['07:00', '20:00'],
    tue: ['07:00', '20:00'],
    wed: ['07:00', '20:00'],
    thu: ['07:00', '20:00'],
    fri: ['07:00', '20:00'],
    sat: ['07:00', '18:00'],
    sun: ['08:00', '13:00'],
  },
} as const;

/** clinic_info's only possible primary key (ck_clinic_info_single_row). */
export const CLINIC_INFO_ID = 1;
