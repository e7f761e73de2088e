// Fetches the published templates when the device is online and stores them for offline
// use. Plain TypeScript: it reports through store actions, not through React.
import { fetchTemplates } from '../api/api-client.ts';
import { replaceTemplates } from '../db/device-db.ts';
import { useAppStore } from '../store/app-store.ts';

export async function refreshTemplates(): Promise<void> {
  const { setTemplatesRefreshFailed } = useAppStore.getState();
  try {
    await replaceTemplates(await fetchTemplates(), new Date());
    setTemplatesRefreshFailed(false);
  } catch {
    // The stored list stays on screen; the person is told it may be out of date.
    setTemplatesRefreshFailed(true);
  }
}

/** Keeps the online flag current and refreshes at start and whenever the network returns. */
export function startTemplateRefresh(): () => void {
  const { setOnline } = useAppStore.getState();
  const onOnline = () => {
    setOnline(true);
    void refreshTemplates();
  };
  const onOffline = () => setOnline(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  void refreshTemplates();
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  };
}
