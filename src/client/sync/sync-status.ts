// How syncing goes, as the engine reports it and the status line shows it.
import type { MessageKey } from '../i18n/messages-ja.ts';

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'update_required';

/** What can go wrong, as the message the person reads. */
export const syncErrorKeys = [
  'syncErrorOffline',
  'syncErrorServer',
  'syncErrorSignIn',
  'syncErrorUpdate',
  'syncErrorStorageFull',
  'syncErrorFailed',
] as const satisfies readonly MessageKey[];
export type SyncErrorKey = (typeof syncErrorKeys)[number];

/** A stored key, which an older version of the app may have written. */
export function asSyncErrorKey(key: string | null | undefined): SyncErrorKey | null {
  return syncErrorKeys.find((k) => k === key) ?? null;
}

export interface SyncStatus {
  state: SyncState;
  /** Changes waiting to be sent. */
  pending: number;
  /** Refused changes waiting for the person's decision. */
  attention: number;
  lastSuccessAt: string | null;
  /** What went wrong last (in this tab or the one syncing); null after a success. */
  lastError: SyncErrorKey | null;
}

export const initialSyncStatus: SyncStatus = {
  state: 'idle',
  pending: 0,
  attention: 0,
  lastSuccessAt: null,
  lastError: null,
};
