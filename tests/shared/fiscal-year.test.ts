// 年度 and 和暦 as Japanese public documents write them.
import { describe, expect, it } from 'vitest';
import {
  dateInJapan,
  fiscalYearOf,
  formatDate,
  formatFiscalPeriod,
  formatFiscalYear,
} from '@/shared/fiscal-year.ts';

describe('fiscal year', () => {
  it('runs from 1 April to 31 March', () => {
    expect(fiscalYearOf('2022-03-31')).toBe(2021);
    expect(fiscalYearOf('2022-04-01')).toBe(2022);
    expect(fiscalYearOf('2021-12-31')).toBe(2021);
  });

  it('is written in the era, with 元 for the first year', () => {
    expect(formatFiscalYear(2021, 'ja')).toBe('令和3年度');
    expect(formatFiscalYear(2019, 'ja')).toBe('令和元年度');
    expect(formatFiscalYear(2018, 'ja')).toBe('平成30年度');
    expect(formatFiscalYear(1988, 'ja')).toBe('昭和63年度');
    expect(formatFiscalYear(2021, 'en')).toBe('FY2021');
    expect(formatFiscalPeriod(2021, 'first_half', 'ja')).toBe('令和3年度 上半期');
  });

  it('writes dates in the era that was in force that day', () => {
    expect(formatDate('2019-04-30', 'ja')).toBe('平成31年4月30日');
    expect(formatDate('2019-05-01', 'ja')).toBe('令和元年5月1日');
    expect(formatDate('2021-04-01', 'en')).toBe('1 Apr 2021');
  });

  it('refuses dates that do not exist', () => {
    expect(() => fiscalYearOf('2021-02-30')).toThrow(RangeError);
    expect(() => fiscalYearOf('2021/04/01')).toThrow(RangeError);
  });

  it('takes the calendar day in Japan, not in UTC', () => {
    expect(dateInJapan(new Date('2021-03-31T15:30:00Z'))).toBe('2021-04-01');
    expect(dateInJapan(new Date('2021-03-31T14:59:59Z'))).toBe('2021-03-31');
  });
});
