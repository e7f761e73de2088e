// Where a push and an idle pull spend their time: the same work as the benchmarks, against
// the app served in this process, with its database wrapped so that every statement is
// timed. Not part of `npm run bench`; run it when a benchmark is far from its target:
//   node --import tsx bench/diagnose.ts                   (PGlite in memory)
//   DATABASE_URL=… node --import tsx bench/diagnose.ts    (a throwaway PostgreSQL database)
// BENCH_PUSH_MUTATIONS (default 2,000) and BENCH_PULL_DEVICES (default 20) set the sizes.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '@/server/app.ts';
import type { Database, Queryable } from '@/server/db/database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';
import { BenchDevice } from './support/device.ts';
import { ApiSession, HttpClient, demoPerson } from './support/http.ts';
import { mapLimit, time } from './support/stats.ts';
import { pgliteStorage, postgresStorage } from './support/storage.ts';
import { PUSHER, prepare, pushChanges } from './sync-push.ts';

interface Stat {
  count: number;
  ms: number;
}
const stats = new Map<string, Stat>();
let recording = false;

function timed(target: Queryable): Queryable {
  return {
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const start = performance.now();
      try {
        return await target.query<Row>(sql, params);
      } finally {
        if (recording) {
          const key = sql.replace(/\s+/g, ' ').trim().slice(0, 100);
          const s = stats.get(key) ?? { count: 0, ms: 0 };
          s.count++;
          s.ms += performance.now() - start;
          stats.set(key, s);
        }
      }
    },
    exec: (sql) => target.exec(sql),
  };
}

function wrap(db: Database): Database {
  const root = timed(db);
  return {
    driver: db.driver,
    query: root.query,
    exec: root.exec,
    transaction: (work) => db.transaction((tx) => work(timed(tx))),
    close: () => db.close(),
  };
}

/** Prints the statements by total time; `per` names the unit the times are divided by. */
function printStats(title: string, totalMs: number, per: number, unit: string) {
  const sqlMs = [...stats.values()].reduce((n, s) => n + s.ms, 0);
  console.log(
    `\n${title}: ${totalMs.toFixed(0)} ms, ${((1000 * totalMs) / per).toFixed(0)} µs per ${unit}; ` +
      `inside statements ${((100 * sqlMs) / totalMs).toFixed(0)}%, ` +
      `elsewhere (HTTP, JSON, validation, rules) ${((1000 * (totalMs - sqlMs)) / per).toFixed(0)} µs per ${unit}`,
  );
  console.log(`  µs per ${unit}  calls per ${unit}  µs per call  statement`);
  for (const [sql, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 16))
    console.log(
      `${((1000 * s.ms) / per).toFixed(0).padStart(13)} ${(s.count / per).toFixed(2).padStart(15)} ${((1000 * s.ms) / s.count).toFixed(0).padStart(12)}  ${sql}`,
    );
  stats.clear();
}

const size = (name: string, fallback: number) => Number(process.env[name] || fallback);
const url = process.env.DATABASE_URL;
const storage = url ? await postgresStorage(url, 'diagnose') : pgliteStorage();
const db = wrap(await storage.open());
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: createApp({ db }).fetch, port: 0, hostname: '127.0.0.1' }, () =>
    resolve(s),
  );
});
const http = new HttpClient(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
try {
  await seedDatabase(db, await loadSeeds());

  const planned = await prepare(
    await ApiSession.signIn(http, PUSHER.staffNumber),
    size('BENCH_PUSH_MUTATIONS', 2000),
  );
  const batches: number[] = [];
  recording = true;
  const [, pushMs] = await time(() =>
    pushChanges(planned.device, planned.changes, (ms) => batches.push(ms)),
  );
  recording = false;
  printStats(
    `${storage.label}: push of ${planned.changes.length} setAnswer`,
    pushMs,
    planned.changes.length,
    'mutation',
  );
  const show = (list: number[]) => list.map((ms) => ms.toFixed(0)).join(', ');
  console.log(
    `  batches (ms): first ${show(batches.slice(0, 5))} … last ${show(batches.slice(-5))}`,
  );

  const people = Array.from({ length: size('BENCH_PULL_DEVICES', 20) }, (_, i) =>
    demoPerson(i + 1),
  );
  const devices = await mapLimit(
    people,
    4,
    async (p) => new BenchDevice(await ApiSession.signIn(http, p.staffNumber), `diagnose-${p.id}`),
  );
  await mapLimit(devices, 4, (d) => d.pullAll());
  const rounds = 20;
  recording = true;
  const [, pullMs] = await time(async () => {
    for (let r = 0; r < rounds; r++)
      for (const d of devices) d.accept(await d.session.get(d.pullPath()));
  });
  recording = false;
  printStats(
    `${storage.label}: idle pulls of ${devices.length} people, one at a time`,
    pullMs,
    rounds * devices.length,
    'pull',
  );
  recording = true;
  const [, healthMs] = await time(async () => {
    for (let r = 0; r < rounds * devices.length; r++) await http.request('GET', '/api/health');
  });
  recording = false;
  printStats(`${storage.label}: GET /api/health`, healthMs, rounds * devices.length, 'request');
} finally {
  http.close();
  server.close();
  await db.close();
  await storage.drop();
}
