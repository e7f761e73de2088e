// Versions that stamp every changed row. Taking one locks the counter's row until the
// transaction ends, so writing transactions commit in version order and a pull that reads
// the counter in its snapshot has seen every row at or below it.
import type { Queryable } from '../db/database.ts';

/** Reserves `count` consecutive versions in this transaction; returns the first. */
export async function reserveVersions(tx: Queryable, count = 1): Promise<number> {
  const [row] = await tx.query<{ version: string }>(
    'update change_counter set version = version + $1 returning version',
    [count],
  );
  if (!row) throw new Error('the change counter is missing; were the migrations run?');
  return Number(row.version) - count + 1;
}

/** The newest version committed (as this transaction's snapshot sees it). */
export async function headVersion(db: Queryable): Promise<number> {
  const [row] = await db.query<{ version: string }>('select version from change_counter');
  return Number(row?.version ?? 0);
}
