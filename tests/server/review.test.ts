// Review and sign-off on the server: every submission keeps its canonical content (hashed to
// the event's content hash, append-only, checked by verify), the chief's pull brings the
// previous submission of a resubmitted sheet so the device can show what changed, a sign-off
// records approver, server time and the content's hash, and the directory a reviewer's device
// keeps holds only the people, seals and acting appointments in force of the units the person
// reaches.
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { directoryResponseSchema, historyVerificationSchema } from '@/shared/api/schemas.ts';
import { unitWithin } from '@/shared/permissions.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Template } from '@/shared/schemas/template.ts';
import { answersOfContent, canonicalSheetContent } from '@/shared/sheet-content.ts';
import { sheetDiff } from '@/shared/sheet-diff.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { SyncDevice } from './support/sync-device.ts';
import { testDatabases } from './support/test-databases.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(testDatabases())('review and sign-off on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  let ethics: Template;
  /** The server's clock: every event's time comes from it, never from a device. */
  let now = new Date('2026-11-24T03:00:00Z');
  const device = (role: keyof DemoCityFixture['accounts'], staffNumber?: string) =>
    SyncDevice.signIn(app, staffNumber ?? city.accounts[role].staffNumber, city.password);
  const staffNumberOf = (id: string) => city.org.people.find((p) => p.id === id)?.staffNumber ?? '';

  const revision = async (sheetId: string) =>
    (
      await city.db.query<{ revision: number }>('select revision from sheets where id = $1', [
        sheetId,
      ])
    )[0]?.revision ?? -1;

  const events = (sheetId: string) =>
    city.db.query<{
      seq: number;
      type: string;
      actor_id: string;
      at: Date;
      comment: string | null;
      content_hash: string | null;
      content: string | null;
    }>(
      `select seq, type, actor_id, at, comment, content_hash, content from sheet_events
       where sheet_id = $1 order by seq`,
      [sheetId],
    );

  /** Answers every item of an ethics sheet (② throughout, unless told) and submits it. */
  async function fillAndSubmit(owner: SyncDevice, sheetId: string, values: Record<string, number>) {
    const items = ethics.sections.flatMap((s) => s.items);
    const results = await owner.push(
      items.map((item) =>
        owner.mutation('setAnswer', {
          sheetId,
          itemId: item.id,
          answer: { value: item.kind === 'agreement4' ? (values[item.id] ?? 2) : 'メモ' },
          baseVersion: 0,
        }),
      ),
    );
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    const [submitted] = await owner.push([
      owner.mutation('submitSheet', { sheetId, expectedRevision: await revision(sheetId) }),
    ]);
    expect(submitted?.status).toBe('applied');
  }

  async function storedAnswers(sheetId: string): Promise<Record<string, Answer>> {
    const rows = await city.db.query<{ item_id: string; value: unknown }>(
      'select item_id, value from answers where sheet_id = $1',
      [sheetId],
    );
    return Object.fromEntries(rows.map((r) => [r.item_id, { value: r.value }]));
  }

  async function verify(sheetId: string) {
    const auditor = await device('auditor');
    const response = await auditor.caller.request('GET', `/api/sheets/${sheetId}/verify`);
    expect(response.status).toBe(200);
    return historyVerificationSchema.parse(await response.json());
  }

  beforeAll(async () => {
    city = await openDemoCity(kind);
    app = createApp({ db: city.db, clock: () => now });
    const template = city.seeds.templates.find((t) => t.id === 'ethics-self-check');
    if (!template) throw new Error('no ethics template');
    ethics = template;
  });
  afterAll(() => city.db.close());

  it('keeps what a submission contained, and signs off with approver, server time and hash', async () => {
    const sheetId = `ethics-self-check.2026.annual.${city.accounts.staff.id}`;
    const owner = await device('staff');
    await fillAndSubmit(owner, sheetId, { 'gifts-refuse': 3 });
    const canonical = canonicalSheetContent(
      { id: sheetId, templateId: ethics.id, templateVersion: ethics.version },
      await storedAnswers(sheetId),
    );
    const [, submitted] = await events(sheetId);
    expect(submitted).toMatchObject({ type: 'submitted', content: canonical });
    expect(submitted?.content_hash).toBe(sha256(canonical));

    now = new Date('2026-11-25T01:02:03Z');
    const chief = await device('chief');
    // The device's clock says something else; the server's time is what counts.
    const [approved] = await chief.push([
      chief.mutation(
        'approveSheet',
        { sheetId, expectedRevision: await revision(sheetId) },
        '2020-01-01T00:00:00.000Z',
      ),
    ]);
    expect(approved?.status).toBe('applied');
    const [, , signOff] = await events(sheetId);
    expect(signOff).toMatchObject({
      type: 'approved',
      actor_id: city.accounts.chief.id,
      content_hash: sha256(canonical),
      content: null,
    });
    expect(signOff?.at.toISOString()).toBe('2026-11-25T01:02:03.000Z');
    expect(await verify(sheetId)).toEqual({ ok: true, events: 3 });
  });

  it("brings a resubmitted sheet's previous submission to the chief, who sees what changed", async () => {
    const member = city.org.people.find(
      (p) =>
        p.unitId === city.accounts.staff.unitId &&
        p.active &&
        p.roles.length === 1 &&
        p.id !== city.accounts.staff.id,
    );
    if (!member) throw new Error('no second staff member in the demo section');
    const sheetId = `ethics-self-check.2026.annual.${member.id}`;
    const owner = await device('staff', staffNumberOf(member.id));
    const chief = await device('chief');
    await fillAndSubmit(owner, sheetId, { 'gifts-refuse': 4 });

    // A first submission has nothing to compare with.
    const first = (await chief.pullAll()).flatMap((p) => p.previousSubmissions ?? []);
    expect(first.filter((s) => s.sheetId === sheetId)).toEqual([]);

    const [returned] = await chief.push([
      chief.mutation('returnSheet', {
        sheetId,
        expectedRevision: await revision(sheetId),
        comment: '贈答品の項目を見直してください。',
      }),
    ]);
    expect(returned?.status).toBe('applied');
    const [fixed, resubmitted] = await owner.push([
      owner.mutation('setAnswer', {
        sheetId,
        itemId: 'gifts-refuse',
        answer: { value: 1 },
        baseVersion: 0,
      }),
      owner.mutation('submitSheet', { sheetId, expectedRevision: (await revision(sheetId)) + 1 }),
    ]);
    expect([fixed?.status, resubmitted?.status]).toEqual(['applied', 'applied']);

    const pages = await chief.pullAll();
    const kept = pages.flatMap((p) => p.previousSubmissions ?? []);
    const previous = kept.find((s) => s.sheetId === sheetId);
    expect(previous?.seq).toBe(2);
    const before = answersOfContent(previous?.content ?? '');
    if (!before) throw new Error('the previous submission is not a sheet content');
    // Ethics answers here carry a value only.
    const after: Record<string, Answer> = Object.fromEntries(
      pages
        .flatMap((p) => p.answers)
        .filter((a) => a.sheetId === sheetId)
        .map((a) => [a.itemId, { value: a.answer.value }]),
    );
    expect(sheetDiff(ethics, before, after)).toEqual([
      { kind: 'answer', itemId: 'gifts-refuse', before: { value: 4 }, after: { value: 1 } },
    ]);
    // The returned event still says why, and the chain holds through both submissions.
    expect((await events(sheetId)).map((e) => e.type)).toEqual([
      'created',
      'submitted',
      'returned',
      'submitted',
    ]);
    expect(await verify(sheetId)).toEqual({ ok: true, events: 4 });

    // The owner does not sign off: their device is not sent the comparison.
    owner.cursor = 0;
    const ownPages = await owner.pullAll();
    expect(ownPages.flatMap((p) => p.previousSubmissions ?? [])).toEqual([]);

    // A decision made on what the chief saw before the return is stale now.
    const [stale] = await chief.push([
      chief.mutation('approveSheet', { sheetId, expectedRevision: 1 }),
    ]);
    expect(stale).toMatchObject({ status: 'rejected', code: 'stale_revision' });
  });

  it('refuses any change to kept content, and verify names a submission whose content was altered', async () => {
    const sheetId = `ethics-self-check.2026.annual.${city.accounts.seal_custodian.id}`;
    await fillAndSubmit(await device('seal_custodian'), sheetId, {});
    await expect(
      city.db.query(`update sheet_events set content = '{}' where sheet_id = $1 and seq = 2`, [
        sheetId,
      ]),
    ).rejects.toThrow(/append-only/);
    // Content belongs to submissions only.
    await expect(
      city.db.query(
        `insert into sheet_events (sheet_id, seq, type, actor_id, content) values ($1, 3, 'returned', $2, '{}')`,
        [sheetId, city.accounts.chief.id],
      ),
    ).rejects.toThrow(/sheet_events_content_submitted/);
    expect(await verify(sheetId)).toEqual({ ok: true, events: 2 });

    // Someone with full access switches the triggers off and rewrites the kept content.
    await city.db.transaction(async (tx) => {
      await tx.query('set local session_replication_role = replica');
      await tx.query(
        `update sheet_events set content = replace(content, '"value":2', '"value":1')
         where sheet_id = $1 and seq = 2`,
        [sheetId],
      );
    });
    expect(await verify(sheetId)).toEqual({
      ok: false,
      events: 2,
      brokenAt: { seq: 2, reason: 'snapshot_changed' },
    });
  });

  it("gives a reviewer's device the people and seals of the units they reach, and no more", async () => {
    const directoryOf = async (role: keyof DemoCityFixture['accounts']) => {
      const response = await (await device(role)).caller.request('GET', '/api/directory');
      expect(response.status).toBe(200);
      return directoryResponseSchema.parse(await response.json());
    };
    const section = city.accounts.chief.unitId;
    const inSection = city.org.people.filter((p) => p.unitId === section).map((p) => p.id);

    const chief = await directoryOf('chief');
    expect(chief.units.length).toBe(city.org.units.length);
    expect(chief.people.map((p) => p.id).sort()).toEqual([...inSection].sort());
    expect(chief.seals.length).toBeGreaterThan(0);
    expect(chief.seals.every((s) => s.unitId === section)).toBe(true);

    // Someone who signs nothing off is told only about themselves.
    const staff = await directoryOf('staff');
    expect(staff.people.map((p) => p.id)).toEqual([city.accounts.staff.id]);

    const auditor = await directoryOf('auditor');
    expect(auditor.people.length).toBe(city.org.people.length);
  });

  it("gives a reviewer's device the acting appointments in force of the units they reach", async () => {
    const section = city.accounts.chief.unitId;
    const units = new Map(city.org.units.map((u) => [u.id, u]));
    const elsewhere = city.org.people.find(
      (p) => p.active && !p.roles.includes('chief') && !unitWithin(p.unitId, section, { units }),
    );
    if (!elsewhere) throw new Error('no one outside the section');
    const appoint = (id: string, unitId: string, personId: string, endsOn: string, ended = false) =>
      city.db.query(
        `insert into acting_appointments (id, unit_id, person_id, starts_on, ends_on,
           appointed_by, appointed_at, ended_at, ended_by)
         values ($1, $2, $3, '2026-04-01', $4, $5, now(), $6, $7)`,
        [
          id,
          unitId,
          personId,
          endsOn,
          city.accounts.admin.id,
          ended ? new Date() : null,
          ended ? city.accounts.admin.id : null,
        ],
      );
    // The server's day is in November 2026.
    await appoint('dir-in-force', section, city.accounts.staff.id, '2027-03-31');
    await appoint('dir-unreached', elsewhere.unitId, elsewhere.id, '2027-03-31');
    await appoint('dir-ended', section, city.accounts.staff.id, '2027-03-31', true);
    await appoint('dir-over', section, city.accounts.staff.id, '2026-05-31');

    const response = await (await device('chief')).caller.request('GET', '/api/directory');
    expect(response.status).toBe(200);
    const directory = directoryResponseSchema.parse(await response.json());
    expect(directory.actingAppointments).toEqual([
      {
        unitId: section,
        personId: city.accounts.staff.id,
        startsOn: '2026-04-01',
        endsOn: '2027-03-31',
        endedAt: null,
      },
    ]);
  });
});
