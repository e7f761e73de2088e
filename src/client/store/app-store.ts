// The one zustand store, made of slices: ui (language, unsaved typing), connection (online, last refresh),
// session (who the device is open for, and whether the server still knows them) and sync
// (how sending and receiving changes goes).
// Lasting data lives in IndexedDB and is read with live queries, never copied here.
import { create, type StateCreator } from 'zustand';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { defaultLocale, locales, type Locale } from '@/shared/locale.ts';
import { initialSyncStatus, type SyncStatus } from '../sync/sync-status.ts';

const LOCALE_KEY = 'tenken.locale';

interface UiSlice {
  locale: Locale;
  setLocale(locale: Locale): void;
  /**
   * True while a field holds typing not yet saved to the device (e.g. a text field
   * mid-edit): the sheet editor sets it, and no app update reloads the page meanwhile.
   */
  editing: boolean;
  setEditing(editing: boolean): void;
}

interface ConnectionSlice {
  online: boolean;
  refreshFailed: boolean;
  setOnline(online: boolean): void;
  setRefreshFailed(failed: boolean): void;
}

/**
 * 'unknown': opened from this device without asking the server yet (e.g. offline);
 * 'active': the server knows the session; 'expired': the server ended it, so the person
 * is asked to sign in again while their work on the device stays as it is.
 */
export type ServerSession = 'unknown' | 'active' | 'expired';

interface SessionSlice {
  /** Whose data the app shows; null shows the sign-in screen. */
  person: SessionPerson | null;
  serverSession: ServerSession;
  mustChangePassword: boolean;
  setPerson(person: SessionPerson | null): void;
  setServerSession(state: ServerSession, mustChangePassword?: boolean): void;
}

interface SyncSlice {
  sync: SyncStatus;
  setSyncStatus(status: SyncStatus): void;
}

export type AppState = UiSlice & ConnectionSlice & SessionSlice & SyncSlice;

function storedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  return (locales as readonly string[]).includes(saved ?? '') ? (saved as Locale) : defaultLocale;
}

const uiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  locale: storedLocale(),
  setLocale(locale) {
    globalThis.localStorage?.setItem(LOCALE_KEY, locale);
    set({ locale });
  },
  editing: false,
  setEditing: (editing) => set({ editing }),
});

const connectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  online: globalThis.navigator?.onLine ?? true,
  refreshFailed: false,
  setOnline: (online) => set({ online }),
  setRefreshFailed: (refreshFailed) => set({ refreshFailed }),
});

const sessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  person: null,
  serverSession: 'unknown',
  mustChangePassword: false,
  setPerson: (person) => set({ person, serverSession: 'unknown', mustChangePassword: false }),
  setServerSession: (serverSession, mustChangePassword = false) =>
    set({ serverSession, mustChangePassword }),
});

const syncSlice: StateCreator<AppState, [], [], SyncSlice> = (set) => ({
  sync: initialSyncStatus,
  setSyncStatus: (sync) => set({ sync }),
});

export const useAppStore = create<AppState>()((...a) => ({
  ...uiSlice(...a),
  ...connectionSlice(...a),
  ...sessionSlice(...a),
  ...syncSlice(...a),
}));
