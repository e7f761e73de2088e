// Calls to the server's /api, named by the shared operation list: the session token goes
// with every state-changing request, and every answer is checked against the shared schema.
import type { z } from 'zod';
import type { Operation } from '@/shared/api/operations.ts';
import { errorResponseSchema } from '@/shared/api/schemas.ts';

/** The server answered with an error; `code` is stable, `message` is for logs. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMinutes?: number,
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
  (O extends { body: z.ZodType } ? { body: z.input<O['body']> } : unknown);

type InputArgs<O extends Operation> = O extends { params: z.ZodType } | { body: z.ZodType }
  ? [Input<O>]
  : [];

let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;

/** Remembers the token from the last sign-in or session check (kept in memory only). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the server says the session is gone (401), to ask for a new sign-in. */
export function onSessionLost(handler: () => void): void {
  onSignedOut = handler;
}

export async function callApi<O extends Operation>(
  op: O,
  ...args: InputArgs<O>
): Promise<z.output<O['response']>> {
  const [input] = args as unknown[];
  const { params, body } = (input ?? {}) as { params?: Record<string, string>; body?: unknown };
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params?.[name] ?? ''),
  );
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (op.method !== 'get' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
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
        )
      : new ApiError(response.status, 'unexpected', `the server answered ${response.status}`);
    if (response.status === 401 && op.access.kind !== 'public') onSignedOut();
    throw error;
  }
  return op.response.parse(json) as z.output<O['response']>;
}
