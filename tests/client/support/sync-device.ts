// A simulated device in a Node test: its own IndexedDB (fake-indexeddb), its own browser
// network with a cookie jar, an API client, the person's database and a sync engine, all
// against the real server app. Several can run side by side in one process.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Hono } from 'hono';
import { createApiClient, type ApiClient } from '@/client/api/api-client.ts';
import { PersonDb } from '@/client/db/person-db.ts';
import { SyncEngine, type SyncEngineOptions } from '@/client/sync/sync-engine.ts';
import type { SyncStatus } from '@/client/sync/sync-status.ts';
import { operations } from '@/shared/api/operations.ts';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { createNetwork, type BrowserNetwork } from './browser-like.ts';

export interface TestDevice {
  person: SessionPerson;
  network: BrowserNetwork;
  api: ApiClient;
  db: PersonDb;
  engine: SyncEngine;
  /** Every status the engine reported, oldest first. */
  statuses: SyncStatus[];
  /** Signs in again on this device (after the server ended the session) and resumes syncing. */
  signInAgain(): Promise<void>;
  /** Stops the engine and closes the database. */
  close(): Promise<void>;
}

export async function openDevice(
  app: Hono,
  account: { staffNumber: string; password: string },
  options: Partial<Omit<SyncEngineOptions, 'db' | 'api' | 'onStatus'>> = {},
): Promise<TestDevice> {
  const network = createNetwork(app);
  const api = createApiClient({ fetch: network.fetch });
  const signIn = async () => {
    const session = await api.call(operations.signIn, { body: account });
    api.setCsrfToken(session.csrfToken);
    return session.person;
  };
  const person = await signIn();
  const db = new PersonDb(person.id, { indexedDB: new IDBFactory(), IDBKeyRange });
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({
    db,
    api,
    onStatus: (status) => statuses.push(status),
    ...options,
  });
  return {
    person,
    network,
    api,
    db,
    engine,
    statuses,
    async signInAgain() {
      await signIn();
      engine.resume();
    },
    async close() {
      await engine.stop();
      db.dispose();
    },
  };
}
