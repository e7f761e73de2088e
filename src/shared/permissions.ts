// Who may see and do what: one table of roles and their scopes. The client reads it to
// shape the screens; the server reads it to decide, on every route and every mutation.
import type { Person, Role, Unit } from './schemas/organisation.ts';
import type { Sheet } from './schemas/sheet.ts';
import type { OrgView } from './workflow.ts';

/** Where a grant over sheets reaches. */
export type SheetScope =
  | 'own' // the person's own sheets, their seals' sheets and their workplace's sheets
  | 'unit_seals' // the seal checklists of the person's unit
  | 'unit_tree' // every sheet of the person's unit and the units below it
  | 'all';

export interface RoleGrants {
  /** Sheets the role may read. */
  readSheets?: SheetScope;
  /** Sheets the role may fill in and submit (the workflow decides the rest). */
  fillSheets?: SheetScope;
  /** Sheets the role may approve or return. */
  signOffSheets?: SheetScope;
  /** Completion, answers and risk reports across the city. */
  readReports?: true;
  /** Units and people: read the register. */
  readOrganisation?: true;
  /** Units and people: HR import, password resets, deactivation. */
  manageOrganisation?: true;
  manageTemplates?: true;
}

export const permissionTable: Record<Role, RoleGrants> = {
  staff: { readSheets: 'own', fillSheets: 'own' },
  chief: { readSheets: 'unit_tree', signOffSheets: 'unit_tree' },
  seal_custodian: { readSheets: 'unit_seals', fillSheets: 'unit_seals' },
  auditor: { readSheets: 'all', readReports: true, readOrganisation: true },
  admin: { readOrganisation: true, manageOrganisation: true, manageTemplates: true },
};

/** The signed-in person as the rules see them. */
export type Actor = Pick<Person, 'id' | 'unitId' | 'roles'> & {
  /**
   * The units the person acts as chief of today (代理, see acting-chiefs.ts): they read and
   * sign off those units' trees as a chief would, whatever their roles.
   */
  actingUnitIds?: readonly string[] | undefined;
};

export type Capability = Exclude<keyof RoleGrants, 'readSheets' | 'fillSheets' | 'signOffSheets'>;

/** A capability that is not about particular sheets. */
export function can(actor: Actor, capability: Capability): boolean {
  return actor.roles.some((role) => permissionTable[role][capability] === true);
}

/** Whether the person may sign off at all; an administrator never does, even as a chief. */
export function maySignOffAny(actor: Actor): boolean {
  return (
    !actor.roles.includes('admin') &&
    (actor.roles.some((r) => permissionTable[r].signOffSheets) ||
      (actor.actingUnitIds ?? []).length > 0)
  );
}

/**
 * Who may appoint an acting chief for a unit, or end the appointment early: an
 * administrator, the unit's own chief, or the chief of the unit above it. Acting as chief
 * does not carry this: an acting chief cannot appoint another.
 */
export function mayAppointActing(actor: Actor, unit: Pick<Unit, 'id' | 'parentId'>): boolean {
  if (actor.roles.includes('admin')) return true;
  return (
    actor.roles.includes('chief') && (actor.unitId === unit.id || actor.unitId === unit.parentId)
  );
}

/** Whether the person may appoint acting chiefs for some unit (to offer them the screen). */
export function mayAppointActingAny(actor: Actor): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('chief');
}

/**
 * Whose acting appointments a person may read: auditors and administrators every one, a
 * chief those of their unit and the units below, and everyone the ones naming them.
 */
export function mayReadAppointment(
  actor: Actor,
  appointment: { unitId: string; personId: string },
  org: Pick<OrgView, 'units'>,
): boolean {
  return (
    appointment.personId === actor.id ||
    can(actor, 'readOrganisation') ||
    (actor.roles.includes('chief') && unitWithin(appointment.unitId, actor.unitId, org))
  );
}

export type SheetFacts = Pick<Sheet, 'owner' | 'unitId'>;

/** Whether a unit is the given one or lies below it. */
export function unitWithin(
  unitId: string,
  ancestorId: string,
  org: Pick<OrgView, 'units'>,
): boolean {
  const seen = new Set<string>();
  for (let id: string | null = unitId; id !== null && !seen.has(id);) {
    if (id === ancestorId) return true;
    seen.add(id);
    id = org.units.get(id)?.parentId ?? null;
  }
  return false;
}

function inScope(
  scope: SheetScope,
  actor: Actor,
  sheet: SheetFacts,
  org: Pick<OrgView, 'units'>,
): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'unit_tree':
      return unitWithin(sheet.unitId, actor.unitId, org);
    case 'unit_seals':
      return sheet.owner.kind === 'seal' && sheet.unitId === actor.unitId;
    case 'own':
      switch (sheet.owner.kind) {
        case 'person':
          return sheet.owner.personId === actor.id;
        case 'seal':
          return sheet.owner.custodianId === actor.id;
        case 'workplace':
          return sheet.unitId === actor.unitId;
      }
  }
}

function granted(
  grant: 'readSheets' | 'fillSheets' | 'signOffSheets',
  actor: Actor,
  sheet: SheetFacts,
  org: Pick<OrgView, 'units'>,
): boolean {
  return actor.roles.some((role) => {
    const scope = permissionTable[role][grant];
    return scope !== undefined && inScope(scope, actor, sheet, org);
  });
}

export interface SheetAccess {
  read: boolean;
  fill: boolean;
  signOff: boolean;
}

/**
 * What a person may do with one sheet, by role and scope alone. Whether the sheet's state
 * allows it, and who exactly signs it off, is the workflow's decision (workflow.ts).
 */
export function sheetAccess(
  actor: Actor,
  sheet: SheetFacts,
  org: Pick<OrgView, 'units'>,
): SheetAccess {
  const fill = granted('fillSheets', actor, sheet, org);
  // An administrator never acts as chief (appointments naming one lapse); checked here too.
  const acting =
    !actor.roles.includes('admin') &&
    (actor.actingUnitIds ?? []).some((id) => unitWithin(sheet.unitId, id, org));
  const signOff = maySignOffAny(actor) && (acting || granted('signOffSheets', actor, sheet, org));
  return {
    read: fill || signOff || acting || granted('readSheets', actor, sheet, org),
    fill,
    signOff,
  };
}
