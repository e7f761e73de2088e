// The databases every server test runs against: PGlite always, and PostgreSQL when
// DATABASE_URL is set. Under CI a missing PostgreSQL is an error, never a skip.
import pg from 'pg';
import type { Database } from '@/server/db/database.ts';
import { openDatabase } from '@/server/db/open-database.ts';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** A new, empty, migrated database of this kind; close it when done. */
  open(): Promise<Database>;
}

function postgresUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url && process.env.CI === 'true')
    throw new Error('CI=true but DATABASE_URL is not set: the PostgreSQL server tests cannot run');
  return url;
}

/** A throwaway database on the server at `url`, dropped when the returned handle closes. */
async function openThrowawayPostgres(url: string): Promise<Database> {
  const name = `tenken_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: target.toString() });
  return {
    ...db,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [
    { name: 'pglite', open: () => openDatabase({ dataDir: undefined }) },
  ];
  const url = postgresUrl();
  if (url) databases.push({ name: 'postgres', open: () => openThrowawayPostgres(url) });
  return databases;
}
