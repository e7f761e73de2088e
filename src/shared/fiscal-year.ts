// The Japanese fiscal year (年度, 1 April – 31 March) and era (和暦) dates, in Japanese
// and English. Works on calendar dates (YYYY-MM-DD) so no time zone can move a day.
import type { Locale } from './locale.ts';

export const periods = ['annual', 'first_half', 'second_half', 'q1', 'q2', 'q3', 'q4'] as const;
export type Period = (typeof periods)[number];

interface Era {
  ja: string;
  en: string;
  /** First day of the era. */
  start: string;
}

/** Newest first. Eras before 昭和 are not needed for working records. */
const eras: readonly Era[] = [
  { ja: '令和', en: 'Reiwa', start: '2019-05-01' },
  { ja: '平成', en: 'Heisei', start: '1989-01-08' },
  { ja: '昭和', en: 'Showa', start: '1926-12-25' },
];

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function parseIsoDate(iso: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: "${iso}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    throw new RangeError(`no such date: "${iso}"`);
  return { year, month, day };
}

/** The calendar date in Japan (UTC+9, no daylight saving) at a given instant. */
export function dateInJapan(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** 年度 of a date: April–December belong to that year, January–March to the year before. */
export function fiscalYearOf(isoDate: string): number {
  const { year, month } = parseIsoDate(isoDate);
  return month >= 4 ? year : year - 1;
}

export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

function eraOnDate(isoDate: string): Era {
  const era = eras.find((e) => isoDate >= e.start);
  if (!era) throw new RangeError(`date before the supported eras: "${isoDate}"`);
  return era;
}

function eraYearText(year: number): string {
  return year === 1 ? '元' : String(year);
}

/**
 * The era name of a fiscal year follows the era that began in or before its first calendar
 * year: FY2019 is 令和元年度 although April 2019 was still 平成31年.
 */
export function fiscalYearEra(fiscalYear: number): { era: Era; year: number } {
  const era = eras.find((e) => Number(e.start.slice(0, 4)) <= fiscalYear);
  if (!era) throw new RangeError(`fiscal year before the supported eras: ${fiscalYear}`);
  return { era, year: fiscalYear - Number(era.start.slice(0, 4)) + 1 };
}

/** 令和3年度 / FY2021 */
export function formatFiscalYear(fiscalYear: number, locale: Locale): string {
  if (locale === 'en') return `FY${fiscalYear}`;
  const { era, year } = fiscalYearEra(fiscalYear);
  return `${era.ja}${eraYearText(year)}年度`;
}

const monthsEn = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** 令和3年4月1日 in Japanese; 1 Apr 2021 in English. */
export function formatDate(isoDate: string, locale: Locale): string {
  const { year, month, day } = parseIsoDate(isoDate);
  if (locale === 'en') return `${day} ${monthsEn[month - 1] ?? ''} ${year}`;
  const era = eraOnDate(isoDate);
  const eraYear = year - Number(era.start.slice(0, 4)) + 1;
  return `${era.ja}${eraYearText(eraYear)}年${month}月${day}日`;
}

const periodLabels: Record<Period, Record<Locale, string>> = {
  annual: { ja: '通年', en: 'Full year' },
  first_half: { ja: '上半期', en: 'First half' },
  second_half: { ja: '下半期', en: 'Second half' },
  q1: { ja: '第1四半期', en: 'Q1 (Apr–Jun)' },
  q2: { ja: '第2四半期', en: 'Q2 (Jul–Sep)' },
  q3: { ja: '第3四半期', en: 'Q3 (Oct–Dec)' },
  q4: { ja: '第4四半期', en: 'Q4 (Jan–Mar)' },
};

export function formatPeriod(period: Period, locale: Locale): string {
  return periodLabels[period][locale];
}

/** 令和3年度 上半期 / FY2021 First half */
export function formatFiscalPeriod(fiscalYear: number, period: Period, locale: Locale): string {
  return `${formatFiscalYear(fiscalYear, locale)} ${formatPeriod(period, locale)}`;
}
