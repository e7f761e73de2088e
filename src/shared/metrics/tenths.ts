// Numbers with one decimal, as the city's reports print them: rates in percent, differences
// in points, days. Every figure is rounded once, exactly, from whole-number counts, so the
// same counts always print the same and a difference adds up with the rates it is made of.
import type { Locale } from '../locale.ts';

/**
 * numerator / denominator in tenths (856 for 85.6), rounded half away from zero on the exact
 * fraction: 1/8 of 100 % is 12.5 → 12.5, 1/16 is 6.25 → 6.3, −6.25 → −6.3. Worked in whole
 * numbers, so no binary fraction can tip a half the wrong way (0.15 as a double is below a
 * half; 15/100 is not).
 */
export function tenthsOfRatio(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0)
    throw new RangeError(`not a ratio of whole numbers: ${numerator}/${denominator}`);
  const scaled = Math.abs(numerator) * 10;
  const divisor = Math.abs(denominator);
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`too large to round: ${numerator}`);
  const whole = Math.floor(scaled / divisor);
  const rest = scaled - whole * divisor;
  const rounded = 2 * rest >= divisor ? whole + 1 : whole;
  return Math.sign(numerator) * Math.sign(denominator) < 0 ? -rounded : rounded;
}

/** part / whole in percent, one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : tenthsOfRatio(part * 100, whole) / 10;
}

/** A one-decimal number back in whole tenths (the inverse of dividing tenths by 10). */
export function toTenths(value: number): number {
  return Math.round(value * 10);
}

/** 85.6, 0.0, 100.0: always one decimal. */
export function formatOneDecimal(value: number): string {
  const tenths = Math.abs(toTenths(value));
  const sign = toTenths(value) < 0 ? '-' : '';
  return `${sign}${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** What a hidden or empty figure prints as. */
export const NOT_SHOWN = '—';

/** A rate in percent: 85.6; "—" when hidden. */
export function formatRate(value: number | null): string {
  return value === null ? NOT_SHOWN : formatOneDecimal(value);
}

/**
 * A difference in points as Japanese public documents write it: a decrease with a leading
 * △ and a space (`△ 1.3`), an increase bare (`2.1`). English writes a sign (`-1.3`, `+2.1`).
 * "—" when either side is hidden.
 */
export function formatPoints(value: number | null, locale: Locale): string {
  if (value === null) return NOT_SHOWN;
  const tenths = toTenths(value);
  const size = formatOneDecimal(Math.abs(tenths) / 10);
  if (tenths < 0) return locale === 'ja' ? `△ ${size}` : `-${size}`;
  return tenths > 0 && locale === 'en' ? `+${size}` : size;
}
