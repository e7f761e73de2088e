// Mounts one API operation: checks the session, forgery protection and permission that
// the operation's entry in src/shared/api/operations.ts names, validates the path and body
// with its schemas, then runs the handler. No route is mounted any other way.
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Operation } from '@/shared/api/operations.ts';
import { can } from '@/shared/permissions.ts';
import { describeIssues, type ValidationProblem } from '@/shared/validation.ts';
import {
  authenticate,
  carriesCsrfToken,
  clearSessionCookie,
  sameOrigin,
  type SignedIn,
} from '../auth/request-auth.ts';
import { apiError } from '../http-errors.ts';
import type { ServerContext } from '../server-context.ts';

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface OperationRequest<O extends Operation> {
  c: Context;
  signedIn: O['access']['kind'] extends 'public' ? null : SignedIn;
  params: Infer<O['params']>;
  query: Infer<O['query']>;
  body: Infer<O['body']>;
}

export type OperationHandler<O extends Operation> = (
  request: OperationRequest<O>,
) => Response | Promise<Response>;

function invalid(c: Context, message: string, problems: ValidationProblem[]) {
  return c.json({ error: { code: 'invalid_request', message, problems } }, 400);
}

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  if (!(c.req.header('content-type') ?? '').startsWith('application/json')) return { ok: false };
  try {
    return { ok: true, value: await c.req.json() };
  } catch {
    return { ok: false };
  }
}

export function mountOperation<O extends Operation>(
  app: Hono,
  ctx: ServerContext,
  op: O,
  handler: OperationHandler<O>,
): void {
  const honoPath = op.path.replace(/\{(\w+)\}/g, ':$1');
  app.on(op.method.toUpperCase(), honoPath, async (c) => {
    const changesState = op.method !== 'get';
    if (changesState && !sameOrigin(c))
      return apiError(c, 403, 'cross_site', 'requests from another site are refused');

    let signedIn: SignedIn | null = null;
    if (op.access.kind !== 'public') {
      signedIn = await authenticate(c, ctx);
      if (!signedIn) {
        clearSessionCookie(c);
        return apiError(c, 401, 'not_signed_in', 'please sign in');
      }
      if (changesState && !carriesCsrfToken(c, signedIn.session))
        return apiError(
          c,
          403,
          'csrf_token',
          'the request lacks the session token; reload the page and try again',
        );
      if (signedIn.person.mustChangePassword && !op.beforePasswordChange)
        return apiError(
          c,
          403,
          'password_change_required',
          'please choose a new password before going on',
        );
      if (op.access.kind === 'capability' && !can(signedIn.person, op.access.capability))
        return apiError(c, 403, 'forbidden', 'your role does not allow this');
    }

    let params: unknown = undefined;
    if (op.params) {
      const parsed = op.params.safeParse(c.req.param());
      if (!parsed.success)
        return invalid(c, 'the address is not valid', describeIssues(parsed.error));
      params = parsed.data;
    }
    let query: unknown = undefined;
    if (op.query) {
      const parsed = op.query.safeParse(c.req.query());
      if (!parsed.success)
        return invalid(c, 'the query is not valid', describeIssues(parsed.error));
      query = parsed.data;
    }
    let body: unknown = undefined;
    if (op.body) {
      const json = await readJson(c);
      if (!json.ok)
        return invalid(c, 'the request body must be JSON', [
          { path: '(root)', message: 'send Content-Type: application/json and a JSON body' },
        ]);
      const parsed = op.body.safeParse(json.value);
      if (!parsed.success)
        return invalid(c, 'the request is not valid', describeIssues(parsed.error));
      body = parsed.data;
    }
    return handler({ c, signedIn, params, query, body } as OperationRequest<O>);
  });
}
