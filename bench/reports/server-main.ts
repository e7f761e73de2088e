// The reports benchmark's server process: as bench/support/server-main.ts (the API on a free
// loopback port, PGlite in memory or PostgreSQL at DATABASE_URL), with a generated city of
// BENCH_CITY_PEOPLE people (city.ts) instead of the demo city. Prints "city <json>", then
// "listening <port>"; SIGTERM stops it.
import { serve } from '@hono/node-server';
import { createApp } from '@/server/app.ts';
import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { generateCity } from './city.ts';

const url = process.env.DATABASE_URL;
if (process.env.BENCH_DATABASE !== 'memory' && !url)
  throw new Error('set BENCH_DATABASE=memory or DATABASE_URL');
const people = Number(process.env.BENCH_CITY_PEOPLE);
if (!Number.isInteger(people) || people < 1) throw new Error('set BENCH_CITY_PEOPLE');
const db = await openDatabase(
  process.env.BENCH_DATABASE === 'memory' || !url ? { dataDir: undefined } : { databaseUrl: url },
);
console.log(`city ${JSON.stringify(await generateCity(db, await loadSeeds(), people))}`);
serve({ fetch: createApp({ db }).fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(`listening ${info.port}`),
);
process.once('SIGTERM', () => {
  void db.close().then(() => process.exit(0));
});
