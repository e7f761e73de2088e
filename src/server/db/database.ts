// The one database interface the server uses. Two drivers implement it: PGlite (embedded
// PostgreSQL, the default) and PostgreSQL over the network (DATABASE_URL).
export interface Queryable {
  /** One statement with $1… parameters; returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** OID of the SQL `date` type: both drivers return it as the YYYY-MM-DD text it is. */
export const DATE_OID = 1082;

/**
 * Runs `work` in one read-only repeatable-read transaction: every statement it makes reads
 * the same snapshot, so what it reads in several statements agrees.
 */
export async function inSnapshot<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    return work(tx);
  });
}
