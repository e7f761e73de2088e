// GET /api/health: the server is up and its database answers.
import { Hono } from 'hono';
import type { Database } from '../db/database.ts';

export function healthRoutes(db: Database): Hono {
  return new Hono().get('/health', async (c) => {
    await db.query('select 1');
    return c.json({ status: 'ok' });
  });
}
