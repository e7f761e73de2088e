// The app's one sync engine, for the person the app is open for: started when their
// database opens, paused while the server does not know the session, stopped before the
// database closes. It reports to the store's sync slice.
import { apiClient } from '../api/api-client.ts';
import type { PersonDb } from '../db/person-db.ts';
import { useAppStore } from '../store/app-store.ts';
import { SyncEngine, type LockManagerLike, type SyncOutcome } from './sync-engine.ts';
import { initialSyncStatus } from './sync-status.ts';

let engine: SyncEngine | null = null;

/** Starts syncing a newly opened database; paused until the session is confirmed. */
export function startSync(db: PersonDb): void {
  useAppStore.getState().setSyncStatus(initialSyncStatus);
  engine = new SyncEngine({
    db,
    api: apiClient,
    onStatus: (status) => useAppStore.getState().setSyncStatus(status),
    locks: (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks ?? null,
    paused: true,
  });
  engine.start();
}

/** Stops syncing and waits for a running pass, before the database is closed or deleted. */
export async function stopSync(): Promise<void> {
  const stopping = engine;
  engine = null;
  await stopping?.stop();
  useAppStore.getState().setSyncStatus(initialSyncStatus);
}

export function pauseSync(): void {
  engine?.pause();
}

export function resumeSync(): void {
  engine?.resume();
}

/** One pass now, e.g. from the "sync now" button; resolves when it has ended. */
export function syncNow(): Promise<SyncOutcome | 'no_database'> {
  return engine ? engine.syncOnce() : Promise.resolve('no_database');
}
