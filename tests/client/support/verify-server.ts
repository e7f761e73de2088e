// A server that finds every sheet's history intact, for the screen tests that show the
// history check: stubs `fetch` for the test that calls it and lists the requests made.
import { onTestFinished, vi } from 'vitest';
import { useAppStore } from '@/client/store/app-store.ts';
import { json } from './json-response.ts';

/** Goes online with a server answering every verification with `events` intact records. */
export function intactHistoryServer(events: number): string[] {
  const requests: string[] = [];
  const wasOnline = useAppStore.getState().online;
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(input, 'http://localhost').pathname}`);
    return json({ ok: true, events });
  });
  useAppStore.setState({ online: true });
  onTestFinished(() => {
    vi.unstubAllGlobals();
    useAppStore.setState({ online: wasOnline });
  });
  return requests;
}
