// @vitest-environment happy-dom
// The sync status line says "synced" only when it is so: after a sync has succeeded, with
// nothing waiting and nothing gone wrong; a device that has never synced says so instead.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncStatusLine } from '@/client/features/sync-status/sync-status-line.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import { initialSyncStatus, type SyncStatus } from '@/client/sync/sync-status.ts';

function show(sync: Partial<SyncStatus>) {
  useAppStore.setState({ online: true, sync: { ...initialSyncStatus, ...sync } });
  render(<SyncStatusLine />);
  return screen.getByTestId('sync-status');
}

afterEach(() => {
  cleanup();
  useAppStore.setState({ sync: initialSyncStatus });
});

describe('the sync status line', () => {
  it('does not call a device that has never synced up to date', () => {
    const line = show({});
    expect(screen.getByRole('status').textContent).toBe('');
    expect(line.textContent).toContain('まだ同期していません');
  });

  it('says synced after a sync with nothing waiting', () => {
    show({ lastSuccessAt: '2026-11-25T01:00:00.000Z' });
    expect(screen.getByRole('status').textContent).toBe('同期済み');
  });

  it('leaves it to the count when something waits to be sent', () => {
    const line = show({ lastSuccessAt: '2026-11-25T01:00:00.000Z', pending: 2 });
    expect(screen.getByRole('status').textContent).toBe('');
    expect(line.textContent).toContain('送信待ち 2件');
  });
});
