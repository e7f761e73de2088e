// Brings the device up to date when the session is confirmed: the templates from their
// list, a reviewer's directory of the organisation, and the person's sheets and answers
// through a sync pass (which also sends what waits in the outbox). Plain TypeScript: it reports through store actions, not React.
import { operations } from '@/shared/api/operations.ts';
import { maySignOffAny } from '@/shared/permissions.ts';
import { callApi } from '../api/api-client.ts';
import { currentPersonDb, replaceDirectory, replaceTemplates } from '../db/person-db.ts';
import { useAppStore } from '../store/app-store.ts';
import { syncNow } from './app-sync.ts';

async function refreshTemplates(): Promise<void> {
  const db = currentPersonDb();
  if (!db) return;
  try {
    const { templates } = await callApi(operations.listTemplates);
    await replaceTemplates(db, templates, new Date());
    useAppStore.getState().setRefreshFailed(false);
  } catch {
    // What is stored stays on screen; the person is told it may be out of date.
    useAppStore.getState().setRefreshFailed(true);
  }
}

/** A reviewer's device keeps the organisation it reaches, to name owners and approvers offline. */
async function refreshDirectory(): Promise<void> {
  const db = currentPersonDb();
  if (!db) return;
  try {
    await replaceDirectory(db, await callApi(operations.getDirectory), new Date());
  } catch {
    // The stored directory stays; the inbox still lists sheets, with fewer names.
  }
}

export async function refreshFromServer(): Promise<void> {
  const { serverSession, person } = useAppStore.getState();
  if (serverSession !== 'active' || !person) return;
  await Promise.all([
    refreshTemplates(),
    maySignOffAny(person) ? refreshDirectory() : undefined,
    syncNow(),
  ]);
}
