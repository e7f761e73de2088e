// What the browser offers for keeping Tenken on this device: the install prompt (kept from
// the moment the page loads, since the browser sends it once), whether the app runs
// installed, and whether it is Safari on an iPad or iPhone, where only "Add to Home Screen"
// installs it.
import { useSyncExternalStore } from 'react';

/** Chromium's install event (not in the DOM typings). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallState = 'installed' | 'available' | 'unavailable';

let deferred: BeforeInstallPromptEvent | null = null;
let installedNow = false;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    // The app offers installation on its settings screen instead of the browser's banner.
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    notify();
  });
  window.addEventListener('appinstalled', () => {
    deferred = null;
    installedNow = true;
    notify();
  });
}

/** Running from the home screen or as an installed app, not in a browser tab. */
export function isStandalone(): boolean {
  const nav = globalThis.navigator as (Navigator & { standalone?: boolean }) | undefined;
  return (
    installedNow ||
    nav?.standalone === true ||
    globalThis.matchMedia?.('(display-mode: standalone)').matches === true
  );
}

/** An iPad or iPhone (iPadOS reports itself as a Mac, but one with a touch screen). */
export function isAppleMobile(
  nav: Pick<Navigator, 'userAgent' | 'maxTouchPoints'> | undefined = globalThis.navigator,
): boolean {
  if (!nav) return false;
  return (
    /\b(iPad|iPhone|iPod)\b/.test(nav.userAgent) ||
    (/\bMacintosh\b/.test(nav.userAgent) && nav.maxTouchPoints > 1)
  );
}

function installState(): InstallState {
  if (isStandalone()) return 'installed';
  return deferred ? 'available' : 'unavailable';
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useInstallState(): InstallState {
  return useSyncExternalStore(subscribe, installState, () => 'unavailable');
}

/** Shows the browser's install dialog; true when the person accepted. */
export async function install(): Promise<boolean> {
  const event = deferred;
  if (!event) return false;
  deferred = null;
  await event.prompt();
  const { outcome } = await event.userChoice;
  notify();
  return outcome === 'accepted';
}
