// Where a benchmark's server keeps its data: PGlite in memory (in the server process), or
// a throwaway PostgreSQL database made for the benchmark and dropped after it.
import pg from 'pg';
import type { Database } from '@/server/db/database.ts';
import { openDatabase } from '@/server/db/open-database.ts';

export interface Storage {
  name: 'pglite' | 'postgres';
  label: string;
  /** The server process's environment for this storage. */
  serverEnv: Record<string, string>;
  /** A connection of the benchmark's own to the same kind of database (for baselines). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export function pgliteStorage(): Storage {
  return {
    name: 'pglite',
    label: 'PGlite (in memory)',
    serverEnv: { BENCH_DATABASE: 'memory', DATABASE_URL: '' },
    open: () => openDatabase({ dataDir: undefined }),
    drop: () => Promise.resolve(),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function postgresStorage(url: string, purpose: string): Promise<Storage> {
  const name = `tenken_bench_${purpose}_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(url, `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    name: 'postgres',
    label: 'PostgreSQL',
    serverEnv: { BENCH_DATABASE: 'url', DATABASE_URL: target.toString() },
    open: () => openDatabase({ databaseUrl: target.toString() }),
    drop: () => adminQuery(url, `drop database if exists ${name} with (force)`),
  };
}

/** PGlite always; PostgreSQL too when a server is given. */
export function storagesFor(
  postgresUrl: string | undefined,
  purpose: string,
): (() => Promise<Storage>)[] {
  return [
    () => Promise.resolve(pgliteStorage()),
    ...(postgresUrl ? [() => postgresStorage(postgresUrl, purpose)] : []),
  ];
}
