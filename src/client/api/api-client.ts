// Calls to the server's /api, named by the shared operation list: the session token goes
// with every state-changing request, and every answer is checked against the shared schema.
// A file to download (a report for Excel) is a link to the operation's address instead.
// The app uses one default client; tests make one per simulated device, each with its own
// fetch (and so its own cookie) and token.
import type { z } from 'zod';
import type { Operation } from '@/shared/api/operations.ts';
import { errorResponseSchema, type ExistingRound } from '@/shared/api/schemas.ts';

/** The server answered with an error; `code` is stable, `message` is for logs. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMinutes?: number,
    /** With round_other_due_date and round_other_version: what the round exists with. */
    readonly round?: ExistingRound,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached at all (offline, or the request was cut). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('the server could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

type Input<O extends Operation> = (O extends { params: z.ZodType }
  ? { params: z.input<O['params']> }
  : unknown) &
  (O extends { query: z.ZodType } ? { query: z.input<O['query']> } : unknown) &
  (O extends { body: z.ZodType } ? { body: z.input<O['body']> } : unknown);

type InputArgs<O extends Operation> = O extends
  { params: z.ZodType } | { query: z.ZodType } | { body: z.ZodType }
  ? [Input<O>]
  : [];

export interface ApiClient {
  call<O extends Operation>(op: O, ...args: InputArgs<O>): Promise<z.output<O['response']>>;
  /** Remembers the token from the last sign-in or session check (kept in memory only). */
  setCsrfToken(token: string | null): void;
  /** Called whenever the server says the session is gone (401), to ask for a new sign-in. */
  onSessionLost(handler: () => void): void;
}

/** The address of an operation: its path with the parameters filled in, and the query. */
function urlOf(
  op: Operation,
  params: Record<string, string> | undefined,
  query: Record<string, string | number> | undefined,
): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params?.[name] ?? ''),
  );
  const search = query
    ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`
    : '';
  return `/api${path}${search}`;
}

/**
 * The address of a file an operation answers with (`downloads`), for a link the browser
 * follows itself: the session cookie goes with it, and a GET needs no token.
 */
export function downloadUrl<O extends Operation & { downloads: true; query: z.ZodType }>(
  op: O,
  query: z.input<O['query']> & { format: 'csv' | 'xlsx' },
): string {
  return urlOf(op, undefined, query as Record<string, string | number>);
}

export function createApiClient(options: { fetch?: typeof fetch } = {}): ApiClient {
  let csrfToken: string | null = null;
  let onSignedOut: () => void = () => undefined;
  // Looked up at each call, so a page (or test) that replaces fetch later is heard.
  const send: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<O extends Operation>(
    op: O,
    ...args: InputArgs<O>
  ): Promise<z.output<O['response']>> {
    const [input] = args as unknown[];
    const { params, query, body } = (input ?? {}) as {
      params?: Record<string, string>;
      query?: Record<string, string | number>;
      body?: unknown;
    };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (op.method !== 'get' && csrfToken) headers['x-csrf-token'] = csrfToken;
    let response: Response;
    try {
      response = await send(urlOf(op, params, query), {
        method: op.method.toUpperCase(),
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new NetworkError(error);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = errorResponseSchema.safeParse(json);
      const error = parsed.success
        ? new ApiError(
            response.status,
            parsed.data.error.code,
            parsed.data.error.message,
            parsed.data.error.retryAfterMinutes,
            parsed.data.error.round,
          )
        : new ApiError(response.status, 'unexpected', `the server answered ${response.status}`);
      if (response.status === 401 && op.access.kind !== 'public') onSignedOut();
      throw error;
    }
    return op.response.parse(json) as z.output<O['response']>;
  }

  return {
    call,
    setCsrfToken(token) {
      csrfToken = token;
    },
    onSessionLost(handler) {
      onSignedOut = handler;
    },
  };
}

/** The page's own client. */
export const apiClient = createApiClient();
export const callApi = apiClient.call;
export const setCsrfToken = apiClient.setCsrfToken;
export const onSessionLost = apiClient.onSessionLost;
