// The completion dashboard's rows: the units below a unit, the way down to it, and sorting
// that keeps a figure nobody can work out (nothing to divide by) last in either direction.
import { describe, expect, it } from 'vitest';
import {
  chartOrder,
  childrenOf,
  nextSort,
  pathTo,
  sortRows,
  type CompletionRow,
} from '@/client/features/reports/completion-rows.ts';
import type { CompletionReport } from '@/shared/api/schemas.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';

function row(
  code: string,
  parentCode: string | null,
  depth: number,
  completionRate: number | null,
  overdue = 0,
): CompletionRow {
  const unit: Unit = {
    id: `u${code}`,
    code,
    name: `unit ${code}`,
    kind: depth === 0 ? 'bureau' : depth === 1 ? 'department' : 'section',
    parentId: parentCode === null ? null : `u${parentCode}`,
  };
  return {
    unit,
    depth,
    assigned: completionRate === null ? 0 : 10,
    draft: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    overdue,
    completionRate,
    approvalRate: completionRate,
    medianDaysToApproval: null,
  };
}

const report: CompletionReport = {
  fiscalYear: 2026,
  templateId: null,
  period: null,
  generatedAt: '2026-11-24T00:00:00.000Z',
  today: '2026-11-24',
  city: { ...row('0', null, 0, 50) },
  units: [
    row('10', null, 0, 50),
    row('1010', '10', 1, 50),
    row('101010', '1010', 2, 80, 1),
    row('101020', '1010', 2, null),
    row('101030', '1010', 2, 20, 3),
    row('20', null, 0, 10),
  ],
};
const codes = (rows: CompletionRow[]) => rows.map((r) => r.unit.code);

describe('the completion rows', () => {
  it('are the units directly below, and the way down to a unit', () => {
    expect(codes(childrenOf(report, null))).toEqual(['10', '20']);
    expect(codes(childrenOf(report, 'u1010'))).toEqual(['101010', '101020', '101030']);
    expect(childrenOf(report, 'u101010')).toEqual([]);
    expect(codes(pathTo(report, 'u101030'))).toEqual(['10', '1010', '101030']);
    expect(pathTo(report, null)).toEqual([]);
    expect(pathTo(report, 'u-gone')).toEqual([]);
  });

  it('sort with a rate nobody can work out last, whichever way round', () => {
    const rows = childrenOf(report, 'u1010');
    const byRate = nextSort(chartOrder, 'completionRate');
    expect(byRate).toEqual({ key: 'completionRate', descending: false });
    expect(codes(sortRows(rows, byRate))).toEqual(['101030', '101010', '101020']);
    expect(codes(sortRows(rows, nextSort(byRate, 'completionRate')))).toEqual([
      '101010',
      '101030',
      '101020',
    ]);
    // Counts start with the most: the units that need attention first.
    const byOverdue = nextSort(byRate, 'overdue');
    expect(byOverdue).toEqual({ key: 'overdue', descending: true });
    expect(codes(sortRows(rows, byOverdue))).toEqual(['101030', '101010', '101020']);
    expect(codes(sortRows(rows, { key: 'unit', descending: true }))).toEqual([
      '101030',
      '101020',
      '101010',
    ]);
  });
});
