// The server process of a benchmark: the API (no built app) on a free loopback port, on
// PGlite in memory (BENCH_DATABASE=memory) or PostgreSQL at DATABASE_URL, with the demo
// city loaded. Prints "listening <port>" once it accepts requests; SIGTERM stops it.
import { serve } from '@hono/node-server';
import { createApp } from '@/server/app.ts';
import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';

const url = process.env.DATABASE_URL;
if (process.env.BENCH_DATABASE !== 'memory' && !url)
  throw new Error('set BENCH_DATABASE=memory or DATABASE_URL');
const db = await openDatabase(
  process.env.BENCH_DATABASE === 'memory' || !url ? { dataDir: undefined } : { databaseUrl: url },
);
await seedDatabase(db, await loadSeeds());
serve({ fetch: createApp({ db }).fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(`listening ${info.port}`),
);
process.once('SIGTERM', () => {
  // Exiting (not waiting for keep-alive connections) lets --cpu-prof write its profile.
  void db.close().then(() => process.exit(0));
});
