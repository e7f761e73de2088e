// One decimal, rounded once and exactly: half away from zero on the exact fraction, a
// decrease in points with △ in Japanese and a minus in English, "—" for a hidden figure.
import { describe, expect, it } from 'vitest';
import {
  formatOneDecimal,
  formatPoints,
  formatRate,
  percent,
  tenthsOfRatio,
} from '@/shared/metrics/tenths.ts';

describe('rounding to one decimal', () => {
  it('rounds an exact half away from zero', () => {
    expect(percent(1, 8)).toBe(12.5); // 12.5 exactly, nothing to round
    expect(percent(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(tenthsOfRatio(-100, 16)).toBe(-63); // −6.25 → −6.3
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
  });

  it('rounds the exact fraction, where binary arithmetic falls below the half', () => {
    // 23/80 = 28.75 %: 23 / 80 * 100 * 10 is 287.49999999999994 in doubles.
    expect(Math.round((23 / 80) * 100 * 10) / 10).toBe(28.7);
    expect(percent(23, 80)).toBe(28.8);
    expect(percent(41, 80)).toBe(51.3);
  });

  it('has nothing to divide by with no answers', () => {
    expect(percent(0, 0)).toBeNull();
    expect(percent(0, 7)).toBe(0);
    expect(() => tenthsOfRatio(1.5, 2)).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it('always prints one decimal', () => {
    expect(formatOneDecimal(85.6)).toBe('85.6');
    expect(formatOneDecimal(100)).toBe('100.0');
    expect(formatOneDecimal(0)).toBe('0.0');
    expect(formatRate(84.3)).toBe('84.3');
    expect(formatRate(null)).toBe('—');
  });

  it('writes the differences of the city survey as the action plan prints them', () => {
    // R元 85.6 → R2 84.3, and 82.8 → 84.9 (the plan's own table).
    expect(formatPoints(84.3 - 85.6, 'ja')).toBe('△ 1.3');
    expect(formatPoints(84.9 - 82.8, 'ja')).toBe('2.1');
    expect(formatPoints(75.6 - 84.2, 'ja')).toBe('△ 8.6');
    expect(formatPoints(84.3 - 85.6, 'en')).toBe('-1.3');
    expect(formatPoints(84.9 - 82.8, 'en')).toBe('+2.1');
    expect(formatPoints(0, 'ja')).toBe('0.0');
    expect(formatPoints(0, 'en')).toBe('0.0');
    expect(formatPoints(null, 'ja')).toBe('—');
  });
});
