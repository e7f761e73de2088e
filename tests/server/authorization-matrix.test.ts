// Every API operation × every caller (anonymous and the five demo accounts) × data in and
// out of their reach → the exact status. A new operation without an entry here fails, and
// so does a route mounted outside the operation list.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { operationList, operations, type OperationId } from '@/shared/api/operations.ts';
import { errorResponseSchema } from '@/shared/api/schemas.ts';
import { roles, type Role } from '@/shared/schemas/organisation.ts';
import { anonymous, signIn, type ApiCaller } from './support/api-session.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { testDatabases } from './support/test-databases.ts';

type Caller = 'anonymous' | Role;
const callers = ['anonymous', ...roles] as const satisfies readonly Caller[];

type Status = 200 | 400 | 401 | 403 | 404 | 409;
/** One status per caller, in the order of `callers`. */
type Statuses = readonly [
  anonymous: Status,
  staff: Status,
  chief: Status,
  seal_custodian: Status,
  auditor: Status,
  admin: Status,
];

/** What the tests know about the seeded city once it is loaded. */
interface World {
  city: DemoCityFixture;
  /** The demo person behind each signed-in caller (anonymous borrows the staff account's). */
  personOf(caller: Caller): { id: string; staffNumber: string; unitId: string };
  sheets: Record<
    | 'staffOwn'
    | 'demoSectionWorkplace'
    | 'demoSectionSeal'
    | 'subsectionBelowWorkplace'
    | 'siblingSectionPerson'
    | 'siblingSectionSeal'
    | 'departmentHeadAbove'
    | 'adminOwn',
    string
  >;
  /** Staff members of another section that only the people operations touch. */
  resetTarget: string;
  deactivateTarget: string;
  acting: ActingWorld;
  rounds: RoundsWorld;
}

/** What the acting chief operations work on, in the demo section and a sibling section. */
interface ActingWorld {
  units: Record<ActingUnit, string>;
  /** An active staff member of each (no demo account), whom an appointment may name. */
  appointee: Record<ActingUnit, string>;
  /** Appointments not yet begun, one per caller and unit, for each caller to end. */
  toEnd: Record<ActingUnit, Record<Caller, string>>;
  /** An appointment in the demo section that was already ended. */
  ended: string;
}
type ActingUnit = 'demoSection' | 'sibling';

/** What the round and seal register operations work on. */
interface RoundsWorld {
  sibling: string;
  /** A seal of each section as it is stored, to save again unchanged. */
  seals: Record<'demoSection' | 'sibling', SealBody>;
}
interface SealBody {
  id: string;
  name: string;
  custodianId: string;
  location: string;
  active: boolean;
}

interface Request {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}

interface Case {
  /** The data, as seen from the caller. */
  data: string;
  request(world: World, caller: Caller): Request;
  expected: Statuses;
  /**
   * The case ends or changes the caller's sessions: it signs in anew, and the caller's kept
   * session is signed in again afterwards.
   */
  freshSession?: true;
  /** Called before the request; the function it returns undoes what the request changed. */
  preserve?(world: World, caller: Caller): Promise<() => Promise<void>>;
}

const get = (path: string): Request => ({ method: 'GET', path });
const post = (path: string, body?: unknown): Request => ({
  method: 'POST',
  path,
  ...(body === undefined ? {} : { body }),
});
const sheet = (name: keyof World['sheets']) => (w: World) => get(`/api/sheets/${w.sheets[name]}`);
/** A round of the seeded fiscal year in a unit, for the follow-up operations. */
const roundQuery = (path: string, templateId: string, unitId: string) =>
  `/api/${path}?templateId=${templateId}&fiscalYear=2026&period=annual&unitId=${unitId}`;
/** A round of the seeded fiscal year for a report, in the city or in a unit. */
const reportRound = (path: string, templateId: string, unitId?: string) =>
  `/api/reports/${path}?templateId=${templateId}&fiscalYear=2026&period=annual${unitId ? `&unitId=${unitId}` : ''}`;

function row(
  expected: Statuses,
  data: string,
  request: Case['request'],
  options: Pick<Case, 'freshSession' | 'preserve'> = {},
): Case {
  return { data, request, expected, ...options };
}
/** A getSheet case, named by the sheet. */
const sheetRow = (expected: Statuses, name: keyof World['sheets']) =>
  row(expected, name, sheet(name));

const NEW_PASSWORD = 'matrix-new-password-1';

const keepCredentials =
  (personId: (w: World, c: Caller) => string) =>
  async (w: World, c: Caller): Promise<() => Promise<void>> => {
    const id = personId(w, c);
    const [saved] = await w.city.db.query<{ password_hash: string; must_change: boolean }>(
      'select password_hash, must_change from credentials where person_id = $1',
      [id],
    );
    if (!saved) throw new Error(`${id} has no credentials`);
    return async () => {
      await w.city.db.query(
        'update credentials set password_hash = $2, must_change = $3 where person_id = $1',
        [id, saved.password_hash, saved.must_change],
      );
    };
  };

const keepActive =
  async (w: World): Promise<() => Promise<void>> =>
  async () => {
    await w.city.db.query('update people set active = true where id = $1', [w.deactivateTarget]);
  };

const signInAs = (staffNumber: (w: World, c: Caller) => string, password?: string) => {
  return (w: World, c: Caller) =>
    post('/api/session', { staffNumber: staffNumber(w, c), password: password ?? w.city.password });
};
const changePassword = (current?: string) => (w: World) =>
  post('/api/session/password', {
    currentPassword: current ?? w.city.password,
    newPassword: NEW_PASSWORD,
  });
const reset = (id: (w: World, c: Caller) => string) => (w: World, c: Caller) =>
  post(`/api/people/${id(w, c)}/password`, { newPassword: NEW_PASSWORD });
const deactivate = (id: (w: World, c: Caller) => string) => (w: World, c: Caller) =>
  post(`/api/people/${id(w, c)}/deactivate`);
const hrFiles = { peopleCsv: '' };
const self = (w: World, c: Caller) => w.personOf(c).id;
const nobody = () => 'p99999';

// Far in the future, so no appointment made here is ever in force while the matrix runs.
const ACTING_STARTS = '2099-01-01';
const appoint =
  (
    unit: ActingUnit,
    changes: (w: World) => { unitId?: string; personId?: string; startsOn?: string } = () => ({}),
  ) =>
  (w: World) =>
    post('/api/acting-appointments', {
      unitId: w.acting.units[unit],
      personId: w.acting.appointee[unit],
      startsOn: ACTING_STARTS,
      endsOn: '2099-01-31',
      ...changes(w),
    });
/** Ends what the caller appointed, so the next caller's appointment does not overlap it. */
const endAppointed =
  (unit: ActingUnit) =>
  async (w: World): Promise<() => Promise<void>> =>
  async () => {
    await w.city.db.query(
      `update acting_appointments set ended_at = now(), ended_by = appointed_by
       where unit_id = $1 and starts_on = $2 and ended_at is null`,
      [w.acting.units[unit], ACTING_STARTS],
    );
  };
const endAppointment = (id: (w: World, c: Caller) => string) => (w: World, c: Caller) =>
  post(`/api/acting-appointments/${id(w, c)}/end`);
const listAppointments = (unitId?: (w: World) => string) => (w: World) =>
  get(`/api/acting-appointments${unitId ? `?unitId=${unitId(w)}` : ''}`);

// A round of a far fiscal year, so that no day the matrix runs on makes its due date past.
const startRoundIn =
  (unit: (w: World) => string, changes: Record<string, unknown> = {}) =>
  (w: World) =>
    post('/api/rounds', {
      templateId: 'ethics-self-check',
      templateVersion: 1,
      fiscalYear: 2098,
      period: 'annual',
      dueDate: '2099-01-29',
      unitIds: [unit(w)],
      ...changes,
    });
const demoSectionOf = (w: World) => w.personOf('chief').unitId;
const saveSealIn = (unit: (w: World) => string, seal: (w: World) => SealBody) => (w: World) =>
  post(`/api/units/${unit(w)}/seals`, seal(w));

/** The first seal of a section, as stored. */
async function sealOf(db: DemoCityFixture['db'], unitId: string): Promise<SealBody> {
  const [seal] = await db.query<SealBody>(
    `select id, name, custodian_id as "custodianId", location, active from seals
     where unit_id = $1 and active order by id limit 1`,
    [unitId],
  );
  if (!seal) throw new Error(`${unitId} has no seal`);
  return seal;
}

const everyone: Statuses = [200, 200, 200, 200, 200, 200];
const signedIn: Statuses = [401, 200, 200, 200, 200, 200];
const adminOnly: Statuses = [401, 403, 403, 403, 403, 200];
const auditorOnly: Statuses = [401, 403, 403, 403, 200, 403];

/** The appointments the acting chief cases end, made straight in the database. */
async function actingWorld(
  db: DemoCityFixture['db'],
  known: Pick<ActingWorld, 'units' | 'appointee'> & { by: string },
): Promise<ActingWorld> {
  const insert = async (unit: ActingUnit, month: number, ended: boolean) => {
    const id = `matrix-${unit}-${month}`;
    const first = `2098-${String(month).padStart(2, '0')}-01`;
    await db.query(
      `insert into acting_appointments (id, unit_id, person_id, starts_on, ends_on,
         appointed_by, appointed_at, ended_at, ended_by)
       values ($1, $2, $3, $4, $4::date + 9, $5, now(), $6, $7)`,
      [
        id,
        known.units[unit],
        known.appointee[unit],
        first,
        known.by,
        ended ? new Date() : null,
        ended ? known.by : null,
      ],
    );
    return id;
  };
  const perCaller = async (unit: ActingUnit) => {
    const ids: Partial<Record<Caller, string>> = {};
    for (const [i, caller] of callers.entries()) ids[caller] = await insert(unit, i + 1, false);
    return ids as Record<Caller, string>;
  };
  return {
    ...known,
    toEnd: { demoSection: await perCaller('demoSection'), sibling: await perCaller('sibling') },
    ended: await insert('demoSection', 12, true),
  };
}

// Statuses in the order of the callers: anonymous, staff, chief, seal_custodian, auditor, admin.
const matrix: Record<OperationId, readonly Case[]> = {
  getHealth: [row(everyone, '-', () => get('/api/health'))],
  getOpenApi: [row(everyone, '-', () => get('/api/openapi.json'))],
  signIn: [
    row(
      everyone,
      "the staff member's password",
      signInAs((w) => w.personOf('staff').staffNumber),
    ),
    // One failure per account, so that no account reaches the throttle.
    row(
      [401, 401, 401, 401, 401, 401],
      "a wrong password for the caller's own account",
      signInAs((w, c) => w.personOf(c).staffNumber, 'not-the-password'),
    ),
  ],
  getSession: [row(signedIn, '-', () => get('/api/session'))],
  signOut: [
    row(signedIn, 'their own session', () => ({ method: 'DELETE', path: '/api/session' }), {
      freshSession: true,
    }),
  ],
  changePassword: [
    row(signedIn, 'the right current password', changePassword(), {
      freshSession: true,
      preserve: keepCredentials(self),
    }),
    row([401, 403, 403, 403, 403, 403], 'a wrong current password', changePassword('wrong-one')),
  ],
  listTemplates: [row(signedIn, '-', () => get('/api/templates'))],
  // Which sheets each caller gets is checked separately below.
  listSheets: [row(signedIn, '-', () => get('/api/sheets'))],
  getSheet: [
    //       anon staff chief seal aud  admin
    sheetRow([401, 200, 200, 403, 200, 403], 'staffOwn'),
    sheetRow([401, 200, 200, 200, 200, 403], 'demoSectionWorkplace'),
    sheetRow([401, 403, 200, 200, 200, 403], 'demoSectionSeal'),
    sheetRow([401, 403, 200, 403, 200, 403], 'subsectionBelowWorkplace'),
    sheetRow([401, 403, 403, 403, 200, 403], 'siblingSectionPerson'),
    sheetRow([401, 403, 403, 403, 200, 403], 'siblingSectionSeal'),
    sheetRow([401, 403, 403, 403, 200, 403], 'departmentHeadAbove'),
    sheetRow([401, 403, 403, 403, 200, 200], 'adminOwn'),
    row([401, 404, 404, 404, 404, 404], 'no such sheet', () => get('/api/sheets/no-such-sheet')),
  ],
  verifySheet: [
    //   anon staff chief seal aud  admin
    row([401, 200, 200, 403, 200, 403], 'staffOwn', (w) =>
      get(`/api/sheets/${w.sheets.staffOwn}/verify`),
    ),
    row([401, 403, 403, 403, 200, 403], 'siblingSectionPerson', (w) =>
      get(`/api/sheets/${w.sheets.siblingSectionPerson}/verify`),
    ),
    row([401, 404, 404, 404, 404, 404], 'no such sheet', () =>
      get('/api/sheets/no-such-sheet/verify'),
    ),
  ],
  // The auditor's unit is outside the demo chief's unit tree.
  listRounds: [row([401, 403, 200, 403, 200, 200], '-', () => get('/api/rounds'))],
  // The chief's start creates the section's sheets of that year; the admin's then none.
  startRound: [
    //   anon staff chief seal aud  admin
    row([401, 403, 200, 403, 403, 200], "the chief's own section", startRoundIn(demoSectionOf)),
    row(
      [401, 403, 403, 403, 403, 200],
      'a sibling section',
      startRoundIn((w) => w.rounds.sibling),
    ),
    row(
      [401, 403, 404, 403, 403, 404],
      'no such template',
      startRoundIn(demoSectionOf, { templateId: 'no-such-template' }),
    ),
    row(
      [401, 403, 400, 403, 403, 400],
      'a due date passed',
      startRoundIn(demoSectionOf, { fiscalYear: 2001, dueDate: '2001-04-02' }),
    ),
    row([401, 400, 400, 400, 400, 400], 'no units', startRoundIn(demoSectionOf, { unitIds: [] })),
  ],
  getRoundProgress: [
    //   anon staff chief seal aud  admin
    row([401, 403, 200, 403, 200, 403], "the chief's own section", (w) =>
      get(roundQuery('progress', 'ethics-self-check', w.personOf('chief').unitId)),
    ),
    row([401, 403, 403, 403, 200, 403], "the auditor's unit", (w) =>
      get(roundQuery('progress', 'ethics-self-check', w.personOf('auditor').unitId)),
    ),
    row([401, 404, 404, 404, 404, 404], 'no such unit', () =>
      get(roundQuery('progress', 'ethics-self-check', 'no-such-unit')),
    ),
    row([401, 400, 400, 400, 400, 400], 'no such period', (w) =>
      get(
        roundQuery('progress', 'ethics-self-check', w.personOf('chief').unitId).replace(
          'annual',
          'weekly',
        ),
      ),
    ),
  ],
  sendReminder: [
    //   anon staff chief seal aud  admin
    row([401, 403, 200, 403, 403, 403], 'staffOwn', (w) =>
      post(`/api/sheets/${w.sheets.staffOwn}/reminders`, {}),
    ),
    row([401, 403, 403, 403, 403, 403], 'siblingSectionPerson', (w) =>
      post(`/api/sheets/${w.sheets.siblingSectionPerson}/reminders`, { message: 'please' }),
    ),
    row([401, 404, 404, 404, 404, 404], 'no such sheet', () =>
      post('/api/sheets/no-such-sheet/reminders', {}),
    ),
  ],
  getMeetingSummary: [
    //   anon staff chief seal aud  admin
    row([401, 403, 200, 403, 200, 403], "the chief's own section", (w) =>
      get(roundQuery('meeting-summary', 'ethics-self-check', w.personOf('chief').unitId)),
    ),
    row([401, 403, 403, 403, 200, 403], "the auditor's unit", (w) =>
      get(roundQuery('meeting-summary', 'ethics-self-check', w.personOf('auditor').unitId)),
    ),
    row([401, 403, 400, 403, 400, 403], "a workplace template in the chief's section", (w) =>
      get(roundQuery('meeting-summary', 'internal-control-risk-sheet', w.personOf('chief').unitId)),
    ),
  ],
  // Reports read the whole city and change nothing: auditors only, whatever the data.
  getCompletionReport: [
    row(auditorOnly, 'the fiscal year', () => get('/api/reports/completion?fiscalYear=2026')),
    row(auditorOnly, 'a round, as CSV', () =>
      get(
        '/api/reports/completion?fiscalYear=2026&templateId=ethics-self-check&period=annual&format=csv',
      ),
    ),
    row([401, 403, 403, 403, 400, 403], 'no fiscal year', () => get('/api/reports/completion')),
  ],
  getAnswerTrends: [
    row(auditorOnly, 'the city', () => get(reportRound('answer-trends', 'ethics-self-check'))),
    row(auditorOnly, "the chief's own section, as XLSX", (w) =>
      get(
        `${reportRound('answer-trends', 'ethics-self-check', w.personOf('chief').unitId)}&format=xlsx`,
      ),
    ),
    row([401, 403, 403, 403, 404, 403], 'no such unit', () =>
      get(reportRound('answer-trends', 'ethics-self-check', 'no-such-unit')),
    ),
    row([401, 403, 403, 403, 404, 403], 'no such template', () =>
      get(reportRound('answer-trends', 'no-such-template')),
    ),
  ],
  getNoShares: [
    row(auditorOnly, 'the city', () =>
      get(reportRound('no-shares', 'document-management-self-check')),
    ),
    row([401, 403, 403, 403, 400, 403], 'no such format', () =>
      get(`${reportRound('no-shares', 'document-management-self-check')}&format=pdf`),
    ),
  ],
  getRiskRegister: [
    row(auditorOnly, 'the fiscal year', () => get('/api/reports/risk-register?fiscalYear=2026')),
    row(auditorOnly, "the deficiencies of the chief's section, as CSV", (w) =>
      get(
        `/api/reports/risk-register?fiscalYear=2026&unitId=${w.personOf('chief').unitId}&format=csv&table=deficiencies`,
      ),
    ),
  ],
  getRoundEvidence: [
    row(auditorOnly, "the chief's own section", (w) =>
      get(reportRound('evidence', 'ethics-self-check', w.personOf('chief').unitId)),
    ),
    row([401, 403, 403, 403, 404, 403], 'no such unit', () =>
      get(reportRound('evidence', 'ethics-self-check', 'no-such-unit')),
    ),
  ],
  listUnits: [row(signedIn, '-', () => get('/api/units'))],
  // Which people and seals each caller gets is checked in review.test.ts.
  getDirectory: [row(signedIn, '-', () => get('/api/directory'))],
  listSeals: [
    //   anon staff chief seal aud  admin
    row([401, 403, 200, 200, 200, 200], 'the demo section', (w) =>
      get(`/api/units/${demoSectionOf(w)}/seals`),
    ),
    row([401, 403, 403, 403, 200, 200], 'a sibling section', (w) =>
      get(`/api/units/${w.rounds.sibling}/seals`),
    ),
    row([401, 404, 404, 404, 404, 404], 'no such unit', () => get('/api/units/no-such-unit/seals')),
  ],
  // Seals saved as they are: nothing changes.
  saveSeal: [
    //   anon staff chief seal aud  admin
    row(
      [401, 403, 200, 403, 403, 200],
      "a demo section's seal",
      saveSealIn(demoSectionOf, (w) => w.rounds.seals.demoSection),
    ),
    row(
      [401, 403, 403, 403, 403, 200],
      "a sibling section's seal",
      saveSealIn(
        (w) => w.rounds.sibling,
        (w) => w.rounds.seals.sibling,
      ),
    ),
    row(
      [401, 403, 400, 403, 403, 400],
      'a custodian from another unit',
      saveSealIn(demoSectionOf, (w) => ({
        ...w.rounds.seals.demoSection,
        custodianId: w.rounds.seals.sibling.custodianId,
      })),
    ),
    row(
      [401, 404, 404, 404, 404, 404],
      'no such unit',
      saveSealIn(
        () => 'no-such-unit',
        (w) => w.rounds.seals.demoSection,
      ),
    ),
  ],
  listPeople: [row([401, 403, 403, 403, 200, 200], '-', () => get('/api/people'))],
  resetPassword: [
    row(
      adminOnly,
      'another person',
      reset((w) => w.resetTarget),
      {
        preserve: keepCredentials((w) => w.resetTarget),
      },
    ),
    row([401, 403, 403, 403, 403, 400], 'themselves', reset(self)),
    row([401, 403, 403, 403, 403, 404], 'nobody', reset(nobody)),
  ],
  deactivatePerson: [
    row(
      adminOnly,
      'another person',
      deactivate((w) => w.deactivateTarget),
      {
        preserve: keepActive,
      },
    ),
    row([401, 403, 403, 403, 403, 400], 'themselves', deactivate(self)),
    row([401, 403, 403, 403, 403, 404], 'nobody', deactivate(nobody)),
  ],
  // Which appointments each caller gets is checked in acting-chiefs.test.ts.
  listActingAppointments: [
    row(signedIn, '-', listAppointments()),
    row(
      [401, 403, 200, 403, 403, 200],
      'with the candidates of the demo section',
      listAppointments((w) => w.acting.units.demoSection),
    ),
    row(
      [401, 403, 403, 403, 403, 200],
      'with the candidates of a sibling section',
      listAppointments((w) => w.acting.units.sibling),
    ),
    row(
      [401, 404, 404, 404, 404, 404],
      'with the candidates of no such unit',
      listAppointments(() => 'no-such-unit'),
    ),
  ],
  appointActingChief: [
    row([401, 403, 200, 403, 403, 200], 'the demo section', appoint('demoSection'), {
      preserve: endAppointed('demoSection'),
    }),
    row([401, 403, 403, 403, 403, 200], 'a sibling section', appoint('sibling'), {
      preserve: endAppointed('sibling'),
    }),
    row(
      [401, 403, 400, 403, 403, 400],
      "the demo section's own chief",
      appoint('demoSection', (w) => ({ personId: w.personOf('chief').id })),
    ),
    row(
      [401, 403, 400, 403, 403, 400],
      'a first day in the past',
      appoint('demoSection', () => ({ startsOn: '2001-04-01' })),
    ),
    row(
      [401, 400, 400, 400, 400, 400],
      'a last day before the first',
      appoint('demoSection', () => ({ startsOn: '2099-02-01' })),
    ),
    row(
      [401, 404, 404, 404, 404, 404],
      'no such unit',
      appoint('demoSection', () => ({ unitId: 'no-such-unit' })),
    ),
  ],
  endActingAppointment: [
    row(
      [401, 403, 200, 403, 403, 200],
      'one in the demo section',
      endAppointment((w, c) => w.acting.toEnd.demoSection[c]),
    ),
    row(
      [401, 403, 403, 403, 403, 200],
      'one in a sibling section',
      endAppointment((w, c) => w.acting.toEnd.sibling[c]),
    ),
    row(
      [401, 403, 409, 403, 403, 409],
      'one already ended',
      endAppointment((w) => w.acting.ended),
    ),
    row(
      [401, 404, 404, 404, 404, 404],
      'no such appointment',
      endAppointment(() => 'no-such-appointment'),
    ),
  ],
  // Each mutation's reach is decided inside the push (a recorded rejection, see sync.test.ts);
  // the request itself is open to every signed-in person.
  syncPush: [
    row(signedIn, "an answer on the staff member's own sheet", (w, c) =>
      post('/api/sync/push', {
        clientId: `matrix-${c.replace('_', '-')}`,
        schemaVersion: 1,
        mutations: [
          {
            seq: 1,
            name: 'setAnswer',
            args: {
              sheetId: w.sheets.staffOwn,
              itemId: 'gifts-refuse',
              answer: { value: 1 },
              baseVersion: 0,
            },
            schemaVersion: 1,
            madeAt: '',
          },
        ],
      }),
    ),
  ],
  syncPull: [
    row(signedIn, 'a first pull', (_, c) =>
      get(`/api/sync/pull?clientId=matrix-pull-${c.replace('_', '-')}&cursor=0&schemaVersion=1`),
    ),
  ],
  // An empty people file: the preview reports it and nothing is applied.
  previewHrImport: [row(adminOnly, 'an empty file', () => post('/api/hr-import/preview', hrFiles))],
  applyHrImport: [
    row([401, 403, 403, 403, 403, 409], 'a preview that no longer holds', () =>
      post('/api/hr-import', { ...hrFiles, previewDigest: '0'.repeat(64) }),
    ),
  ],
};

const rows = Object.entries(matrix).flatMap(([id, cases]) =>
  cases.flatMap((testCase) =>
    callers.map((caller, i) => ({
      id: id as OperationId,
      testCase,
      caller,
      status: testCase.expected[i] as Status,
    })),
  ),
);

describe('the matrix itself', () => {
  it('has an entry for every operation, and for nothing else', () => {
    expect(Object.keys(matrix).sort()).toEqual(operationList.map((op) => op.id).sort());
  });

  it('matches the routes the app registers with the operations', () => {
    const app = createApp({ db: {} as never });
    const registered = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/*')
      .map((r) => `${r.method} ${r.path}`);
    const declared = operationList.map(
      (op) => `${op.method.toUpperCase()} /api${op.path.replace(/\{(\w+)\}/g, ':$1')}`,
    );
    expect(registered.sort()).toEqual(declared.sort());
    // For every method, only middleware and the catch-all for unknown API paths.
    for (const route of app.routes.filter((r) => r.method === 'ALL'))
      expect(route.path).toBe('/api/*');
  });
});

describe.each(testDatabases())('the authorization matrix on $name', (kind) => {
  let world: World;
  let app: Hono;
  const kept = new Map<Role, ApiCaller>();

  beforeAll(async () => {
    const city = await openDemoCity(kind);
    const { db, accounts } = city;
    app = createApp({ db });

    // A subsection (係) under the demo section, with its own workplace sheet, so the chief has
    // a unit below theirs.
    const demoSection = accounts.chief.unitId;
    const subsection = `${demoSection}-1`;
    await db.query(
      `insert into units (id, code, name, kind, parent_id) values ($1, $2, '庶務係', 'subsection', $3)`,
      [subsection, `${demoSection.slice(1)}-1`, demoSection],
    );
    const [workplaceTemplate] = await db.query<{ id: string; version: number }>(
      `select id, max(version) as version from templates
       where body->>'assignment' = 'workplace' group by id order by id limit 1`,
    );
    if (!workplaceTemplate) throw new Error('no workplace template');
    const subsectionBelowWorkplace = `${workplaceTemplate.id}.2026.annual.${subsection}`;
    await db.query(
      `insert into sheets (id, template_id, template_version, unit_id, owner_kind, fiscal_year, period, due_date, state)
       values ($1, $2, $3, $4, 'workplace', 2026, 'annual', '2027-02-26', 'draft')`,
      [subsectionBelowWorkplace, workplaceTemplate.id, workplaceTemplate.version, subsection],
    );

    const one = async (sql: string, params: unknown[]): Promise<string> => {
      const [row] = await db.query<{ id: string }>(`${sql} order by id limit 1`, params);
      if (!row) throw new Error(`nothing found for ${sql} with ${params.join(', ')}`);
      return row.id;
    };
    const personSheetOf = (personId: string) =>
      one(`select id from sheets where owner_kind = 'person' and owner_person_id = $1`, [personId]);
    const sealSheetIn = (unitId: string) =>
      one(`select id from sheets where owner_kind = 'seal' and unit_id = $1`, [unitId]);
    const department = await one('select parent_id as id from units where id = $1', [demoSection]);
    const sibling = await one(
      `select id from units where parent_id = $1 and id <> $2 and id <> $3`,
      [department, demoSection, accounts.auditor.unitId],
    );
    const staffOnlyIn = async (unitId: string, skip: number) => {
      const [row] = await db.query<{ id: string }>(
        `select id from people where unit_id = $1 and active and roles = array['staff']
         order by id offset $2 limit 1`,
        [unitId, skip],
      );
      if (!row) throw new Error(`no staff member in ${unitId}`);
      return row.id;
    };

    world = {
      city,
      personOf: (caller) => accounts[caller === 'anonymous' ? 'staff' : caller],
      sheets: {
        staffOwn: await personSheetOf(accounts.staff.id),
        demoSectionWorkplace: await one(
          `select id from sheets where owner_kind = 'workplace' and unit_id = $1`,
          [demoSection],
        ),
        demoSectionSeal: await sealSheetIn(demoSection),
        subsectionBelowWorkplace,
        siblingSectionPerson: await personSheetOf(await staffOnlyIn(sibling, 0)),
        siblingSectionSeal: await sealSheetIn(sibling),
        departmentHeadAbove: await personSheetOf(
          await one(`select id from people where unit_id = $1 and 'chief' = any(roles)`, [
            department,
          ]),
        ),
        adminOwn: await personSheetOf(accounts.admin.id),
      },
      resetTarget: await staffOnlyIn(sibling, 1),
      deactivateTarget: await staffOnlyIn(sibling, 2),
      acting: await actingWorld(db, {
        units: { demoSection, sibling },
        appointee: {
          demoSection: await one(
            `select id from people where unit_id = $1 and active and roles = array['staff']
               and id <> $2`,
            [demoSection, accounts.staff.id],
          ),
          sibling: await staffOnlyIn(sibling, 3),
        },
        by: accounts.admin.id,
      }),
      rounds: {
        sibling,
        seals: { demoSection: await sealOf(db, demoSection), sibling: await sealOf(db, sibling) },
      },
    };
  });
  afterAll(() => world.city.db.close());

  const session = async (caller: Caller, fresh: boolean): Promise<ApiCaller> => {
    if (caller === 'anonymous') return anonymous(app);
    const known = kept.get(caller);
    if (known && !fresh) return known;
    const signed = await signIn(app, world.personOf(caller).staffNumber, world.city.password);
    if (!fresh) kept.set(caller, signed);
    return signed;
  };

  it.each(rows)(
    '$id · $testCase.data · $caller → $status',
    async ({ id, testCase, caller, status }) => {
      const who = await session(caller, testCase.freshSession ?? false);
      const undo = await testCase.preserve?.(world, caller);
      try {
        const { method, path, body } = testCase.request(world, caller);
        const response = await who.request(method, path, body);
        const text = await response.text();
        expect(response.status, text).toBe(status);
        // A report asked for as a file is checked in reports.test.ts; here only that it is one.
        if (status === 200 && /[?&]format=(csv|xlsx)/.test(path)) {
          expect(operations[id]).toHaveProperty('downloads', true);
          expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
          return;
        }
        const json: unknown = JSON.parse(text);
        if (status === 200) operations[id].response.parse(json);
        else errorResponseSchema.parse(json);
      } finally {
        await undo?.();
        if (testCase.freshSession && caller !== 'anonymous') kept.delete(caller);
      }
    },
  );

  /** The sheets a person may read, straight from the tables: own sheets, plus what each role adds. */
  const inReach: Record<Role, { sql: string; sanity: (ids: string[], w: World) => void }> = {
    staff: {
      sql: `select id from sheets where owner_person_id = $1
            or (owner_kind = 'workplace' and unit_id = $2)`,
      sanity: (ids, w) => {
        expect(ids).toContain(w.sheets.staffOwn);
        expect(ids).toContain(w.sheets.demoSectionWorkplace);
        expect(ids).not.toContain(w.sheets.demoSectionSeal);
      },
    },
    chief: {
      sql: `with recursive tree (id) as (
              select id from units where id = $2
              union all select u.id from units u join tree t on u.parent_id = t.id)
            select id from sheets where owner_person_id = $1 or unit_id in (select id from tree)`,
      sanity: (ids, w) => {
        expect(ids).toContain(w.sheets.staffOwn);
        expect(ids).toContain(w.sheets.subsectionBelowWorkplace);
        expect(ids).not.toContain(w.sheets.departmentHeadAbove);
        expect(ids).not.toContain(w.sheets.siblingSectionPerson);
      },
    },
    seal_custodian: {
      sql: `select id from sheets where owner_person_id = $1
            or (owner_kind in ('workplace', 'seal') and unit_id = $2)`,
      sanity: (ids, w) => {
        expect(ids).toContain(w.sheets.demoSectionSeal);
        expect(ids).not.toContain(w.sheets.staffOwn);
        expect(ids).not.toContain(w.sheets.siblingSectionSeal);
      },
    },
    auditor: {
      sql: `select id from sheets where $1::text is not null and $2::text is not null`,
      sanity: (ids, w) => expect(ids).toContain(w.sheets.departmentHeadAbove),
    },
    // The demo administrator is also staff: their own sheets only.
    admin: {
      sql: `select id from sheets where owner_person_id = $1
            or (owner_kind = 'workplace' and unit_id = $2)`,
      sanity: (ids, w) => {
        expect(ids).toContain(w.sheets.adminOwn);
        expect(ids).not.toContain(w.sheets.demoSectionWorkplace);
      },
    },
  };

  it.each(roles)('listSheets gives the %s exactly the sheets in their reach', async (role) => {
    const person = world.personOf(role);
    const rowsInReach = await world.city.db.query<{ id: string }>(inReach[role].sql, [
      person.id,
      person.unitId,
    ]);
    const expected = rowsInReach.map((r) => r.id).sort();
    inReach[role].sanity(expected, world);

    const response = await (await session(role, false)).request('GET', '/api/sheets');
    expect(response.status).toBe(200);
    const { sheets } = operations.listSheets.response.parse(await response.json());
    expect(sheets.map((s) => s.id).sort()).toEqual(expected);
  });

  it('the auditor lists every sheet of the city', async () => {
    const [total] = await world.city.db.query<{ n: number }>(
      'select count(*)::int as n from sheets',
    );
    const response = await (await session('auditor', false)).request('GET', '/api/sheets');
    const { sheets } = operations.listSheets.response.parse(await response.json());
    expect(sheets).toHaveLength(total?.n ?? -1);
  });
});
