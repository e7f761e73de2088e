// GET /api/templates: the newest version of each published template.
import { Hono } from 'hono';
import type { Template } from '@/shared/schemas/template.ts';
import type { Database } from '../db/database.ts';

export async function publishedTemplates(db: Database): Promise<Template[]> {
  const rows = await db.query<{ body: Template }>(
    `select distinct on (id) body from templates order by id, version desc`,
  );
  return rows.map((r) => r.body);
}

export function templateRoutes(db: Database): Hono {
  return new Hono().get('/templates', async (c) =>
    c.json({ templates: await publishedTemplates(db) }),
  );
}
