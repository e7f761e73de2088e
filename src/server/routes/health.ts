// GET /api/health: the server is up and its database answers.
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import type { ServerContext } from '../server-context.ts';
import { mountOperation } from './mount-operation.ts';

export function healthRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.getHealth, async ({ c }) => {
    await ctx.db.query('select 1');
    return c.json({ status: 'ok' });
  });
}
