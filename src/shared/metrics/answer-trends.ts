// What the answers say across the city, as the city reads its staff survey: for each
// agreement statement the positive rate (① and ② of those who answered) this year and last
// year, the difference in points, and the same by age band, employment type, position and
// chiefs against staff; for yes/no checks the share of "no" per unit. A group too small to
// hide a person is never shown.
import type { LocalizedText } from '../schemas/common.ts';
import {
  ageBands,
  employmentTypes,
  positions,
  type AgeBand,
  type EmploymentType,
  type Position,
} from '../schemas/organisation.ts';
import { templateItems, type Template } from '../schemas/template.ts';
import { percent, toTenths } from './tenths.ts';
import { rollUp, type RollupUnit } from './unit-rollup.ts';

/** A group with fewer answers than this is hidden ("—"). */
export const MIN_GROUP_SIZE = 5;
/** A statement whose positive rate fell by this many points or more is highlighted. */
export const DROP_POINTS = 5;

/** Chiefs (those who hold the chief role) against everyone else. */
export const roleGroups = ['chief', 'staff'] as const;
export type RoleGroup = (typeof roleGroups)[number];

export const breakdownGroups = {
  ageBand: ageBands,
  employmentType: employmentTypes,
  position: positions,
  role: roleGroups,
} as const;
export type Breakdown = keyof typeof breakdownGroups;
export const breakdowns = Object.keys(breakdownGroups) as Breakdown[];

/** Which of a set of groups to hide. */
export function hiddenGroups(sizes: readonly number[]): boolean[] {
  const hidden = sizes.map((n) => n < MIN_GROUP_SIZE);
  // With one small group hidden, the total less the groups shown would give it away: the
  // smallest group shown is hidden with it.
  const revealing = sizes.filter((n, i) => hidden[i] && n > 0).length;
  if (revealing === 1) {
    let smallest = -1;
    sizes.forEach((n, i) => {
      if (!hidden[i] && (smallest < 0 || n < (sizes[smallest] as number))) smallest = i;
    });
    if (smallest >= 0) hidden[smallest] = true;
  }
  return hidden;
}

/** A positive rate of a group, or null when the group is hidden. */
export type RateCell = { answered: number; rate: number } | null;

export interface TrendCells {
  thisYear: RateCell;
  lastYear: RateCell;
  /** This year's rate less last year's, in points (from the rates as printed); null if either is hidden. */
  difference: number | null;
  /** Fell by DROP_POINTS or more. */
  drop: boolean;
}

/** Answers to one statement of one group of people: how many, and how many were ① or ②. */
export interface PositiveTally {
  positive: number;
  answered: number;
}

/** The answers of one statement, one year, one combination of the people's attributes. */
export interface AgreementTally extends PositiveTally {
  year: 'this' | 'last';
  itemId: string;
  ageBand: AgeBand;
  employmentType: EmploymentType;
  position: Position;
  chief: boolean;
}

export interface TrendItem {
  itemId: string;
  /** The statement's place among the template's items, from 1 (the survey's No.). */
  no: number;
  label: LocalizedText;
  all: TrendCells;
  breakdowns: { [B in Breakdown]: ({ group: (typeof breakdownGroups)[B][number] } & TrendCells)[] };
}

function rateCell(tally: PositiveTally, hidden: boolean): RateCell {
  const rate = percent(tally.positive, tally.answered);
  return hidden || rate === null ? null : { answered: tally.answered, rate };
}

export function trendCells(thisYear: RateCell, lastYear: RateCell): TrendCells {
  const difference =
    thisYear && lastYear ? (toTenths(thisYear.rate) - toTenths(lastYear.rate)) / 10 : null;
  return {
    thisYear,
    lastYear,
    difference,
    drop: difference !== null && difference <= -DROP_POINTS,
  };
}

function groupOf(tally: AgreementTally, breakdown: Breakdown): string {
  switch (breakdown) {
    case 'ageBand':
      return tally.ageBand;
    case 'employmentType':
      return tally.employmentType;
    case 'position':
      return tally.position;
    case 'role':
      return tally.chief ? 'chief' : 'staff';
  }
}

const add = (into: PositiveTally, from: PositiveTally) => {
  into.positive += from.positive;
  into.answered += from.answered;
};

/** One year's cells of a breakdown, the small groups (and what would give them away) hidden. */
function breakdownCells(tallies: readonly AgreementTally[], breakdown: Breakdown): RateCell[] {
  const groups: readonly string[] = breakdownGroups[breakdown];
  const sums = groups.map(() => ({ positive: 0, answered: 0 }));
  for (const t of tallies) {
    const sum = sums[groups.indexOf(groupOf(t, breakdown))];
    if (sum) add(sum, t);
  }
  const hidden = hiddenGroups(sums.map((s) => s.answered));
  return sums.map((s, i) => rateCell(s, hidden[i] ?? true));
}

/**
 * Every agreement statement of the template, in its order, with this year's and last
 * year's positive rates overall and by attribute. Statements are matched across years by
 * item id; one that last year's template did not have simply has no last-year figures.
 */
export function answerTrends(template: Template, tallies: readonly AgreementTally[]): TrendItem[] {
  const byItem = new Map<string, { this: AgreementTally[]; last: AgreementTally[] }>();
  for (const t of tallies) {
    const entry = byItem.get(t.itemId) ?? { this: [], last: [] };
    entry[t.year].push(t);
    byItem.set(t.itemId, entry);
  }
  return templateItems(template).flatMap((item, index): TrendItem[] => {
    if (item.kind !== 'agreement4') return [];
    const years = byItem.get(item.id) ?? { this: [], last: [] };
    const total = (list: readonly AgreementTally[]) => {
      const sum = { positive: 0, answered: 0 };
      for (const t of list) add(sum, t);
      return rateCell(sum, sum.answered < MIN_GROUP_SIZE);
    };
    const split = <B extends Breakdown>(breakdown: B): TrendItem['breakdowns'][B] => {
      const thisYear = breakdownCells(years.this, breakdown);
      const lastYear = breakdownCells(years.last, breakdown);
      const groups: readonly string[] = breakdownGroups[breakdown];
      return groups.map((group, i) => ({
        group,
        ...trendCells(thisYear[i] ?? null, lastYear[i] ?? null),
      })) as TrendItem['breakdowns'][B];
    };
    return [
      {
        itemId: item.id,
        no: index + 1,
        label: item.label,
        all: trendCells(total(years.this), total(years.last)),
        breakdowns: {
          ageBand: split('ageBand'),
          employmentType: split('employmentType'),
          position: split('position'),
          role: split('role'),
        },
      },
    ];
  });
}

/**
 * The yes/no/N/A answers of one check in one unit: its own sheets only, or, for a unit with
 * none of its units below it among those given, everything below it too.
 */
export interface YesNoTally {
  unitId: string;
  itemId: string;
  yes: number;
  no: number;
  na: number;
}

/** The share of "no" among yes and no (N/A is not an answer to the check); null when hidden. */
export type NoShareCell = { yes: number; no: number; na: number; noShare: number } | null;

export interface NoShareColumn {
  unit: RollupUnit;
  /** The unit's own sheets only (the unit asked about, apart from the units below it). */
  own: boolean;
}

export interface NoShareItem {
  itemId: string;
  no: number;
  label: LocalizedText;
  /** The unit asked about (or the city), with everything below it. */
  total: NoShareCell;
  /** One per column, in the columns' order. */
  units: NoShareCell[];
}

type Counts = { yes: number; no: number; na: number };
type ItemCounts = Map<string, Counts>;

const itemCountsSum = {
  empty: (): ItemCounts => new Map(),
  add(into: ItemCounts, from: ItemCounts) {
    for (const [itemId, c] of from) {
      const sum = into.get(itemId) ?? { yes: 0, no: 0, na: 0 };
      sum.yes += c.yes;
      sum.no += c.no;
      sum.na += c.na;
      into.set(itemId, sum);
    }
  },
};

function noShareCell(c: Counts | undefined, hidden: boolean): NoShareCell {
  if (!c || hidden) return null;
  const share = percent(c.no, c.yes + c.no);
  return share === null ? null : { ...c, noShare: share };
}

const applicable = (c: Counts | undefined) => (c ? c.yes + c.no : 0);

/**
 * The share of "no" for every yes/no check of the template, in a unit (null: the city) and
 * in each unit directly below it with everything below that, plus the unit's own sheets
 * when it has any: the auditor reads the city, then a bureau, then a department. Either
 * every unit with its own sheets' tallies, or only the unit and the units directly below it
 * (the top-level units for the city), each of those with everything below it: the same
 * figures, the second from a few rows (as the server reads them).
 */
export function noShares(
  template: Template,
  units: readonly RollupUnit[],
  tallies: readonly YesNoTally[],
  unitId: string | null,
): { columns: NoShareColumn[]; items: NoShareItem[] } {
  const own = new Map<string, ItemCounts>();
  for (const t of tallies) {
    const counts = own.get(t.unitId) ?? new Map<string, Counts>();
    itemCountsSum.add(counts, new Map([[t.itemId, { yes: t.yes, no: t.no, na: t.na }]]));
    own.set(t.unitId, counts);
  }
  const rolled = rollUp(units, own, itemCountsSum);
  const row = rolled.units.find((r) => r.unit.id === unitId);
  const total = unitId === null ? rolled.city : (row?.total ?? new Map<string, Counts>());
  const children = rolled.units.filter(
    (r) => (unitId === null ? r.depth === 0 : r.unit.parentId === unitId) && r.total.size > 0,
  );
  const columns: { column: NoShareColumn; counts: ItemCounts }[] = [
    ...(row && row.own.size > 0
      ? [{ column: { unit: row.unit, own: true }, counts: row.own }]
      : []),
    ...children.map((r) => ({ column: { unit: r.unit, own: false }, counts: r.total })),
  ];
  const items = templateItems(template).flatMap((item, index): NoShareItem[] => {
    if (item.kind !== 'yes_no_na') return [];
    const cells = columns.map((c) => c.counts.get(item.id));
    const hidden = hiddenGroups(cells.map(applicable));
    const sum = total.get(item.id);
    return [
      {
        itemId: item.id,
        no: index + 1,
        label: item.label,
        total: noShareCell(sum, applicable(sum) < MIN_GROUP_SIZE),
        units: cells.map((c, i) => noShareCell(c, hidden[i] ?? true)),
      },
    ];
  });
  return { columns: columns.map((c) => c.column), items };
}
