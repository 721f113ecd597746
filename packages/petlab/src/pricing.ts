/**
 * The reference home-visit fee bands: base fee plus a per-kilometre fee within each band of
 * road distance from the clinic. Bands are [min, max) and do not overlap (the table enforces it).
 */

/** One band of distance_pricing_configs; the name is its natural key. */
export interface DistanceBand {
  readonly name: string;
  readonly minKm: number;
  /** null: no upper bound. */
  readonly maxKm: number | null;
  /** Rupees. */
  readonly baseFee: number;
  /** Rupees per km of the whole distance. */
  readonly perKmFee: number;
}

export const DISTANCE_BANDS: readonly DistanceBand[] = [
  { name: 'Nearby (under 5 km)', minKm: 0, maxKm: 5, baseFee: 99, perKmFee: 0 },
  { name: 'City (5–15 km)', minKm: 5, maxKm: 15, baseFee: 149, perKmFee: 8 },
  { name: 'Outskirts (15–30 km)', minKm: 15, maxKm: 30, baseFee: 249, perKmFee: 12 },
  { name: 'Far (30 km and more)', minKm: 30, maxKm: null, baseFee: 399, perKmFee: 15 },
];

/**
 * The fee of a home visit `km` away, by the band that contains it.
 * @example homeVisitFee(4.2) // 99
 * @example homeVisitFee(10) // 229
 */
export function homeVisitFee(km: number, bands: readonly DistanceBand[] = DISTANCE_BANDS): number {
  const band = bands.find((b) => km >= b.minKm && (b.maxKm === null || km < b.maxKm));
  if (!band) throw new Error(`no distance band covers ${km} km`);
  return Math.round((band.baseFee + band.perKmFee * km) * 100) / 100;
}
