// POST /api/sync/push and GET /api/sync/pull: the sync protocol (docs/architecture.md).
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import { apiError } from '../http-errors.ts';
import type { ServerContext } from '../server-context.ts';
import { pull } from '../sync/pull.ts';
import { push } from '../sync/push.ts';
import { mountOperation } from './mount-operation.ts';

export function syncRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.syncPush, async ({ c, signedIn, body }) => {
    const outcome = await push(ctx, signedIn.person, body);
    return outcome.ok
      ? c.json({ results: outcome.results })
      : apiError(c, outcome.status, outcome.code, outcome.message);
  });

  mountOperation(app, ctx, operations.syncPull, async ({ c, signedIn, query }) => {
    const outcome = await pull(ctx, signedIn.person, query);
    return outcome.ok
      ? c.json(outcome.response)
      : apiError(c, outcome.status, outcome.code, outcome.message);
  });
}
