// Starts Tenken: opens the database (PGlite in a data folder unless DATABASE_URL is set),
// brings its schema up to date, loads the seeds, and serves the app and the API on one port.
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp } from './app.ts';
import { verifyPassword } from './auth/passwords.ts';
import { readConfig } from './config.ts';
import { describeDatabase } from './db/database-config.ts';
import { openDatabase } from './db/open-database.ts';
import type { Database } from './db/database.ts';
import { loadSeeds, type Seeds } from './seed/load-seeds.ts';
import { demoAccounts, generateDemoCity } from './seed/demo-city.ts';
import { seedDatabase } from './seed/seed-database.ts';

async function main() {
  const config = readConfig();
  if (!existsSync(config.staticDir))
    throw new Error(
      `the built app is missing (${config.staticDir}); run "npm run build" first, or "npm start"`,
    );
  console.log(`Opening the database: ${describeDatabase(config.database)}`);
  const db = await openDatabase(config.database);
  const seeds = await loadSeeds();
  const seeded = await seedDatabase(db, seeds);
  if (seeded.loadedDemoCity)
    console.log(`Loaded the demo city: ${seeded.people} people, ${seeded.sheets} sheets.`);
  await printDemoAccounts(db, seeds);

  const server = serve(
    {
      fetch: createApp({ db, staticDir: config.staticDir, trustProxy: config.trustProxy }).fetch,
      port: config.port,
    },
    () => console.log(`Tenken is running at http://localhost:${config.port}/`),
  );
  const stop = () => {
    server.close();
    void db.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The demo accounts that still sign in with the demo password, one per role. */
async function printDemoAccounts(db: Database, seeds: Seeds) {
  const accounts = demoAccounts(generateDemoCity(seeds.demoCity), seeds.demoCity);
  const rows = await db.query<{ staff_number: string; password_hash: string }>(
    `select p.staff_number, c.password_hash from people p join credentials c on c.person_id = p.id
     where p.active and p.staff_number = any($1::text[])`,
    [accounts.map((a) => a.staffNumber)],
  );
  const usable = new Set<string>();
  for (const row of rows)
    if (await verifyPassword(seeds.demoCity.demoPassword, row.password_hash))
      usable.add(row.staff_number);
  const shown = accounts.filter((a) => usable.has(a.staffNumber));
  if (shown.length === 0) return;
  console.log(`Demo accounts (password: ${seeds.demoCity.demoPassword}):`);
  for (const a of shown)
    console.log(`  ${a.role.padEnd(15)} ${a.staffNumber}  ${a.name} (${a.unitName})`);
}

main().catch((error: unknown) => {
  console.error(
    `Tenken could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
