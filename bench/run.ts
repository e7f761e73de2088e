// Benchmarks, run by `npm run bench`; results are written to docs/benchmarks.md.
// Loading the demo city into a fresh embedded database, against a baseline measured in the
// same run: the same number of rows inserted one statement per row in one transaction.
import { writeFileSync } from 'node:fs';
import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

const seeds = await loadSeeds();
const seedDb = await openDatabase({ dataDir: undefined });
const [result, seedMs] = await time(() => seedDatabase(seedDb, seeds));
const [{ rows }] = (await seedDb.query<{ rows: number }>(
  `select (select count(*) from units) + (select count(*) from people) + (select count(*) from seals)
        + (select count(*) from sheets) + (select count(*) from sheet_events) as rows`,
)) as [{ rows: number }];
await seedDb.close();

const baselineDb = await openDatabase({ dataDir: undefined });
await baselineDb.exec('create table baseline (id int primary key, body text not null)');
const [, baselineMs] = await time(() =>
  baselineDb.transaction(async (tx) => {
    for (let i = 0; i < Number(rows); i++)
      await tx.query('insert into baseline values ($1, $2)', [i, `row ${i}`]);
  }),
);
await baselineDb.close();

const report = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.
Each figure is compared with a baseline measured in the same run, since these machines are noisy.

## Loading the demo city (PGlite, in memory)

| what | rows | time |
| --- | ---: | ---: |
| demo city + first round (${result.people} people, ${result.sheets} sheets) | ${rows} | ${seedMs.toFixed(0)} ms |
| baseline: the same number of single-row inserts in one transaction | ${rows} | ${baselineMs.toFixed(0)} ms |
`;
writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), report);
console.log(report);
