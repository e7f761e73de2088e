// Completion of the sheets across the city: per unit and rolled up 課 → 部 → 局 → city,
// how many were assigned, where they stand, how many are overdue, the completion and
// approval rates, and the median days from submission to sign-off.
import { percent, tenthsOfRatio } from './tenths.ts';
import { countSum, rollUp, type RollupUnit } from './unit-rollup.ts';

/** A unit's sheets by state. */
export interface CompletionStates {
  assigned: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  /** Past the due date and still with the people who fill it in (draft or returned). */
  overdue: number;
}

/** A unit's sheets by state, with how long each approved one waited for its sign-off. */
export interface CompletionCounts extends CompletionStates {
  /**
   * For each approved sheet, milliseconds (whole) from its last submission, the one that was
   * approved, to the sign-off: how long the chief took, not how long it took to get right.
   */
  approvalWaitsMs: number[];
}

export interface CompletionFigures extends CompletionStates {
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
export function medianDays(waitsMs: ArrayLike<number>): number | null {
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

/** The counts of CompletionStates, in the order the tables show them. */
export const completionStateKeys = [
  'assigned',
  'draft',
  'submitted',
  'returned',
  'approved',
  'overdue',
] as const satisfies readonly (keyof CompletionStates)[];

const stateSum = countSum(completionStateKeys);

/**
 * The completion of every unit that has sheets in it or below it, rolled up the tree, and
 * of the whole city. The median of a unit is taken over all the sheets it rolls up, never
 * as a median of its units' medians.
 */
export function completionReport(
  units: readonly RollupUnit[],
  countsByUnit: ReadonlyMap<string, CompletionCounts>,
): { units: CompletionUnitRow[]; city: CompletionFigures } {
  const rolled = rollUp(units, countsByUnit, stateSum);
  const rows = rolled.units;
  // The rows come a unit, then everything below it, so the waits of a unit and those below
  // it are one run of a single array: each wait is stored once, not again for every unit
  // above it, and the city's are the whole array.
  const waitsOf = (i: number) => countsByUnit.get(rows[i]?.unit.id ?? '')?.approvalWaitsMs ?? [];
  const starts = [0];
  for (let i = 0; i < rows.length; i++) starts.push((starts[i] as number) + waitsOf(i).length);
  const waits = new Float64Array(starts[rows.length] as number);
  for (let i = 0; i < rows.length; i++) waits.set(waitsOf(i), starts[i]);
  // Where each unit's run of rows ends: at the next row no deeper than it.
  const ends = new Array<number>(rows.length).fill(rows.length);
  const open: number[] = [];
  rows.forEach((row, i) => {
    while (open.length > 0 && (rows[open.at(-1) as number]?.depth ?? 0) >= row.depth)
      ends[open.pop() as number] = i;
    open.push(i);
  });

  const figures = (states: CompletionStates, from: number, to: number): CompletionFigures => ({
    ...states,
    completionRate: percent(states.submitted + states.approved, states.assigned),
    approvalRate: percent(states.approved, states.assigned),
    medianDaysToApproval: medianDays(waits.subarray(from, to)),
  });
  return {
    units: rows.flatMap((r, i) =>
      r.total.assigned > 0
        ? [
            {
              unit: r.unit,
              depth: r.depth,
              ...figures(r.total, starts[i] as number, starts[ends[i] as number] as number),
            },
          ]
        : [],
    ),
    city: figures(rolled.city, 0, waits.length),
  };
}
