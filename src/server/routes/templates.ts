// GET /api/templates: the newest version of each published template.
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import type { Template } from '@/shared/schemas/template.ts';
import type { Database } from '../db/database.ts';
import type { ServerContext } from '../server-context.ts';
import { mountOperation } from './mount-operation.ts';

async function publishedTemplates(db: Database): Promise<Template[]> {
  const rows = await db.query<{ body: Template }>(
    `select distinct on (id) body from templates order by id, version desc`,
  );
  return rows.map((r) => r.body);
}

export function templateRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.listTemplates, async ({ c }) =>
    c.json({ templates: await publishedTemplates(ctx.db) }),
  );
}
