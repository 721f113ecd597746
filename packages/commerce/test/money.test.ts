/** Stripe's integer minor units ↔ the schema's exact decimals: exact both ways, or refused. */
import { StrataError } from '@strata/core';
import { currencyOf, fromMinorUnits, toMinorUnits } from '../src/money';

describe('money at the Stripe edge', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [1990, '19.90'],
    [29800, '298.00'],
    [123456789012, '1234567890.12'],
  ])('%i minor units are %s', (minor, decimal) => {
    expect(fromMinorUnits(minor, 'EUR')).toBe(decimal);
    expect(toMinorUnits(decimal, 'EUR')).toBe(minor);
  });

  it('reads numeric(19,4) as node-pg returns it', () => {
    expect(toMinorUnits('298.0000', 'EUR')).toBe(29800);
    expect(toMinorUnits('19.9', 'EUR')).toBe(1990);
    expect(toMinorUnits('7', 'EUR')).toBe(700);
  });

  it.each([
    ['fractions of a cent', () => toMinorUnits('1.005', 'EUR'), "amount '1.005' has fractions of a minor unit of EUR"],
    ['a negative amount', () => fromMinorUnits(-1, 'EUR'), 'amount -1 is not a whole, non-negative number of minor units'],
    ['a float', () => fromMinorUnits(19.9, 'EUR'), 'amount 19.9 is not a whole'],
    ['not a number', () => toMinorUnits('1e3', 'EUR'), "amount '1e3' is not a non-negative decimal number"],
    ['an unknown currency', () => currencyOf('jpy'), "currency 'jpy' is not one the shop sells in (EUR, USD, GBP, CHF)"],
  ])('refuses %s', (_case, attempt, message) => {
    expect(attempt).toThrow(StrataError);
    expect(attempt).toThrow(message);
  });

  it('maps Stripe currency codes to the enum', () => {
    expect(currencyOf('eur')).toBe('EUR');
    expect(currencyOf('CHF')).toBe('CHF');
  });
});
