// The risk register read from workplaces' risk sheets: priority from likelihood × impact,
// overdue countermeasures, deficiencies by type, and the counts per unit rolled up.
import { describe, expect, it } from 'vitest';
import { riskRegister, type RiskSheetInput } from '@/shared/metrics/risk-register.ts';
import type { RollupUnit } from '@/shared/metrics/unit-rollup.ts';

const TODAY = '2026-11-24';
const units: RollupUnit[] = [
  { id: 'd', code: '1010', name: '総務部', kind: 'department', parentId: null },
  { id: 's1', code: '101010', name: '総務課', kind: 'section', parentId: 'd' },
  { id: 's2', code: '101020', name: '人事課', kind: 'section', parentId: 'd' },
];
const risk = (id: string, cells: Record<string, unknown>) => ({ id, cells });

const sheets: RiskSheetInput[] = [
  {
    sheetId: 'risk.2026.annual.s1',
    unitId: 's1',
    state: 'approved',
    risks: [
      risk('r1', {
        process: '支払事務',
        risk: '二重払い',
        likelihood: 3,
        impact: 3,
        'due-date': '2026-10-31',
        status: 'in_progress',
      }),
      risk('r2', {
        risk: '誤送付',
        likelihood: 2,
        impact: 2,
        'due-date': '2026-10-31',
        status: 'done',
      }),
      risk('r3', { risk: '記載漏れ', likelihood: 1, impact: 2, 'due-date': '2027-03-31' }),
      risk('r4', { risk: '未評価', likelihood: 2 }),
    ],
    deficiencies: [
      risk('f1', { 'what-happened': '押印漏れ', type: 'operation', status: 'done' }),
      risk('f2', { 'what-happened': '規程なし', type: 'design', 'cause-analysis': '未整備' }),
    ],
  },
  {
    sheetId: 'risk.2026.annual.s2',
    unitId: 's2',
    state: 'draft',
    risks: 'damaged',
    deficiencies: [risk('f3', { type: 'material', status: 'in_progress' }), { no: 'id' }],
  },
];

describe('riskRegister', () => {
  const register = riskRegister(units, sheets, TODAY);

  it('derives each priority and marks countermeasures past due and not done', () => {
    expect(register.risks.map((r) => [r.rowId, r.priority, r.overdue])).toEqual([
      ['r1', 'high', true], // 3 × 3 = 9, due 31 Oct, in progress
      ['r2', 'medium', false], // 2 × 2 = 4, done
      ['r3', 'low', false], // 1 × 2 = 2, not yet due
      ['r4', null, false], // no impact: no priority
    ]);
    expect(register.risks[0]).toMatchObject({
      sheetState: 'approved',
      unitId: 's1',
      process: '支払事務',
      likelihood: 3,
      impact: 3,
      countermeasure: null,
    });
  });

  it('lists the deficiencies by type, skipping rows that are not rows', () => {
    expect(register.deficiencies.map((d) => [d.rowId, d.type, d.status])).toEqual([
      ['f1', 'operation', 'done'],
      ['f2', 'design', null],
      ['f3', 'material', 'in_progress'],
    ]);
    expect(register.deficiencies[1]?.causeAnalysis).toBe('未整備');
  });

  it('counts per unit and rolls them up', () => {
    expect(register.units.map((u) => [u.unit.id, u.counts])).toEqual([
      [
        'd',
        {
          sheets: 2,
          risks: 4,
          high: 1,
          medium: 1,
          low: 1,
          overdue: 1,
          deficiencies: 3,
          design: 1,
          operation: 1,
          material: 1,
          openDeficiencies: 2,
        },
      ],
      [
        's1',
        {
          sheets: 1,
          risks: 4,
          high: 1,
          medium: 1,
          low: 1,
          overdue: 1,
          deficiencies: 2,
          design: 1,
          operation: 1,
          material: 0,
          openDeficiencies: 1,
        },
      ],
      [
        's2',
        {
          sheets: 1,
          risks: 0,
          high: 0,
          medium: 0,
          low: 0,
          overdue: 0,
          deficiencies: 1,
          design: 0,
          operation: 0,
          material: 1,
          openDeficiencies: 1,
        },
      ],
    ]);
    expect(register.total).toEqual(register.units[0]?.counts);
  });
});
