// Applies one pushed mutation to the push's state in memory: validates it with the shared
// schemas, checks the person's reach with the permission table and the sheet's state with
// the workflow, then records the change and its history, or says why it was rejected.
import { createHash } from 'node:crypto';
import { sheetAccess, type Actor } from '@/shared/permissions.ts';
import {
  answerSchemaFor,
  answerValueSchemaFor,
  type Answer,
  type TableRow,
} from '@/shared/schemas/answer.ts';
import { templateItems, type Item } from '@/shared/schemas/template.ts';
import { canonicalSheetContent } from '@/shared/sheet-content.ts';
import { sheetProgress } from '@/shared/sheet-progress.ts';
import {
  mutationArgsSchemas,
  type MutationArgs,
  type MutationName,
  type RejectionCode,
} from '@/shared/sync/mutations.ts';
import type { Overwrite } from '@/shared/sync/protocol.ts';
import { addRow, moveRow, removeRow, updateRow, type RowResult } from '@/shared/sync/table-rows.ts';
import { formatIssues } from '@/shared/validation.ts';
import { decide, isEditable, type OrgView, type WorkflowCommand } from '@/shared/workflow.ts';
import type { z } from 'zod';
import type { BatchState, SheetState, StoredAnswer } from './batch-state.ts';

export interface PushRules {
  actor: Actor;
  org: OrgView;
  /** Compiled answer schemas by template version and item, reused across mutations. */
  answerSchemas: Map<string, { answer: z.ZodType; value: z.ZodType }>;
}

export type Outcome =
  | { status: 'applied'; overwrite?: Overwrite }
  | { status: 'rejected'; code: RejectionCode; message: string };

const reject = (code: RejectionCode, message: string): Outcome => ({
  status: 'rejected',
  code,
  message,
});

/** The sheet a mutation's arguments name, read before they are checked (to load it). */
export function sheetIdOf(args: unknown): string | null {
  const id = (args as { sheetId?: unknown } | null)?.sheetId;
  return typeof id === 'string' ? id : null;
}

function schemasFor(rules: PushRules, target: SheetState, item: Item) {
  const key = `${target.sheet.templateId}@${target.sheet.templateVersion}/${item.id}`;
  let schemas = rules.answerSchemas.get(key);
  if (!schemas) {
    schemas = { answer: answerSchemaFor(item), value: answerValueSchemaFor(item) };
    rules.answerSchemas.set(key, schemas);
  }
  return schemas;
}

/**
 * An edit made without having seen a newer value written from another device: the edit
 * applies, and both values are kept (in the history) and both devices told.
 */
function overwriteOf(
  state: BatchState,
  target: SheetState,
  itemId: string,
  previous: StoredAnswer | undefined,
  baseVersion: number,
  answer: Answer | null,
  version: number,
): Overwrite | undefined {
  const { personId, clientId, now } = state.author;
  if (!previous || previous.version <= baseVersion || previous.clientId === clientId)
    return undefined;
  return {
    sheetId: target.sheet.id,
    itemId,
    replaced: previous.answer,
    replacedBy: previous.updatedBy,
    replacedClientId: previous.clientId ?? '',
    value: answer,
    by: personId,
    clientId,
    version,
    at: now.toISOString(),
  };
}

type AnswerMutation = Exclude<MutationName, 'submitSheet' | 'approveSheet' | 'returnSheet'>;

function compact(answer: z.infer<typeof mutationArgsSchemas.setAnswer>['answer']): Answer {
  const { value, comment, action } = answer;
  return {
    value,
    ...(comment === undefined ? {} : { comment }),
    ...(action === undefined ? {} : { action }),
  };
}

function applyRowMutation(name: AnswerMutation, args: unknown, rows: TableRow[]): RowResult {
  switch (name) {
    case 'addRow': {
      const a = args as MutationArgs<'addRow'>;
      return addRow(rows, a.row, a.index);
    }
    case 'updateRow': {
      const a = args as MutationArgs<'updateRow'>;
      return updateRow(rows, a.rowId, a.cells);
    }
    case 'removeRow':
      return removeRow(rows, (args as MutationArgs<'removeRow'>).rowId);
    case 'moveRow': {
      const a = args as MutationArgs<'moveRow'>;
      return moveRow(rows, a.rowId, a.toIndex);
    }
    default:
      throw new Error(`${name} is not a row mutation`);
  }
}

function applyAnswerMutation(
  state: BatchState,
  rules: PushRules,
  target: SheetState,
  name: AnswerMutation,
  args: MutationArgs<AnswerMutation>,
  version: number,
  seq: number,
): Outcome {
  const { sheet } = target;
  if (!sheetAccess(rules.actor, sheet, rules.org).fill)
    return reject('forbidden', 'this sheet is not yours to fill in');
  if (!isEditable(sheet.state))
    return reject(
      'not_editable',
      `the sheet is ${sheet.state} and can no longer be changed; your change was not applied`,
    );
  const item = templateItems(state.templateOf(sheet)).find((i) => i.id === args.itemId);
  if (!item) return reject('not_found', `the sheet has no item "${args.itemId}"`);
  const schemas = schemasFor(rules, target, item);
  const previous = target.answers.get(item.id);

  if (name === 'setAnswer' || name === 'clearAnswer') {
    const a = args as MutationArgs<'setAnswer'> | MutationArgs<'clearAnswer'>;
    let answer: Answer | null = null;
    if ('answer' in a) {
      const checked = schemas.answer.safeParse(a.answer);
      if (!checked.success) return reject('invalid_answer', formatIssues(checked.error));
      answer = compact(a.answer);
    }
    const overwrite = overwriteOf(state, target, item.id, previous, a.baseVersion, answer, version);
    if (overwrite) state.recordOverwrite(overwrite);
    state.writeAnswer(target, item.id, answer, version, seq);
    return overwrite ? { status: 'applied', overwrite } : { status: 'applied' };
  }

  if (item.kind !== 'table') return reject('invalid', `"${item.id}" is not a table`);
  const rows = Array.isArray(previous?.answer.value) ? (previous.answer.value as TableRow[]) : [];
  const changed = applyRowMutation(name, args, rows);
  if (!changed.ok) return reject('not_found', 'the row was removed in the meantime');
  const checked = schemas.value.safeParse(changed.rows);
  if (!checked.success) return reject('invalid_answer', formatIssues(checked.error));
  const answer = previous ? { ...previous.answer, value: changed.rows } : { value: changed.rows };
  state.writeAnswer(target, item.id, answer, version, seq);
  return { status: 'applied' };
}

const commands = {
  submitSheet: 'submit',
  approveSheet: 'approve',
  returnSheet: 'return',
} as const;

const eventTypes = { submit: 'submitted', approve: 'approved', return: 'returned' } as const;

function applyWorkflowMutation(
  state: BatchState,
  rules: PushRules,
  target: SheetState,
  name: keyof typeof commands,
  args: MutationArgs<'submitSheet'> | MutationArgs<'returnSheet'>,
  version: number,
): Outcome {
  const { sheet } = target;
  const access = sheetAccess(rules.actor, sheet, rules.org);
  if (name === 'submitSheet' ? !access.fill : !access.signOff)
    return reject('forbidden', 'this sheet is out of your reach');
  if (args.expectedRevision !== sheet.revision)
    return reject(
      'stale_revision',
      'the sheet changed since you opened it; look at it again before deciding',
    );
  const command: WorkflowCommand =
    name === 'returnSheet'
      ? { type: 'return', comment: (args as MutationArgs<'returnSheet'>).comment }
      : { type: commands[name] };
  const decision = decide({
    sheet,
    command,
    actorId: rules.actor.id,
    submitters: target.submitters,
    org: rules.org,
  });
  if (!decision.ok) return reject(decision.code, decision.message);

  const answers = Object.fromEntries([...target.answers].map(([id, a]) => [id, a.answer]));
  if (command.type === 'submit') {
    const progress = sheetProgress(state.templateOf(sheet), answers);
    const missing = [...progress.missing, ...progress.followUpMissing];
    if (missing.length > 0)
      return reject(
        'incomplete',
        `answer every required item and follow-up first (${missing.join(', ')})`,
      );
  }
  // Submit and approve seal the content by its hash; a submission also keeps the content
  // itself, so the next submission can be compared with it.
  const content = command.type === 'return' ? null : canonicalSheetContent(sheet, answers);
  state.setState(target, decision.next);
  state.recordEvent(
    target,
    {
      type: eventTypes[command.type],
      comment: command.type === 'return' ? command.comment : null,
      content_hash: content === null ? null : createHash('sha256').update(content).digest('hex'),
      content: command.type === 'submit' ? content : null,
    },
    version,
  );
  return { status: 'applied' };
}

export function applyMutation(
  state: BatchState,
  rules: PushRules,
  mutation: { seq: number; name: string; args: unknown },
  version: number,
): Outcome {
  if (!Object.hasOwn(mutationArgsSchemas, mutation.name))
    return reject('unknown_mutation', `there is no mutation "${mutation.name}"`);
  const name = mutation.name as MutationName;
  const parsed = mutationArgsSchemas[name].safeParse(mutation.args);
  if (!parsed.success) return reject('invalid', formatIssues(parsed.error));
  const target = state.sheets.get(parsed.data.sheetId);
  if (!target) return reject('not_found', 'there is no such sheet');
  if (name === 'submitSheet' || name === 'approveSheet' || name === 'returnSheet')
    return applyWorkflowMutation(
      state,
      rules,
      target,
      name,
      parsed.data as MutationArgs<'submitSheet'>,
      version,
    );
  return applyAnswerMutation(
    state,
    rules,
    target,
    name,
    parsed.data as MutationArgs<AnswerMutation>,
    version,
    mutation.seq,
  );
}
