// Positive rates worked out by hand: this year against last year, by attribute, with the
// small groups hidden (and the one group that would give a hidden one away), the drops of
// five points and more marked; and the share of "no" per unit for yes/no checks.
import { describe, expect, it } from 'vitest';
import {
  answerTrends,
  hiddenGroups,
  noShares,
  type AgreementTally,
  type YesNoTally,
} from '@/shared/metrics/answer-trends.ts';
import type { RollupUnit } from '@/shared/metrics/unit-rollup.ts';
import { templateSchema } from '@/shared/schemas/template.ts';

const text = (ja: string, en: string) => ({ ja, en });
const template = templateSchema.parse({
  id: 'survey',
  version: 1,
  kind: 'ethics',
  assignment: 'person',
  title: text('意識調査', 'Survey'),
  description: text('見本', 'Sample'),
  sections: [
    {
      id: 's',
      title: text('設問', 'Statements'),
      items: [
        { id: 'a', kind: 'agreement4', label: text('やりがい', 'Worthwhile') },
        { id: 'check', kind: 'yes_no_na', label: text('確認', 'Check') },
        { id: 'b', kind: 'agreement4', label: text('相談', 'Consult') },
        { id: 'notes', kind: 'long_text', label: text('気付き', 'Notes'), required: false },
      ],
    },
  ],
});

const tally = (
  year: 'this' | 'last',
  itemId: string,
  who: Pick<AgreementTally, 'ageBand' | 'employmentType' | 'position' | 'chief'>,
  positive: number,
  answered: number,
): AgreementTally => ({ year, itemId, ...who, positive, answered });

const young = {
  ageBand: 'under_30',
  employmentType: 'regular',
  position: 'staff',
  chief: false,
} as const;
const thirties = {
  ageBand: '30s',
  employmentType: 'regular',
  position: 'staff',
  chief: false,
} as const;
const forties = {
  ageBand: '40s',
  employmentType: 'fiscal_year',
  position: 'senior_staff',
  chief: false,
} as const;
const chiefs = {
  ageBand: '50s',
  employmentType: 'regular',
  position: 'section_chief',
  chief: true,
} as const;

describe('hiddenGroups', () => {
  it('hides groups under five, and the smallest shown one when exactly one would be given away', () => {
    expect(hiddenGroups([4, 6, 10, 5, 0])).toEqual([true, false, false, true, true]);
    expect(hiddenGroups([0, 6, 10])).toEqual([true, false, false]);
    expect(hiddenGroups([3, 2, 10])).toEqual([true, true, false]);
    expect(hiddenGroups([4, 10])).toEqual([true, true]);
    expect(hiddenGroups([5, 5])).toEqual([false, false]);
  });
});

describe('answerTrends', () => {
  const items = answerTrends(template, [
    // This year, statement a: 3/4 + 5/6 + 7/10 + 4/5 = 19/25 = 76.0 %.
    tally('this', 'a', young, 3, 4),
    tally('this', 'a', thirties, 5, 6),
    tally('this', 'a', forties, 7, 10),
    tally('this', 'a', chiefs, 4, 5),
    // Last year: 6/6 + 9/10 + 5/5 = 20/21 = 95.238… → 95.2 %.
    tally('last', 'a', thirties, 6, 6),
    tally('last', 'a', forties, 9, 10),
    tally('last', 'a', chiefs, 5, 5),
    // Statement b: only three answered this year.
    tally('this', 'b', thirties, 2, 3),
  ]);
  const [a, b] = items;

  it('lists the agreement statements in the template order, numbered by their place', () => {
    expect(items.map((i) => [i.itemId, i.no])).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });

  it('gives the positive rates, the difference in points and marks a drop of five or more', () => {
    expect(a?.all).toEqual({
      thisYear: { answered: 25, rate: 76 },
      lastYear: { answered: 21, rate: 95.2 },
      difference: -19.2,
      drop: true,
    });
  });

  it('breaks down by age band, hiding the small group and the one that would reveal it', () => {
    expect(a?.breakdowns.ageBand).toEqual([
      // 4 answers: hidden; 50s (5 answers, the smallest shown) hidden with it this year.
      { group: 'under_30', thisYear: null, lastYear: null, difference: null, drop: false },
      {
        group: '30s',
        thisYear: { answered: 6, rate: 83.3 },
        lastYear: { answered: 6, rate: 100 },
        difference: -16.7,
        drop: true,
      },
      {
        group: '40s',
        thisYear: { answered: 10, rate: 70 },
        lastYear: { answered: 10, rate: 90 },
        difference: -20,
        drop: true,
      },
      {
        group: '50s',
        thisYear: null,
        lastYear: { answered: 5, rate: 100 },
        difference: null,
        drop: false,
      },
      { group: '60_and_over', thisYear: null, lastYear: null, difference: null, drop: false },
    ]);
  });

  it('compares chiefs with everyone else', () => {
    expect(a?.breakdowns.role).toEqual([
      {
        group: 'chief',
        thisYear: { answered: 5, rate: 80 },
        lastYear: { answered: 5, rate: 100 },
        difference: -20,
        drop: true,
      },
      {
        group: 'staff',
        // 15/20 = 75.0; last year 15/16 = 93.75 → 93.8 (half away from zero).
        thisYear: { answered: 20, rate: 75 },
        lastYear: { answered: 16, rate: 93.8 },
        difference: -18.8,
        drop: true,
      },
    ]);
    expect(a?.breakdowns.employmentType.map((g) => [g.group, g.thisYear?.rate ?? null])).toEqual([
      ['regular', 80], // 12/15
      ['reappointed', null], // nobody: hidden, and gives nothing away
      ['fiscal_year', 70], // 7/10
    ]);
  });

  it('hides a statement fewer than five answered, and has no last year for a new one', () => {
    expect(b?.all).toEqual({ thisYear: null, lastYear: null, difference: null, drop: false });
  });

  it('marks a fall of exactly five points, and not one of 4.9', () => {
    const [exactly] = answerTrends(template, [
      tally('this', 'a', thirties, 19, 20), // 95.0
      tally('last', 'a', thirties, 20, 20), // 100.0
    ]);
    expect(exactly?.all).toMatchObject({ difference: -5, drop: true });
    const [less] = answerTrends(template, [
      tally('this', 'a', thirties, 951, 1000), // 95.1
      tally('last', 'a', thirties, 20, 20),
    ]);
    expect(less?.all).toMatchObject({ difference: -4.9, drop: false });
  });
});

describe('noShares', () => {
  const units: RollupUnit[] = [
    { id: 'b', code: '10', name: '総務局', kind: 'bureau', parentId: null },
    { id: 'd', code: '1010', name: '総務部', kind: 'department', parentId: 'b' },
    { id: 's1', code: '101010', name: '総務課', kind: 'section', parentId: 'd' },
    { id: 's2', code: '101020', name: '人事課', kind: 'section', parentId: 'd' },
    { id: 'b2', code: '20', name: '市民局', kind: 'bureau', parentId: null },
  ];
  const t = (unitId: string, yes: number, no: number, na: number): YesNoTally => ({
    unitId,
    itemId: 'check',
    yes,
    no,
    na,
  });
  const tallies = [t('d', 2, 1, 0), t('s1', 8, 2, 1), t('s2', 3, 1, 5), t('b2', 15, 5, 0)];

  it('gives the city and each bureau', () => {
    const city = noShares(template, units, tallies, null);
    expect(city.columns.map((c) => [c.unit.id, c.own])).toEqual([
      ['b', false],
      ['b2', false],
    ]);
    // City: yes 28, no 9 → 9/37 = 24.3 %; 総務局: 13 yes, 4 no → 4/17 = 23.5 %; 市民局 5/20 = 25.0.
    expect(city.items).toEqual([
      {
        itemId: 'check',
        no: 2,
        label: text('確認', 'Check'),
        total: { yes: 28, no: 9, na: 6, noShare: 24.3 },
        units: [
          { yes: 13, no: 4, na: 6, noShare: 23.5 },
          { yes: 15, no: 5, na: 0, noShare: 25 },
        ],
      },
    ]);
  });

  it('gives the same figures from the unit and the units below it, each rolled up, as from every unit', () => {
    const below = (id: string): string[] => [
      id,
      ...units.filter((u) => u.parentId === id).flatMap((u) => below(u.id)),
    ];
    for (const unitId of [null, 'b', 'd', 's1']) {
      const columns = units.filter((u) =>
        unitId === null ? u.parentId === null : u.parentId === unitId,
      );
      // The unit's own sheets, and each column with everything below it.
      const counted = [
        ...tallies.filter((x) => x.unitId === unitId),
        ...columns.map((column) => {
          const sum = { unitId: column.id, itemId: 'check', yes: 0, no: 0, na: 0 };
          for (const x of tallies.filter((x) => below(column.id).includes(x.unitId))) {
            sum.yes += x.yes;
            sum.no += x.no;
            sum.na += x.na;
          }
          return sum;
        }),
      ];
      const given = units.filter((u) => u.id === unitId || columns.includes(u));
      expect(noShares(template, given, counted, unitId)).toEqual(
        noShares(template, units, tallies, unitId),
      );
    }
  });

  it("gives a department's own sheets and each section, hiding what is small or would reveal it", () => {
    const department = noShares(template, units, tallies, 'd');
    expect(department.columns.map((c) => [c.unit.id, c.own])).toEqual([
      ['d', true],
      ['s1', false],
      ['s2', false],
    ]);
    // Own: 3 answered yes or no → hidden; 人事課 4 (N/A is no answer) → hidden; 総務課 10 shown.
    expect(department.items[0]?.units).toEqual([null, { yes: 8, no: 2, na: 1, noShare: 20 }, null]);
    expect(department.items[0]?.total).toEqual({ yes: 13, no: 4, na: 6, noShare: 23.5 });
  });
});
