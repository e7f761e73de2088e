// Which sheets a round of a template creates.
import { describe, expect, it } from 'vitest';
import type { Person, Seal, Unit } from '@/shared/schemas/organisation.ts';
import { sheetSchema } from '@/shared/schemas/sheet.ts';
import { isWorkplace, roundSheetId, sheetsForRound, type RoundPlan } from '@/shared/rounds.ts';

const units: Unit[] = [
  { id: 'u10', code: '10', name: '総務局', kind: 'bureau', parentId: null },
  { id: 'u1010', code: '1010', name: '総務部', kind: 'department', parentId: 'u10' },
  { id: 'u101010', code: '101010', name: '総務課', kind: 'section', parentId: 'u1010' },
  { id: 'u10101001', code: '10101001', name: '庶務係', kind: 'subsection', parentId: 'u101010' },
  { id: 'u101050', code: '101050', name: '公文書館', kind: 'office', parentId: 'u1010' },
  { id: 'u20', code: '20', name: '北区役所', kind: 'ward', parentId: null },
  { id: 'u2010', code: '2010', name: '区民課', kind: 'section', parentId: 'u20' },
];

function person(id: string, unitId: string, active = true): Person {
  return {
    id,
    staffNumber: `1${id.replace(/\D/g, '').padStart(5, '0')}`,
    name: id,
    unitId,
    position: 'staff',
    employmentType: 'regular',
    ageBand: '30s',
    roles: ['staff'],
    active,
  };
}

const people: Person[] = [
  person('p1', 'u10'),
  person('p2', 'u1010'),
  person('p3', 'u101010'),
  person('p4', 'u101010'),
  person('p5', 'u101010', false),
  person('p6', 'u10101001'),
  person('p7', 'u101050'),
  person('p8', 'u2010'),
];

const seals: Seal[] = [
  {
    id: 'seal-a',
    unitId: 'u101010',
    name: '総務課長印',
    custodianId: 'p4',
    location: '金庫',
    active: true,
  },
  {
    id: 'seal-b',
    unitId: 'u101010',
    name: '旧印',
    custodianId: 'p4',
    location: '金庫',
    active: false,
  },
  {
    id: 'seal-c',
    unitId: 'u101050',
    name: '館長印',
    custodianId: 'p7',
    location: '書庫',
    active: true,
  },
  {
    id: 'seal-d',
    unitId: 'u2010',
    name: '区民課長印',
    custodianId: 'p8',
    location: '窓口',
    active: true,
  },
];

const org = { units, people, seals };
const targets = ['u10', 'u1010', 'u101010', 'u10101001', 'u101050'];

function plan(
  assignment: 'person' | 'seal' | 'workplace',
  overrides: Partial<RoundPlan> = {},
): RoundPlan {
  return {
    template: { id: `${assignment}-check`, version: 3, assignment },
    fiscalYear: 2021,
    period: 'annual',
    dueDate: '2022-01-29',
    unitIds: targets,
    ...overrides,
  };
}

describe('sheetsForRound', () => {
  it('creates one draft sheet per active person in the target units', () => {
    const sheets = sheetsForRound(plan('person'), org);
    expect(sheets.map((s) => s.owner)).toEqual(
      ['p1', 'p2', 'p3', 'p4', 'p6', 'p7'].map((personId) => ({ kind: 'person', personId })),
    );
    const p6 = sheets.find((s) => s.id.endsWith('.p6'));
    expect(p6).toEqual({
      id: 'person-check.2021.annual.p6',
      templateId: 'person-check',
      templateVersion: 3,
      unitId: 'u10101001',
      owner: { kind: 'person', personId: 'p6' },
      fiscalYear: 2021,
      period: 'annual',
      dueDate: '2022-01-29',
      state: 'draft',
      revision: 0,
    });
  });

  it('creates one sheet per active seal in the target units, for its custodian', () => {
    const sheets = sheetsForRound(plan('seal'), org);
    expect(sheets.map((s) => [s.id, s.unitId, s.owner])).toEqual([
      [
        'seal-check.2021.annual.seal-a',
        'u101010',
        { kind: 'seal', sealId: 'seal-a', custodianId: 'p4' },
      ],
      [
        'seal-check.2021.annual.seal-c',
        'u101050',
        { kind: 'seal', sealId: 'seal-c', custodianId: 'p7' },
      ],
    ]);
  });

  it('creates one sheet per workplace (section, office, subsection) among the targets', () => {
    const sheets = sheetsForRound(plan('workplace'), org);
    expect(sheets.map((s) => [s.id, s.unitId, s.owner])).toEqual([
      ['workplace-check.2021.annual.u101010', 'u101010', { kind: 'workplace' }],
      ['workplace-check.2021.annual.u10101001', 'u10101001', { kind: 'workplace' }],
      ['workplace-check.2021.annual.u101050', 'u101050', { kind: 'workplace' }],
    ]);
  });

  it('creates nothing outside the target units', () => {
    const only = plan('person', { unitIds: ['u2010'] });
    expect(sheetsForRound(only, org).map((s) => s.unitId)).toEqual(['u2010']);
    expect(sheetsForRound(plan('seal', { unitIds: ['u10'] }), org)).toEqual([]);
    expect(sheetsForRound(plan('workplace', { unitIds: [] }), org)).toEqual([]);
  });

  it('creates valid sheets with distinct ids', () => {
    for (const assignment of ['person', 'seal', 'workplace'] as const) {
      const sheets = sheetsForRound(plan(assignment, { unitIds: units.map((u) => u.id) }), org);
      expect(sheets.length).toBeGreaterThan(0);
      for (const sheet of sheets) expect(sheetSchema.parse(sheet)).toEqual(sheet);
      expect(new Set(sheets.map((s) => s.id)).size).toBe(sheets.length);
    }
  });

  it('is deterministic: the same plan gives the same sheets, so a round created twice adds nothing', () => {
    const first = sheetsForRound(plan('person'), org);
    const second = sheetsForRound(plan('person'), structuredClone(org));
    expect(second).toEqual(first);
  });

  it('gives different rounds different sheet ids', () => {
    const ids = (p: RoundPlan) => new Set(sheetsForRound(p, org).map((s) => s.id));
    const annual = ids(plan('person'));
    for (const other of [
      plan('person', { period: 'first_half' }),
      plan('person', { fiscalYear: 2022 }),
      plan('person', { template: { id: 'ethics', version: 3, assignment: 'person' } }),
    ])
      for (const id of ids(other)) expect(annual.has(id)).toBe(false);
  });
});

describe('roundSheetId and isWorkplace', () => {
  it('derives the id from template, year, period and subject', () => {
    expect(roundSheetId(plan('person', { period: 'q3' }), 'p00042')).toBe(
      'person-check.2021.q3.p00042',
    );
  });

  it('counts sections, offices and subsections as workplaces', () => {
    expect(units.filter(isWorkplace).map((u) => u.kind)).toEqual([
      'section',
      'subsection',
      'office',
      'section',
    ]);
  });
});
