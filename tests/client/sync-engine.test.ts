// The sync engine on simulated devices against the real server app (PGlite): the outbox
// goes out in order and exactly once, refused changes wait for the person without blocking
// the queue, pulls page and reset, unsent edits stay visible, and failures (lost answers,
// ended sessions, an outdated app, the network) keep every change.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createApp } from '@/server/app.ts';
import { addRow, reapplyRefused, setAnswer, submitSheet } from '@/client/db/local-changes.ts';
import { PersonDb } from '@/client/db/person-db.ts';
import { readSyncMeta } from '@/client/db/server-changes.ts';
import {
  backoffDelay,
  SyncEngine,
  syncTiming,
  type LockManagerLike,
} from '@/client/sync/sync-engine.ts';
import { MAX_PUSH_MUTATIONS } from '@/shared/sync/protocol.ts';
import { bureauHead, type DemoCityFixture } from '../server/support/demo-city-fixture.ts';
import { useDemoCityDevices } from './support/demo-city-devices.ts';
import { openDevice, type TestDevice } from './support/sync-device.ts';

const ethicsSheet = (personId: string) => `ethics-self-check.2026.annual.${personId}`;

/** Records the API requests a device makes, by path, with their bodies. */
function watchRequests(device: TestDevice) {
  const seen: { path: string; body: unknown }[] = [];
  device.network.onRequest = (url, init) => {
    seen.push({
      path: url.pathname,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return null;
  };
  return seen;
}

const apiError = (status: number, code: string) =>
  new Response(JSON.stringify({ error: { code, message: code } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('the sync engine against the server', () => {
  const demo = useDemoCityDevices();
  const { device } = demo;
  let city: DemoCityFixture;
  let app: Hono;
  const serverAnswer = async (sheetId: string, itemId: string) =>
    (
      await city.db.query<{ value: unknown }>(
        'select value from answers where sheet_id = $1 and item_id = $2',
        [sheetId, itemId],
      )
    )[0]?.value;

  beforeAll(() => {
    ({ city, app } = demo);
  });

  it('pushes the outbox in order, in batches, and applies each change once', async () => {
    const staff = await device('staff');
    expect(await staff.engine.syncOnce()).toBe('synced');
    const sheetId = ethicsSheet(staff.person.id);
    const count = MAX_PUSH_MUTATIONS + 5;
    for (let i = 0; i < count; i++)
      await setAnswer(staff.db, {
        sheetId,
        itemId: 'gifts-refuse',
        answer: { value: (i % 4) + 1 },
      });
    const requests = watchRequests(staff);

    expect(await staff.engine.syncOnce()).toBe('synced');
    const pushes = requests
      .filter((r) => r.path === '/api/sync/push')
      .map((r) => (r.body as { mutations: { seq: number }[] }).mutations.map((m) => m.seq));
    expect(pushes.map((seqs) => seqs.length)).toEqual([MAX_PUSH_MUTATIONS, 5]);
    expect(pushes.flat()).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(await staff.db.outbox.count()).toBe(0);
    const history = await city.db.query<{ seq: string }>(
      'select seq from answer_history where client_id = $1 order by version',
      [(await readSyncMeta(staff.db)).clientId],
    );
    expect(history.map((h) => Number(h.seq))).toEqual(pushes.flat());
    expect(await serverAnswer(sheetId, 'gifts-refuse')).toBe(((count - 1) % 4) + 1);
    expect(await staff.db.answers.get([sheetId, 'gifts-refuse'])).toMatchObject({
      server: { answer: { value: ((count - 1) % 4) + 1 } },
      local: { value: ((count - 1) % 4) + 1 },
    });
    expect(staff.engine.status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
  });

  it('moves a refused change to the attention list with the person’s value, without blocking the rest', async () => {
    const staff = await device('staff');
    await staff.engine.syncOnce();
    const sheetId = ethicsSheet(staff.person.id);
    const bad = await setAnswer(staff.db, {
      sheetId,
      itemId: 'gifts-report',
      answer: { value: 7, comment: 'my note' },
    });
    await setAnswer(staff.db, { sheetId, itemId: 'private-invitations', answer: { value: 3 } });

    expect(await staff.engine.syncOnce()).toBe('synced');
    expect(await staff.db.outbox.count()).toBe(0);
    const [entry] = await staff.db.attention.toArray();
    expect(entry).toMatchObject({
      seq: bad.seq,
      mutation: { name: 'setAnswer', args: { answer: { value: 7, comment: 'my note' } } },
      code: 'invalid_answer',
    });
    expect(entry?.message).not.toBe('');
    expect(await serverAnswer(sheetId, 'private-invitations')).toBe(3);
    expect(await staff.db.answers.get([sheetId, 'gifts-report'])).toBeUndefined();
    expect(staff.engine.status).toMatchObject({ pending: 0, attention: 1 });

    // Re-applied, it is sent again (and refused again: the value still does not fit).
    await reapplyRefused(staff.db, bad.seq);
    await staff.engine.syncOnce();
    expect(await staff.db.attention.count()).toBe(1);
  });

  it('applies a change once when the push’s answer was lost after the server committed', async () => {
    const staff = await device('staff');
    await staff.engine.syncOnce();
    const sheetId = ethicsSheet(staff.person.id);
    const change = await setAnswer(staff.db, {
      sheetId,
      itemId: 'conflict-declare',
      answer: { value: 2 },
    });
    let lose = true;
    staff.network.loseResponse = (url) => url.pathname === '/api/sync/push' && lose;

    expect(await staff.engine.syncOnce()).toBe('offline');
    expect(await staff.db.outbox.toArray()).toEqual([change]);
    expect(staff.engine.status).toMatchObject({ state: 'offline', lastError: 'syncErrorOffline' });

    lose = false;
    expect(await staff.engine.syncOnce()).toBe('synced');
    expect(await staff.db.outbox.count()).toBe(0);
    const { clientId } = await readSyncMeta(staff.db);
    const applied = await city.db.query<{ n: string }>(
      'select count(*) as n from answer_history where client_id = $1 and seq = $2',
      [clientId, change.seq],
    );
    expect(Number(applied[0]?.n)).toBe(1);
  });

  it('keeps the outbox when the session ends mid-sync, and goes on after a new sign-in', async () => {
    const staff = await device('staff');
    await staff.engine.syncOnce();
    const sheetId = ethicsSheet(staff.person.id);
    await setAnswer(staff.db, { sheetId, itemId: 'position-misuse', answer: { value: 1 } });
    await city.db.query('update sessions set revoked_at = now() where person_id = $1', [
      staff.person.id,
    ]);

    expect(await staff.engine.syncOnce()).toBe('signed_out');
    expect(await staff.db.outbox.count()).toBe(1);
    expect(staff.engine.status).toMatchObject({ state: 'error', lastError: 'syncErrorSignIn' });
    const requests = watchRequests(staff);
    expect(await staff.engine.syncOnce()).toBe('paused');
    expect(requests).toEqual([]);

    await staff.signInAgain();
    // Now the session ends between the push and the pull.
    const { cursor } = await readSyncMeta(staff.db);
    staff.network.onRequest = (url) =>
      url.pathname === '/api/sync/pull' ? apiError(401, 'not_signed_in') : null;
    expect(await staff.engine.syncOnce()).toBe('signed_out');
    expect(await staff.db.outbox.count()).toBe(0);
    expect((await readSyncMeta(staff.db)).cursor).toBe(cursor);

    staff.network.onRequest = null;
    await staff.signInAgain();
    expect(await staff.engine.syncOnce()).toBe('synced');
    expect((await readSyncMeta(staff.db)).cursor).toBeGreaterThan(cursor);
    expect((await staff.db.answers.get([sheetId, 'position-misuse']))?.server?.answer).toEqual({
      value: 1,
    });
  });

  it('pulls page by page, storing each page with its cursor', async () => {
    // The head of the bureau above the demo section: every sheet of its tree, many pages.
    const head = bureauHead(city);
    const headDevice = await openDevice(app, {
      staffNumber: head.staffNumber,
      password: city.password,
    });
    demo.track(headDevice);
    const requests = watchRequests(headDevice);
    let pages = 0;
    headDevice.network.loseResponse = (url) => url.pathname === '/api/sync/pull' && ++pages === 2;

    expect(await headDevice.engine.syncOnce()).toBe('offline');
    const afterOne = await headDevice.db.sheets.count();
    expect(afterOne).toBeGreaterThan(0);
    const { cursor } = await readSyncMeta(headDevice.db);
    expect(cursor).toBeGreaterThan(0);

    expect(await headDevice.engine.syncOnce()).toBe('synced');
    const [{ n }] = (await city.db.query<{ n: string }>(
      'select count(*) as n from sheets where unit_id = any($1::text[])',
      [head.unitIds],
    )) as [{ n: string }];
    expect(await headDevice.db.sheets.count()).toBe(Number(n));
    expect(requests.filter((r) => r.path === '/api/sync/pull').length).toBeGreaterThan(2);
    const [{ version }] = (await city.db.query<{ version: string }>(
      'select version from change_counter',
    )) as [{ version: string }];
    expect((await readSyncMeta(headDevice.db)).cursor).toBe(Number(version));
  });

  it('keeps unsent edits visible over what a pull brings', async () => {
    const phone = await device('staff');
    const tablet = await device('staff');
    await Promise.all([phone.engine.syncOnce(), tablet.engine.syncOnce()]);
    const sheets = await tablet.db.sheets.toArray();
    const risk = sheets.find((s) => s.templateId === 'internal-control-risk-sheet');
    if (!risk) throw new Error('the staff member has no risk sheet');
    const ethics = ethicsSheet(phone.person.id);
    await setAnswer(phone.db, { sheetId: ethics, itemId: 'outside-work', answer: { value: 4 } });
    await addRow(phone.db, {
      sheetId: risk.id,
      itemId: 'risks',
      row: { id: 'phone-row', cells: { process: 'cash' } },
    });
    await phone.engine.syncOnce();

    // The person types on the tablet while its pull is on the way.
    tablet.network.onRequest = async (url) => {
      if (url.pathname !== '/api/sync/pull') return null;
      tablet.network.onRequest = null;
      await setAnswer(tablet.db, { sheetId: ethics, itemId: 'secrets-keep', answer: { value: 2 } });
      await addRow(tablet.db, {
        sheetId: risk.id,
        itemId: 'risks',
        row: { id: 'tablet-row', cells: { process: 'seal' } },
      });
      return null;
    };
    expect(await tablet.engine.syncOnce()).toBe('synced');
    expect(await tablet.db.outbox.count()).toBe(2);
    expect((await tablet.db.answers.get([ethics, 'outside-work']))?.local).toEqual({ value: 4 });
    expect(await tablet.db.answers.get([ethics, 'secrets-keep'])).toMatchObject({
      server: null,
      local: { value: 2 },
    });
    const rows = (await tablet.db.answers.get([risk.id, 'risks']))?.local?.value as {
      id: string;
    }[];
    expect(rows.map((r) => r.id)).toEqual(['phone-row', 'tablet-row']);

    expect(await tablet.engine.syncOnce()).toBe('synced');
    expect(await tablet.db.outbox.count()).toBe(0);
    expect(await serverAnswer(ethics, 'secrets-keep')).toBe(2);
  });

  it('submits a sheet filled offline in the same pass as its answers', async () => {
    const staff = await device('seal_custodian');
    await staff.engine.syncOnce();
    const sheetId = ethicsSheet(staff.person.id);
    const template = city.seeds.templates.find((t) => t.id === 'ethics-self-check');
    if (!template) throw new Error('no ethics template');
    staff.network.offline = true;
    for (const item of template.sections.flatMap((s) => s.items))
      if (item.kind === 'agreement4')
        await setAnswer(staff.db, { sheetId, itemId: item.id, answer: { value: 1 } });
    await submitSheet(staff.db, { sheetId });
    expect(await staff.engine.syncOnce()).toBe('offline');

    staff.network.offline = false;
    expect(await staff.engine.syncOnce()).toBe('synced');
    expect(await staff.db.attention.toArray()).toEqual([]);
    expect(await staff.db.sheets.get(sheetId)).toMatchObject({
      state: 'submitted',
      server: { state: 'submitted' },
    });
  });

  it('tells both devices when one overwrote a value the other wrote', async () => {
    const first = await device('chief');
    const second = await device('chief');
    await Promise.all([first.engine.syncOnce(), second.engine.syncOnce()]);
    const sheetId = ethicsSheet(first.person.id);
    await setAnswer(first.db, { sheetId, itemId: 'duty-focus', answer: { value: 1 } });
    await first.engine.syncOnce();
    // The second device has not seen that value and writes its own over it.
    await setAnswer(second.db, { sheetId, itemId: 'duty-focus', answer: { value: 4 } });
    await second.engine.syncOnce();
    await first.engine.syncOnce();

    const [mine] = await second.db.overwrites.toArray();
    expect(mine).toMatchObject({
      direction: 'mine_replaced_theirs',
      overwrite: { replaced: { value: 1 }, value: { value: 4 } },
    });
    expect(await first.db.overwrites.toArray()).toEqual([
      expect.objectContaining({
        direction: 'theirs_replaced_mine',
        overwrite: mine?.overwrite,
      }),
    ]);
    expect((await first.db.answers.get([sheetId, 'duty-focus']))?.local).toEqual({ value: 4 });
  });

  it('drops what falls out of the person’s reach, keeping outbox and attention list', async () => {
    const staff = await device('staff');
    await staff.engine.syncOnce();
    const before = await staff.db.sheets.toArray();
    const ownUnitSheets = before.filter((s) => s.owner.kind === 'workplace');
    expect(ownUnitSheets.length).toBeGreaterThan(0);
    await setAnswer(staff.db, {
      sheetId: ethicsSheet(staff.person.id),
      itemId: 'gifts-refuse',
      answer: { value: 9 },
    });
    await staff.engine.syncOnce();
    expect(await staff.db.attention.count()).toBe(1);

    const [other] = await city.db.query<{ id: string }>(
      `select id from units where id <> $1 and kind = 'section' order by id limit 1`,
      [city.accounts.staff.unitId],
    );
    await city.db.query(`update people set unit_id = $2 where id = $1`, [
      staff.person.id,
      other?.id,
    ]);
    expect(await staff.engine.syncOnce()).toBe('synced');
    const after = await staff.db.sheets.toArray();
    expect(after.some((s) => ownUnitSheets.some((o) => o.id === s.id))).toBe(false);
    expect(after.some((s) => s.id === ethicsSheet(staff.person.id))).toBe(true);
    expect(await staff.db.attention.count()).toBe(1);
  });

  it('keeps the outbox and asks for an update when the server needs a newer app', async () => {
    const newer = createApp({ db: city.db, minSyncSchemaVersion: 2 });
    const staff = await openDevice(newer, {
      staffNumber: city.accounts.staff.staffNumber,
      password: city.password,
    });
    demo.track(staff);
    await setAnswer(staff.db, {
      sheetId: ethicsSheet(staff.person.id),
      itemId: 'sns-conduct',
      answer: { value: 1 },
    });
    expect(await staff.engine.syncOnce()).toBe('update_required');
    expect(await staff.db.outbox.count()).toBe(1);
    expect(staff.engine.status).toMatchObject({
      state: 'update_required',
      lastError: 'syncErrorUpdate',
    });
    const requests = watchRequests(staff);
    expect(await staff.engine.syncOnce()).toBe('update_required');
    expect(requests).toEqual([]);
  });

  it('reports a failing server, then recovers', async () => {
    const staff = await device('staff');
    staff.network.onRequest = () => apiError(503, 'unavailable');
    expect(await staff.engine.syncOnce()).toBe('failed');
    expect(staff.engine.status).toMatchObject({ state: 'error', lastError: 'syncErrorServer' });
    staff.network.onRequest = null;
    expect(await staff.engine.syncOnce()).toBe('synced');
    expect(staff.engine.status).toMatchObject({ state: 'idle', lastError: null });
    expect(staff.engine.status.lastSuccessAt).not.toBeNull();
  });

  it('lets one tab sync a database at a time', async () => {
    const staff = await device('staff');
    const held = new Set<string>();
    const locks: LockManagerLike = {
      async request(name, _options, callback) {
        if (held.has(name)) return callback(null);
        held.add(name);
        try {
          return await callback({ name });
        } finally {
          held.delete(name);
        }
      },
    };
    // Two tabs: two connections to the same database of one browser.
    const indexedDB = new IDBFactory();
    const dbs = [0, 1].map(() => new PersonDb(staff.person.id, { indexedDB, IDBKeyRange }));
    const tabs = dbs.map((db) => new SyncEngine({ db, api: staff.api, locks }));
    await readSyncMeta(dbs[0] as PersonDb);
    const outcomes = await Promise.all(tabs.map((tab) => tab.syncOnce()));
    expect(outcomes.sort()).toEqual(['busy', 'synced']);
    for (const db of dbs) db.close();
  });
});

describe('backoff', () => {
  it('doubles up to five minutes, with jitter between half and all of the wait', () => {
    const { backoffBaseMs, backoffMaxMs } = syncTiming;
    expect(backoffDelay(1, () => 0)).toBe(backoffBaseMs / 2);
    expect(backoffDelay(1, () => 1)).toBe(backoffBaseMs);
    expect(backoffDelay(3, () => 1)).toBe(backoffBaseMs * 4);
    expect(backoffDelay(50, () => 1)).toBe(backoffMaxMs);
    expect(backoffDelay(50, () => 0)).toBe(backoffMaxMs / 2);
  });
});
