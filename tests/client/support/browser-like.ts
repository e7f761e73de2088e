// What the device code needs from a browser, in Node, besides IndexedDB (import
// 'fake-indexeddb/auto' first in the test file): localStorage, and fetch to the real server
// app with a cookie jar, as a browser keeps one; one such network per simulated device, with
// faults to inject.
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
  get length() {
    return this.#items.size;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
}

/** The page's address and history, for code that moves between screens. */
export function installLocation(): void {
  const url = new URL('http://tablet.local/');
  const history = {
    pushState: (_: unknown, __: string, path: string) => void (url.pathname = path),
    replaceState: (_: unknown, __: string, path: string) => void (url.pathname = path),
  };
  for (const [name, value] of Object.entries({ location: url, history }))
    Object.defineProperty(globalThis, name, { value, configurable: true });
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
  /**
   * Asked after the server has answered each request: true loses the answer on its way
   * back (the page sees a network error, the server has done the work).
   */
  loseResponse: ((url: URL, init: RequestInit | undefined) => boolean) | null;
  /**
   * Awaited before each request reaches the server, e.g. to make a change meanwhile; an
   * answer here is given instead of the server's.
   */
  onRequest:
    | ((url: URL, init: RequestInit | undefined) => Promise<Response | null> | Response | null)
    | null;
  /** The page's fetch to the app, with this browser's cookie. */
  fetch: typeof fetch;
}

/** A browser of its own (one device) talking to the app; its fetch is not installed. */
export function createNetwork(app: Hono): BrowserNetwork {
  const network: BrowserNetwork = {
    offline: false,
    cookie: null,
    loseResponse: null,
    onRequest: null,
    fetch: async (input, init) => {
      if (network.offline) throw new TypeError('Failed to fetch');
      const url = new URL(String(input), 'http://tablet.local');
      const given = await network.onRequest?.(url, init);
      if (given) return given;
      const headers = new Headers(init?.headers);
      if (network.cookie) headers.set('cookie', network.cookie);
      const response = await app.request(url.toString(), { ...init, headers });
      const set = response.headers.get('set-cookie');
      if (set) {
        const [pair] = set.split(';');
        const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(set);
        network.cookie = expired || !pair || pair.endsWith('=') ? null : pair;
      }
      if (network.loseResponse?.(url, init)) throw new TypeError('Failed to fetch');
      return response;
    },
  };
  return network;
}

/** Sends the page's requests to the app, keeping its cookie the way a browser would. */
export function connectTo(app: Hono): BrowserNetwork {
  const network = createNetwork(app);
  globalThis.fetch = network.fetch;
  return network;
}
