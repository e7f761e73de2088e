// A signed-in (or anonymous) caller of the Hono app for tests: keeps the session cookie
// and sends the CSRF token on state-changing requests, as the PWA does.
import type { Hono } from 'hono';

export interface ApiCaller {
  /** The session cookie, or null when not signed in. */
  cookie: string | null;
  csrfToken: string | null;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export function anonymous(app: Hono): ApiCaller {
  return caller(app, null, null);
}

function caller(app: Hono, cookie: string | null, csrfToken: string | null): ApiCaller {
  return {
    cookie,
    csrfToken,
    request(method, path, body, headers = {}) {
      const all: Record<string, string> = { ...headers };
      if (cookie) all.cookie = cookie;
      if (csrfToken && method !== 'GET') all['x-csrf-token'] = csrfToken;
      if (body !== undefined) all['content-type'] = 'application/json';
      return Promise.resolve(
        app.request(path, {
          method,
          headers: all,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    },
  };
}

export function sessionCookieOf(response: Response): string | null {
  const header = response.headers.get('set-cookie');
  const match = header?.match(/tenken_session=([^;]*)/);
  return match?.[1] ? `tenken_session=${match[1]}` : null;
}

/** Signs in through the API; throws unless it succeeds. */
export async function signIn(app: Hono, staffNumber: string, password: string): Promise<ApiCaller> {
  const response = await anonymous(app).request('POST', '/api/session', { staffNumber, password });
  if (response.status !== 200)
    throw new Error(
      `sign-in of ${staffNumber} failed with ${response.status}: ${await response.text()}`,
    );
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return caller(app, sessionCookieOf(response), csrfToken);
}
