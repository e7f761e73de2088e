// Loading the demo city into a fresh embedded database, against the same number of rows
// inserted one statement per row in one transaction.
import { hashPassword } from '@/server/auth/passwords.ts';
import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';
import type { Section } from './support/report.ts';
import { ms, time } from './support/stats.ts';

/** Loads, baseline and hash alternate this many times; the medians are compared. */
const RUNS = 5;

async function loadDemoCity(seeds: Awaited<ReturnType<typeof loadSeeds>>) {
  const db = await openDatabase({ dataDir: undefined });
  try {
    const [result, took] = await time(() => seedDatabase(db, seeds));
    const [{ rows }] = (await db.query<{ rows: number }>(
      `select (select count(*) from units) + (select count(*) from people) + (select count(*) from seals)
            + (select count(*) from sheets) + (select count(*) from sheet_events) as rows`,
    )) as [{ rows: number }];
    return { result, rows: Number(rows), took };
  } finally {
    await db.close();
  }
}

async function insertRowByRow(rows: number): Promise<number> {
  const db = await openDatabase({ dataDir: undefined });
  try {
    await db.exec('create table baseline (id int primary key, body text not null)');
    const [, took] = await time(() =>
      db.transaction(async (tx) => {
        for (let i = 0; i < rows; i++)
          await tx.query('insert into baseline values ($1, $2)', [i, `row ${i}`]);
      }),
    );
    return took;
  } finally {
    await db.close();
  }
}

export async function benchSeedLoad(): Promise<Section> {
  const seeds = await loadSeeds();
  const loads: Awaited<ReturnType<typeof loadDemoCity>>[] = [];
  const baselines: number[] = [];
  const hashes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const load = await loadDemoCity(seeds);
    loads.push(load);
    baselines.push(await insertRowByRow(load.rows));
    // The seed hashes the demo password once (scrypt, slow on purpose): timed alone to set it aside.
    hashes.push((await time(() => hashPassword(seeds.demoCity.demoPassword)))[1]);
  }
  const [first] = loads as [(typeof loads)[number]];
  const seedMs = median(loads.map((l) => l.took));
  const baselineMs = median(baselines);
  const hashMs = median(hashes);
  const met = seedMs - hashMs <= baselineMs;
  return {
    title: 'Loading the demo city (PGlite, in memory)',
    measures: `seedDatabase() on a fresh, migrated in-memory PGlite: the demo city and its first round of sheets, one transaction (includes the one scrypt hash of the demo password, about 0.1 s); ${RUNS} loads, each followed by its baseline, medians compared.`,
    baseline:
      'the same number of rows inserted one statement per row, in one transaction, into a two-column table on the same driver.',
    target:
      'without the one password hash, no slower than the baseline (the seed inserts each table in one statement).',
    body: `| what | rows | median of ${RUNS} | range |
| --- | ---: | ---: | ---: |
| demo city + first round (${first.result.people} people, ${first.result.sheets} sheets) | ${first.rows} | ${ms(seedMs)} | ${range(loads.map((l) => l.took))} |
| of which: the one scrypt hash of the demo password (timed alone) | | ${ms(hashMs)} | ${range(hashes)} |
| baseline: the same number of single-row inserts in one transaction | ${first.rows} | ${ms(baselineMs)} | ${range(baselines)} |`,
    summary: {
      result: `${ms(seedMs)}, ${ms(seedMs - hashMs)} without the password hash (baseline ${ms(baselineMs)})`,
      met,
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const range = (values: readonly number[]) =>
  `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;
