// The one zustand store, made of slices: ui (language) and connection (online, template
// refresh). Lasting data lives in IndexedDB and is read with live queries, never copied here.
import { create, type StateCreator } from 'zustand';
import { defaultLocale, locales, type Locale } from '@/shared/locale.ts';

const LOCALE_KEY = 'tenken.locale';

interface UiSlice {
  locale: Locale;
  setLocale(locale: Locale): void;
}

interface ConnectionSlice {
  online: boolean;
  templatesRefreshFailed: boolean;
  setOnline(online: boolean): void;
  setTemplatesRefreshFailed(failed: boolean): void;
}

export type AppState = UiSlice & ConnectionSlice;

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
});

const connectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  online: globalThis.navigator?.onLine ?? true,
  templatesRefreshFailed: false,
  setOnline: (online) => set({ online }),
  setTemplatesRefreshFailed: (templatesRefreshFailed) => set({ templatesRefreshFailed }),
});

export const useAppStore = create<AppState>()((...a) => ({
  ...uiSlice(...a),
  ...connectionSlice(...a),
}));
