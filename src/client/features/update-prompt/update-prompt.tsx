/// <reference types="vite-plugin-pwa/client" />
// Offers a new version of the app; it is installed only when the person agrees, and offered
// only when updating cannot lose anything (update-offer.tsx).
//
// The service worker is registered once per page, not per mount: the frame is mounted again
// when the person changes, and a second registration would miss a version found meanwhile.
// A new version waits (no skipWaiting) and stays waiting across reloads; registering again
// reports it, so the offer comes back after a reload.
import { useSyncExternalStore } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { UpdateOffer } from './update-offer.tsx';

let needRefresh = false;
let updateServiceWorker: ((reloadPage?: boolean) => Promise<void>) | null = null;
const listeners = new Set<() => void>();

function showOffer() {
  needRefresh = true;
  listeners.forEach((listener) => listener());
}

function register() {
  updateServiceWorker ??= registerSW({
    immediate: true,
    onNeedRefresh: showOffer,
    onRegisteredSW(_url, registration) {
      // A version already installing when the page registered is not reported: watch it.
      const installing = registration?.installing;
      if (!installing || !navigator.serviceWorker.controller) return;
      installing.addEventListener('statechange', () => {
        if (installing.state === 'installed' && registration.waiting === installing) showOffer();
      });
    },
  });
}

function subscribe(listener: () => void): () => void {
  register();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function UpdatePrompt() {
  const shown = useSyncExternalStore(
    subscribe,
    () => needRefresh,
    () => false,
  );
  return <UpdateOffer needRefresh={shown} update={() => void updateServiceWorker?.(true)} />;
}
