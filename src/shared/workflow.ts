// The sheet workflow as a pure state machine, and the rule of who signs a sheet off.
//
//   draft ──submit──▶ submitted ──approve──▶ approved (final)
//     ▲                   │
//     └── returned ◀──────┘ return (comment required); returned ──submit──▶ submitted
//
// Client and server run the same function: the client to shape the UI, the server to decide.
import { appointmentsInForce, type AppointmentFacts } from './acting-chiefs.ts';
import { maySignOffAny } from './permissions.ts';
import type { Person, Unit } from './schemas/organisation.ts';
import type { Sheet, SheetState } from './schemas/sheet.ts';

export type WorkflowCommand =
  { type: 'submit' } | { type: 'approve' } | { type: 'return'; comment: string };

export type WorkflowErrorCode =
  'invalid_state' | 'comment_required' | 'not_permitted' | 'no_approver';

export type WorkflowDecision =
  { ok: true; next: SheetState } | { ok: false; code: WorkflowErrorCode; message: string };

/** Content can change only while a sheet is with its owner. */
export function isEditable(state: SheetState): boolean {
  return state === 'draft' || state === 'returned';
}

const transitions: Record<
  WorkflowCommand['type'],
  { from: readonly SheetState[]; to: SheetState }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
};

/** The state change alone, without asking who acts. */
export function transition(state: SheetState, command: WorkflowCommand): WorkflowDecision {
  const rule = transitions[command.type];
  if (!rule.from.includes(state))
    return {
      ok: false,
      code: 'invalid_state',
      message: `cannot ${command.type} a sheet that is ${state}`,
    };
  if (command.type === 'return' && command.comment.trim() === '')
    return { ok: false, code: 'comment_required', message: 'returning a sheet needs a comment' };
  return { ok: true, next: rule.to };
}

/** The part of the organisation that the approver rule reads. */
export interface OrgView {
  units: ReadonlyMap<string, Unit>;
  /**
   * Active people with the chief role, by the unit they head. An administrator who is also
   * a chief is left out: they never sign off, so their unit's sheets go to the unit above.
   */
  chiefsByUnit: ReadonlyMap<string, readonly string[]>;
  /** The people acting as chief today (acting-chiefs.ts), by the unit they act for. */
  actingChiefsByUnit: ReadonlyMap<string, readonly string[]>;
  /** Active people by id. */
  people: ReadonlyMap<string, OrgPerson>;
}

/** What the rules read of a person (a reviewer's device holds no more than this). */
export type OrgPerson = Pick<Person, 'id' | 'unitId' | 'roles' | 'active'>;

function addTo(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(id)) list.push(id);
  map.set(key, list);
}

/**
 * The organisation as the rules read it. With acting appointments and the Japan calendar
 * day, the appointments in force that day make their people chiefs of those units too.
 */
export function buildOrgView(
  units: readonly Unit[],
  people: readonly OrgPerson[],
  acting: { appointments: readonly AppointmentFacts[]; today: string } = {
    appointments: [],
    today: '',
  },
): OrgView {
  const chiefsByUnit = new Map<string, string[]>();
  const active = people.filter((p) => p.active);
  for (const person of active)
    if (person.roles.includes('chief') && maySignOffAny(person))
      addTo(chiefsByUnit, person.unitId, person.id);
  const unitMap = new Map(units.map((u) => [u.id, u]));
  const activeMap = new Map(active.map((p) => [p.id, p]));
  const actingChiefsByUnit = new Map<string, string[]>();
  for (const a of appointmentsInForce(acting.appointments, acting.today, activeMap, unitMap))
    addTo(actingChiefsByUnit, a.unitId, a.personId);
  return { units: unitMap, chiefsByUnit, actingChiefsByUnit, people: activeMap };
}

/** The units a person acts as chief of, in this view of the organisation. */
export function actingUnitsOf(
  org: Pick<OrgView, 'actingChiefsByUnit'>,
  personId: string,
): string[] {
  return [...org.actingChiefsByUnit]
    .filter(([, ids]) => ids.includes(personId))
    .map(([unitId]) => unitId)
    .sort();
}

/** Everyone who signs off for a unit: its chiefs, then those acting as its chief. */
export function chiefsOf(
  org: Pick<OrgView, 'chiefsByUnit' | 'actingChiefsByUnit'>,
  unitId: string,
): string[] {
  const chiefs = [...(org.chiefsByUnit.get(unitId) ?? [])];
  for (const id of org.actingChiefsByUnit.get(unitId) ?? [])
    if (!chiefs.includes(id)) chiefs.push(id);
  return chiefs;
}

/**
 * The people a sheet belongs to: its owner or custodian and everyone who ever submitted it.
 * They may never sign it off, so a chief who once submitted a workplace sheet cannot approve
 * a later resubmission of it by someone else.
 */
export function responsiblePeople(
  sheet: Pick<Sheet, 'owner'>,
  submitters: readonly string[],
): Set<string> {
  const people = new Set<string>(submitters);
  if (sheet.owner.kind === 'person') people.add(sheet.owner.personId);
  if (sheet.owner.kind === 'seal') people.add(sheet.owner.custodianId);
  return people;
}

/**
 * Who signs a sheet off: the chiefs of the nearest unit, from the sheet's own unit upwards,
 * that has a chief and none of whose chiefs is responsible for the sheet. So a chief's own
 * sheet goes to the chief of the parent unit, and nobody ever approves their own sheet.
 * A person acting as chief counts among the unit's chiefs, so their own sheet goes up too.
 */
export function approversOf(
  sheet: Pick<Sheet, 'owner' | 'unitId'>,
  submitters: readonly string[],
  org: OrgView,
): { unitId: string; chiefIds: readonly string[] } | null {
  const excluded = responsiblePeople(sheet, submitters);
  const visited = new Set<string>();
  for (let unit = org.units.get(sheet.unitId); unit && !visited.has(unit.id);) {
    visited.add(unit.id);
    const chiefs = chiefsOf(org, unit.id);
    if (chiefs.length > 0 && !chiefs.some((id) => excluded.has(id)))
      return { unitId: unit.id, chiefIds: chiefs };
    unit = unit.parentId ? org.units.get(unit.parentId) : undefined;
  }
  return null;
}

/** May this person submit this sheet? The owner, the seal's custodian, or a member of the workplace. */
export function maySubmit(
  sheet: Pick<Sheet, 'owner' | 'unitId'>,
  actorId: string,
  org: OrgView,
): boolean {
  switch (sheet.owner.kind) {
    case 'person':
      return sheet.owner.personId === actorId;
    case 'seal':
      return sheet.owner.custodianId === actorId;
    case 'workplace':
      return org.people.get(actorId)?.unitId === sheet.unitId;
  }
}

export interface WorkflowRequest {
  sheet: Pick<Sheet, 'owner' | 'unitId' | 'state'>;
  command: WorkflowCommand;
  actorId: string;
  /** Everyone who has submitted the sheet, in any round of returns; empty before the first. */
  submitters: readonly string[];
  org: OrgView;
}

/** The whole decision: the state change and whether this person may make it. */
export function decide(request: WorkflowRequest): WorkflowDecision {
  const { sheet, command, actorId, submitters, org } = request;
  const changed = transition(sheet.state, command);
  if (!changed.ok) return changed;
  if (command.type === 'submit') {
    return maySubmit(sheet, actorId, org)
      ? changed
      : {
          ok: false,
          code: 'not_permitted',
          message: 'only the person responsible for a sheet may submit it',
        };
  }
  const approvers = approversOf(sheet, submitters, org);
  if (!approvers)
    return {
      ok: false,
      code: 'no_approver',
      message: 'no chief is available to sign this sheet off',
    };
  if (!approvers.chiefIds.includes(actorId))
    return {
      ok: false,
      code: 'not_permitted',
      message: 'only the chief who signs this sheet off may do that',
    };
  return changed;
}
