// A server process for tests that must kill it: the API (no built app) on a free port,
// on PGlite in DATA_DIR or PostgreSQL at DATABASE_URL, with the demo city loaded.
// Prints "listening <port>" once it accepts requests.
import { serve } from '@hono/node-server';
import { createApp } from '@/server/app.ts';
import { readConfig } from '@/server/config.ts';
import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';

const config = readConfig();
const db = await openDatabase(config.database);
await seedDatabase(db, await loadSeeds(), new Date('2026-11-24T03:00:00Z'));
const server = serve({ fetch: createApp({ db }).fetch, port: 0 }, (info) =>
  console.log(`listening ${info.port}`),
);
process.once('SIGTERM', () => {
  server.close();
  void db.close().then(() => process.exit(0));
});
