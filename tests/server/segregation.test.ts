// Segregation of duties through real sync pushes: nobody signs off a sheet they are
// responsible for, a chief's own sheet goes to the chief above (not to a fellow chief), an
// acting chief (代理) signs off only while the appointment is in force and never their own
// sheet, and a person moved by an HR import leaves their old sheets with the old unit's
// approvers and cannot approve what they submitted.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { appointmentResponseSchema, hrImportPreviewResponseSchema } from '@/shared/api/schemas.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import type { Template } from '@/shared/schemas/template.ts';
import type { MutationResult } from '@/shared/sync/protocol.ts';
import { loadOrganisation } from '@/server/hr/hr-import-store.ts';
import { signIn } from './support/api-session.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { SyncDevice } from './support/sync-device.ts';
import { testDatabases } from './support/test-databases.ts';

// The demo section 総務課 (u101010) has its chief p00014 and staff p00015–p00023; it sits
// in 総務部 (u1010), headed by its department head, under 総務局 (u10). 人事課 (u101020)
// is a sibling section.
const SECTION = 'u101010';
const DEPARTMENT = 'u1010';
const SIBLING = 'u101020';
const CHIEF = 'p00014';

describe.each(testDatabases())('segregation of duties on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  let ethics: Template;
  let now = new Date('2026-11-25T10:00:00+09:00');
  let departmentHead: string;
  let siblingChief: string;
  const staffNumbers = new Map<string, string>();

  /** Signed-in devices at the current time (sessions lapse as the clock moves on). */
  const devices = new Map<string, SyncDevice>();

  /** Moves the server's clock to a time in Japan. */
  const at = (japanTime: string) => {
    now = new Date(`${japanTime}+09:00`);
    devices.clear();
  };
  const sheetOf = (personId: string) => `ethics-self-check.2026.annual.${personId}`;

  /** The person's device; with `same`, that device signed in again after time moved on. */
  async function device(personId: string, same?: SyncDevice): Promise<SyncDevice> {
    const known = devices.get(personId);
    if (known && !same) return known;
    const staffNumber = staffNumbers.get(personId);
    if (!staffNumber) throw new Error(`no staff number for ${personId}`);
    const d = await SyncDevice.signIn(app, staffNumber, city.password, same?.clientId);
    if (same) Object.assign(d, { nextSeq: same.nextSeq, cursor: same.cursor, scope: same.scope });
    devices.set(personId, d);
    return d;
  }

  const revision = async (sheetId: string) =>
    (
      await city.db.query<{ revision: number }>('select revision from sheets where id = $1', [
        sheetId,
      ])
    )[0]?.revision ?? -1;
  const stateOf = async (sheetId: string) =>
    (await city.db.query<{ state: string }>('select state from sheets where id = $1', [sheetId]))[0]
      ?.state;

  /** The person fills in and submits their ethics sheet. */
  async function submitOwn(personId: string): Promise<string> {
    const sheetId = sheetOf(personId);
    const owner = await device(personId);
    await owner.push(
      ethics.sections
        .flatMap((s) => s.items)
        .map((item) =>
          owner.mutation('setAnswer', {
            sheetId,
            itemId: item.id,
            answer: { value: item.kind === 'agreement4' ? 2 : 'yes' },
            baseVersion: 0,
          }),
        ),
    );
    const [submitted] = await owner.push([
      owner.mutation('submitSheet', { sheetId, expectedRevision: await revision(sheetId) }),
    ]);
    expect(submitted?.status).toBe('applied');
    return sheetId;
  }

  /** One sign-off decision pushed from the person's device (a fresh one unless given). */
  async function decide(
    personId: string,
    sheetId: string,
    name: 'approveSheet' | 'returnSheet' = 'approveSheet',
    on?: SyncDevice,
  ): Promise<Pick<MutationResult, 'status' | 'code'>> {
    const d = on ?? (await device(personId));
    const expectedRevision = await revision(sheetId);
    const [result] = await d.push([
      name === 'approveSheet'
        ? d.mutation('approveSheet', { sheetId, expectedRevision })
        : d.mutation('returnSheet', { sheetId, expectedRevision, comment: '確認してください' }),
    ]);
    if (!result) throw new Error('no result');
    return { status: result.status, ...(result.code ? { code: result.code } : {}) };
  }
  const applied = { status: 'applied' };
  const refused = (code: string) => ({ status: 'rejected', code });

  async function appoint(by: string, personId: string, startsOn: string, endsOn: string) {
    const caller = (await device(by)).caller;
    const response = await caller.request('POST', '/api/acting-appointments', {
      unitId: SECTION,
      personId,
      startsOn,
      endsOn,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return appointmentResponseSchema.parse(await response.json()).appointment;
  }

  /**
   * An HR import through the API: the whole current register as the HR system would send
   * it, with some people changed.
   */
  async function hrImport(
    changes: Record<string, Partial<Pick<Person, 'unitId' | 'roles' | 'position'>>>,
  ) {
    const org = await loadOrganisation(city.db);
    const codes = new Map(org.units.map((u) => [u.id, u.code]));
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const lines = org.people
      .filter((p) => p.active)
      .map((p) => ({ ...p, ...changes[p.id] }))
      .map((p) =>
        [
          p.staffNumber,
          p.name,
          codes.get(p.unitId) ?? '',
          p.position,
          p.employmentType,
          p.ageBand,
          p.roles.join(';'),
        ]
          .map(quote)
          .join(','),
      );
    const csv = [
      'staff_number,name,unit_code,position,employment_type,age_band,roles',
      ...lines,
    ].join('\r\n');
    const peopleCsv = Buffer.from(csv, 'utf8').toString('base64');
    const admin = await signIn(app, city.accounts.admin.staffNumber, city.password);
    const preview = hrImportPreviewResponseSchema.parse(
      await (await admin.request('POST', '/api/hr-import/preview', { peopleCsv })).json(),
    );
    if (!preview.ok) throw new Error(`the import does not plan: ${JSON.stringify(preview.errors)}`);
    expect(preview.changes.leavers).toEqual([]);
    const applied = await admin.request('POST', '/api/hr-import', {
      peopleCsv,
      previewDigest: preview.digest,
    });
    expect(applied.status, await applied.clone().text()).toBe(200);
  }

  beforeAll(async () => {
    city = await openDemoCity(kind);
    app = createApp({ db: city.db, clock: () => now });
    const template = city.seeds.templates.find((t) => t.id === 'ethics-self-check');
    if (!template) throw new Error('no ethics template');
    ethics = template;
    for (const p of await city.db.query<{ id: string; staff_number: string }>(
      'select id, staff_number from people',
    ))
      staffNumbers.set(p.id, p.staff_number);
    const chiefOf = async (unitId: string) => {
      const [row] = await city.db.query<{ id: string }>(
        `select id from people where unit_id = $1 and 'chief' = any(roles) order by id limit 1`,
        [unitId],
      );
      if (!row) throw new Error(`${unitId} has no chief`);
      return row.id;
    };
    departmentHead = await chiefOf(DEPARTMENT);
    siblingChief = await chiefOf(SIBLING);
    expect(city.accounts.chief.id).toBe(CHIEF);
  });
  afterAll(() => city.db.close());

  it('nobody approves or returns their own sheet, not even a chief; the chief above does', async () => {
    const staffSheet = await submitOwn('p00017');
    expect(await decide('p00017', staffSheet)).toEqual(refused('forbidden'));
    expect(await decide('p00017', staffSheet, 'returnSheet')).toEqual(refused('forbidden'));

    const chiefSheet = await submitOwn(CHIEF);
    expect(await decide(CHIEF, chiefSheet)).toEqual(refused('not_permitted'));
    expect(await decide(CHIEF, chiefSheet, 'returnSheet')).toEqual(refused('not_permitted'));
    expect(await stateOf(chiefSheet)).toBe('submitted');
    expect(await decide(departmentHead, chiefSheet)).toEqual(applied);
    expect(await decide(CHIEF, staffSheet)).toEqual(applied);
    expect(await stateOf(chiefSheet)).toBe('approved');
  });

  it("a chief's own sheet goes to the parent unit's chief, never to a fellow chief of the unit", async () => {
    await hrImport({ p00023: { roles: ['staff', 'chief'], position: 'section_chief' } });
    try {
      const coChiefSheet = await submitOwn('p00023');
      expect(await decide(CHIEF, coChiefSheet)).toEqual(refused('not_permitted'));
      expect(await decide('p00023', coChiefSheet)).toEqual(refused('not_permitted'));
      expect(await decide(departmentHead, coChiefSheet, 'returnSheet')).toEqual(applied);
      // A staff member's sheet goes to either chief of the unit.
      const staffSheet = await submitOwn('p00018');
      expect(await decide(departmentHead, staffSheet)).toEqual(refused('not_permitted'));
      expect(await decide('p00023', staffSheet)).toEqual(applied);
    } finally {
      await hrImport({ p00023: { roles: ['staff'], position: 'subsection_chief' } });
    }
  });

  it('an acting chief signs off the unit’s sheets only while the appointment is in force, never their own', async () => {
    const acting = 'p00019';
    at('2026-11-25T10:00:00');
    const early = await submitOwn('p00020');
    const appointment = await appoint(CHIEF, acting, '2026-11-27', '2026-11-30');
    expect(appointment).toMatchObject({ status: 'scheduled', appointedBy: CHIEF, endedAt: null });

    // Before the first day: a staff member like any other.
    const before = await device(acting);
    await before.pullAll();
    expect(await decide(acting, early, 'approveSheet', before)).toEqual(refused('forbidden'));

    // The first day, just after midnight in Japan: the same device resets and sees the unit.
    at('2026-11-27T00:05:00');
    const during = await device(acting, before);
    const seen = await during.pullAll();
    expect(seen[0]?.reset).toBe(true);
    expect(seen.flatMap((p) => p.sheets.map((s) => s.id))).toContain(early);
    const own = await submitOwn(acting);
    expect(await decide(acting, own, 'approveSheet', during)).toEqual(refused('not_permitted'));
    expect(await decide(acting, early, 'returnSheet', during)).toEqual(applied);
    await submitOwn('p00020');
    expect(await decide(acting, early, 'approveSheet', during)).toEqual(applied);
    // Their own sheet: not to the chief either, who is now a fellow chief, but above.
    expect(await decide(CHIEF, own)).toEqual(refused('not_permitted'));
    expect(await decide(departmentHead, own)).toEqual(applied);

    // The last day still counts; the day after does not.
    at('2026-11-30T23:55:00');
    const late = await submitOwn('p00021');
    at('2026-12-01T00:05:00');
    const after = await device(acting, during);
    const next = await after.pullAll();
    expect(next[0]?.reset).toBe(true);
    expect(next.flatMap((p) => p.sheets.map((s) => s.id))).not.toContain(late);
    expect(await decide(acting, late, 'approveSheet', after)).toEqual(refused('forbidden'));
    expect(await decide(CHIEF, late)).toEqual(applied);
  });

  it('an acting chief ended early signs off nothing more from that moment', async () => {
    at('2026-12-01T09:00:00');
    const acting = 'p00016';
    const appointment = await appoint(departmentHead, acting, '2026-12-01', '2026-12-10');
    expect(appointment.status).toBe('in_force');
    const sheetId = await submitOwn('p00022');
    const on = await device(acting);
    expect(await decide(acting, sheetId, 'returnSheet', on)).toEqual(applied);
    await submitOwn('p00022');

    at('2026-12-02T09:00:00');
    const chief = await device(CHIEF);
    const ended = await chief.caller.request(
      'POST',
      `/api/acting-appointments/${appointment.id}/end`,
    );
    expect(ended.status).toBe(200);
    expect(appointmentResponseSchema.parse(await ended.json()).appointment).toMatchObject({
      status: 'ended',
      endedBy: CHIEF,
      endedAt: now.toISOString(),
    });
    expect(await decide(acting, sheetId, 'approveSheet', await device(acting, on))).toEqual(
      refused('forbidden'),
    );
    expect(await decide(CHIEF, sheetId)).toEqual(applied);
  });

  it('a moved person’s old sheets stay with the old unit’s approvers, and they never approve what they submitted', async () => {
    at('2026-12-03T09:00:00');
    const [movedAway, promoted] = (
      await city.db.query<{ id: string }>(
        `select id from people where unit_id = $1 and roles = array['staff'] order by id limit 2`,
        [SIBLING],
      )
    ).map((r) => r.id) as [string, string];
    const acting = 'p00015';
    await appoint(CHIEF, acting, '2026-12-03', '2026-12-20');
    const movedSheet = await submitOwn(movedAway);
    const promotedSheet = await submitOwn(promoted);
    // Returned in an earlier case; handed in again now.
    const stayingSheet = await submitOwn('p00023');

    // One staff member moves into the demo section; another becomes a chief of the
    // department above both sections; the acting chief moves away from the section.
    await hrImport({
      [movedAway]: { unitId: SECTION },
      [promoted]: { unitId: DEPARTMENT, roles: ['staff', 'chief'], position: 'department_head' },
      [acting]: { unitId: SIBLING },
    });
    const sheetUnits = await city.db.query<{ id: string; unit_id: string }>(
      'select id, unit_id from sheets where id = any($1::text[]) order by id',
      [[movedSheet, promotedSheet]],
    );
    expect(sheetUnits.map((s) => s.unit_id)).toEqual([SIBLING, SIBLING]);

    // The new unit's chief does not reach the old sheet; the old unit's chief signs it off.
    expect(await decide(CHIEF, movedSheet)).toEqual(refused('forbidden'));
    expect(await decide(siblingChief, movedSheet)).toEqual(applied);

    // Now a chief above their old sheet, the promoted person still cannot approve it.
    expect(await decide(promoted, promotedSheet)).toEqual(refused('not_permitted'));
    expect(await decide(promoted, promotedSheet, 'returnSheet')).toEqual(refused('not_permitted'));
    expect(await decide(siblingChief, promotedSheet)).toEqual(applied);

    // The acting chief who moved out of the section acts for it no more.
    expect(await decide(acting, stayingSheet)).toEqual(refused('forbidden'));
    expect(await decide(CHIEF, stayingSheet)).toEqual(applied);
  });
});
