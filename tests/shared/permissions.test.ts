// The permission table: which sheets each role reads, fills and signs off, and which
// capabilities it has, over a small hand-built organisation.
import { describe, expect, it } from 'vitest';
import {
  can,
  mayAppointActing,
  mayReadAppointment,
  maySignOffAny,
  permissionTable,
  sheetAccess,
  type Actor,
  type Capability,
  type SheetFacts,
} from '@/shared/permissions.ts';
import { roles, type Role, type Unit, type UnitKind } from '@/shared/schemas/organisation.ts';

function unit(id: string, kind: UnitKind, parentId: string | null): Unit {
  return { id, code: id.toUpperCase(), name: id, kind, parentId };
}

// Bureau b → department d → sections s and t; s has subsection ss.
const units = [
  unit('b', 'bureau', null),
  unit('d', 'department', 'b'),
  unit('s', 'section', 'd'),
  unit('ss', 'subsection', 's'),
  unit('t', 'section', 'd'),
];
const org = { units: new Map(units.map((u) => [u.id, u])) };

const actor = (id: string, unitId: string, ...r: Role[]): Actor => ({ id, unitId, roles: r });

const actors = {
  sStaff: actor('s-staff', 's', 'staff'),
  sChief: actor('s-chief', 's', 'staff', 'chief'),
  dChief: actor('d-chief', 'd', 'staff', 'chief'),
  custodianOnly: actor('s-custodian', 's', 'seal_custodian'),
  custodian: actor('s-custodian', 's', 'staff', 'seal_custodian'),
  auditorOnly: actor('t-auditor', 't', 'auditor'),
  auditor: actor('t-auditor', 't', 'staff', 'auditor'),
  adminOnly: actor('t-admin', 't', 'admin'),
  adminChief: actor('d-chief', 'd', 'staff', 'chief', 'admin'),
};

const personSheet = (personId: string, unitId: string): SheetFacts => ({
  owner: { kind: 'person', personId },
  unitId,
});
const sealSheet = (unitId: string, custodianId: string): SheetFacts => ({
  owner: { kind: 'seal', sealId: `seal-${unitId}-${custodianId}`, custodianId },
  unitId,
});
const workplaceSheet = (unitId: string): SheetFacts => ({ owner: { kind: 'workplace' }, unitId });

const sheets = {
  sStaffOwn: personSheet('s-staff', 's'),
  sColleague: personSheet('s-other', 's'),
  sChiefOwn: personSheet('s-chief', 's'),
  sSeal: sealSheet('s', 's-custodian'),
  sSealKeptByStaff: sealSheet('s', 's-staff'),
  sWorkplace: workplaceSheet('s'),
  ssPerson: personSheet('ss-staff', 'ss'),
  ssSeal: sealSheet('ss', 'ss-staff'),
  ssWorkplace: workplaceSheet('ss'),
  tPerson: personSheet('t-staff', 't'),
  tAuditorOwn: personSheet('t-auditor', 't'),
  tSeal: sealSheet('t', 't-custodian'),
  tWorkplace: workplaceSheet('t'),
  dChiefOwn: personSheet('d-chief', 'd'),
  bHead: personSheet('b-head', 'b'),
};
type SheetName = keyof typeof sheets;

/** 'r', 'f', 's' for read, fill, sign off; '-' for not. */
type Flags = `${'r' | '-'}${'f' | '-'}${'s' | '-'}`;
const flags = (a: { read: boolean; fill: boolean; signOff: boolean }): Flags =>
  `${a.read ? 'r' : '-'}${a.fill ? 'f' : '-'}${a.signOff ? 's' : '-'}`;

/** Every sheet not named gets '---'. */
function expectAccess(who: Actor, expected: Partial<Record<SheetName, Flags>>) {
  const actual = Object.fromEntries(
    Object.entries(sheets).map(([name, sheet]) => [name, flags(sheetAccess(who, sheet, org))]),
  );
  const wanted = Object.fromEntries(
    Object.keys(sheets).map((name) => [name, expected[name as SheetName] ?? '---']),
  );
  expect(actual).toEqual(wanted);
}

const allRead = Object.fromEntries(Object.keys(sheets).map((n) => [n, 'r--'])) as Record<
  SheetName,
  Flags
>;

describe('sheet access by role and scope', () => {
  it('staff fill their own sheets, the seals they keep and their own workplace, nothing else', () => {
    expectAccess(actors.sStaff, {
      sStaffOwn: 'rf-',
      sSealKeptByStaff: 'rf-',
      sWorkplace: 'rf-',
      // a colleague's sheet, another custodian's seal, and the subsection's workplace: none
    });
  });

  it('a chief reads and signs off every sheet of their unit and the units below, not above or beside', () => {
    expectAccess(actors.sChief, {
      sStaffOwn: 'r-s',
      sColleague: 'r-s',
      // By role and scope alone; the workflow keeps a chief from approving their own sheet.
      sChiefOwn: 'rfs',
      sSeal: 'r-s',
      sSealKeptByStaff: 'r-s',
      sWorkplace: 'rfs',
      ssPerson: 'r-s',
      ssSeal: 'r-s',
      ssWorkplace: 'r-s',
    });
  });

  it("a department head's reach covers all of its sections and subsections", () => {
    const below = Object.fromEntries(
      Object.keys(sheets)
        .filter((n) => !['dChiefOwn', 'bHead'].includes(n))
        .map((n) => [n, 'r-s']),
    );
    expectAccess(actors.dChief, { ...below, dChiefOwn: 'rfs' });
  });

  it('a seal custodian fills the seal checklists of their own unit only, whoever keeps the seal', () => {
    expectAccess(actors.custodianOnly, { sSeal: 'rf-', sSealKeptByStaff: 'rf-' });
  });

  it('a seal custodian who is also staff adds their own sheets and workplace', () => {
    expectAccess(actors.custodian, { sSeal: 'rf-', sSealKeptByStaff: 'rf-', sWorkplace: 'rf-' });
  });

  it('an auditor reads every sheet and fills or signs off none', () => {
    expectAccess(actors.auditorOnly, allRead);
  });

  it('an auditor who is also staff fills only their own sheets', () => {
    expectAccess(actors.auditor, { ...allRead, tAuditorOwn: 'rf-', tWorkplace: 'rf-' });
  });

  it('an administrator alone reaches no sheet', () => {
    expectAccess(actors.adminOnly, {});
  });

  it('an administrator who is also a chief reads their units but signs off nothing', () => {
    const below = Object.fromEntries(
      Object.keys(sheets)
        .filter((n) => !['dChiefOwn', 'bHead'].includes(n))
        .map((n) => [n, 'r--']),
    );
    expectAccess(actors.adminChief, { ...below, dChiefOwn: 'rf-' });
  });

  it('a sheet of a unit the organisation does not know is out of every unit-bound reach', () => {
    const orphan = workplaceSheet('gone');
    expect(sheetAccess(actors.dChief, orphan, org)).toEqual({
      read: false,
      fill: false,
      signOff: false,
    });
    expect(sheetAccess(actors.auditorOnly, orphan, org).read).toBe(true);
  });

  it('stops on a cycle among units instead of walking forever', () => {
    const cyclic = {
      units: new Map([
        ['x', unit('x', 'section', 'y')],
        ['y', unit('y', 'department', 'x')],
      ]),
    };
    expect(sheetAccess(actors.sChief, workplaceSheet('x'), cyclic).read).toBe(false);
  });

  it('whoever may fill or sign off a sheet may also read it', () => {
    for (const who of Object.values(actors))
      for (const sheet of Object.values(sheets)) {
        const access = sheetAccess(who, sheet, org);
        if (access.fill || access.signOff) expect(access.read).toBe(true);
      }
  });
});

describe('acting as chief (代理)', () => {
  const acting = (base: Actor, ...actingUnitIds: string[]): Actor => ({ ...base, actingUnitIds });

  it('a staff member acting as chief reads and signs off that unit and below, as its chief would', () => {
    expectAccess(acting(actors.sStaff, 's'), {
      sStaffOwn: 'rfs',
      sColleague: 'r-s',
      sChiefOwn: 'r-s',
      sSeal: 'r-s',
      sSealKeptByStaff: 'rfs',
      sWorkplace: 'rfs',
      ssPerson: 'r-s',
      ssSeal: 'r-s',
      ssWorkplace: 'r-s',
    });
    expect(maySignOffAny(acting(actors.sStaff, 's'))).toBe(true);
  });

  it('acting for a subsection reaches only that subsection', () => {
    expectAccess(acting(actors.sStaff, 'ss'), {
      sStaffOwn: 'rf-',
      sSealKeptByStaff: 'rf-',
      sWorkplace: 'rf-',
      ssPerson: 'r-s',
      ssSeal: 'r-s',
      ssWorkplace: 'r-s',
    });
  });

  it('never makes an administrator sign off or read more', () => {
    const admin = acting(actors.adminOnly, 's');
    expect(maySignOffAny(admin)).toBe(false);
    expectAccess(admin, {});
  });

  it('does not let an acting chief appoint another', () => {
    expect(mayAppointActing(acting(actors.sStaff, 's'), units[2] as Unit)).toBe(false);
  });
});

describe('who appoints acting chiefs and reads the appointments', () => {
  const [b, d, s, ss, t] = units as [Unit, Unit, Unit, Unit, Unit];

  it('an administrator for any unit; a chief for their own unit and the units right below', () => {
    for (const u of [b, d, s, ss, t]) expect(mayAppointActing(actors.adminOnly, u)).toBe(true);
    expect([b, d, s, ss, t].filter((u) => mayAppointActing(actors.sChief, u))).toEqual([s, ss]);
    expect([b, d, s, ss, t].filter((u) => mayAppointActing(actors.dChief, u))).toEqual([d, s, t]);
    for (const who of [actors.sStaff, actors.custodian, actors.auditor])
      expect([b, d, s, ss, t].filter((u) => mayAppointActing(who, u))).toEqual([]);
  });

  it('auditors and administrators read all, chiefs their tree, everyone their own', () => {
    const inS = { unitId: 'ss', personId: 'ss-staff' };
    const inT = { unitId: 't', personId: 's-staff' };
    const readers = (a: { unitId: string; personId: string }) =>
      Object.entries(actors)
        .filter(([, who]) => mayReadAppointment(who, a, org))
        .map(([name]) => name);
    expect(readers(inS)).toEqual([
      'sChief',
      'dChief',
      'auditorOnly',
      'auditor',
      'adminOnly',
      'adminChief',
    ]);
    expect(readers(inT)).toEqual([
      'sStaff',
      'dChief',
      'auditorOnly',
      'auditor',
      'adminOnly',
      'adminChief',
    ]);
  });
});

describe('who signs off at all', () => {
  it.each([
    ['sStaff', false],
    ['sChief', true],
    ['dChief', true],
    ['custodian', false],
    ['auditor', false],
    ['adminOnly', false],
    ['adminChief', false],
  ] as const)('%s: %s', (name, expected) => {
    expect(maySignOffAny(actors[name])).toBe(expected);
  });

  it('in the table, only chiefs have a sign-off grant', () => {
    const signers = roles.filter((r) => permissionTable[r].signOffSheets !== undefined);
    expect(signers).toEqual(['chief']);
  });
});

describe('capabilities beyond sheets', () => {
  const all = Object.keys({
    readReports: true,
    readOrganisation: true,
    manageOrganisation: true,
    manageTemplates: true,
  } satisfies Record<Capability, true>) as Capability[];
  const capabilitiesOf = (who: Actor) => all.filter((capability) => can(who, capability));

  it.each([
    ['sStaff', []],
    ['sChief', []],
    ['custodian', []],
    ['auditorOnly', ['readReports', 'readOrganisation']],
    ['auditor', ['readReports', 'readOrganisation']],
    ['adminOnly', ['readOrganisation', 'manageOrganisation', 'manageTemplates']],
    ['adminChief', ['readOrganisation', 'manageOrganisation', 'manageTemplates']],
  ] as const)('%s may %j', (name, expected) => {
    expect(capabilitiesOf(actors[name])).toEqual(expected);
  });

  it('a person with no role may do nothing', () => {
    const nobody = actor('n', 's');
    expect(capabilitiesOf(nobody)).toEqual([]);
    expect(maySignOffAny(nobody)).toBe(false);
    expectAccess(nobody, {});
  });
});
