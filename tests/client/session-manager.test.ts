// The device session against the real server app (PGlite): each person's own database,
// opening offline, re-sign-in after the server ends a session (and sending resumes), and
// sign-out that deletes nothing unsent, or sends it first.
import 'fake-indexeddb/auto'; // first: Dexie finds IndexedDB when it loads
import Dexie from 'dexie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import {
  connectTo,
  installLocalStorage,
  installLocation,
  type BrowserNetwork,
} from './support/browser-like.ts';
import { openDemoCity, type DemoCityFixture } from '../server/support/demo-city-fixture.ts';
import { testDatabases } from '../server/support/test-databases.ts';

installLocalStorage();
installLocation();
// Imported after the browser stand-ins exist, as in the page.
const { useAppStore } = await import('@/client/store/app-store.ts');
const session = await import('@/client/session/session-manager.ts');
const { currentPersonDb, personDbName, replaceTemplates } =
  await import('@/client/db/person-db.ts');
const { setAnswer } = await import('@/client/db/local-changes.ts');

const [pglite] = testDatabases();
if (!pglite) throw new Error('PGlite is always available');

/** Reads a person's database as raw IndexedDB would, without the app's module. */
async function readPersonDb(personId: string) {
  const db = new Dexie(personDbName(personId));
  await db.open();
  const [sheets, outbox] = await Promise.all([
    db.table<Sheet>('sheets').toArray(),
    db.table('queue').toArray(),
  ]);
  db.close();
  return { sheets, outbox };
}

/** A change made in the app, to the person's own ethics sheet. */
async function makeChange(personId: string, value: number) {
  const db = currentPersonDb();
  if (!db) throw new Error('no database is open');
  await setAnswer(db, {
    sheetId: `ethics-self-check.2026.annual.${personId}`,
    itemId: 'gifts-refuse',
    answer: { value },
  });
}

async function serverValue(city: DemoCityFixture, personId: string) {
  const [row] = await city.db.query<{ value: unknown }>(
    `select value from answers where sheet_id = $1 and item_id = 'gifts-refuse'`,
    [`ethics-self-check.2026.annual.${personId}`],
  );
  return row?.value;
}

/** A reload: the page's memory is gone, the device's storage is not. */
async function reload() {
  useAppStore.setState({ person: null, serverSession: 'unknown', mustChangePassword: false });
  await session.restoreSession();
}

describe('the session on a shared device', () => {
  let city: DemoCityFixture;
  let network: BrowserNetwork;
  let staff: DemoCityFixture['accounts']['staff'];
  let chief: DemoCityFixture['accounts']['chief'];

  beforeAll(async () => {
    city = await openDemoCity(pglite);
    network = connectTo(createApp({ db: city.db }));
    ({ staff, chief } = city.accounts);
  });
  afterAll(() => city.db.close());
  beforeEach(() => {
    network.offline = false;
  });

  it('signs in and keeps the person’s own sheets, and only theirs, on the device', async () => {
    await session.signIn(staff.staffNumber, city.password);
    expect(useAppStore.getState()).toMatchObject({
      person: { id: staff.id },
      serverSession: 'active',
    });
    const { sheets } = await readPersonDb(staff.id);
    expect(sheets.length).toBe(3);
    for (const sheet of sheets)
      expect(
        sheet.owner.kind === 'workplace'
          ? sheet.unitId === staff.unitId
          : sheet.owner.kind === 'person' && sheet.owner.personId === staff.id,
      ).toBe(true);
  });

  it('opens offline for the same person after a reload', async () => {
    network.offline = true;
    await reload();
    expect(useAppStore.getState()).toMatchObject({
      person: { id: staff.id },
      serverSession: 'unknown',
    });
    expect((await readPersonDb(staff.id)).sheets).toHaveLength(3);
  });

  it('asks for sign-in again when the server has ended the session, touching nothing', async () => {
    await session.checkServerSession();
    await city.db.query('update sessions set revoked_at = now() where person_id = $1', [staff.id]);
    await makeChange(staff.id, 1);
    await session.checkServerSession();
    expect(useAppStore.getState()).toMatchObject({
      person: { id: staff.id },
      serverSession: 'expired',
    });
    expect((await readPersonDb(staff.id)).outbox).toHaveLength(1);

    // Signing in again sends what waited.
    await session.signIn(staff.staffNumber, city.password);
    expect(useAppStore.getState().serverSession).toBe('active');
    expect((await readPersonDb(staff.id)).outbox).toHaveLength(0);
    expect(await serverValue(city, staff.id)).toBe(1);
    expect(useAppStore.getState().sync).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('keeps unsent work for its person through sign-out and another person’s visit', async () => {
    network.offline = true;
    await makeChange(staff.id, 2);
    expect(await session.unsentChanges()).toBe(1);
    const staffDb = currentPersonDb();
    if (!staffDb) throw new Error('no database is open');
    await session.signOut();
    expect(useAppStore.getState().person).toBeNull();
    expect(await Dexie.exists(personDbName(staff.id))).toBe(true);

    network.offline = false;
    await session.signIn(chief.staffNumber, city.password);
    expect(useAppStore.getState().person?.id).toBe(chief.id);
    expect(await session.unsentChanges()).toBe(0);
    // A refresh begun for the previous person never lands in this person's database.
    const before = await readPersonDb(chief.id);
    await replaceTemplates(staffDb, [], new Date());
    expect(await readPersonDb(chief.id)).toEqual(before);
    await session.signOut();

    // Back on the device, the change is sent.
    await session.signIn(staff.staffNumber, city.password);
    expect(await session.unsentChanges()).toBe(0);
    expect(await serverValue(city, staff.id)).toBe(2);
  });

  it('sends before signing out, and stays signed in when that is not possible', async () => {
    network.offline = true;
    await makeChange(staff.id, 3);
    expect(await session.sendThenSignOut()).toEqual({ unsent: 1 });
    expect(useAppStore.getState().person?.id).toBe(staff.id);

    network.offline = false;
    expect(await session.sendThenSignOut()).toEqual({ signedOut: true });
    expect(useAppStore.getState().person).toBeNull();
    expect(await serverValue(city, staff.id)).toBe(3);
    expect(await Dexie.exists(personDbName(staff.id))).toBe(false);
  });

  it('deletes the person’s data from the device at sign-out when nothing is unsent', async () => {
    await session.signIn(chief.staffNumber, city.password);
    // Text typed but not yet written, copied aside by the sheet screen, goes too.
    const copy = `tenken.unsaved.${personDbName(chief.id)}/some-sheet`;
    localStorage.setItem(copy, '[]');
    await session.signOut();
    expect(localStorage.getItem(copy)).toBeNull();
    expect(await Dexie.exists(personDbName(chief.id))).toBe(false);
    expect(network.cookie).toBeNull();
    await reload();
    expect(useAppStore.getState().person).toBeNull();
  });

  it('reports a wrong password and a missing network as errors the screen can name', async () => {
    await expect(session.signIn(staff.staffNumber, 'wrong-password')).rejects.toMatchObject({
      name: 'ApiError',
      code: 'invalid_credentials',
    });
    network.offline = true;
    await expect(session.signIn(staff.staffNumber, city.password)).rejects.toMatchObject({
      name: 'NetworkError',
    });
  });
});
