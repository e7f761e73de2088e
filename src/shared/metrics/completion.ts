// Completion of the sheets across the city: per unit and rolled up 課 → 部 → 局 → city,
// how many were assigned, where they stand, how many are overdue, the completion and
// approval rates, and the median days from submission to sign-off.
import type { SheetState } from '../schemas/sheet.ts';
import { percent, tenthsOfRatio } from './tenths.ts';
import { rollUp, type RollupUnit } from './unit-rollup.ts';

/** A unit's sheets by state, with how long each approved one waited for its sign-off. */
export interface CompletionCounts {
  assigned: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  /** Past the due date and still with the people who fill it in (draft or returned). */
  overdue: number;
  /**
   * For each approved sheet, milliseconds (whole) from its last submission, the one that was
   * approved, to the sign-off: how long the chief took, not how long it took to get right.
   */
  approvalWaitsMs: number[];
}

export interface CompletionFigures {
  assigned: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  overdue: number;
  /** Handed in (submitted or approved) of those assigned, in percent; a returned sheet is not. */
  completionRate: number | null;
  /** Approved of those assigned, in percent. */
  approvalRate: number | null;
  /** Median days from submission to approval, one decimal; null with nothing approved. */
  medianDaysToApproval: number | null;
}

export interface CompletionUnitRow extends CompletionFigures {
  unit: RollupUnit;
  depth: number;
}

const DAY_MS = 86_400_000;

export function emptyCompletionCounts(): CompletionCounts {
  return {
    assigned: 0,
    draft: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    overdue: 0,
    approvalWaitsMs: [],
  };
}

/** Counts one sheet in; `approvalWaitMs` only for an approved sheet whose events say when. */
export function countSheet(
  counts: CompletionCounts,
  sheet: { state: SheetState; overdue: boolean; approvalWaitMs?: number | undefined },
): void {
  counts.assigned += 1;
  counts[sheet.state] += 1;
  if (sheet.overdue) counts.overdue += 1;
  if (sheet.state === 'approved' && sheet.approvalWaitMs !== undefined)
    counts.approvalWaitsMs.push(sheet.approvalWaitMs);
}

/**
 * The k-th smallest value (from 0), found in linear time on average by partitioning in
 * place (Hoare's selection); afterwards everything before k is at most the value.
 */
function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

/** The median of whole numbers of milliseconds, in days with one decimal (exactly rounded). */
export function medianDays(waitsMs: readonly number[]): number | null {
  if (waitsMs.length === 0) return null;
  // Selection rather than sorting: a unit high in the tree rolls up every wait below it.
  const values = Float64Array.from(waitsMs);
  const middle = Math.floor(values.length / 2);
  const upper = select(values, middle);
  // An even count takes the mean of the middle two (the largest before the upper one): their
  // sum over twice a day.
  let lower = -Infinity;
  if (values.length % 2 === 0)
    for (let i = 0; i < middle; i++) lower = Math.max(lower, values[i] as number);
  const [sum, parts] = values.length % 2 === 1 ? [upper, 1] : [upper + lower, 2];
  return tenthsOfRatio(Math.round(sum), parts * DAY_MS) / 10;
}

export function completionFigures(counts: CompletionCounts): CompletionFigures {
  const { approvalWaitsMs, ...states } = counts;
  return {
    ...states,
    completionRate: percent(counts.submitted + counts.approved, counts.assigned),
    approvalRate: percent(counts.approved, counts.assigned),
    medianDaysToApproval: medianDays(approvalWaitsMs),
  };
}

const completionSum = {
  empty: emptyCompletionCounts,
  add(into: CompletionCounts, from: CompletionCounts) {
    into.assigned += from.assigned;
    into.draft += from.draft;
    into.submitted += from.submitted;
    into.returned += from.returned;
    into.approved += from.approved;
    into.overdue += from.overdue;
    for (const wait of from.approvalWaitsMs) into.approvalWaitsMs.push(wait);
  },
};

/**
 * The completion of every unit that has sheets in it or below it, rolled up the tree, and
 * of the whole city. The median of a unit is taken over all the sheets it rolls up, never
 * as a median of its units' medians.
 */
export function completionReport(
  units: readonly RollupUnit[],
  countsByUnit: ReadonlyMap<string, CompletionCounts>,
): { units: CompletionUnitRow[]; city: CompletionFigures } {
  const rolled = rollUp(units, countsByUnit, completionSum);
  return {
    units: rolled.units
      .filter((r) => r.total.assigned > 0)
      .map((r) => ({ unit: r.unit, depth: r.depth, ...completionFigures(r.total) })),
    city: completionFigures(rolled.city),
  };
}
