// Rolling figures up the tree: each unit's own plus everything below it, in chart order,
// a section straight under a bureau included, every figure counted once in the city.
import { describe, expect, it } from 'vitest';
import { countSum, rollUp, type RollupUnit } from '@/shared/metrics/unit-rollup.ts';

const unit = (id: string, code: string, kind: RollupUnit['kind'], parentId: string | null) => ({
  id,
  code,
  name: id,
  kind,
  parentId,
});

const tree: RollupUnit[] = [
  unit('s2', '101020', 'section', 'd'),
  unit('b2', '20', 'bureau', null),
  unit('s1', '101010', 'section', 'd'),
  unit('d', '1010', 'department', 'b'),
  unit('s3', '102010', 'section', 'b'),
  unit('b', '10', 'bureau', null),
  unit('s4', '201010', 'section', 'b2'),
];

describe('rollUp', () => {
  const own = new Map(
    Object.entries({ s1: 2, s2: 3, d: 1, s3: 4, s4: 5 }).map(([id, n]) => [id, { n }]),
  );
  const rolled = rollUp(tree, own, countSum(['n']));

  it('adds each unit into every unit above it', () => {
    const totals = Object.fromEntries(rolled.units.map((r) => [r.unit.id, r.total.n]));
    expect(totals).toEqual({ b: 10, d: 6, s1: 2, s2: 3, s3: 4, b2: 5, s4: 5 });
    expect(rolled.city.n).toBe(15);
    expect(rolled.units.find((r) => r.unit.id === 'd')?.own.n).toBe(1);
  });

  it('reads like the organisation chart: parents first, siblings by code', () => {
    expect(rolled.units.map((r) => [r.unit.id, r.depth])).toEqual([
      ['b', 0],
      ['d', 1],
      ['s1', 2],
      ['s2', 2],
      ['s3', 1],
      ['b2', 0],
      ['s4', 1],
    ]);
  });

  it('counts a unit under an unknown parent, or in a cycle, once', () => {
    const broken = [
      unit('x', '1', 'department', 'gone'),
      unit('y', '2', 'section', 'z'),
      unit('z', '3', 'section', 'y'),
    ];
    const r = rollUp(
      broken,
      new Map([
        ['x', { n: 1 }],
        ['y', { n: 2 }],
        ['z', { n: 4 }],
      ]),
      countSum(['n']),
    );
    expect(r.city.n).toBe(7);
    expect(r.units).toHaveLength(3);
  });
});
