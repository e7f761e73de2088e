// The completion dashboard's rows: the units directly below the one looked at (the city at
// first), the way up to it, and the order the person sorts them in.
import type { CompletionReport } from '@/shared/api/schemas.ts';
import { completionStateKeys } from '@/shared/metrics/completion.ts';

export type CompletionRow = CompletionReport['units'][number];

/** The figures of a row, in the order of the table's columns. */
export const completionColumns = [
  ...completionStateKeys,
  'completionRate',
  'approvalRate',
  'medianDaysToApproval',
] as const;
export type CompletionColumn = (typeof completionColumns)[number];

export type SortKey = 'unit' | CompletionColumn;
export interface Sort {
  key: SortKey;
  descending: boolean;
}
/** The organisation chart's order. */
export const chartOrder: Sort = { key: 'unit', descending: false };

/** The units directly below a unit, or the top-level units (局・区) below the city. */
export function childrenOf(report: CompletionReport, unitId: string | null): CompletionRow[] {
  return report.units.filter((row) =>
    unitId === null ? row.depth === 0 : row.unit.parentId === unitId,
  );
}

/** The units from the top down to this one; empty for the city or a unit not in the report. */
export function pathTo(report: CompletionReport, unitId: string | null): CompletionRow[] {
  const byId = new Map(report.units.map((row) => [row.unit.id, row]));
  const path: CompletionRow[] = [];
  const seen = new Set<string>();
  for (let row = unitId === null ? undefined : byId.get(unitId); row && !seen.has(row.unit.id);) {
    seen.add(row.unit.id);
    path.unshift(row);
    row = row.unit.parentId === null ? undefined : byId.get(row.unit.parentId);
  }
  return path;
}

/**
 * The rows in the order asked for. A figure that cannot be worked out (no sheets to divide
 * by, nothing approved yet) comes last whichever way the column is sorted; ties keep the
 * organisation chart's order.
 */
export function sortRows(rows: readonly CompletionRow[], sort: Sort): CompletionRow[] {
  const byCode = (a: CompletionRow, b: CompletionRow) =>
    a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0;
  if (sort.key === 'unit')
    return [...rows].sort((a, b) => (sort.descending ? byCode(b, a) : byCode(a, b)));
  const key = sort.key;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? byCode(a, b) : x === null ? 1 : -1;
    return (sort.descending ? y - x : x - y) || byCode(a, b);
  });
}

/**
 * Another click on the same column turns it round. A new figure column starts with the units
 * that need attention most: the lowest rates, the most sheets (overdue, returned, …) or days.
 */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, descending: !current.descending };
  return {
    key,
    descending: !(key === 'unit' || key === 'completionRate' || key === 'approvalRate'),
  };
}
