// What the device code needs from a browser, in Node, besides IndexedDB (import
// 'fake-indexeddb/auto' first in the test file): localStorage, and fetch to the real server
// app with a cookie jar, as a browser keeps one.
import type { Hono } from 'hono';

class MemoryStorage {
  #items = new Map<string, string>();
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  clear() {
    this.#items.clear();
  }
}

export function installLocalStorage(): void {
  Object.defineProperty(globalThis, 'localStorage', {
    value: new MemoryStorage(),
    configurable: true,
  });
}

export interface BrowserNetwork {
  /** Cuts the network: every request fails as fetch does offline. */
  offline: boolean;
  /** The browser's cookie for the API, as the server set it. */
  cookie: string | null;
}

/** Sends the page's requests to the app, keeping its cookie the way a browser would. */
export function connectTo(app: Hono): BrowserNetwork {
  const network: BrowserNetwork = { offline: false, cookie: null };
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    if (network.offline) throw new TypeError('Failed to fetch');
    const headers = new Headers(init?.headers);
    if (network.cookie) headers.set('cookie', network.cookie);
    const url = new URL(String(input), 'http://tablet.local');
    const response = await app.request(url.toString(), { ...init, headers });
    const set = response.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(set);
      network.cookie = expired || !pair || pair.endsWith('=') ? null : pair;
    }
    return response;
  };
  return network;
}
