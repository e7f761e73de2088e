// What a mutation does to the device's own view of a sheet and its answers: the optimistic
// effect shown before the server has decided. The same function makes a local change and,
// after every pull, lays the still-unsent changes over the server's data again. Pure: no
// storage here.
import type { z } from 'zod';
import type { Answer, answerSchema, TableRow } from '@/shared/schemas/answer.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import {
  mutationArgsSchemas,
  type MutationArgs,
  type MutationName,
} from '@/shared/sync/mutations.ts';
import * as rowOps from '@/shared/sync/table-rows.ts';
import { isEditable, transition, type WorkflowCommand } from '@/shared/workflow.ts';

/** What the view holds now: an item's answer (null: unanswered), a sheet (undefined: not here). */
export interface ViewReader {
  answer(sheetId: string, itemId: string): Answer | null;
  sheet(sheetId: string): Sheet | undefined;
}

/** Why a change has no effect on the view; made locally, it is refused and not queued. */
export type RefusalReason =
  | 'invalid' // the arguments do not fit the mutation
  | 'row_not_found'
  | 'sheet_not_found'
  | 'not_editable' // the sheet has been submitted or approved
  | 'invalid_state'
  | 'comment_required';

/** An answer's new value, or a sheet's new state. */
export type Effect =
  | { kind: 'answer'; sheetId: string; itemId: string; answer: Answer | null }
  | { kind: 'sheet'; sheet: Sheet }
  | { kind: 'refused'; reason: RefusalReason };

/** An answer or a sheet of the device's view. */
export type Target =
  { kind: 'answer'; sheetId: string; itemId: string } | { kind: 'sheet'; sheetId: string };

const workflowNames = new Set<string>(['submitSheet', 'approveSheet', 'returnSheet']);

/**
 * What a mutation reads and changes, read loosely so that any outbox entry has an answer:
 * an edit touches its answer and reads its sheet (is it still editable?), a workflow step
 * changes its sheet.
 */
export function targetsOf(mutation: { name: string; args: unknown }): Target[] {
  const args = mutation.args as { sheetId?: unknown; itemId?: unknown } | null;
  if (typeof args?.sheetId !== 'string') return [];
  const sheet: Target = { kind: 'sheet', sheetId: args.sheetId };
  if (workflowNames.has(mutation.name)) return [sheet];
  if (typeof args.itemId !== 'string') return [];
  return [{ kind: 'answer', sheetId: args.sheetId, itemId: args.itemId }, sheet];
}

export function answerKey(sheetId: string, itemId: string): string {
  return JSON.stringify([sheetId, itemId]);
}

/** An answer as zod reads it off the wire, without the keys it left undefined. */
export function toAnswer({ value, comment, action }: z.output<typeof answerSchema>): Answer {
  return {
    value,
    ...(comment === undefined ? {} : { comment }),
    ...(action === undefined ? {} : { action }),
  };
}

function rowsOf(answer: Answer | null): TableRow[] {
  return Array.isArray(answer?.value) ? (answer.value as TableRow[]) : [];
}

/** Content changes only while the sheet is with its owner (when the device holds it). */
function editable(view: ViewReader, sheetId: string): boolean {
  const sheet = view.sheet(sheetId);
  return !sheet || isEditable(sheet.state);
}

function withRows(
  sheetId: string,
  itemId: string,
  before: Answer | null,
  result: rowOps.RowResult,
): Effect {
  if (!result.ok) return { kind: 'refused', reason: result.reason };
  return { kind: 'answer', sheetId, itemId, answer: { ...before, value: result.rows } };
}

function workflow(view: ViewReader, sheetId: string, command: WorkflowCommand): Effect {
  const sheet = view.sheet(sheetId);
  if (!sheet) return { kind: 'refused', reason: 'sheet_not_found' };
  const decision = transition(sheet.state, command);
  if (!decision.ok)
    return {
      kind: 'refused',
      reason: decision.code === 'comment_required' ? 'comment_required' : 'invalid_state',
    };
  // The server raises the revision with the step; so does the view.
  return { kind: 'sheet', sheet: { ...sheet, state: decision.next, revision: sheet.revision + 1 } };
}

/** The effect of a mutation on the view; arguments that do not fit the name change nothing. */
export function effectOf(mutation: { name: string; args: unknown }, view: ViewReader): Effect {
  const name = mutation.name as MutationName;
  const schema = Object.hasOwn(mutationArgsSchemas, name) ? mutationArgsSchemas[name] : null;
  const parsed = schema?.safeParse(mutation.args);
  if (!parsed?.success) return { kind: 'refused', reason: 'invalid' };
  const m = { name, args: parsed.data } as {
    [N in MutationName]: { name: N; args: MutationArgs<N> };
  }[MutationName];
  if (!workflowNames.has(m.name) && !editable(view, m.args.sheetId))
    return { kind: 'refused', reason: 'not_editable' };
  switch (m.name) {
    case 'setAnswer': {
      const { sheetId, itemId, answer } = m.args;
      return { kind: 'answer', sheetId, itemId, answer: toAnswer(answer) };
    }
    case 'clearAnswer':
      return { kind: 'answer', sheetId: m.args.sheetId, itemId: m.args.itemId, answer: null };
    case 'addRow': {
      const { sheetId, itemId, row, index } = m.args;
      const before = view.answer(sheetId, itemId);
      return withRows(sheetId, itemId, before, rowOps.addRow(rowsOf(before), row, index));
    }
    case 'updateRow': {
      const { sheetId, itemId, rowId, cells } = m.args;
      const before = view.answer(sheetId, itemId);
      return withRows(sheetId, itemId, before, rowOps.updateRow(rowsOf(before), rowId, cells));
    }
    case 'removeRow': {
      const { sheetId, itemId, rowId } = m.args;
      const before = view.answer(sheetId, itemId);
      return withRows(sheetId, itemId, before, rowOps.removeRow(rowsOf(before), rowId));
    }
    case 'moveRow': {
      const { sheetId, itemId, rowId, toIndex } = m.args;
      const before = view.answer(sheetId, itemId);
      return withRows(sheetId, itemId, before, rowOps.moveRow(rowsOf(before), rowId, toIndex));
    }
    case 'submitSheet':
      return workflow(view, m.args.sheetId, { type: 'submit' });
    case 'approveSheet':
      return workflow(view, m.args.sheetId, { type: 'approve' });
    case 'returnSheet':
      return workflow(view, m.args.sheetId, { type: 'return', comment: m.args.comment });
  }
}
