// Loading the demo city into a fresh embedded database, against the same number of rows
// inserted one statement per row in one transaction.
import { hashPassword } from '@/server/auth/passwords.ts';
import { openDatabase } from '@/server/db/open-database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';
import type { Section } from './support/report.ts';
import { ms, time } from './support/stats.ts';

export async function benchSeedLoad(): Promise<Section> {
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

  // The seed hashes the demo password once (scrypt, slow on purpose): timed alone to set it aside.
  const [, hashMs] = await time(() => hashPassword(seeds.demoCity.demoPassword));
  const met = seedMs - hashMs <= baselineMs;
  return {
    title: 'Loading the demo city (PGlite, in memory)',
    measures:
      'seedDatabase() on a fresh, migrated in-memory PGlite: the demo city and its first round of sheets, one transaction (includes the one scrypt hash of the demo password, about 0.1 s).',
    baseline:
      'the same number of rows inserted one statement per row, in one transaction, into a two-column table on the same driver.',
    target:
      'without the one password hash, no slower than the baseline (the seed inserts each table in one statement).',
    body: `| what | rows | time |
| --- | ---: | ---: |
| demo city + first round (${result.people} people, ${result.sheets} sheets) | ${rows} | ${ms(seedMs)} |
| of which: the one scrypt hash of the demo password (timed alone) | | ${ms(hashMs)} |
| baseline: the same number of single-row inserts in one transaction | ${rows} | ${ms(baselineMs)} |`,
    summary: {
      result: `${ms(seedMs)}, ${ms(seedMs - hashMs)} without the password hash (baseline ${ms(baselineMs)})`,
      met,
    },
  };
}
