// Starts Tenken: opens the database (PGlite in a data folder unless DATABASE_URL is set),
// brings its schema up to date, loads the seeds, and serves the app and the API on one port.
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { describeDatabase } from './db/database-config.ts';
import { openDatabase } from './db/open-database.ts';
import { loadSeeds } from './seed/load-seeds.ts';
import { seedDatabase } from './seed/seed-database.ts';

async function main() {
  const config = readConfig();
  if (!existsSync(config.staticDir))
    throw new Error(
      `the built app is missing (${config.staticDir}); run "npm run build" first, or "npm start"`,
    );
  console.log(`Opening the database: ${describeDatabase(config.database)}`);
  const db = await openDatabase(config.database);
  const seeded = await seedDatabase(db, await loadSeeds());
  if (seeded.loadedDemoCity)
    console.log(`Loaded the demo city: ${seeded.people} people, ${seeded.sheets} sheets.`);

  const server = serve(
    { fetch: createApp({ db, staticDir: config.staticDir }).fetch, port: config.port },
    () => console.log(`Tenken is running at http://localhost:${config.port}/`),
  );
  const stop = () => {
    server.close();
    void db.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `Tenken could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
