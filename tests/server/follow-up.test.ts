// Following up a round in the demo section: the progress counts and rows, a reminder that
// reaches exactly the people who must act at their next pull and only once, who may
// follow up and remind, and the meeting summary: anonymous, from handed-in sheets only,
// and hidden while fewer than five people have handed theirs in.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { operations } from '@/shared/api/operations.ts';
import { errorResponseSchema } from '@/shared/api/schemas.ts';
import type { Template } from '@/shared/schemas/template.ts';
import { signIn, type ApiCaller } from './support/api-session.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { SyncDevice } from './support/sync-device.ts';
import { testDatabases } from './support/test-databases.ts';

const SECTION = 'u101010';
const ethicsSheet = (personId: string) => `ethics-self-check.2026.annual.${personId}`;
const round = (path: string, templateId: string, unitId = SECTION) =>
  `/api/${path}?templateId=${templateId}&fiscalYear=2026&period=annual&unitId=${unitId}`;

describe.each(testDatabases())('following up a round on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  let ethics: Template;
  /** The section's people other than the chief, by id, with their staff numbers. */
  let members: { id: string; staffNumber: string; name: string }[];
  let chief: ApiCaller;
  const devices = new Map<string, SyncDevice>();

  /** One device per person, kept, so its cursor shows what each pull adds. */
  async function deviceOf(staffNumber: string): Promise<SyncDevice> {
    const known = devices.get(staffNumber);
    if (known) return known;
    const device = await SyncDevice.signIn(app, staffNumber, city.password);
    devices.set(staffNumber, device);
    return device;
  }
  const member = (i: number) => {
    const m = members[i];
    if (!m) throw new Error(`the section has no member ${i}`);
    return m;
  };
  const revision = async (sheetId: string) =>
    (
      await city.db.query<{ revision: number }>('select revision from sheets where id = $1', [
        sheetId,
      ])
    )[0]?.revision ?? -1;

  /** Answers every statement of a person's ethics sheet with `value` and submits it. */
  async function submitEthics(staffNumber: string, personId: string, value: number) {
    const device = await deviceOf(staffNumber);
    const sheetId = ethicsSheet(personId);
    const items = ethics.sections.flatMap((s) => s.items).filter((i) => i.kind === 'agreement4');
    await device.push([
      ...items.map((item) =>
        device.mutation('setAnswer', {
          sheetId,
          itemId: item.id,
          answer: { value },
          baseVersion: 0,
        }),
      ),
      // Free text, which the meeting view must never show.
      device.mutation('setAnswer', {
        sheetId,
        itemId: 'reflection-notes',
        answer: { value: `${personId} wrote this` },
        baseVersion: 0,
      }),
    ]);
    const [submitted] = await device.push([
      device.mutation('submitSheet', { sheetId, expectedRevision: await revision(sheetId) }),
    ]);
    expect(submitted?.status).toBe('applied');
    return sheetId;
  }

  async function decide(sheetId: string, decision: 'approve' | 'return') {
    const device = await deviceOf(city.accounts.chief.staffNumber);
    const expectedRevision = await revision(sheetId);
    const [result] = await device.push([
      decision === 'approve'
        ? device.mutation('approveSheet', { sheetId, expectedRevision })
        : device.mutation('returnSheet', { sheetId, expectedRevision, comment: 'please check' }),
    ]);
    expect(result?.status).toBe('applied');
  }

  async function progress(caller: ApiCaller, templateId = 'ethics-self-check', unitId = SECTION) {
    const response = await caller.request('GET', round('progress', templateId, unitId));
    expect(response.status).toBe(200);
    return operations.getRoundProgress.response.parse(await response.json());
  }

  async function remind(caller: ApiCaller, sheetId: string, body: object = {}) {
    return caller.request('POST', `/api/sheets/${sheetId}/reminders`, body);
  }

  const reminderCount = async () =>
    Number((await city.db.query<{ n: string }>('select count(*) as n from reminders'))[0]?.n);

  beforeAll(async () => {
    city = await openDemoCity(kind);
    // Three days after the ethics sheets' due date (29 January), in fiscal year 2026.
    app = createApp({ db: city.db, clock: () => new Date('2027-02-01T01:00:00Z') });
    const template = city.seeds.templates.find((t) => t.id === 'ethics-self-check');
    if (!template) throw new Error('no ethics template');
    ethics = template;
    members = (
      await city.db.query<{ id: string; staff_number: string; name: string }>(
        `select id, staff_number, name from people
         where unit_id = $1 and active and not ('chief' = any(roles)) order by id`,
        [SECTION],
      )
    ).map((r) => ({ id: r.id, staffNumber: r.staff_number, name: r.name }));
    expect(members.length).toBeGreaterThanOrEqual(6);
    chief = await signIn(app, city.accounts.chief.staffNumber, city.password);

    // Member 0 has started; 1 submitted; 2 approved; 3 returned; the rest not started.
    const started = await deviceOf(member(0).staffNumber);
    await started.push([
      started.mutation('setAnswer', {
        sheetId: ethicsSheet(member(0).id),
        itemId: 'gifts-refuse',
        answer: { value: 1 },
        baseVersion: 0,
      }),
    ]);
    await submitEthics(member(1).staffNumber, member(1).id, 1);
    await decide(await submitEthics(member(2).staffNumber, member(2).id, 2), 'approve');
    await decide(await submitEthics(member(3).staffNumber, member(3).id, 4), 'return');
  });
  afterAll(() => city.db.close());

  it("counts the section's sheets by where they stand, and marks the overdue ones", async () => {
    const answer = await progress(chief);
    const total = members.length + 1;
    expect(answer.today).toBe('2027-02-01');
    expect(answer.summary).toEqual({
      total,
      notStarted: total - 4,
      draft: 1,
      returned: 1,
      submitted: 1,
      approved: 1,
      overdue: total - 2,
    });
    const row = (personId: string) => {
      const found = answer.sheets.find((s) => s.sheetId === ethicsSheet(personId));
      if (!found) throw new Error(`no row for ${personId}`);
      return found;
    };
    expect(row(member(0).id)).toMatchObject({
      owner: { kind: 'person', personId: member(0).id, name: member(0).name },
      unitId: SECTION,
      unitName: '総務課',
      state: 'draft',
      dueDate: '2027-01-29',
      overdue: true,
      started: true,
      submittedAt: null,
      lastReminderAt: null,
    });
    expect(row(member(1).id)).toMatchObject({ state: 'submitted', overdue: false, started: true });
    expect(row(member(1).id).submittedAt).toBe('2027-02-01T01:00:00.000Z');
    expect(row(member(2).id)).toMatchObject({ state: 'approved', overdue: false });
    expect(row(member(3).id)).toMatchObject({ state: 'returned', overdue: true });
    expect(row(member(4).id)).toMatchObject({ state: 'draft', started: false, overdue: true });
    expect(row(city.accounts.chief.id).owner).toMatchObject({ name: city.accounts.chief.name });
  });

  it("names a seal's custodian and a workplace's unit, and is not overdue before the due day", async () => {
    const seals = await progress(chief, 'official-seal-checklist');
    expect(seals.sheets.length).toBeGreaterThan(0);
    for (const sheet of seals.sheets) {
      expect(sheet.owner.kind).toBe('seal');
      if (sheet.owner.kind === 'seal') expect(sheet.owner.sealName).not.toBe('');
    }
    expect(seals.sheets.map((s) => s.owner)).toContainEqual(
      expect.objectContaining({
        custodianId: city.accounts.seal_custodian.id,
        custodianName: city.accounts.seal_custodian.name,
      }),
    );
    const risk = await progress(chief, 'internal-control-risk-sheet');
    expect(risk.sheets).toEqual([
      expect.objectContaining({ owner: { kind: 'workplace' }, unitName: '総務課', overdue: false }),
    ]);
  });

  it('shows a round to the auditor too, and to nobody outside the unit tree', async () => {
    const auditor = await signIn(app, city.accounts.auditor.staffNumber, city.password);
    expect((await progress(auditor)).summary).toEqual((await progress(chief)).summary);
    // The department above the section is not the section chief's.
    const above = await chief.request('GET', round('progress', 'ethics-self-check', 'u1010'));
    expect(above.status).toBe(403);
    const staff = await signIn(app, city.accounts.staff.staffNumber, city.password);
    expect((await staff.request('GET', round('progress', 'ethics-self-check'))).status).toBe(403);
    const unknown = await chief.request('GET', round('progress', 'ethics-self-check', 'u-none'));
    expect(unknown.status).toBe(404);
    const bad = await chief.request(
      'GET',
      round('progress', 'ethics-self-check').replace('2026', 'x'),
    );
    expect(bad.status).toBe(400);
  });

  it('brings a reminder to exactly its person at their next pull, and only once', async () => {
    const target = member(0);
    const bystander = member(4);
    const targetDevice = await deviceOf(target.staffNumber);
    const bystanderDevice = await deviceOf(bystander.staffNumber);
    const chiefDevice = await deviceOf(city.accounts.chief.staffNumber);
    for (const d of [targetDevice, bystanderDevice, chiefDevice]) await d.pullAll();

    const response = await remind(chief, ethicsSheet(target.id), {
      message: '  今週中にお願いします ',
    });
    expect(response.status).toBe(200);
    expect(operations.sendReminder.response.parse(await response.json())).toEqual({
      sentAt: '2027-02-01T01:00:00.000Z',
      recipients: [{ personId: target.id, name: target.name }],
    });

    const received = (await targetDevice.pullAll()).flatMap((p) => p.reminders ?? []);
    expect(received).toEqual([
      {
        id: expect.any(String),
        sheetId: ethicsSheet(target.id),
        sentBy: city.accounts.chief.id,
        sentByName: city.accounts.chief.name,
        sentAt: '2027-02-01T01:00:00.000Z',
        message: '今週中にお願いします',
        version: expect.any(Number),
      },
    ]);
    expect((await targetDevice.pullAll()).flatMap((p) => p.reminders ?? [])).toEqual([]);
    expect((await bystanderDevice.pullAll()).flatMap((p) => p.reminders ?? [])).toEqual([]);
    expect((await chiefDevice.pullAll()).flatMap((p) => p.reminders ?? [])).toEqual([]);

    // A new device of the same person (a first pull) gets it again, under the same id.
    const fresh = await SyncDevice.signIn(app, target.staffNumber, city.password);
    expect((await fresh.pullAll()).flatMap((p) => p.reminders ?? []).map((r) => r.id)).toEqual(
      received.map((r) => r.id),
    );

    const row = (await progress(chief)).sheets.find((s) => s.sheetId === ethicsSheet(target.id));
    expect(row?.lastReminderAt).toBe('2027-02-01T01:00:00.000Z');
  });

  it('keeps the record of reminders as it was written: the database refuses changes', async () => {
    expect((await remind(chief, ethicsSheet(member(0).id))).status).toBe(200);
    await expect(city.db.query(`update reminders set message = 'changed'`)).rejects.toThrow();
    await expect(city.db.query('delete from reminders')).rejects.toThrow();
    expect(await reminderCount()).toBeGreaterThan(0);
  });

  it('reminds every active member of a workplace about its sheet, but not the sender', async () => {
    const workplaceSheet = `internal-control-risk-sheet.2026.annual.${SECTION}`;
    const response = await remind(chief, workplaceSheet);
    expect(response.status).toBe(200);
    const { recipients } = operations.sendReminder.response.parse(await response.json());
    expect(recipients.map((r) => r.personId).sort()).toEqual(members.map((m) => m.id).sort());
    const device = await deviceOf(member(5).staffNumber);
    const pulled = (await device.pullAll()).flatMap((p) => p.reminders ?? []);
    expect(pulled.map((r) => [r.sheetId, r.message])).toEqual([[workplaceSheet, undefined]]);
  });

  it('refuses reminders about handed-in sheets, to nobody, and from people who do not sign off', async () => {
    const before = await reminderCount();
    const refused = async (
      caller: ApiCaller,
      sheetId: string,
      status: number,
      code: string,
      body = {},
    ) => {
      const response = await remind(caller, sheetId, body);
      expect(response.status).toBe(status);
      expect(errorResponseSchema.parse(await response.json()).error.code).toBe(code);
    };
    await refused(chief, ethicsSheet(member(1).id), 409, 'invalid_state');
    await refused(chief, ethicsSheet(member(2).id), 409, 'invalid_state');
    // The chief's own sheet: there is nobody else to remind.
    await refused(chief, ethicsSheet(city.accounts.chief.id), 409, 'no_recipient');
    await refused(chief, ethicsSheet(member(0).id), 400, 'invalid_request', {
      message: 'x'.repeat(501),
    });
    await refused(chief, ethicsSheet(member(0).id), 400, 'invalid_request', { to: 'someone' });
    await refused(chief, 'no-such-sheet', 404, 'not_found');
    const staff = await signIn(app, member(0).staffNumber, city.password);
    await refused(staff, ethicsSheet(member(0).id), 403, 'forbidden');
    const auditor = await signIn(app, city.accounts.auditor.staffNumber, city.password);
    await refused(auditor, ethicsSheet(member(0).id), 403, 'forbidden');
    expect(await reminderCount()).toBe(before);
  });

  it('hides the meeting summary while fewer than five people have handed theirs in', async () => {
    // Two handed in (one submitted, one approved); the returned one is being corrected.
    const response = await chief.request('GET', round('meeting-summary', 'ethics-self-check'));
    expect(response.status).toBe(200);
    const answer = operations.getMeetingSummary.response.parse(await response.json());
    expect(answer.summary).toEqual({ shown: false, minimum: 5 });
  });

  it('counts the answers per statement without anything that names a person', async () => {
    await submitEthics(member(4).staffNumber, member(4).id, 1);
    await submitEthics(member(5).staffNumber, member(5).id, 2);
    const chiefNumber = city.accounts.chief.staffNumber;
    await submitEthics(chiefNumber, city.accounts.chief.id, 3);
    const response = await chief.request('GET', round('meeting-summary', 'ethics-self-check'));
    const text = await response.text();
    const answer = operations.getMeetingSummary.response.parse(JSON.parse(text));
    if (!answer.summary.shown) throw new Error('the summary is hidden');
    // Members 1 (①), 2 (②, approved), 4 (①), 5 (②) and the chief (③); member 3's ④ was returned.
    expect(answer.summary.respondents).toBe(5);
    const statements = answer.summary.sections.flatMap((s) => s.items);
    expect(statements).toHaveLength(
      ethics.sections.flatMap((s) => s.items).filter((i) => i.kind === 'agreement4').length,
    );
    for (const statement of statements) expect(statement.counts).toEqual([2, 2, 1, 0]);
    for (const person of [...members, city.accounts.chief]) {
      expect(text).not.toContain(person.id);
      expect(text).not.toContain(person.name);
    }
    expect(text).not.toContain('wrote this');

    const auditor = await signIn(app, city.accounts.auditor.staffNumber, city.password);
    const audited = await auditor.request('GET', round('meeting-summary', 'ethics-self-check'));
    expect(await audited.json()).toEqual(JSON.parse(text));
  });

  it('refuses a meeting summary of a template people do not each fill in, and outside the tree', async () => {
    const workplace = await chief.request(
      'GET',
      round('meeting-summary', 'internal-control-risk-sheet'),
    );
    expect(workplace.status).toBe(400);
    const above = await chief.request(
      'GET',
      round('meeting-summary', 'ethics-self-check', 'u1010'),
    );
    expect(above.status).toBe(403);
    const noTemplate = await chief.request('GET', round('meeting-summary', 'no-such-template'));
    expect(noTemplate.status).toBe(404);
  });
});
