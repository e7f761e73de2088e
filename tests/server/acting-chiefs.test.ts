// Acting chief appointments (代理) through the API: who may appoint whom and for when,
// overlaps refused, early ends recorded, what each person may list, the session naming the
// units a person acts for, and a record the database keeps as it was (never deleted, ended
// once).
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import {
  actingAppointmentsResponseSchema,
  appointmentResponseSchema,
  errorResponseSchema,
  sessionResponseSchema,
} from '@/shared/api/schemas.ts';
import { signIn, type ApiCaller } from './support/api-session.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { testDatabases } from './support/test-databases.ts';

// The demo section 総務課 (u101010): chief p00014, staff p00015–p00023, in 総務部 (u1010)
// with its sibling section 人事課 (u101020).
const SECTION = 'u101010';
const DEPARTMENT = 'u1010';
const SIBLING = 'u101020';

describe.each(testDatabases())('acting chief appointments on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  let now = new Date('2026-11-25T10:00:00+09:00');
  const staffNumbers = new Map<string, string>();
  let departmentHead: string;
  let siblingStaff: string;

  const callers = new Map<string, ApiCaller>();
  /** Signed in once per person while the clock stands (a session lapses as it moves on). */
  const as = async (personId: string): Promise<ApiCaller> => {
    const known = callers.get(personId);
    if (known) return known;
    const caller = await signIn(app, staffNumbers.get(personId) ?? '', city.password);
    callers.set(personId, caller);
    return caller;
  };
  const setClock = (japanTime: string) => {
    now = new Date(`${japanTime}+09:00`);
    callers.clear();
  };
  const appoint = async (
    by: string,
    body: { unitId?: string; personId: string; startsOn: string; endsOn: string },
  ) => (await as(by)).request('POST', '/api/acting-appointments', { unitId: SECTION, ...body });
  const list = async (by: string, unitId?: string) => {
    const response = await (
      await as(by)
    ).request('GET', `/api/acting-appointments${unitId ? `?unitId=${unitId}` : ''}`);
    expect(response.status).toBe(200);
    return actingAppointmentsResponseSchema.parse(await response.json());
  };
  const codeOf = async (response: Response) =>
    [response.status, errorResponseSchema.parse(await response.json()).error.code] as const;

  beforeAll(async () => {
    city = await openDemoCity(kind);
    app = createApp({ db: city.db, clock: () => now });
    for (const p of await city.db.query<{ id: string; staff_number: string }>(
      'select id, staff_number from people',
    ))
      staffNumbers.set(p.id, p.staff_number);
    const [head] = await city.db.query<{ id: string }>(
      `select id from people where unit_id = $1 and 'chief' = any(roles)`,
      [DEPARTMENT],
    );
    const [sibling] = await city.db.query<{ id: string }>(
      `select id from people where unit_id = $1 and roles = array['staff'] order by id limit 1`,
      [SIBLING],
    );
    if (!head || !sibling) throw new Error('the demo city changed');
    departmentHead = head.id;
    siblingStaff = sibling.id;
  });
  afterAll(() => city.db.close());

  it('records who appointed whom for when, and lists it with names to those who may read it', async () => {
    const response = await appoint('p00014', {
      personId: 'p00017',
      startsOn: '2026-11-25',
      endsOn: '2026-11-27',
    });
    expect(response.status).toBe(200);
    const { appointment } = appointmentResponseSchema.parse(await response.json());
    expect(appointment).toMatchObject({
      unitId: SECTION,
      unitName: '総務課',
      personId: 'p00017',
      personStaffNumber: staffNumbers.get('p00017'),
      startsOn: '2026-11-25',
      endsOn: '2026-11-27',
      appointedBy: 'p00014',
      appointedByName: city.accounts.chief.name,
      appointedAt: now.toISOString(),
      endedAt: null,
      endedBy: null,
      endedByName: null,
      status: 'in_force',
    });

    const ids = async (by: string) => (await list(by)).appointments.map((a) => a.id);
    for (const reader of ['p00014', departmentHead, 'p00017', city.accounts.auditor.id])
      expect(await ids(reader)).toContain(appointment.id);
    expect(await ids(city.accounts.admin.id)).toContain(appointment.id);
    for (const outsider of ['p00018', siblingStaff]) expect(await ids(outsider)).toEqual([]);
    expect((await list('p00017')).today).toBe('2026-11-25');
  });

  it('names the units a person acts for in their session, while in force', async () => {
    const session = async () =>
      sessionResponseSchema.parse(
        await (await (await as('p00017')).request('GET', '/api/session')).json(),
      );
    expect((await session()).person.actingUnitIds).toEqual([SECTION]);
    setClock('2026-11-28T00:00:00');
    expect((await session()).person.actingUnitIds).toEqual([]);
    setClock('2026-11-25T10:00:00');
  });

  it('offers as candidates the active people of the unit and below who are not its chief', async () => {
    const { candidates } = await list('p00014', SECTION);
    expect(candidates.map((c) => c.id)).toEqual([
      'p00015',
      'p00016',
      'p00017',
      'p00018',
      'p00019',
      'p00020',
      'p00021',
      'p00022',
      'p00023',
    ]);
    const above = await list(departmentHead, DEPARTMENT);
    expect(above.candidates.map((c) => c.id)).toContain('p00014');
    expect(above.candidates.map((c) => c.id)).not.toContain(departmentHead);
  });

  it('refuses overlapping appointments for one unit, and takes the next one once it is free', async () => {
    const clash = await appoint(departmentHead, {
      personId: 'p00018',
      startsOn: '2026-11-27',
      endsOn: '2026-12-05',
    });
    expect(await codeOf(clash)).toEqual([409, 'overlap']);
    const next = await appoint(departmentHead, {
      personId: 'p00018',
      startsOn: '2026-11-28',
      endsOn: '2026-12-05',
    });
    expect(next.status).toBe(200);
    // Another unit is another matter.
    const elsewhere = await appoint(city.accounts.admin.id, {
      unitId: SIBLING,
      personId: siblingStaff,
      startsOn: '2026-11-27',
      endsOn: '2026-12-05',
    });
    expect(elsewhere.status).toBe(200);
  });

  it('refuses whom it may not name, a start in the past, and callers without the right', async () => {
    const period = { startsOn: '2027-01-04', endsOn: '2027-01-08' };
    const cases: [string, { personId: string; unitId?: string }, number, string][] = [
      ['p00014', { personId: 'p00014' }, 400, 'not_eligible'],
      ['p00014', { personId: siblingStaff }, 400, 'not_eligible'],
      ['p00014', { personId: departmentHead }, 400, 'not_eligible'],
      [departmentHead, { personId: 'p99999' }, 404, 'not_found'],
      ['p00017', { personId: 'p00018' }, 403, 'forbidden'],
      ['p00014', { personId: siblingStaff, unitId: SIBLING }, 403, 'forbidden'],
      [city.accounts.auditor.id, { personId: 'p00018' }, 403, 'forbidden'],
    ];
    for (const [by, body, status, code] of cases)
      expect(await codeOf(await appoint(by, { ...period, ...body }))).toEqual([status, code]);
    await city.db.query('update people set active = false where id = $1', ['p00019']);
    try {
      expect(await codeOf(await appoint('p00014', { ...period, personId: 'p00019' }))).toEqual([
        400,
        'not_eligible',
      ]);
    } finally {
      await city.db.query('update people set active = true where id = $1', ['p00019']);
    }
    const past = await appoint('p00014', {
      personId: 'p00019',
      startsOn: '2026-11-24',
      endsOn: '2026-11-30',
    });
    expect(await codeOf(past)).toEqual([400, 'starts_in_the_past']);
    const reversed = await appoint('p00014', {
      personId: 'p00019',
      startsOn: '2027-01-08',
      endsOn: '2027-01-04',
    });
    expect(await codeOf(reversed)).toEqual([400, 'invalid_request']);
    const count = await city.db.query<{ n: number }>(
      `select count(*)::int as n from acting_appointments where starts_on >= '2027-01-01'`,
    );
    expect(count[0]?.n).toBe(0);
  });

  it('ends an appointment once, with who and when; an ended or finished one cannot be ended', async () => {
    const made = await appoint('p00014', {
      personId: 'p00020',
      startsOn: '2027-02-01',
      endsOn: '2027-02-05',
    });
    const { appointment } = appointmentResponseSchema.parse(await made.json());
    const end = async (by: string) =>
      (await as(by)).request('POST', `/api/acting-appointments/${appointment.id}/end`);
    expect(await codeOf(await end('p00020'))).toEqual([403, 'forbidden']);
    const ended = await end(departmentHead);
    expect(ended.status).toBe(200);
    expect(appointmentResponseSchema.parse(await ended.json()).appointment).toMatchObject({
      status: 'ended',
      endedBy: departmentHead,
      endedByName: expect.any(String),
      endedAt: now.toISOString(),
    });
    expect(await codeOf(await end('p00014'))).toEqual([409, 'already_ended']);

    const { appointments } = await list('p00014');
    const first = appointments.find((a) => a.personId === 'p00017');
    setClock('2026-11-28T09:00:00');
    try {
      const over = await (
        await as('p00014')
      ).request('POST', `/api/acting-appointments/${first?.id ?? ''}/end`);
      expect(await codeOf(over)).toEqual([409, 'already_over']);
    } finally {
      setClock('2026-11-25T10:00:00');
    }
  });

  it('keeps every appointment as recorded: no SQL deletes one or changes it but by ending it once', async () => {
    const [row] = await city.db.query<{ id: string; ended_at: Date | null }>(
      `select id, ended_at from acting_appointments where ended_at is not null limit 1`,
    );
    const [open] = await city.db.query<{ id: string }>(
      `select id from acting_appointments where ended_at is null limit 1`,
    );
    if (!row || !open) throw new Error('the cases above made no appointments');
    for (const [sql, id] of [
      ['delete from acting_appointments where id = $1', open.id],
      ["update acting_appointments set ends_on = '2030-01-01' where id = $1", open.id],
      ["update acting_appointments set person_id = 'p00021' where id = $1", open.id],
      [
        'update acting_appointments set ended_at = now(), ended_by = appointed_by where id = $1',
        row.id,
      ],
      ['update acting_appointments set ended_at = null, ended_by = null where id = $1', row.id],
    ] as const)
      await expect(city.db.query(sql, [id]), sql).rejects.toThrow(
        /never deleted|can only be ended/,
      );
  });
});
