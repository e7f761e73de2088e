// Fetches the templates and the person's sheets when the device is online and stores them
// in the person's database for offline use. Plain TypeScript: it reports through store
// actions, not through React.
import { operations } from '@/shared/api/operations.ts';
import { callApi } from '../api/api-client.ts';
import { replaceServerData } from '../db/person-db.ts';
import { useAppStore } from '../store/app-store.ts';

export async function refreshFromServer(): Promise<void> {
  const { setRefreshFailed, serverSession, person } = useAppStore.getState();
  if (serverSession !== 'active' || !person) return;
  try {
    const [{ templates }, { sheets }] = await Promise.all([
      callApi(operations.listTemplates),
      callApi(operations.listSheets),
    ]);
    await replaceServerData(person.id, { templates, sheets }, new Date());
    setRefreshFailed(false);
  } catch {
    // What is stored stays on screen; the person is told it may be out of date.
    setRefreshFailed(true);
  }
}
