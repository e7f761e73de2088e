// The changes the sheet screen makes to one item's answer, as plain data: what each does to
// the answer (the same row functions the device and the server use) and the change that
// undoes it. Pure: the saver writes them through the local-change functions.
import type { Answer, TableRow } from '@/shared/schemas/answer.ts';
import * as rowOps from '@/shared/sync/table-rows.ts';

/** Fields of an answer to replace; a blank value leaves the item unanswered. */
export interface AnswerPatch {
  value?: unknown;
  comment?: string;
  action?: string;
}

export type Op =
  | { kind: 'patch'; itemId: string; patch: AnswerPatch }
  | { kind: 'restore'; itemId: string; answer: Answer | null }
  | { kind: 'addRow'; itemId: string; row: TableRow; index?: number }
  | { kind: 'updateRow'; itemId: string; rowId: string; cells: Record<string, unknown> }
  | { kind: 'removeRow'; itemId: string; rowId: string }
  | { kind: 'moveRow'; itemId: string; rowId: string; toIndex: number };

export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

export function rowsOf(answer: Answer | null | undefined): TableRow[] {
  return Array.isArray(answer?.value) ? (answer.value as TableRow[]) : [];
}

function withRows(before: Answer | null, result: rowOps.RowResult): Answer | undefined {
  return result.ok ? { ...before, value: result.rows } : undefined;
}

/**
 * The answer after the change: null when it leaves the item unanswered, undefined when it
 * does not fit (a row that is no longer there).
 */
export function applyOp(before: Answer | null, op: Op): Answer | null | undefined {
  switch (op.kind) {
    case 'patch': {
      const merged: Answer = { value: before?.value };
      const comment = 'comment' in op.patch ? op.patch.comment : before?.comment;
      const action = 'action' in op.patch ? op.patch.action : before?.action;
      if ('value' in op.patch) merged.value = op.patch.value;
      // An empty follow-up text is no text: the answer does not carry it.
      if (comment) merged.comment = comment;
      if (action) merged.action = action;
      return isBlank(merged.value) ? null : merged;
    }
    case 'restore':
      return op.answer;
    case 'addRow':
      return withRows(before, rowOps.addRow(rowsOf(before), op.row, op.index));
    case 'updateRow':
      return withRows(before, rowOps.updateRow(rowsOf(before), op.rowId, op.cells));
    case 'removeRow':
      return withRows(before, rowOps.removeRow(rowsOf(before), op.rowId));
    case 'moveRow':
      return withRows(before, rowOps.moveRow(rowsOf(before), op.rowId, op.toIndex));
  }
}

/** The change that takes `op` back, given the answer before it. */
export function inverseOf(before: Answer | null, op: Op): Op {
  const { itemId } = op;
  const rows = rowsOf(before);
  switch (op.kind) {
    case 'patch':
    case 'restore':
      return { kind: 'restore', itemId, answer: before };
    case 'addRow':
      return { kind: 'removeRow', itemId, rowId: op.row.id };
    case 'removeRow': {
      const index = rows.findIndex((r) => r.id === op.rowId);
      const row = rows[index] ?? { id: op.rowId, cells: {} };
      return { kind: 'addRow', itemId, row, index: Math.max(index, 0) };
    }
    case 'moveRow':
      return {
        kind: 'moveRow',
        itemId,
        rowId: op.rowId,
        toIndex: Math.max(
          rows.findIndex((r) => r.id === op.rowId),
          0,
        ),
      };
    case 'updateRow': {
      const row = rows.find((r) => r.id === op.rowId);
      const cells: Record<string, unknown> = {};
      for (const column of Object.keys(op.cells)) cells[column] = row?.cells[column] ?? null;
      return { kind: 'updateRow', itemId, rowId: op.rowId, cells };
    }
  }
}

export function sameAnswer(a: Answer | null, b: Answer | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    JSON.stringify(a.value) === JSON.stringify(b.value) &&
    a.comment === b.comment &&
    a.action === b.action
  );
}

/** A new row's id: random, and made without crypto.randomUUID (absent outside https). */
export function newRowId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `r-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** An entry of the unsaved copy as read back from storage (anything else is ignored). */
export function isOp(value: unknown): value is Op {
  const op = value as { kind?: unknown; itemId?: unknown } | null;
  return typeof op?.kind === 'string' && typeof op.itemId === 'string';
}
