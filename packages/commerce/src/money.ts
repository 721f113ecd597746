/**
 * Money at the edges: Stripe speaks integer minor units (11900 = 119.00 EUR), the schema stores
 * exact decimals (numeric(19,4), returned by node-pg as strings). The conversion is string
 * arithmetic, never a float, and refuses what it cannot convert exactly.
 */
import { StrataError } from '@strata/core';
import { CurrencyCode } from './enums';
import { MINOR_UNIT_DIGITS } from './columns';

/** Minor-unit digits per currency of `currency_code` (ISO 4217: all of them have cents). */
export const MINOR_UNITS: Readonly<Record<CurrencyCode, number>> = { EUR: MINOR_UNIT_DIGITS, USD: MINOR_UNIT_DIGITS, GBP: MINOR_UNIT_DIGITS, CHF: MINOR_UNIT_DIGITS };

/**
 * The schema's currency for a code as Stripe writes it ('eur' → 'EUR').
 * @example currencyOf('eur') // 'EUR'
 */
export function currencyOf(code: string): CurrencyCode {
  const upper = typeof code === 'string' ? code.toUpperCase() : '';
  if (!CurrencyCode.has(upper)) throw new StrataError(`currency '${code}' is not one the shop sells in (${CurrencyCode.values.join(', ')}): add it to currency_code with a migration first`);
  return upper;
}

/**
 * Integer minor units → the decimal string the money columns take.
 * @example fromMinorUnits(11900, 'EUR') // '119.00'
 */
export function fromMinorUnits(amount: number, currency: CurrencyCode): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new StrataError(`amount ${amount} is not a whole, non-negative number of minor units`);
  const digits = MINOR_UNITS[currency];
  const text = String(amount).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * A decimal string (as node-pg returns numeric) → integer minor units; refuses fractions of a cent.
 * @example toMinorUnits('119.0000', 'EUR') // 11900
 */
export function toMinorUnits(amount: string, currency: CurrencyCode): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) throw new StrataError(`amount '${amount}' is not a non-negative decimal number`);
  const digits = MINOR_UNITS[currency];
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  if (/[1-9]/.test(fraction.slice(digits))) throw new StrataError(`amount '${amount}' has fractions of a minor unit of ${currency}`);
  const minor = Number(`${match[1]}${fraction.slice(0, digits)}`);
  if (!Number.isSafeInteger(minor)) throw new StrataError(`amount '${amount}' is too large to express in minor units`);
  return minor;
}
