// The sheet workflow: the state machine, who signs a sheet off, and who may act. Example
// tests for the rules people rely on, and property tests over random organisations and
// random sequences of commands by random people.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Person, Unit, UnitKind } from '@/shared/schemas/organisation.ts';
import { sheetStates, type Sheet, type SheetState } from '@/shared/schemas/sheet.ts';
import {
  actingUnitsOf,
  approversOf,
  buildOrgView,
  chiefsOf,
  decide,
  isEditable,
  maySubmit,
  responsiblePeople,
  transition,
  type OrgView,
  type WorkflowCommand,
} from '@/shared/workflow.ts';

function unit(id: string, kind: UnitKind, parentId: string | null): Unit {
  return { id, code: id.toUpperCase(), name: `${id}課`, kind, parentId };
}

function person(
  id: string,
  unitId: string,
  options: { chief?: boolean; custodian?: boolean; active?: boolean } = {},
): Person {
  return {
    id,
    staffNumber: `S${id.replace(/[^0-9A-Za-z]/g, '')}0000`.slice(0, 12),
    name: id,
    unitId,
    position: options.chief ? 'section_chief' : 'staff',
    employmentType: 'regular',
    ageBand: '40s',
    roles: [
      'staff',
      ...(options.chief ? (['chief'] as const) : []),
      ...(options.custodian ? (['seal_custodian'] as const) : []),
    ],
    active: options.active ?? true,
  };
}

// 総務局 (bureau B) → 総務部 (department D) → sections S, T, V; S has subsection SS.
// T's only chief has left (inactive). V has two chiefs. Ward W has no chief; office O
// under it has one.
const units = [
  unit('b', 'bureau', null),
  unit('d', 'department', 'b'),
  unit('s', 'section', 'd'),
  unit('ss', 'subsection', 's'),
  unit('t', 'section', 'd'),
  unit('v', 'section', 'd'),
  unit('w', 'ward', null),
  unit('o', 'office', 'w'),
];
const people = [
  person('bureau-head', 'b', { chief: true }),
  person('dept-head', 'd', { chief: true }),
  person('s-chief', 's', { chief: true }),
  person('s-staff', 's'),
  person('s-custodian', 's', { custodian: true }),
  person('ss-staff', 'ss'),
  person('t-old-chief', 't', { chief: true, active: false }),
  person('t-staff', 't'),
  person('v-chief-1', 'v', { chief: true }),
  person('v-chief-2', 'v', { chief: true }),
  person('v-staff', 'v'),
  person('s-leaver', 's', { active: false }),
  person('o-chief', 'o', { chief: true }),
];
const org = buildOrgView(units, people);

type SheetPart = Pick<Sheet, 'owner' | 'unitId'>;
const ownSheet = (personId: string): SheetPart => {
  const p = people.find((x) => x.id === personId);
  if (!p) throw new Error(personId);
  return { owner: { kind: 'person', personId }, unitId: p.unitId };
};
const workplaceSheet = (unitId: string): SheetPart => ({ owner: { kind: 'workplace' }, unitId });
const sealSheet = (unitId: string, custodianId: string): SheetPart => ({
  owner: { kind: 'seal', sealId: `seal-${unitId}`, custodianId },
  unitId,
});

const submit: WorkflowCommand = { type: 'submit' };
const approve: WorkflowCommand = { type: 'approve' };
const giveBack = (comment: string): WorkflowCommand => ({ type: 'return', comment });

describe('transition', () => {
  const expected: Record<SheetState, Record<'submit' | 'approve' | 'return', SheetState | null>> = {
    draft: { submit: 'submitted', approve: null, return: null },
    submitted: { submit: null, approve: 'approved', return: 'returned' },
    returned: { submit: 'submitted', approve: null, return: null },
    approved: { submit: null, approve: null, return: null },
  };

  it.each(
    sheetStates.flatMap((state) =>
      (['submit', 'approve', 'return'] as const).map((c) => [state, c] as const),
    ),
  )('%s + %s follows the diagram', (state, type) => {
    const command: WorkflowCommand = type === 'return' ? giveBack('記入漏れがあります') : { type };
    const decision = transition(state, command);
    const next = expected[state][type];
    if (next === null)
      expect(decision).toEqual({
        ok: false,
        code: 'invalid_state',
        message: `cannot ${type} a sheet that is ${state}`,
      });
    else expect(decision).toEqual({ ok: true, next });
  });

  it.each(['', '   ', '\n\t', '\u3000\u3000'])('refuses to return a sheet with comment %j', (c) => {
    expect(transition('submitted', giveBack(c))).toMatchObject({
      ok: false,
      code: 'comment_required',
    });
  });

  it('checks the state before the comment', () => {
    expect(transition('approved', giveBack(''))).toMatchObject({ code: 'invalid_state' });
  });

  it('only a draft or returned sheet can be edited', () => {
    expect(sheetStates.filter(isEditable)).toEqual(['draft', 'returned']);
  });
});

describe('buildOrgView', () => {
  it('lists active chiefs by unit and only active people', () => {
    expect(org.chiefsByUnit.get('s')).toEqual(['s-chief']);
    expect(org.chiefsByUnit.get('v')).toEqual(['v-chief-1', 'v-chief-2']);
    expect(org.chiefsByUnit.has('t')).toBe(false);
    expect(org.people.has('s-leaver')).toBe(false);
    expect(org.people.has('s-staff')).toBe(true);
  });
});

describe('approversOf', () => {
  it("a staff member's sheet goes to the chief of their unit", () => {
    expect(approversOf(ownSheet('s-staff'), ['s-staff'], org)).toEqual({
      unitId: 's',
      chiefIds: ['s-chief'],
    });
  });

  it("a chief's own sheet goes to the chief of the parent unit", () => {
    expect(approversOf(ownSheet('s-chief'), ['s-chief'], org)).toEqual({
      unitId: 'd',
      chiefIds: ['dept-head'],
    });
    expect(approversOf(ownSheet('dept-head'), ['dept-head'], org)).toEqual({
      unitId: 'b',
      chiefIds: ['bureau-head'],
    });
  });

  it('a unit without a chief sends its sheets to the parent unit', () => {
    expect(approversOf(ownSheet('ss-staff'), ['ss-staff'], org)).toEqual({
      unitId: 's',
      chiefIds: ['s-chief'],
    });
  });

  it('an inactive chief is ignored', () => {
    expect(approversOf(ownSheet('t-staff'), ['t-staff'], org)).toEqual({
      unitId: 'd',
      chiefIds: ['dept-head'],
    });
  });

  it('a unit with two chiefs offers both, unless one of them is responsible', () => {
    expect(approversOf(ownSheet('v-staff'), ['v-staff'], org)?.chiefIds).toEqual([
      'v-chief-1',
      'v-chief-2',
    ]);
    expect(approversOf(ownSheet('v-chief-1'), ['v-chief-1'], org)).toEqual({
      unitId: 'd',
      chiefIds: ['dept-head'],
    });
  });

  it('a workplace sheet goes to its chief, or above when the chief submitted it', () => {
    expect(approversOf(workplaceSheet('s'), ['s-staff'], org)).toEqual({
      unitId: 's',
      chiefIds: ['s-chief'],
    });
    expect(approversOf(workplaceSheet('s'), ['s-chief'], org)).toEqual({
      unitId: 'd',
      chiefIds: ['dept-head'],
    });
  });

  it('a seal sheet never goes to the seal custodian', () => {
    expect(approversOf(sealSheet('s', 's-custodian'), ['s-custodian'], org)).toEqual({
      unitId: 's',
      chiefIds: ['s-chief'],
    });
    // The chief keeps the seal: the sheet goes up, whoever submitted it.
    expect(approversOf(sealSheet('s', 's-chief'), [], org)).toEqual({
      unitId: 'd',
      chiefIds: ['dept-head'],
    });
  });

  it('there is no approver above the top', () => {
    expect(approversOf(ownSheet('bureau-head'), ['bureau-head'], org)).toBeNull();
    // Ward W has no chief at all.
    expect(approversOf(ownSheet('o-chief'), ['o-chief'], org)).toBeNull();
    expect(approversOf(workplaceSheet('unknown-unit'), [], org)).toBeNull();
  });

  it('stops at a cycle in the organisation instead of looping', () => {
    const looped = buildOrgView(
      [unit('x', 'section', 'y'), unit('y', 'section', 'x')],
      [person('x-chief', 'x', { chief: true })],
    );
    expect(approversOf(ownSheet2('x-chief', 'x'), ['x-chief'], looped)).toBeNull();
  });
});

function ownSheet2(personId: string, unitId: string): SheetPart {
  return { owner: { kind: 'person', personId }, unitId };
}

describe('acting chiefs (代理)', () => {
  const today = '2026-06-10';
  const appointment = (personId: string, unitId: string, changes: object = {}) => ({
    personId,
    unitId,
    startsOn: '2026-06-01',
    endsOn: '2026-06-30',
    endedAt: null,
    ...changes,
  });
  const withActing = (...appointments: ReturnType<typeof appointment>[]) =>
    buildOrgView(units, people, { appointments, today });

  it('an appointment in force makes its person one of the unit’s chiefs', () => {
    const view = withActing(appointment('s-staff', 's'));
    expect(view.actingChiefsByUnit.get('s')).toEqual(['s-staff']);
    expect(actingUnitsOf(view, 's-staff')).toEqual(['s']);
    expect(chiefsOf(view, 's')).toEqual(['s-chief', 's-staff']);
    expect(approversOf(ownSheet('ss-staff'), ['ss-staff'], view)).toEqual({
      unitId: 's',
      chiefIds: ['s-chief', 's-staff'],
    });
  });

  it('not before its first day, after its last, or once ended early', () => {
    for (const changes of [
      { startsOn: '2026-06-11' },
      { endsOn: '2026-06-09' },
      { endedAt: '2026-06-05T00:00:00.000Z' },
    ]) {
      const view = withActing(appointment('s-staff', 's', changes));
      expect(view.actingChiefsByUnit.size).toBe(0);
      expect(approversOf(ownSheet('ss-staff'), ['ss-staff'], view)?.chiefIds).toEqual(['s-chief']);
    }
  });

  it('not for a person who left, moved out of the unit, or is an administrator', () => {
    const admin = { ...person('s-admin', 's'), roles: ['staff' as const, 'admin' as const] };
    const view = buildOrgView(units, [...people, admin], {
      appointments: [
        appointment('s-leaver', 's'),
        appointment('t-staff', 's'),
        appointment('s-admin', 's'),
      ],
      today,
    });
    expect(view.actingChiefsByUnit.size).toBe(0);
  });

  it('fills a unit whose chief has left', () => {
    const view = withActing(appointment('t-staff', 't'));
    expect(approversOf(workplaceSheet('t'), [], view)).toEqual({
      unitId: 't',
      chiefIds: ['t-staff'],
    });
  });

  it('never for a sheet they are responsible for: their own goes to the unit above', () => {
    const view = withActing(appointment('s-staff', 's'));
    expect(approversOf(ownSheet('s-staff'), ['s-staff'], view)).toEqual({
      unitId: 'd',
      chiefIds: ['dept-head'],
    });
    // Submitting the workplace sheet makes them responsible for it too.
    expect(approversOf(workplaceSheet('s'), ['s-staff'], view)?.unitId).toBe('d');
    const decideAs = (actorId: string, sheet: SheetPart, submitters: string[]) =>
      decide({
        sheet: { ...sheet, state: 'submitted' },
        command: approve,
        actorId,
        submitters,
        org: view,
      });
    expect(decideAs('s-staff', ownSheet('ss-staff'), ['ss-staff'])).toEqual({
      ok: true,
      next: 'approved',
    });
    expect(decideAs('s-staff', ownSheet('s-staff'), ['s-staff'])).toMatchObject({
      code: 'not_permitted',
    });
    expect(decideAs('s-chief', ownSheet('s-staff'), ['s-staff'])).toMatchObject({
      code: 'not_permitted',
    });
    expect(decideAs('dept-head', ownSheet('s-staff'), ['s-staff'])).toMatchObject({ ok: true });
  });

  it('an administrator who is also a chief is no approver: the unit above signs off', () => {
    const adminChief = person('t-admin-chief', 't', { chief: true });
    adminChief.roles = [...adminChief.roles, 'admin'];
    const view = buildOrgView(units, [...people, adminChief]);
    expect(view.chiefsByUnit.has('t')).toBe(false);
    expect(approversOf(ownSheet('t-staff'), ['t-staff'], view)?.chiefIds).toEqual(['dept-head']);
  });
});

describe('maySubmit', () => {
  it('a person sheet only by its owner', () => {
    expect(maySubmit(ownSheet('s-staff'), 's-staff', org)).toBe(true);
    expect(maySubmit(ownSheet('s-staff'), 's-chief', org)).toBe(false);
  });

  it('a seal sheet only by its custodian', () => {
    expect(maySubmit(sealSheet('s', 's-custodian'), 's-custodian', org)).toBe(true);
    expect(maySubmit(sealSheet('s', 's-custodian'), 's-chief', org)).toBe(false);
  });

  it('a workplace sheet by an active member of that very unit', () => {
    expect(maySubmit(workplaceSheet('s'), 's-staff', org)).toBe(true);
    expect(maySubmit(workplaceSheet('s'), 's-chief', org)).toBe(true);
    expect(maySubmit(workplaceSheet('s'), 'ss-staff', org)).toBe(false);
    expect(maySubmit(workplaceSheet('s'), 'dept-head', org)).toBe(false);
    expect(maySubmit(workplaceSheet('s'), 's-leaver', org)).toBe(false);
  });
});

describe('decide', () => {
  const request = (
    sheet: SheetPart,
    state: SheetState,
    command: WorkflowCommand,
    actorId: string,
    submittedBy: string | null,
  ) =>
    decide({
      sheet: { ...sheet, state },
      command,
      actorId,
      submitters: submittedBy ? [submittedBy] : [],
      org,
    });

  it('the owner submits; nobody else may', () => {
    expect(request(ownSheet('s-staff'), 'draft', submit, 's-staff', null)).toEqual({
      ok: true,
      next: 'submitted',
    });
    expect(request(ownSheet('s-staff'), 'returned', submit, 's-staff', 's-staff')).toEqual({
      ok: true,
      next: 'submitted',
    });
    expect(request(ownSheet('s-staff'), 'draft', submit, 's-chief', null)).toMatchObject({
      ok: false,
      code: 'not_permitted',
    });
  });

  it('the chief of the unit approves or returns; others may not', () => {
    const sheet = ownSheet('s-staff');
    expect(request(sheet, 'submitted', approve, 's-chief', 's-staff')).toEqual({
      ok: true,
      next: 'approved',
    });
    expect(request(sheet, 'submitted', giveBack('日付の記入漏れ'), 's-chief', 's-staff')).toEqual({
      ok: true,
      next: 'returned',
    });
    for (const actor of ['s-staff', 'dept-head', 'bureau-head', 'v-chief-1', 's-custodian'])
      expect(request(sheet, 'submitted', approve, actor, 's-staff')).toMatchObject({
        ok: false,
        code: 'not_permitted',
      });
  });

  it('a chief who once submitted a workplace sheet cannot approve a later resubmission', () => {
    const sheet = { ...workplaceSheet('s'), state: 'submitted' as const };
    const submitters = ['s-chief', 's-staff'];
    expect(decide({ sheet, command: approve, actorId: 's-chief', submitters, org })).toMatchObject({
      ok: false,
      code: 'not_permitted',
    });
    expect(decide({ sheet, command: approve, actorId: 'dept-head', submitters, org })).toEqual({
      ok: true,
      next: 'approved',
    });
  });

  it('a chief cannot approve their own sheet; the chief above can', () => {
    const sheet = ownSheet('s-chief');
    expect(request(sheet, 'submitted', approve, 's-chief', 's-chief')).toMatchObject({
      ok: false,
      code: 'not_permitted',
    });
    expect(request(sheet, 'submitted', approve, 'dept-head', 's-chief')).toEqual({
      ok: true,
      next: 'approved',
    });
  });

  it('a workplace sheet submitted by its chief is signed off above', () => {
    const sheet = workplaceSheet('s');
    expect(request(sheet, 'draft', submit, 's-chief', null)).toMatchObject({ ok: true });
    expect(request(sheet, 'submitted', approve, 's-chief', 's-chief')).toMatchObject({
      code: 'not_permitted',
    });
    expect(request(sheet, 'submitted', approve, 'dept-head', 's-chief')).toMatchObject({
      ok: true,
    });
  });

  it('a return needs a comment even from the right chief', () => {
    expect(
      request(ownSheet('s-staff'), 'submitted', giveBack(' \u3000 '), 's-chief', 's-staff'),
    ).toMatchObject({ ok: false, code: 'comment_required' });
  });

  it('a sheet with nobody above to sign it cannot be approved', () => {
    expect(
      request(ownSheet('bureau-head'), 'submitted', approve, 'bureau-head', 'bureau-head'),
    ).toMatchObject({ ok: false, code: 'no_approver' });
  });

  it('an approved sheet refuses every command, even from its approver', () => {
    const sheet = ownSheet('s-staff');
    for (const [command, actor] of [
      [approve, 's-chief'],
      [giveBack('やはり修正を'), 's-chief'],
      [submit, 's-staff'],
    ] as const)
      expect(request(sheet, 'approved', command, actor, 's-staff')).toMatchObject({
        ok: false,
        code: 'invalid_state',
      });
  });
});

// --- properties --------------------------------------------------------------------------

const kindAtDepth: readonly UnitKind[] = ['bureau', 'department', 'section', 'subsection'];

/** A random organisation: a tree of units under one bureau, and people in them. */
const organisationArb = fc
  .record({
    parents: fc.array(fc.nat(), { maxLength: 7 }),
    topChief: fc.constantFrom(true, true, true, false),
    people: fc.array(
      fc.record({
        unit: fc.nat(),
        chief: fc.boolean(),
        active: fc.constantFrom(true, true, true, false),
      }),
      { minLength: 1, maxLength: 9 },
    ),
  })
  .map(({ parents, topChief, people: drawn }) => {
    const depth = [0];
    const units: Unit[] = [unit('u0', 'bureau', null)];
    parents.forEach((p, i) => {
      const candidates = units.filter((_, k) => (depth[k] ?? 0) < 3);
      const parent = candidates[p % candidates.length];
      if (!parent) return;
      const d = (depth[units.indexOf(parent)] ?? 0) + 1;
      depth.push(d);
      units.push(unit(`u${i + 1}`, kindAtDepth[d] ?? 'subsection', parent.id));
    });
    const persons = drawn.map((x, i) => {
      const home = units[x.unit % units.length] ?? units[0];
      return person(`p${i}`, home?.id ?? 'u0', { chief: x.chief, active: x.active });
    });
    // Mostly, someone heads the whole organisation; sometimes nobody does.
    if (topChief) persons.push(person('top', 'u0', { chief: true }));
    return { units, people: persons };
  });

const commentArb = fc.oneof(
  fc.constantFrom('', ' ', '\n', '\u3000', '記入漏れがあります', 'Please fix item 3'),
  fc.string({ maxLength: 5 }),
);

/**
 * Actors are drawn from everyone, from the chiefs, from the chiefs of the sheet's unit and
 * the units above it, or from the people the sheet is for.
 */
const commandArb = fc.record({
  type: fc.constantFrom('submit', 'approve', 'return'),
  pool: fc.constantFrom('anyone', 'chiefs', 'chiefsAbove', 'responsible'),
  actor: fc.nat(),
  comment: commentArb,
});

const scenarioArb = fc
  .record({
    org: organisationArb,
    ownerKind: fc.constantFrom('person', 'seal', 'workplace'),
    owner: fc.nat(),
    unit: fc.nat(),
    commands: fc.array(commandArb, { minLength: 1, maxLength: 30, size: 'max' }),
  })
  .map(({ org: o, ownerKind, owner, unit: u, commands }) => {
    const ownerPerson = o.people[owner % o.people.length];
    const anyUnit = o.units[u % o.units.length];
    if (!ownerPerson || !anyUnit) throw new Error('empty organisation');
    const sheet: SheetPart =
      ownerKind === 'person'
        ? { owner: { kind: 'person', personId: ownerPerson.id }, unitId: ownerPerson.unitId }
        : ownerKind === 'seal'
          ? {
              owner: { kind: 'seal', sealId: 'seal-1', custodianId: ownerPerson.id },
              unitId: ownerPerson.unitId,
            }
          : { owner: { kind: 'workplace' }, unitId: anyUnit.id };
    return {
      ...o,
      view: buildOrgView(o.units, o.people),
      sheet,
      commands: commands.map((c) => {
        const chiefs = o.people.filter((p) => p.roles.includes('chief'));
        const above = ancestorsOrSelf(o.units, sheet.unitId);
        const chiefsAbove = chiefs.filter((p) => above.includes(p.unitId));
        const responsible =
          sheet.owner.kind === 'workplace'
            ? o.people.filter((p) => p.unitId === sheet.unitId)
            : [ownerPerson];
        const pool = { anyone: o.people, chiefs, chiefsAbove, responsible }[c.pool];
        const actor = (pool.length > 0 ? pool : o.people)[c.actor % Math.max(pool.length, 1)]?.id;
        const command: WorkflowCommand =
          c.type === 'return' ? { type: 'return', comment: c.comment } : { type: c.type };
        return { command, actor: actor ?? ownerPerson.id };
      }),
    };
  });

interface Step {
  command: WorkflowCommand;
  actor: string;
  before: SheetState;
  submittedBefore: string | null;
  ok: boolean;
  after: SheetState;
  code: string | null;
}

/** Runs the commands the way the server does: each decided, applied only when allowed. */
function run(
  sheet: SheetPart,
  view: OrgView,
  commands: { command: WorkflowCommand; actor: string }[],
) {
  let state: SheetState = 'draft';
  const submitters: string[] = [];
  const steps: Step[] = [];
  for (const { command, actor } of commands) {
    const decision = decide({
      sheet: { ...sheet, state },
      command,
      actorId: actor,
      submitters,
      org: view,
    });
    const step: Step = {
      command,
      actor,
      before: state,
      submittedBefore: submitters.at(-1) ?? null,
      ok: decision.ok,
      after: decision.ok ? decision.next : state,
      code: decision.ok ? null : decision.code,
    };
    steps.push(step);
    if (decision.ok) {
      state = decision.next;
      if (command.type === 'submit') submitters.push(actor);
    }
  }
  return steps;
}

function ancestorsOrSelf(units: readonly Unit[], unitId: string): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: string[] = [];
  for (let u = byId.get(unitId); u && !chain.includes(u.id); u = byId.get(u.parentId ?? ''))
    chain.push(u.id);
  return chain;
}

describe('workflow properties', () => {
  const numRuns = 400;

  it('no sequence reaches approved without a successful submit right before it', () => {
    let approvals = 0;
    fc.assert(
      fc.property(scenarioArb, ({ sheet, view, commands }) => {
        const steps = run(sheet, view, commands);
        steps.forEach((step, i) => {
          if (!(step.ok && step.after === 'approved')) return;
          approvals += 1;
          const lastSuccess = steps
            .slice(0, i)
            .filter((s) => s.ok)
            .at(-1);
          expect(lastSuccess?.command.type).toBe('submit');
          expect(step.before).toBe('submitted');
        });
      }),
      { numRuns },
    );
    // The generators must actually reach sign-off, or the property proves nothing.
    expect(approvals).toBeGreaterThan(numRuns / 10);
  });

  it('the approver of a sheet is never its owner, custodian or submitter, and is an active chief', () => {
    fc.assert(
      fc.property(scenarioArb, ({ sheet, view, commands, people: everyone }) => {
        for (const step of run(sheet, view, commands)) {
          if (!step.ok || step.command.type === 'submit') continue;
          const forbidden = [
            step.submittedBefore,
            sheet.owner.kind === 'person' ? sheet.owner.personId : null,
            sheet.owner.kind === 'seal' ? sheet.owner.custodianId : null,
          ];
          expect(forbidden).not.toContain(step.actor);
          const approver = everyone.find((p) => p.id === step.actor);
          expect(approver?.active).toBe(true);
          expect(approver?.roles).toContain('chief');
        }
      }),
      { numRuns },
    );
  });

  it('the approver is the nearest chief above the sheet that no owner or past submitter heads', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { maxLength: 3 }), (scenario, picks) => {
        const { sheet, view, units: all, people: everyone } = scenario;
        // Everyone who ever submitted the sheet, over several returns.
        const submitters = picks.flatMap((s) => everyone[s % everyone.length]?.id ?? []);
        const result = approversOf(sheet, submitters, view);
        const chain = ancestorsOrSelf(all, sheet.unitId);
        const excluded = new Set(
          [
            ...submitters,
            sheet.owner.kind === 'person' ? sheet.owner.personId : null,
            sheet.owner.kind === 'seal' ? sheet.owner.custodianId : null,
          ].filter((x) => x !== null),
        );
        const eligible = (unitId: string) => {
          const chiefs = everyone.filter(
            (p) => p.active && p.unitId === unitId && p.roles.includes('chief'),
          );
          return chiefs.length > 0 && chiefs.every((c) => !excluded.has(c.id));
        };
        const expectedUnit = chain.find(eligible);
        expect(result?.unitId ?? null).toBe(expectedUnit ?? null);
        for (const id of result?.chiefIds ?? []) expect(excluded.has(id)).toBe(false);
      }),
      { numRuns },
    );
  });

  it('with acting chiefs, the approvers are the nearest unit’s chiefs and acting chiefs in force, none responsible', () => {
    const today = '2026-06-10';
    const appointmentsArb = fc.array(
      fc.record({
        person: fc.nat(),
        unit: fc.nat(),
        // Mostly a unit the person works in or under, as an appointment must name.
        fits: fc.constantFrom(true, true, true, false),
        when: fc.constantFrom('in_force', 'in_force', 'scheduled', 'over', 'ended'),
      }),
      { minLength: 1, maxLength: 6 },
    );
    let actingApprovers = 0;
    fc.assert(
      fc.property(
        scenarioArb,
        appointmentsArb,
        fc.array(fc.nat(), { maxLength: 3 }),
        (scenario, drawn, picks) => {
          const { sheet, units: all, people: everyone } = scenario;
          const appointments = drawn.map((d) => {
            const appointee = everyone[d.person % everyone.length];
            const candidates = d.fits
              ? ancestorsOrSelf(all, appointee?.unitId ?? '')
              : all.map((u) => u.id);
            return {
              personId: appointee?.id ?? '',
              unitId: candidates[d.unit % Math.max(candidates.length, 1)] ?? '',
              startsOn: d.when === 'scheduled' ? '2026-06-11' : '2026-06-01',
              endsOn: d.when === 'over' ? '2026-06-09' : '2026-06-30',
              endedAt: d.when === 'ended' ? '2026-06-05T00:00:00.000Z' : null,
            };
          });
          const view = buildOrgView(all, everyone, { appointments, today });
          const submitters = picks.flatMap((s) => everyone[s % everyone.length]?.id ?? []);
          const excluded = responsiblePeople(sheet, submitters);
          // Worked out afresh: a unit's signers are its active chiefs and the people of the
          // appointments in force for it who still work in it or below.
          const signersOf = (unitId: string) => {
            const below = (p: Person) => ancestorsOrSelf(all, p.unitId).includes(unitId);
            const chiefs = everyone.filter(
              (p) => p.active && p.unitId === unitId && p.roles.includes('chief'),
            );
            const acting = appointments
              .filter((a) => a.unitId === unitId && a.endedAt === null)
              .filter((a) => a.startsOn <= today && today <= a.endsOn)
              .flatMap((a) => everyone.filter((p) => p.id === a.personId && p.active && below(p)));
            return new Set([...chiefs, ...acting].map((p) => p.id));
          };
          const expectedUnit = ancestorsOrSelf(all, sheet.unitId).find((u) => {
            const signers = signersOf(u);
            return signers.size > 0 && [...signers].every((id) => !excluded.has(id));
          });
          const result = approversOf(sheet, submitters, view);
          expect(result?.unitId ?? null).toBe(expectedUnit ?? null);
          if (!result || expectedUnit === undefined) return;
          expect(new Set(result.chiefIds)).toEqual(signersOf(expectedUnit));
          for (const id of result.chiefIds) {
            expect(excluded.has(id)).toBe(false);
            if (!everyone.find((p) => p.id === id)?.roles.includes('chief')) actingApprovers += 1;
          }
        },
      ),
      // More runs than the others: only some organisations leave an acting chief to sign.
      { numRuns: numRuns * 3 },
    );
    // Acting chiefs must actually sign off in some runs, or the property proves little.
    expect(actingApprovers).toBeGreaterThan(numRuns / 20);
  });

  it('every successful return carries a non-blank comment', () => {
    let returns = 0;
    fc.assert(
      fc.property(scenarioArb, ({ sheet, view, commands }) => {
        for (const step of run(sheet, view, commands)) {
          if (step.command.type !== 'return') continue;
          if (step.ok) {
            returns += 1;
            expect(step.command.comment.trim()).not.toBe('');
          } else if (step.before === 'submitted' && step.command.comment.trim() === '') {
            expect(step.code).toBe('comment_required');
          }
        }
      }),
      { numRuns },
    );
    expect(returns).toBeGreaterThan(0);
  });

  it('once approved, every further command is refused and nothing changes', () => {
    let refusedAfterApproval = 0;
    fc.assert(
      fc.property(scenarioArb, ({ sheet, view, commands }) => {
        const steps = run(sheet, view, commands);
        const approvedAt = steps.findIndex((s) => s.ok && s.after === 'approved');
        if (approvedAt < 0) return;
        for (const step of steps.slice(approvedAt + 1)) {
          refusedAfterApproval += 1;
          expect(step).toMatchObject({ ok: false, code: 'invalid_state', after: 'approved' });
        }
      }),
      { numRuns },
    );
    expect(refusedAfterApproval).toBeGreaterThan(0);
  });

  it('every successful step follows the diagram', () => {
    const allowed = new Set([
      'draft>submit>submitted',
      'returned>submit>submitted',
      'submitted>approve>approved',
      'submitted>return>returned',
    ]);
    fc.assert(
      fc.property(scenarioArb, ({ sheet, view, commands }) => {
        for (const step of run(sheet, view, commands))
          if (step.ok)
            expect(allowed).toContain(`${step.before}>${step.command.type}>${step.after}`);
      }),
      { numRuns },
    );
  });
});
