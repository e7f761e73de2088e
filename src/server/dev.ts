// Development: the API on port 8081 (in-memory data unless DATA_DIR or DATABASE_URL is set)
// and Vite with hot reload on port 5173, which forwards /api to it.
import { serve } from '@hono/node-server';
import { createServer } from 'vite';
import { createApp } from './app.ts';
import { openDatabase } from './db/open-database.ts';
import { loadSeeds } from './seed/load-seeds.ts';
import { seedDatabase } from './seed/seed-database.ts';

const db = await openDatabase(
  process.env.DATABASE_URL
    ? { databaseUrl: process.env.DATABASE_URL }
    : { dataDir: process.env.DATA_DIR },
);
await seedDatabase(db, await loadSeeds());
serve({ fetch: createApp({ db }).fetch, port: 8081 });
const vite = await createServer({ server: { port: 5173 } });
await vite.listen();
vite.printUrls();
