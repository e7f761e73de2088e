// The sync protocol on the server: exactly-once application of pushed mutations, rejected
// ones recorded without blocking the queue, overwrites kept and told, pulls that page
// without skipping, resets when the person's reach changes, and bad input refused cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import type { Hono } from 'hono';
import { bureauHead, openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { SyncDevice } from './support/sync-device.ts';
import { testDatabases } from './support/test-databases.ts';

const ethicsSheet = (personId: string, fy = 2026) => `ethics-self-check.${fy}.annual.${personId}`;

describe.each(testDatabases())('sync on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await city.db.query<{ n: string }>(sql, params))[0]?.n);
  const device = (role: keyof DemoCityFixture['accounts'], clientId?: string) =>
    SyncDevice.signIn(app, city.accounts[role].staffNumber, city.password, clientId);

  beforeAll(async () => {
    city = await openDemoCity(kind);
    app = createApp({ db: city.db });
  });
  afterAll(() => city.db.close());

  it('applies a pushed answer once, even when the push is sent again after a lost response', async () => {
    const staff = await device('staff');
    const sheetId = ethicsSheet(city.accounts.staff.id);
    const m = staff.mutation('setAnswer', {
      sheetId,
      itemId: 'gifts-refuse',
      answer: { value: 1 },
      baseVersion: 0,
    });
    const first = await staff.push([m]);
    expect(first).toEqual([{ seq: 1, status: 'applied' }]);
    const [before] = await city.db.query<{ version: string }>(
      `select version from answers where sheet_id = $1 and item_id = 'gifts-refuse'`,
      [sheetId],
    );
    // The response was lost: the device sends the same mutation again.
    expect(await staff.push([m])).toEqual(first);
    expect(
      await count(`select count(*) as n from answer_history where sheet_id = $1`, [sheetId]),
    ).toBe(1);
    const [after] = await city.db.query<{ version: string }>(
      `select version from answers where sheet_id = $1 and item_id = 'gifts-refuse'`,
      [sheetId],
    );
    expect(after).toEqual(before);

    const pages = await staff.pullAll();
    const answers = pages.flatMap((p) => p.answers).filter((a) => a.sheetId === sheetId);
    expect(answers.map((a) => [a.itemId, a.answer.value])).toEqual([['gifts-refuse', 1]]);
    expect(pages.flatMap((p) => p.results)).toEqual(first);
  });

  it('records a rejected mutation with a reason and applies the ones behind it', async () => {
    const staff = await device('staff');
    const sheetId = ethicsSheet(city.accounts.staff.id);
    const results = await staff.push([
      staff.mutation('setAnswer', {
        sheetId,
        itemId: 'gifts-report',
        answer: { value: 7 },
        baseVersion: 0,
      }),
      staff.mutation('setAnswer', {
        sheetId,
        itemId: 'no-such-item',
        answer: { value: 1 },
        baseVersion: 0,
      }),
      staff.mutation('setAnswer', {
        sheetId,
        itemId: 'gifts-report',
        answer: { value: 2 },
        baseVersion: 0,
      }),
    ]);
    expect(results.map((r) => [r.seq, r.status, r.code])).toEqual([
      [1, 'rejected', 'invalid_answer'],
      [2, 'rejected', 'not_found'],
      [3, 'applied', undefined],
    ]);
    expect(results[0]?.message).toMatch(/1, 2, 3 or 4/);
  });

  it('records a change the database cannot store as a rejection, and goes on', async () => {
    const staff = await device('staff');
    const sheetId = ethicsSheet(city.accounts.staff.id);
    const results = await staff.push([
      // PostgreSQL cannot store a NUL character in text or JSON.
      staff.mutation('setAnswer', {
        sheetId,
        itemId: 'data-take-out',
        answer: { value: 2, comment: 'a\u0000b' },
        baseVersion: 0,
      }),
      staff.mutation('setAnswer', {
        sheetId,
        itemId: 'data-take-out',
        answer: { value: 3 },
        baseVersion: 0,
      }),
    ]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'invalid'],
      ['applied', undefined],
    ]);
    const history = await city.db.query<{ answer: { value: number } }>(
      `select answer from answer_history where sheet_id = $1 and item_id = 'data-take-out'`,
      [sheetId],
    );
    expect(history.map((h) => h.answer.value)).toEqual([3]);
  });

  it('refuses changes to sheets out of reach and leaves them as they were', async () => {
    const staff = await device('staff');
    const other = ethicsSheet(city.accounts.chief.id);
    const before = await city.db.query('select * from answers where sheet_id = $1', [other]);
    const [result] = await staff.push([
      staff.mutation('setAnswer', {
        sheetId: other,
        itemId: 'gifts-refuse',
        answer: { value: 4 },
        baseVersion: 0,
      }),
    ]);
    expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await city.db.query('select * from answers where sheet_id = $1', [other])).toEqual(
      before,
    );
  });

  it('keeps both values when two devices edit the same item offline, and tells both', async () => {
    const [phone, tablet] = await Promise.all([device('chief'), device('chief')]);
    const sheetId = ethicsSheet(city.accounts.chief.id);
    const edit = (d: SyncDevice, value: number) =>
      d.mutation('setAnswer', {
        sheetId,
        itemId: 'secrets-keep',
        answer: { value },
        baseVersion: 0,
      });
    // Device clocks a day apart change nothing: the server's order of arrival decides.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    await phone.push([{ ...edit(phone, 3), madeAt: tomorrow }]);
    const [second] = await tablet.push([edit(tablet, 1)]);
    expect(second).toMatchObject({
      status: 'applied',
      overwrite: { itemId: 'secrets-keep', replaced: { value: 3 }, value: { value: 1 } },
    });
    const history = await city.db.query<{ answer: { value: number } }>(
      `select answer from answer_history where sheet_id = $1 and item_id = 'secrets-keep' order by version`,
      [sheetId],
    );
    expect(history.map((h) => h.answer.value)).toEqual([3, 1]);

    const phonePull = await phone.pullAll();
    expect(phonePull.flatMap((p) => p.overwrites)).toEqual([second?.overwrite]);
    const final = phonePull
      .flatMap((p) => p.answers)
      .find((a) => a.sheetId === sheetId && a.itemId === 'secrets-keep');
    expect(final?.answer.value).toBe(1);
    // An edit made after seeing the other device's value is no conflict.
    const [third] = await phone.push([
      phone.mutation('setAnswer', {
        sheetId,
        itemId: 'secrets-keep',
        answer: { value: 2 },
        baseVersion: final?.version ?? 0,
      }),
    ]);
    expect(third).toEqual({ seq: 2, status: 'applied' });
  });

  it('submits only a complete sheet, then refuses edits to it', async () => {
    const custodian = await device('seal_custodian');
    const sheetId = ethicsSheet(city.accounts.seal_custodian.id);
    const template = city.seeds.templates.find((t) => t.id === 'ethics-self-check');
    if (!template) throw new Error('no ethics template');
    const [early] = await custodian.push([
      custodian.mutation('submitSheet', { sheetId, expectedRevision: 0 }),
    ]);
    expect(early).toMatchObject({ status: 'rejected', code: 'incomplete' });

    const items = template.sections.flatMap((s) => s.items);
    await custodian.push(
      items.map((item) =>
        custodian.mutation('setAnswer', {
          sheetId,
          itemId: item.id,
          answer: item.kind === 'agreement4' ? { value: 1 } : { value: 'yes' },
          baseVersion: 0,
        }),
      ),
    );
    const [{ revision }] = (await city.db.query<{ revision: number }>(
      'select revision from sheets where id = $1',
      [sheetId],
    )) as [{ revision: number }];
    const [stale] = await custodian.push([
      custodian.mutation('submitSheet', { sheetId, expectedRevision: revision - 1 }),
    ]);
    expect(stale).toMatchObject({ status: 'rejected', code: 'stale_revision' });
    const [submitted] = await custodian.push([
      custodian.mutation('submitSheet', { sheetId, expectedRevision: revision }),
    ]);
    expect(submitted).toEqual({ seq: items.length + 3, status: 'applied' });
    const [late] = await custodian.push([
      custodian.mutation('setAnswer', {
        sheetId,
        itemId: items[0]?.id ?? '',
        answer: { value: 4 },
        baseVersion: 0,
      }),
    ]);
    expect(late).toMatchObject({ status: 'rejected', code: 'not_editable' });
    const [event] = await city.db.query<{ type: string; content_hash: string }>(
      `select type, content_hash from sheet_events where sheet_id = $1 order by seq desc limit 1`,
      [sheetId],
    );
    expect(event?.type).toBe('submitted');
    expect(event?.content_hash).toMatch(/^[0-9a-f]{64}$/);
    // Devices receive the sheet's events with it.
    const events = (await custodian.pullAll())
      .flatMap((p) => p.events)
      .filter((e) => e.sheetId === sheetId);
    expect(events.map((e) => e.type)).toEqual(['created', 'submitted']);
  });

  it('pages a first pull without duplicates or gaps, and a second pull brings only news', async () => {
    // The head of the bureau above the demo section signs off every sheet of its tree.
    const head = bureauHead(city);
    const headDevice = await SyncDevice.signIn(app, head.staffNumber, city.password);
    const pages = await headDevice.pullAll();
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.reset).toBe(true);
    const ids = pages.flatMap((p) => p.sheets.map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(
      await count('select count(*) as n from sheets where unit_id = any($1::text[])', [
        head.unitIds,
      ]),
    );
    const cursors = pages.map((p) => p.cursor);
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);

    const quiet = await headDevice.pullPage();
    expect(quiet).toMatchObject({ reset: false, more: false, sheets: [], answers: [] });

    const staff = await device('staff');
    const sheetId = ethicsSheet(city.accounts.staff.id);
    await staff.push([
      staff.mutation('setAnswer', {
        sheetId,
        itemId: 'sns-conduct',
        answer: { value: 2 },
        baseVersion: 0,
      }),
    ]);
    const news = await headDevice.pullPage();
    expect(news.sheets.map((s) => s.id)).toEqual([sheetId]);
  });

  it("gives an auditor's device only the sheets the auditor fills in, not the whole city", async () => {
    const auditor = await device('auditor');
    const ids = (await auditor.pullAll()).flatMap((p) => p.sheets.map((s) => s.id));
    expect(ids.length).toBeGreaterThan(0);
    // Their own sheets and their workplace's, which every member of a unit fills in.
    const mine = `(owner_person_id = $1 or (owner_kind = 'workplace' and unit_id = $2))`;
    const { id, unitId } = city.accounts.auditor;
    expect(ids.length).toBe(
      await count(`select count(*) as n from sheets where ${mine}`, [id, unitId]),
    );
    expect(
      await count(`select count(*) as n from sheets where id = any($3::text[]) and not ${mine}`, [
        id,
        unitId,
        ids,
      ]),
    ).toBe(0);
  });

  it('never lets a pull skip a change whose push had not committed yet', async () => {
    const chief = await device('chief');
    await chief.pullAll();
    const sheetId = `document-management-self-check.2026.annual.${city.accounts.staff.id}`;
    // A push that is slow to commit, with a pull in the middle of it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowPush = city.db.transaction(async (tx) => {
      await tx.query('update change_counter set version = version + 1');
      await tx.query(
        `update sheets set version = (select version from change_counter), revision = revision + 1 where id = $1`,
        [sheetId],
      );
      await held;
    });
    const during = kind.name === 'postgres' ? await chief.pullPage() : null;
    release();
    await slowPush;
    if (during) expect(during.sheets.map((s) => s.id)).not.toContain(sheetId);
    const after = await chief.pullAll();
    expect(after.flatMap((p) => p.sheets.map((s) => s.id))).toContain(sheetId);
  });

  it('resets the device’s view when the person moves to another unit', async () => {
    const staff = await device('staff');
    await staff.pullAll();
    expect((await staff.pullPage()).reset).toBe(false);
    const person = city.accounts.staff;
    const original = person.unitId;
    await city.db.query(`update people set unit_id = 'u101020' where id = $1`, [person.id]);
    try {
      const [page] = await staff.pullAll();
      expect(page?.reset).toBe(true);
      expect(page?.sheets.some((s) => s.owner.kind === 'workplace' && s.unitId === 'u101020')).toBe(
        true,
      );
      expect(page?.sheets.some((s) => s.owner.kind === 'workplace' && s.unitId === original)).toBe(
        false,
      );
    } finally {
      await city.db.query('update people set unit_id = $2 where id = $1', [person.id, original]);
    }
  });

  it('refuses malformed, out-of-order, oversized and outdated pushes with a 4xx, changing nothing', async () => {
    const staff = await device('staff');
    const before = await count('select version as n from change_counter');
    const sheetId = ethicsSheet(city.accounts.staff.id);
    const good = {
      seq: 1,
      name: 'setAnswer',
      args: { sheetId, itemId: 'gifts-refuse', answer: { value: 1 }, baseVersion: 0 },
      schemaVersion: 1,
      madeAt: '',
    };
    const cases: [object[], number][] = [
      [[{ ...good, seq: 'one' }], 400],
      [[{ ...good, extra: true }], 400],
      [[good, { ...good, seq: 3 }], 400],
      [[{ ...good, seq: 5 }], 409],
      [Array.from({ length: 201 }, (_, i) => ({ ...good, seq: i + 1 })), 400],
    ];
    for (const [mutations, status] of cases) {
      const response = await staff.pushRaw(mutations);
      expect(response.status, JSON.stringify(mutations).slice(0, 80)).toBe(status);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    const outdated = await (
      await SyncDevice.signIn(
        createApp({ db: city.db, minSyncSchemaVersion: 2 }),
        city.accounts.staff.staffNumber,
        city.password,
        staff.clientId,
      )
    ).pushRaw([good], 1);
    expect(outdated.status).toBe(426);
    expect(await outdated.json()).toMatchObject({ error: { code: 'update_required' } });
    const huge = await staff.pushRaw([
      { ...good, args: { ...good.args, answer: { value: 'x'.repeat(21 * 1024 * 1024) } } },
    ]);
    expect(huge.status).toBe(413);
    expect(await count('select version as n from change_counter')).toBe(before);

    const [bad] = await staff.push([{ ...good, args: { sheetId } } as never]);
    expect(bad).toMatchObject({ status: 'rejected', code: 'invalid' });
  });

  it('answers 401 to a push after the session ended, and applies nothing', async () => {
    const staff = await device('staff');
    await city.db.query('update sessions set revoked_at = now() where person_id = $1', [
      city.accounts.staff.id,
    ]);
    const before = await count('select version as n from change_counter');
    const response = await staff.pushRaw([
      staff.mutation('setAnswer', {
        sheetId: ethicsSheet(city.accounts.staff.id),
        itemId: 'gifts-refuse',
        answer: { value: 4 },
        baseVersion: 0,
      }),
    ]);
    expect(response.status).toBe(401);
    expect(await count('select version as n from change_counter')).toBe(before);
  });

  it('refuses a device id used by another person', async () => {
    const staff = await device('staff', 'shared-device-id');
    await staff.push([
      staff.mutation('setAnswer', {
        sheetId: ethicsSheet(city.accounts.staff.id),
        itemId: 'gifts-refuse',
        answer: { value: 2 },
        baseVersion: 0,
      }),
    ]);
    const chief = await device('chief', 'shared-device-id');
    const response = await chief.pushRaw([
      chief.mutation('setAnswer', {
        sheetId: ethicsSheet(city.accounts.chief.id),
        itemId: 'gifts-refuse',
        answer: { value: 2 },
        baseVersion: 0,
      }),
    ]);
    expect(response.status).toBe(403);
  });
});
