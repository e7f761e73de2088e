// The network driver: a pool of connections to PostgreSQL, for production and for
// running several stateless servers against one database.
import pg from 'pg';
import { DATE_OID, type Database, type Queryable } from './database.ts';

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export async function openPostgres(connectionString: string): Promise<Database> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === DATE_OID
        ? (value: string) => value
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, max: 10, types });
  // An idle connection can fail (the database restarts, or ends it): the pool replaces it.
  // Unhandled, the pool's error event would end the process.
  pool.on('error', (error) => {
    console.warn(`an idle PostgreSQL connection ended (${error.message}); it will be replaced`);
  });
  // Fail at start, with the driver's own message, if the database cannot be reached.
  (await pool.connect()).release();
  const root = wrap(pool);
  return {
    driver: 'postgres',
    query: root.query,
    exec: root.exec,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
