// Rounds: which sheets a round of a template creates, who may start one for which units and
// keep a seal register, due dates, later arrivals, and what a new risk sheet carries forward.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/shared/permissions.ts';
import {
  carriedForwardAnswers,
  dueDateProblem,
  isOpenForNewcomers,
  isWorkplace,
  mayEditSeals,
  mayReadSeals,
  mergedUnitIds,
  roundConflict,
  roundIdOf,
  roundReach,
  roundSheetId,
  sheetsForNewcomers,
  sheetsForRound,
  unitTree,
  type RoundPlan,
  type RoundWithAssignment,
} from '@/shared/rounds.ts';
import type { Person, Seal, Unit } from '@/shared/schemas/organisation.ts';
import { sheetSchema } from '@/shared/schemas/sheet.ts';
import { templateSchema } from '@/shared/schemas/template.ts';

const units: Unit[] = [
  { id: 'u10', code: '10', name: '総務局', kind: 'bureau', parentId: null },
  { id: 'u1010', code: '1010', name: '総務部', kind: 'department', parentId: 'u10' },
  { id: 'u101010', code: '101010', name: '総務課', kind: 'section', parentId: 'u1010' },
  { id: 'u10101001', code: '10101001', name: '庶務係', kind: 'subsection', parentId: 'u101010' },
  { id: 'u101050', code: '101050', name: '公文書館', kind: 'office', parentId: 'u1010' },
  { id: 'u20', code: '20', name: '北区役所', kind: 'ward', parentId: null },
  { id: 'u2010', code: '2010', name: '区民課', kind: 'section', parentId: 'u20' },
];

function person(
  id: string,
  unitId: string,
  active = true,
  employmentType: Person['employmentType'] = 'regular',
): Person {
  return {
    id,
    staffNumber: `1${id.replace(/\D/g, '').padStart(5, '0')}`,
    name: id,
    unitId,
    position: 'staff',
    employmentType,
    ageBand: '30s',
    roles: ['staff'],
    active,
  };
}

const people: Person[] = [
  person('p1', 'u10'),
  person('p2', 'u1010'),
  person('p3', 'u101010', true, 'reappointed'),
  person('p4', 'u101010', true, 'fiscal_year'),
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
  it('creates one draft sheet per active person in the target units, whatever their employment', () => {
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

const actor = (roles: Actor['roles'], unitId = 'u101010', actingUnitIds?: string[]): Actor => ({
  id: 'p-actor',
  unitId,
  roles,
  ...(actingUnitIds ? { actingUnitIds } : {}),
});

describe('roundIdOf and unitTree', () => {
  it('names a round by template, year and period, the prefix of its sheets', () => {
    const p = plan('person', { period: 'q3' });
    expect(roundIdOf(p)).toBe('person-check.2021.q3');
    expect(roundSheetId(p, 'p1').startsWith(`${roundIdOf(p)}.`)).toBe(true);
  });

  it('gives the units and every unit below them', () => {
    expect([...unitTree(['u1010'], units)].sort()).toEqual([
      'u1010',
      'u101010',
      'u10101001',
      'u101050',
    ]);
    expect([...unitTree(['u10101001', 'u2010'], units)].sort()).toEqual(['u10101001', 'u2010']);
  });
});

describe('who starts rounds and keeps seal registers', () => {
  it('lets an administrator reach every unit, a chief their tree, and nobody else any', () => {
    expect(roundReach(actor(['staff', 'admin'], 'u2010'), units).size).toBe(units.length);
    expect([...roundReach(actor(['staff', 'chief']), units)].sort()).toEqual([
      'u101010',
      'u10101001',
    ]);
    expect(roundReach(actor(['staff', 'seal_custodian']), units).size).toBe(0);
    expect(roundReach(actor(['auditor']), units).size).toBe(0);
  });

  it('lets an acting chief (代理) reach the unit they stand in for', () => {
    expect([...roundReach(actor(['staff'], 'u2010', ['u101050']), units)]).toEqual(['u101050']);
  });

  it('lets chiefs over the unit, its custodians, auditors and administrators read its seals', () => {
    expect(mayReadSeals(actor(['staff', 'chief'], 'u1010'), 'u101010', units)).toBe(true);
    expect(mayReadSeals(actor(['staff', 'chief'], 'u10101001'), 'u101010', units)).toBe(false);
    expect(mayReadSeals(actor(['staff', 'seal_custodian']), 'u101010', units)).toBe(true);
    expect(mayReadSeals(actor(['staff', 'seal_custodian']), 'u101050', units)).toBe(false);
    expect(mayReadSeals(actor(['auditor'], 'u2010'), 'u101010', units)).toBe(true);
    expect(mayReadSeals(actor(['admin'], 'u2010'), 'u101010', units)).toBe(true);
    expect(mayReadSeals(actor(['staff']), 'u101010', units)).toBe(false);
  });

  it('lets only chiefs over the unit and administrators change its seals', () => {
    expect(mayEditSeals(actor(['staff', 'chief']), 'u101010', units)).toBe(true);
    expect(mayEditSeals(actor(['staff', 'chief']), 'u101050', units)).toBe(false);
    expect(mayEditSeals(actor(['admin'], 'u2010'), 'u101010', units)).toBe(true);
    expect(mayEditSeals(actor(['staff', 'seal_custodian']), 'u101010', units)).toBe(false);
    expect(mayEditSeals(actor(['auditor']), 'u101010', units)).toBe(false);
  });
});

describe('due dates and repeated starts', () => {
  const today = '2021-11-24';
  it('refuses a due date that has passed or lies beyond the next fiscal year', () => {
    expect(dueDateProblem({ fiscalYear: 2021, dueDate: '2022-01-29' }, today)).toBeNull();
    expect(dueDateProblem({ fiscalYear: 2021, dueDate: today }, today)).toBeNull();
    // A check of the year's last months may be due in the next fiscal year.
    expect(dueDateProblem({ fiscalYear: 2021, dueDate: '2022-04-15' }, today)).toBeNull();
    expect(dueDateProblem({ fiscalYear: 2021, dueDate: '2021-11-23' }, today)).toBe(
      'due_date_past',
    );
    expect(dueDateProblem({ fiscalYear: 2021, dueDate: '2023-04-01' }, today)).toBe(
      'due_date_outside_year',
    );
    expect(dueDateProblem({ fiscalYear: 2023, dueDate: '2022-12-01' }, today)).toBe(
      'due_date_outside_year',
    );
  });

  it('adds units to an existing round only with its own version and due date', () => {
    const existing = { templateVersion: 3, dueDate: '2022-01-29' };
    const again = { template: { version: 3 }, dueDate: '2022-01-29' };
    expect(roundConflict(existing, again)).toBeNull();
    expect(roundConflict(existing, { ...again, template: { version: 4 } })).toBe(
      'round_other_version',
    );
    expect(roundConflict(existing, { ...again, dueDate: '2022-02-01' })).toBe(
      'round_other_due_date',
    );
    expect(mergedUnitIds(['u2', 'u1'], ['u3', 'u1'])).toEqual(['u1', 'u2', 'u3']);
  });
});

describe('arriving during a round', () => {
  const round = (
    assignment: RoundWithAssignment['assignment'],
    overrides: Partial<RoundWithAssignment> = {},
  ): RoundWithAssignment => ({
    templateId: `${assignment}-check`,
    templateVersion: 1,
    fiscalYear: 2021,
    period: 'annual',
    dueDate: '2022-01-29',
    unitIds: ['u101010'],
    assignment,
    ...overrides,
  });

  it('keeps a round open to newcomers in its fiscal year until its due date', () => {
    expect(isOpenForNewcomers(round('person'), '2021-11-24')).toBe(true);
    expect(isOpenForNewcomers(round('person'), '2022-01-29')).toBe(true);
    expect(isOpenForNewcomers(round('person'), '2022-01-30')).toBe(false);
    expect(isOpenForNewcomers(round('person', { dueDate: '2022-04-15' }), '2022-04-02')).toBe(
      false,
    );
  });

  it('gives a newcomer the sheets of the open rounds of their unit, with the ids of the round', () => {
    const rounds = [
      round('person'),
      round('person', { templateId: 'other-check', unitIds: ['u2010'] }),
      round('person', { templateId: 'past-check', dueDate: '2021-10-01' }),
      round('seal'),
      round('workplace'),
    ];
    const sheets = sheetsForNewcomers(rounds, org, { personIds: ['p4', 'p5'] }, '2021-11-24');
    // p5 has left; the seal and workplace rounds are not about people.
    expect(sheets.map((s) => s.id)).toEqual(['person-check.2021.annual.p4']);
    const seals = sheetsForNewcomers(rounds, org, { sealIds: ['seal-a'] }, '2021-11-24');
    expect(seals.map((s) => [s.id, s.owner])).toEqual([
      ['seal-check.2021.annual.seal-a', { kind: 'seal', sealId: 'seal-a', custodianId: 'p4' }],
    ]);
    expect(sheetsForNewcomers(rounds, org, {}, '2021-11-24')).toEqual([]);
  });
});

describe('carriedForwardAnswers', () => {
  const risk = templateSchema.parse(
    JSON.parse(readFileSync(new URL('../../seeds/templates/risk.json', import.meta.url), 'utf8')),
  );
  const risks = [
    {
      id: 'r1',
      cells: { process: '現金収納', risk: '釣銭の誤り', likelihood: 2, impact: 3, status: 'done' },
    },
    { id: 'r2', cells: { process: '発送', likelihood: 9, priority: 'high', gone: 'x' } },
    { id: 'r3', cells: { likelihood: 'often', status: 'lost' } },
    { id: 'r1', cells: { process: 'the same row id again' } },
    'not a row',
  ];
  const previous = {
    risks: { value: risks, comment: 'not carried' },
    deficiencies: { value: [{ id: 'd1', cells: { 'what-happened': '誤送付' } }] },
    'meeting-date': { value: '2021-02-10' },
  };

  it('carries the risk rows with the cells the template still takes, and nothing else', () => {
    expect(carriedForwardAnswers(risk, previous)).toEqual({
      risks: {
        value: [
          {
            id: 'r1',
            cells: {
              process: '現金収納',
              risk: '釣銭の誤り',
              likelihood: 2,
              impact: 3,
              status: 'done',
            },
          },
          { id: 'r2', cells: { process: '発送' } },
        ],
      },
    });
  });

  it('carries nothing from a sheet without risks', () => {
    expect(carriedForwardAnswers(risk, {})).toEqual({});
    expect(carriedForwardAnswers(risk, { risks: { value: 'not a table' } })).toEqual({});
    expect(carriedForwardAnswers(risk, { risks: { value: [] } })).toEqual({});
  });
});
