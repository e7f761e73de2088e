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

const everyone: Statuses = [200, 200, 200, 200, 200, 200];
const signedIn: Statuses = [401, 200, 200, 200, 200, 200];
const adminOnly: Statuses = [401, 403, 403, 403, 403, 200];

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
  listUnits: [row(signedIn, '-', () => get('/api/units'))],
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
