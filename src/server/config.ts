// The server's settings, from the environment, checked at start.
import { resolve } from 'node:path';
import type { DatabaseConfig } from './db/database-config.ts';

export interface ServerConfig {
  port: number;
  database: DatabaseConfig;
  /** The built PWA (vite build output). */
  staticDir: string;
  /** Behind a reverse proxy: client addresses come from X-Forwarded-For. */
  trustProxy: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a port number from 1 to 65535, not "${env.PORT}"`);
  const database: DatabaseConfig = env.DATABASE_URL
    ? { databaseUrl: env.DATABASE_URL }
    : { dataDir: resolve(env.DATA_DIR ?? 'data/pglite') };
  return {
    port,
    database,
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
    trustProxy: env.TRUST_PROXY === '1',
  };
}
