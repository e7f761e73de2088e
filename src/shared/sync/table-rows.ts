// Row operations on a table answer (risks, deficiencies, seals). Tables merge per row, so
// two devices adding rows to the same table both keep theirs. The device applies these
// for its optimistic view and the server for the truth, so both compute the same rows.
import type { TableRow } from '../schemas/answer.ts';

export type RowResult = { ok: true; rows: TableRow[] } | { ok: false; reason: 'row_not_found' };

export function addRow(rows: readonly TableRow[], row: TableRow, index?: number): RowResult {
  // A retried add of a row that is already there changes nothing.
  if (rows.some((r) => r.id === row.id)) return { ok: true, rows: [...rows] };
  const at = index === undefined ? rows.length : Math.min(index, rows.length);
  return { ok: true, rows: [...rows.slice(0, at), row, ...rows.slice(at)] };
}

export function updateRow(
  rows: readonly TableRow[],
  rowId: string,
  cells: Readonly<Record<string, unknown>>,
): RowResult {
  if (!rows.some((r) => r.id === rowId)) return { ok: false, reason: 'row_not_found' };
  return {
    ok: true,
    rows: rows.map((r) => {
      if (r.id !== rowId) return r;
      const merged: Record<string, unknown> = { ...r.cells };
      for (const [column, value] of Object.entries(cells))
        if (value === null) delete merged[column];
        else merged[column] = value;
      return { id: r.id, cells: merged };
    }),
  };
}

export function removeRow(rows: readonly TableRow[], rowId: string): RowResult {
  if (!rows.some((r) => r.id === rowId)) return { ok: false, reason: 'row_not_found' };
  return { ok: true, rows: rows.filter((r) => r.id !== rowId) };
}

export function moveRow(rows: readonly TableRow[], rowId: string, toIndex: number): RowResult {
  const row = rows.find((r) => r.id === rowId);
  if (!row) return { ok: false, reason: 'row_not_found' };
  const rest = rows.filter((r) => r.id !== rowId);
  const at = Math.min(toIndex, rest.length);
  return { ok: true, rows: [...rest.slice(0, at), row, ...rest.slice(at)] };
}
