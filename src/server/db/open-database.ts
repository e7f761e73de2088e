// Chooses the driver from the configuration and brings the schema up to date.
import type { DatabaseConfig } from './database-config.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite-driver.ts';
import { openPostgres } from './postgres-driver.ts';

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const db =
    'databaseUrl' in config
      ? await openPostgres(config.databaseUrl)
      : await openPglite(config.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
