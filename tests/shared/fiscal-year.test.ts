// The fiscal year (年度, 1 April – 31 March) and era (和暦) dates in Japanese and English.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateInJapan,
  fiscalYearEra,
  fiscalYearOf,
  fiscalYearRange,
  formatDate,
  formatFiscalPeriod,
  formatFiscalYear,
  formatPeriod,
  parseIsoDate,
  periods,
} from '@/shared/fiscal-year.ts';

describe('fiscalYearOf', () => {
  it.each([
    ['2021-03-31', 2020],
    ['2021-04-01', 2021],
    ['2021-12-31', 2021],
    ['2022-01-01', 2021],
    ['2022-03-31', 2021],
    ['2022-04-01', 2022],
    ['2020-02-29', 2019],
    ['1989-01-07', 1988],
  ])('%s belongs to FY%i', (date, fy) => {
    expect(fiscalYearOf(date)).toBe(fy);
  });

  it('every day of a fiscal year lies in its range, and the range is 1 April – 31 March', () => {
    expect(fiscalYearRange(2021)).toEqual({ start: '2021-04-01', end: '2022-03-31' });
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const iso = instant.toISOString().slice(0, 10);
          const { start, end } = fiscalYearRange(fiscalYearOf(iso));
          expect(start <= iso && iso <= end).toBe(true);
        },
      ),
    );
  });
});

describe('formatFiscalYear', () => {
  it.each([
    [2021, '令和3年度'],
    [2020, '令和2年度'],
    [2019, '令和元年度'],
    [2018, '平成30年度'],
    [1989, '平成元年度'],
    [1988, '昭和63年度'],
    [2030, '令和12年度'],
  ])('FY%i is %s', (fy, ja) => {
    expect(formatFiscalYear(fy, 'ja')).toBe(ja);
  });

  it('never writes the first year of an era as 1', () => {
    expect(formatFiscalYear(2019, 'ja')).not.toContain('1年度');
  });

  it('is FY2021 in English', () => {
    expect(formatFiscalYear(2021, 'en')).toBe('FY2021');
    expect(formatFiscalYear(2019, 'en')).toBe('FY2019');
  });

  it('names the era and its year', () => {
    expect(fiscalYearEra(2021)).toMatchObject({ era: { ja: '令和', en: 'Reiwa' }, year: 3 });
    expect(fiscalYearEra(2019)).toMatchObject({ era: { ja: '令和' }, year: 1 });
    expect(fiscalYearEra(1988)).toMatchObject({ era: { ja: '昭和' }, year: 63 });
  });

  it('refuses a fiscal year before the supported eras', () => {
    expect(() => formatFiscalYear(1925, 'ja')).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it.each([
    ['2021-04-01', '令和3年4月1日', '1 Apr 2021'],
    ['2019-04-30', '平成31年4月30日', '30 Apr 2019'],
    ['2019-04-01', '平成31年4月1日', '1 Apr 2019'],
    ['2019-05-01', '令和元年5月1日', '1 May 2019'],
    ['2019-12-31', '令和元年12月31日', '31 Dec 2019'],
    ['2020-01-01', '令和2年1月1日', '1 Jan 2020'],
    ['1989-01-07', '昭和64年1月7日', '7 Jan 1989'],
    ['1989-01-08', '平成元年1月8日', '8 Jan 1989'],
    ['1988-04-01', '昭和63年4月1日', '1 Apr 1988'],
    ['2024-02-29', '令和6年2月29日', '29 Feb 2024'],
  ])('%s is %s and %s', (iso, ja, en) => {
    expect(formatDate(iso, 'ja')).toBe(ja);
    expect(formatDate(iso, 'en')).toBe(en);
  });

  it('agrees with the Japanese calendar of Intl for every day since 1989', () => {
    const intl = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1989-01-08T00:00:00Z'),
          max: new Date('2060-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const iso = instant.toISOString().slice(0, 10);
          // Some ICU versions write the first year of an era as 1年 rather than 元年.
          const expected = intl.format(instant).replace(/^(\D+)1年/, '$1元年');
          expect(formatDate(iso, 'ja')).toBe(expected);
        },
      ),
    );
  });

  it.each([
    '2021-02-29',
    '2021-02-30',
    '2021-13-01',
    '2021-04-31',
    '2021-4-1',
    '2021/04/01',
    '20210401',
    '',
    'yesterday',
  ])('refuses %j', (bad) => {
    expect(() => formatDate(bad, 'ja')).toThrow(RangeError);
    expect(() => formatDate(bad, 'en')).toThrow(RangeError);
    expect(() => fiscalYearOf(bad)).toThrow(RangeError);
  });

  it('refuses a date before the supported eras in Japanese', () => {
    expect(() => formatDate('1926-12-24', 'ja')).toThrow(RangeError);
    expect(formatDate('1926-12-25', 'ja')).toBe('昭和元年12月25日');
  });
});

describe('parseIsoDate', () => {
  it('reads a calendar date', () => {
    expect(parseIsoDate('2021-04-01')).toEqual({ year: 2021, month: 4, day: 1 });
  });

  it('names the bad input', () => {
    expect(() => parseIsoDate('2021-02-30')).toThrow('no such date: "2021-02-30"');
    expect(() => parseIsoDate('1 April')).toThrow('not a YYYY-MM-DD date: "1 April"');
  });
});

describe('dateInJapan', () => {
  it.each([
    ['2021-03-31T15:30:00Z', '2021-04-01'],
    ['2021-03-31T14:59:59Z', '2021-03-31'],
    ['2021-03-31T15:00:00Z', '2021-04-01'],
    ['2021-12-31T15:00:00Z', '2022-01-01'],
    ['2021-04-01T08:59:59+09:00', '2021-04-01'],
    ['2021-04-01T00:00:00+09:00', '2021-04-01'],
  ])('%s is %s in Japan', (instant, date) => {
    expect(dateInJapan(new Date(instant))).toBe(date);
  });

  it('decides the fiscal year of an instant by the day in Japan, not in UTC', () => {
    const instant = new Date('2021-03-31T15:30:00Z');
    expect(fiscalYearOf(instant.toISOString().slice(0, 10))).toBe(2020);
    expect(fiscalYearOf(dateInJapan(instant))).toBe(2021);
  });
});

describe('periods', () => {
  it('has a label in both languages for every period', () => {
    for (const period of periods) {
      expect(formatPeriod(period, 'ja')).toMatch(/\S/);
      expect(formatPeriod(period, 'en')).toMatch(/\S/);
    }
    expect(new Set(periods.map((p) => formatPeriod(p, 'ja'))).size).toBe(periods.length);
  });

  it('writes a fiscal year with its period', () => {
    expect(formatFiscalPeriod(2021, 'first_half', 'ja')).toBe('令和3年度 上半期');
    expect(formatFiscalPeriod(2021, 'first_half', 'en')).toBe('FY2021 First half');
    expect(formatFiscalPeriod(2019, 'q4', 'ja')).toBe('令和元年度 第4四半期');
    expect(formatFiscalPeriod(2021, 'annual', 'en')).toBe('FY2021 Full year');
  });
});
