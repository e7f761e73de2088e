// The device's own IndexedDB, shared by everyone who uses this browser: only the list of
// people who have signed in here and still have a database on it. Their sheets and answers
// live in each person's own database (person-db.ts), never here.
// This folder is the only place that talks to Dexie.
import Dexie, { type EntityTable } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { SessionPerson } from '@/shared/api/schemas.ts';

export interface DeviceAccount {
  personId: string;
  person: SessionPerson;
  lastSignedInAt: string;
}

class DeviceDb extends Dexie {
  accounts!: EntityTable<DeviceAccount, 'personId'>;
  constructor() {
    super('tenken-device');
    // Version 1 held the templates, which now live in each person's database.
    this.version(2).stores({ templates: null, accounts: 'personId, lastSignedInAt' });
  }
}

const db = new DeviceDb();

export async function rememberAccount(person: SessionPerson, at: Date): Promise<void> {
  await db.accounts.put({ personId: person.id, person, lastSignedInAt: at.toISOString() });
}

export async function findAccount(personId: string): Promise<DeviceAccount | undefined> {
  return db.accounts.get(personId);
}

export async function forgetAccount(personId: string): Promise<void> {
  await db.accounts.delete(personId);
}

/** Everyone with a database on this device, newest sign-in first, live. */
export function useDeviceAccounts(): DeviceAccount[] | undefined {
  return useLiveQuery(() => db.accounts.orderBy('lastSignedInAt').reverse().toArray(), []);
}
