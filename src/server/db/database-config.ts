// Where the data lives: PostgreSQL at a URL, or PGlite in a folder (undefined: in memory).
export type DatabaseConfig = { databaseUrl: string } | { dataDir: string | undefined };

/** Says where the data is without printing a password. */
export function describeDatabase(config: DatabaseConfig): string {
  if ('dataDir' in config)
    return config.dataDir ? `PGlite in ${config.dataDir}` : 'PGlite in memory';
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
