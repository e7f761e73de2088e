// The app's screens as addresses, so a reload or a deep link (served by the service worker
// offline) opens the same screen. The history API only: a router library is not needed for
// a handful of screens.
import { useSyncExternalStore } from 'react';

/** The auditors' reports, one address each. */
export const reportTabs = ['completion', 'answers', 'risks', 'evidence'] as const;
export type ReportTab = (typeof reportTabs)[number];

export type Route =
  | { name: 'home' }
  | { name: 'sheet'; sheetId: string }
  | { name: 'print'; sheetId: string }
  | { name: 'attention' }
  | { name: 'review' }
  | { name: 'reviewSheet'; sheetId: string }
  | { name: 'progress' }
  | { name: 'rounds' }
  | { name: 'settings' }
  | { name: 'admin' }
  | { name: 'acting' }
  | { name: 'reports'; tab: ReportTab }
  | { name: 'not_found' };

const patterns: [RegExp, (match: RegExpExecArray) => Route][] = [
  [/^\/$/, () => ({ name: 'home' })],
  [/^\/sheets\/([^/]+)$/, (m) => ({ name: 'sheet', sheetId: decodeURIComponent(m[1] ?? '') })],
  [
    /^\/sheets\/([^/]+)\/print$/,
    (m) => ({ name: 'print', sheetId: decodeURIComponent(m[1] ?? '') }),
  ],
  [/^\/attention$/, () => ({ name: 'attention' })],
  [/^\/review$/, () => ({ name: 'review' })],
  [
    /^\/review\/([^/]+)$/,
    (m) => ({ name: 'reviewSheet', sheetId: decodeURIComponent(m[1] ?? '') }),
  ],
  [/^\/progress$/, () => ({ name: 'progress' })],
  [/^\/rounds$/, () => ({ name: 'rounds' })],
  [/^\/settings$/, () => ({ name: 'settings' })],
  [/^\/admin$/, () => ({ name: 'admin' })],
  [/^\/acting$/, () => ({ name: 'acting' })],
  [/^\/reports$/, () => ({ name: 'reports', tab: 'completion' })],
  [/^\/reports\/(answers|risks|evidence)$/, (m) => ({ name: 'reports', tab: m[1] as ReportTab })],
];

export function routeOf(pathname: string): Route {
  for (const [pattern, toRoute] of patterns) {
    const match = pattern.exec(pathname);
    if (match) return toRoute(match);
  }
  return { name: 'not_found' };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'home':
    case 'not_found':
      return '/';
    case 'sheet':
      return `/sheets/${encodeURIComponent(route.sheetId)}`;
    case 'print':
      return `/sheets/${encodeURIComponent(route.sheetId)}/print`;
    case 'reviewSheet':
      return `/review/${encodeURIComponent(route.sheetId)}`;
    case 'reports':
      return route.tab === 'completion' ? '/reports' : `/reports/${route.tab}`;
    default:
      return `/${route.name}`;
  }
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(route: Route, { replace = false } = {}): void {
  const path = pathOf(route);
  if (path !== location.pathname) {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  }
  for (const listener of listeners) listener();
  globalThis.scrollTo?.(0, 0);
}

/** The current screen; re-renders when it changes. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => location.pathname);
  return routeOf(pathname);
}
