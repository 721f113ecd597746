/**
 * The reference test catalogue every environment gets: categories and veterinary tests with the
 * tube, sample volume and turnaround the collectors and the lab work by. Prices in rupees; the
 * lab changes them in its admin and a rerun of the seed never reverts them.
 */
import type { TubeType } from './enums';

/** A category of the catalogue. */
export interface CatalogueCategory {
  /** Natural key. */
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly sortOrder: number;
}

/** A test of the catalogue. */
export interface CatalogueTest {
  /** Natural key: the lab's test code. */
  readonly code: string;
  readonly category: string;
  readonly name: string;
  readonly description: string;
  /** Rupees. */
  readonly price: number;
  readonly tubeType: TubeType;
  /** Millilitres to draw or collect; null where a volume means nothing (a swab). */
  readonly sampleQuantityMl: number | null;
  readonly instructions: string;
  /** Turnaround promised to the owner, hours from sample receipt. */
  readonly tatHours: number;
  readonly tags: readonly string[];
}

export const TEST_CATEGORIES: readonly CatalogueCategory[] = [
  { slug: 'haematology', name: 'Haematology', description: 'Blood counts, smears and blood parasites', sortOrder: 1 },
  { slug: 'biochemistry', name: 'Biochemistry', description: 'Organ function panels and metabolites', sortOrder: 2 },
  { slug: 'endocrinology', name: 'Endocrinology', description: 'Hormone tests', sortOrder: 3 },
  { slug: 'coagulation', name: 'Coagulation', description: 'Clotting times before surgery', sortOrder: 4 },
  { slug: 'urinalysis', name: 'Urinalysis', description: 'Urine tests', sortOrder: 5 },
  { slug: 'microbiology', name: 'Microbiology and parasitology', description: 'Cultures, faecal tests and PCR panels', sortOrder: 6 },
];

const FASTING = 'Fast the animal for 8–12 hours (water allowed).';
const FILL_TO_LINE = 'Fill to the line and invert gently 8–10 times; do not shake.';

export const TESTS: readonly CatalogueTest[] = [
  {
    code: 'HEM-CBC', category: 'haematology', name: 'Complete blood count (CBC)', description: 'RBC, WBC with differential, platelets, haemoglobin, PCV',
    price: 650, tubeType: 'edta', sampleQuantityMl: 1, instructions: `${FILL_TO_LINE} Deliver chilled within 24 hours.`, tatHours: 6, tags: ['cbc', 'wellness', 'anaemia'],
  },
  {
    code: 'HEM-SMEAR', category: 'haematology', name: 'Blood smear for haemoparasites', description: 'Babesia, Ehrlichia, Anaplasma, Hepatozoon on a stained smear',
    price: 400, tubeType: 'edta', sampleQuantityMl: 0.5, instructions: 'Ear-tip capillary blood preferred; make two thin smears at collection.', tatHours: 12, tags: ['tick-fever', 'parasites'],
  },
  {
    code: 'BIO-LFT', category: 'biochemistry', name: 'Liver function panel', description: 'ALT, ALP, AST, GGT, bilirubin, total protein, albumin',
    price: 900, tubeType: 'sst', sampleQuantityMl: 1, instructions: `${FASTING} Let the tube clot 30 minutes upright before transport.`, tatHours: 12, tags: ['liver', 'wellness', 'pre-anaesthetic'],
  },
  {
    code: 'BIO-KFT', category: 'biochemistry', name: 'Kidney function panel', description: 'Urea, creatinine, phosphorus, calcium',
    price: 850, tubeType: 'sst', sampleQuantityMl: 1, instructions: `${FASTING} Let the tube clot 30 minutes upright before transport.`, tatHours: 12, tags: ['kidney', 'wellness', 'senior'],
  },
  {
    code: 'BIO-SDMA', category: 'biochemistry', name: 'SDMA', description: 'Symmetric dimethylarginine: early marker of kidney disease',
    price: 1800, tubeType: 'sst', sampleQuantityMl: 0.5, instructions: 'Separate serum within 2 hours; ship chilled.', tatHours: 48, tags: ['kidney', 'senior'],
  },
  {
    code: 'BIO-GLU', category: 'biochemistry', name: 'Blood glucose', description: 'Fasting glucose (fluoride stops glycolysis in the tube)',
    price: 200, tubeType: 'fluoride', sampleQuantityMl: 0.5, instructions: FASTING, tatHours: 6, tags: ['diabetes'],
  },
  {
    code: 'BIO-ELEC', category: 'biochemistry', name: 'Electrolytes', description: 'Sodium, potassium, chloride',
    price: 700, tubeType: 'heparin', sampleQuantityMl: 1, instructions: `${FILL_TO_LINE} Avoid haemolysis: it raises potassium.`, tatHours: 6, tags: ['emergency'],
  },
  {
    code: 'END-T4', category: 'endocrinology', name: 'Total T4', description: 'Thyroid screening (hypothyroid dogs, hyperthyroid cats)',
    price: 1200, tubeType: 'sst', sampleQuantityMl: 1, instructions: 'Note any thyroid medication and the time of the last dose.', tatHours: 48, tags: ['thyroid', 'senior'],
  },
  {
    code: 'END-CORT', category: 'endocrinology', name: 'Basal cortisol', description: "Screening for Cushing's and Addison's disease",
    price: 1500, tubeType: 'sst', sampleQuantityMl: 1, instructions: 'Collect between 8 and 10 am; keep the animal calm before sampling.', tatHours: 48, tags: ['adrenal'],
  },
  {
    code: 'COA-PT', category: 'coagulation', name: 'PT and aPTT', description: 'Prothrombin and activated partial thromboplastin times',
    price: 1100, tubeType: 'citrate', sampleQuantityMl: 1.8, instructions: 'Exactly to the fill line (9:1 blood to citrate); clean venepuncture, no second stick.', tatHours: 24, tags: ['pre-anaesthetic', 'bleeding'],
  },
  {
    code: 'URN-RE', category: 'urinalysis', name: 'Routine urinalysis', description: 'Physical, chemical and sediment examination',
    price: 450, tubeType: 'urine_container', sampleQuantityMl: 10, instructions: 'Morning mid-stream sample or cystocentesis; deliver within 2 hours or refrigerate.', tatHours: 6, tags: ['urine', 'kidney'],
  },
  {
    code: 'URN-UPC', category: 'urinalysis', name: 'Urine protein:creatinine ratio', description: 'Quantifies protein loss through the kidneys',
    price: 900, tubeType: 'urine_container', sampleQuantityMl: 5, instructions: 'Sterile container; refrigerate until collection.', tatHours: 24, tags: ['urine', 'kidney'],
  },
  {
    code: 'MIC-FEC', category: 'microbiology', name: 'Faecal flotation', description: 'Worm eggs and protozoan cysts',
    price: 350, tubeType: 'stool_container', sampleQuantityMl: 5, instructions: 'A fresh sample (under 12 hours), about a teaspoon.', tatHours: 24, tags: ['parasites', 'puppy'],
  },
  {
    code: 'MIC-CS', category: 'microbiology', name: 'Culture and antibiotic sensitivity', description: 'Aerobic culture with sensitivity panel',
    price: 1600, tubeType: 'swab', sampleQuantityMl: null, instructions: 'Sterile swab in transport medium; collect before starting antibiotics.', tatHours: 72, tags: ['infection', 'ear', 'skin'],
  },
  {
    code: 'MIC-TICK', category: 'microbiology', name: 'Tick fever PCR panel', description: 'Babesia, Ehrlichia, Anaplasma and Hepatozoon DNA',
    price: 2500, tubeType: 'edta', sampleQuantityMl: 1, instructions: FILL_TO_LINE, tatHours: 72, tags: ['tick-fever', 'pcr'],
  },
];
