// The reports as tables for Excel: Japanese and English headings, the city first, units
// indented by level, hidden figures as "—" and decreases with △ in Japanese.
import { describe, expect, it } from 'vitest';
import type { AnswerTrendsReport, CompletionReport } from '@/shared/api/schemas.ts';
import { trendCells } from '@/shared/metrics/answer-trends.ts';
import {
  answerTrendsTable,
  cellText,
  completionTable,
  japanDateTime,
  type ReportTable,
} from '@/shared/metrics/report-tables.ts';

const texts = (table: ReportTable, locale: 'ja' | 'en') =>
  table.rows.map((row) => table.columns.map((c, i) => cellText(row[i] ?? null, c.format, locale)));

const figures = {
  assigned: 8,
  draft: 3,
  submitted: 1,
  returned: 1,
  approved: 3,
  overdue: 2,
  completionRate: 50,
  approvalRate: 37.5,
  medianDaysToApproval: 1,
};

describe('completionTable', () => {
  const report: CompletionReport = {
    fiscalYear: 2026,
    templateId: null,
    period: null,
    generatedAt: '2026-11-24T03:00:00.000Z',
    today: '2026-11-24',
    city: figures,
    units: [
      {
        unit: {
          id: 'd',
          code: '1010',
          name: '総務部',
          nameEn: 'General Affairs',
          kind: 'department',
          parentId: null,
        },
        depth: 0,
        ...figures,
      },
      {
        unit: { id: 's', code: '101010', name: '総務課', kind: 'section', parentId: 'd' },
        depth: 1,
        ...figures,
        approved: 0,
        approvalRate: 0,
        medianDaysToApproval: null,
      },
    ],
  };

  it('writes the city first, then the units indented, in Japanese', () => {
    const table = completionTable(report, 'ja');
    expect(table.columns.map((c) => c.header)).toEqual([
      '組織コード',
      '組織',
      '区分',
      '階層',
      '対象',
      '未提出',
      '確認待ち',
      '差し戻し',
      '確認済み',
      '期限超過',
      '提出率(%)',
      '確認率(%)',
      '提出から確認まで(日・中央値)',
    ]);
    expect(texts(table, 'ja')).toEqual([
      ['', '市全体', '', '0', '8', '3', '1', '1', '3', '2', '50.0', '37.5', '1.0'],
      ['1010', '総務部', '部', '1', '8', '3', '1', '1', '3', '2', '50.0', '37.5', '1.0'],
      ['101010', '\u3000総務課', '課', '2', '8', '3', '1', '1', '0', '2', '50.0', '0.0', '—'],
    ]);
  });

  it('uses the English names where the register has them', () => {
    const rows = texts(completionTable(report, 'en'), 'en');
    expect(rows.map((r) => r[1])).toEqual(['Whole city', 'General Affairs', '  総務課']);
  });
});

describe('answerTrendsTable', () => {
  const hidden = trendCells(null, null);
  const groups = <G extends string>(list: readonly G[]) =>
    list.map((group) => ({ group, ...hidden }));
  const report: AnswerTrendsReport = {
    round: { templateId: 'survey', fiscalYear: 2021, period: 'annual', unitId: null },
    lastFiscalYear: 2020,
    templateVersion: 1,
    generatedAt: '2026-11-24T03:00:00.000Z',
    minimumGroup: 5,
    dropPoints: 5,
    respondents: { thisYear: 1000, lastYear: 1000 },
    items: [
      {
        itemId: 'a',
        no: 1,
        label: { ja: 'やりがいを感じている', en: 'Finds the work worthwhile' },
        all: trendCells({ answered: 1000, rate: 84.3 }, { answered: 1000, rate: 85.6 }),
        breakdowns: {
          ageBand: groups(['under_30', '30s', '40s', '50s', '60_and_over'] as const),
          employmentType: groups(['regular', 'reappointed', 'fiscal_year'] as const),
          position: [],
          role: [
            {
              group: 'chief',
              ...trendCells({ answered: 50, rate: 90 }, { answered: 50, rate: 96 }),
            },
            { group: 'staff', ...hidden },
          ],
        },
      },
    ],
  };

  it('writes the survey as the action plan does: last year, this year, △ points', () => {
    const table = answerTrendsTable(report, 'ja');
    expect(table.columns.map((c) => c.header).slice(4, 7)).toEqual([
      '令和2年度(%)',
      '令和3年度(%)',
      '増減(pt)',
    ]);
    const rows = texts(table, 'ja');
    expect(rows[0]).toEqual([
      '1',
      'やりがいを感じている',
      '全体',
      '',
      '85.6',
      '84.3',
      '△ 1.3',
      '1000',
      '',
    ]);
    expect(rows.find((r) => r[3] === '所属長')).toEqual([
      '1',
      'やりがいを感じている',
      '所属長・職員',
      '所属長',
      '96.0',
      '90.0',
      '△ 6.0',
      '50',
      '○',
    ]);
    expect(rows.find((r) => r[3] === '30歳未満')?.slice(4)).toEqual(['—', '—', '—', '—', '']);
  });

  it('writes a minus in English', () => {
    const rows = texts(answerTrendsTable(report, 'en'), 'en');
    expect(rows[0]?.slice(4, 7)).toEqual(['85.6', '84.3', '-1.3']);
  });
});

describe('japanDateTime', () => {
  it('shows an instant on the Japan clock', () => {
    expect(japanDateTime('2026-11-24T15:30:00.000Z')).toBe('2026-11-25 00:30:00');
  });
});
