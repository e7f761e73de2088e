// The person database as an earlier version of the app left it, for the tests of its
// upgrades: the tables each schema version declared, and the queued changes it held.
import Dexie from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { personDbName } from '@/client/db/person-db.ts';

/** What each version of the person database declared, from version 1 on. */
const pastSchemas: Record<string, string | null>[] = [
  { templates: 'id', sheets: 'id, state, dueDate', outbox: 'seq' },
  { answers: '[sheetId+itemId], sheetId', attention: 'seq', overwrites: 'id', meta: 'key' },
  { events: '[sheetId+seq], sheetId' },
  { outbox: null, queue: '++seq' },
  { directory: 'key' },
  { reminders: 'id, sheetId' },
];

/** The person's database as version `version` declared it, in the device's IndexedDB. */
export function oldPersonDb(personId: string, indexedDB: IDBFactory, version: number): Dexie {
  if (version < 1 || version > pastSchemas.length)
    throw new Error(`no past schema of version ${version}`);
  const db = new Dexie(personDbName(personId), { indexedDB, IDBKeyRange });
  pastSchemas.slice(0, version).forEach((stores, i) => db.version(i + 1).stores(stores));
  return db;
}

/** Queued answers (`setAnswer`) of sheet s-1 with these seqs, as versions 2 and later kept them. */
export function queuedAnswers(seqs: readonly number[]) {
  return seqs.map((seq) => ({
    seq,
    name: 'setAnswer',
    args: { sheetId: 's-1', itemId: `item-${seq}`, answer: { value: 1 }, baseVersion: 0 },
    schemaVersion: 1,
    madeAt: '2026-11-24T09:00:00.000Z',
  }));
}
