// Completion by hand: two sections under one department, counted sheet by sheet, rolled
// up, with the rates and the median wait for sign-off worked out on paper.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completionReport,
  medianDays,
  type CompletionCounts,
} from '@/shared/metrics/completion.ts';
import type { RollupUnit } from '@/shared/metrics/unit-rollup.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';

const DAY = 86_400_000;
const units: RollupUnit[] = [
  { id: 'd', code: '1010', name: '総務部', kind: 'department', parentId: null },
  { id: 's1', code: '101010', name: '総務課', kind: 'section', parentId: 'd' },
  { id: 's2', code: '101020', name: '人事課', kind: 'section', parentId: 'd' },
  { id: 'empty', code: '101030', name: '法務課', kind: 'section', parentId: 'd' },
];

function counts(
  sheets: { state: SheetState; overdue?: boolean; approvalWaitMs?: number }[],
): CompletionCounts {
  const c: CompletionCounts = {
    assigned: 0,
    draft: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    overdue: 0,
    approvalWaitsMs: [],
  };
  for (const s of sheets) {
    c.assigned += 1;
    c[s.state] += 1;
    if (s.overdue) c.overdue += 1;
    if (s.approvalWaitMs !== undefined) c.approvalWaitsMs.push(s.approvalWaitMs);
  }
  return c;
}

describe('median days from submission to sign-off', () => {
  it('takes the middle wait, or the mean of the middle two, in days with one decimal', () => {
    expect(medianDays([])).toBeNull();
    expect(medianDays([3 * DAY, DAY])).toBe(2);
    expect(medianDays([DAY / 2, 10 * DAY, DAY])).toBe(1);
    // 1.25 days exactly: half away from zero → 1.3.
    expect(medianDays([1.25 * DAY])).toBe(1.3);
    // One hour and two hours: 1.5 h = 0.0625 days → 0.1.
    expect(medianDays([3_600_000, 7_200_000])).toBe(0.1);
  });
});

describe('completionReport', () => {
  const report = completionReport(
    units,
    new Map([
      [
        's1',
        counts([
          { state: 'approved', approvalWaitMs: DAY },
          { state: 'approved', approvalWaitMs: 3 * DAY },
          { state: 'submitted' },
          { state: 'draft', overdue: true },
          { state: 'returned' },
        ]),
      ],
      [
        's2',
        counts([
          { state: 'approved', approvalWaitMs: DAY / 2 },
          { state: 'draft' },
          { state: 'draft', overdue: true },
        ]),
      ],
    ]),
  );

  it('gives each section its counts and rates', () => {
    const s1 = report.units.find((r) => r.unit.id === 's1');
    expect(s1).toMatchObject({
      assigned: 5,
      draft: 1,
      submitted: 1,
      returned: 1,
      approved: 2,
      overdue: 1,
      completionRate: 60, // (1 submitted + 2 approved) / 5
      approvalRate: 40, // 2 / 5
      medianDaysToApproval: 2, // 1 and 3 days
    });
  });

  it('rolls the department up from every sheet below it, the median too', () => {
    expect(report.units.map((r) => [r.unit.id, r.depth])).toEqual([
      ['d', 0],
      ['s1', 1],
      ['s2', 1],
    ]);
    expect(report.city).toEqual({
      assigned: 8,
      draft: 3,
      submitted: 1,
      returned: 1,
      approved: 3,
      overdue: 2,
      completionRate: 50, // 4 / 8
      approvalRate: 37.5, // 3 / 8
      medianDaysToApproval: 1, // 0.5, 1 and 3 days; not the mean of the sections' medians
    });
    expect(report.units[0]).toMatchObject({ assigned: 8, medianDaysToApproval: 1 });
  });

  it('leaves out units without sheets and has no rates for an empty city', () => {
    expect(report.units.some((r) => r.unit.id === 'empty')).toBe(false);
    expect(completionReport(units, new Map()).city).toMatchObject({
      assigned: 0,
      completionRate: null,
      approvalRate: null,
      medianDaysToApproval: null,
    });
  });
});

describe('medianDays against sorting', () => {
  it('agrees with the middle of the sorted waits, for many shapes of input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 3 }).map((d) => d * DAY), // many equal waits
            fc.integer({ min: 0, max: 40 * DAY }),
          ),
          { minLength: 1 },
        ),
        (waits) => {
          const sorted = [...waits].sort((a, b) => a - b);
          const n = sorted.length;
          const sum =
            n % 2
              ? (sorted[(n - 1) / 2] as number) * 2
              : (sorted[n / 2 - 1] as number) + (sorted[n / 2] as number);
          expect(medianDays(waits)).toBe(Math.round((sum / 2 / DAY) * 10 + 1e-9) / 10);
        },
      ),
    );
  });
});

describe('completionReport’s medians against each unit’s waits gathered by hand', () => {
  it('takes every unit’s median over exactly the waits of the unit and those below it', () => {
    // A random tree: each unit's parent is one made before it (or none).
    const tree = fc
      .array(
        fc.tuple(fc.nat(), fc.boolean(), fc.array(fc.nat({ max: 40 * DAY }), { maxLength: 6 })),
        {
          minLength: 1,
          maxLength: 25,
        },
      )
      .map((specs) =>
        specs.map(([parent, top, waits], i) => ({
          unit: {
            id: `u${i}`,
            code: String(1000 + ((i * 7) % 25)),
            name: `u${i}`,
            kind: 'section' as const,
            parentId: i === 0 || top ? null : `u${parent % i}`,
          },
          waits,
        })),
      );
    fc.assert(
      fc.property(tree, (spec) => {
        const byUnit = new Map(
          spec.map(({ unit, waits }) => [
            unit.id,
            counts(waits.map((w) => ({ state: 'approved' as const, approvalWaitMs: w }))),
          ]),
        );
        const report = completionReport(
          spec.map((s) => s.unit),
          byUnit,
        );
        const below = (id: string): number[] => [
          ...(byUnit.get(id)?.approvalWaitsMs ?? []),
          ...spec.filter((s) => s.unit.parentId === id).flatMap((s) => below(s.unit.id)),
        ];
        for (const row of report.units)
          expect(row.medianDaysToApproval).toBe(medianDays(below(row.unit.id)));
        expect(report.city.medianDaysToApproval).toBe(medianDays(spec.flatMap((s) => s.waits)));
      }),
    );
  });
});
