// Reminders on the device: a chief's reminder reaches the staff member's database at their
// next sync (against the real server app), is kept once, stays dismissed through later
// pulls and a reset, and a database written by version 5 opens with its outbox whole and
// the reminders store added.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { dismissReminder, PersonDb } from '@/client/db/person-db.ts';
import { readSyncMeta } from '@/client/db/server-changes.ts';
import { operations } from '@/shared/api/operations.ts';
import { useDemoCityDevices } from './support/demo-city-devices.ts';
import { oldPersonDb, queuedAnswers } from './support/old-person-db.ts';

const ethicsSheet = (personId: string) => `ethics-self-check.2026.annual.${personId}`;

describe('reminders on the device', () => {
  const { device } = useDemoCityDevices(60_000);

  it('stores a pulled reminder once, and keeps it dismissed through later pulls and a reset', async () => {
    const staff = await device('staff');
    const chief = await device('chief');
    expect(await staff.engine.syncOnce()).toBe('synced');
    expect(await staff.db.reminders.count()).toBe(0);

    const sheetId = ethicsSheet(staff.person.id);
    await chief.api.call(operations.sendReminder, {
      params: { id: sheetId },
      body: { message: '期限を過ぎています' },
    });

    expect(await staff.engine.syncOnce()).toBe('synced');
    const [stored, ...more] = await staff.db.reminders.toArray();
    expect(more).toEqual([]);
    expect(stored).toMatchObject({
      sheetId,
      sentBy: chief.person.id,
      sentByName: chief.person.name,
      message: '期限を過ぎています',
      dismissedAt: null,
    });
    if (!stored) throw new Error('no reminder stored');

    await dismissReminder(staff.db, stored.id, new Date('2026-11-25T00:00:00Z'));
    expect(await staff.engine.syncOnce()).toBe('synced');
    // A reset sends every reminder again: the dismissed one stays dismissed, and single.
    const meta = await readSyncMeta(staff.db);
    await staff.db.meta.put({ ...meta, scope: 'an-older-reach' });
    expect(await staff.engine.syncOnce()).toBe('synced');
    expect(await staff.db.reminders.toArray()).toEqual([
      { ...stored, dismissedAt: '2026-11-25T00:00:00.000Z' },
    ]);
    // Nobody else in the section received it.
    expect(await chief.engine.syncOnce()).toBe('synced');
    expect(await chief.db.reminders.count()).toBe(0);
  });

  it('opens a database of version 5 with its outbox whole and a reminders store', async () => {
    const indexedDB = new IDBFactory();
    const v5 = oldPersonDb('p-v5', indexedDB, 5);
    const entries = queuedAnswers([3, 4]);
    await v5.table('queue').bulkAdd(entries);
    v5.close();

    const db = new PersonDb('p-v5', { indexedDB, IDBKeyRange });
    expect(await db.outbox.toArray()).toEqual(entries);
    expect(await db.reminders.count()).toBe(0);
    db.close();
  });
});
