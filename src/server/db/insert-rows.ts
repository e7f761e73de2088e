// Many rows in one statement: the rows go as one JSON parameter, which PostgreSQL unpacks
// with jsonb_to_recordset, so a thousand rows cost one round trip.
import type { Queryable } from './database.ts';

/** Inserts rows given as JSON objects whose keys are the column names (with their SQL types). */
export async function insertRows(
  tx: Queryable,
  table: string,
  columns: Record<string, string>,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const definition = names.map((n) => `${n} ${columns[n]}`).join(', ');
  await tx.query(
    `insert into ${table} (${names.join(', ')})
     select ${names.join(', ')} from jsonb_to_recordset($1::jsonb) as r(${definition})`,
    [JSON.stringify(rows)],
  );
}
