// The first-pull benchmark's server process: as bench/support/server-main.ts (the API on a
// free loopback port, PGlite in memory or PostgreSQL at DATABASE_URL, the demo city
// loaded), plus the grown section (section.ts) and the benchmark's page from
// BENCH_STATIC_DIR, so the page and /api share one origin. Prints "section <json>", then
// "listening <port>"; SIGTERM stops it.
import { serve } from '@hono/node-server';
import { createApp } from '@/server/app.ts';
import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';
import { growSection } from './section.ts';

const url = process.env.DATABASE_URL;
const staticDir = process.env.BENCH_STATIC_DIR;
if (process.env.BENCH_DATABASE !== 'memory' && !url)
  throw new Error('set BENCH_DATABASE=memory or DATABASE_URL');
if (!staticDir) throw new Error('set BENCH_STATIC_DIR to the built benchmark page');
const db = await openDatabase(
  process.env.BENCH_DATABASE === 'memory' || !url ? { dataDir: undefined } : { databaseUrl: url },
);
const seeds = await loadSeeds();
await seedDatabase(db, seeds);
console.log(`section ${JSON.stringify(await growSection(db, seeds))}`);
serve({ fetch: createApp({ db, staticDir }).fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(`listening ${info.port}`),
);
process.once('SIGTERM', () => {
  void db.close().then(() => process.exit(0));
});
