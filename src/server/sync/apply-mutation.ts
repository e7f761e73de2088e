// Applies one pushed mutation inside the push's transaction: validates it with the shared
// schemas, checks the person's reach with the permission table and the sheet's state with
// the workflow, then writes the change and its history, or says why it was rejected.
import { createHash } from 'node:crypto';
import type { OrgView } from '@/shared/workflow.ts';
import { decide, isEditable, type WorkflowCommand } from '@/shared/workflow.ts';
import { sheetAccess, type Actor } from '@/shared/permissions.ts';
import {
  answerSchemaFor,
  answerValueSchemaFor,
  type Answer,
  type TableRow,
} from '@/shared/schemas/answer.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import { templateItems, type Item, type Template } from '@/shared/schemas/template.ts';
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
import type { Queryable } from '../db/database.ts';
import { loadSheet } from '../sheets/sheet-store.ts';

export interface PushContext {
  tx: Queryable;
  actor: Actor;
  clientId: string;
  now: Date;
  org: OrgView;
  templates: Map<string, Template>;
  /** Sheets this push has locked and read, kept current as it changes them. */
  sheets: Map<string, Sheet>;
}

export type Outcome =
  | { status: 'applied'; overwrite?: Overwrite }
  | { status: 'rejected'; code: RejectionCode; message: string };

const reject = (code: RejectionCode, message: string): Outcome => ({
  status: 'rejected',
  code,
  message,
});

interface StoredAnswer {
  answer: Answer;
  version: number;
  clientId: string | null;
  updatedBy: string;
}

async function templateOf(ctx: PushContext, sheet: Sheet): Promise<Template> {
  const key = `${sheet.templateId}@${sheet.templateVersion}`;
  let template = ctx.templates.get(key);
  if (!template) {
    const [row] = await ctx.tx.query<{ body: Template }>(
      'select body from templates where id = $1 and version = $2',
      [sheet.templateId, sheet.templateVersion],
    );
    if (!row) throw new Error(`template ${key} of sheet ${sheet.id} is missing`);
    template = row.body;
    ctx.templates.set(key, template);
  }
  return template;
}

async function storedAnswer(
  tx: Queryable,
  sheetId: string,
  itemId: string,
): Promise<StoredAnswer | null> {
  const [row] = await tx.query<{
    value: unknown;
    comment: string | null;
    action: string | null;
    version: string;
    client_id: string | null;
    updated_by: string;
  }>(
    `select value, comment, action, version, client_id, updated_by from answers
     where sheet_id = $1 and item_id = $2`,
    [sheetId, itemId],
  );
  if (!row) return null;
  return {
    answer: {
      value: row.value,
      ...(row.comment === null ? {} : { comment: row.comment }),
      ...(row.action === null ? {} : { action: row.action }),
    },
    version: Number(row.version),
    clientId: row.client_id,
    updatedBy: row.updated_by,
  };
}

async function allAnswers(tx: Queryable, sheetId: string): Promise<Record<string, Answer>> {
  const rows = await tx.query<{
    item_id: string;
    value: unknown;
    comment: string | null;
    action: string | null;
  }>('select item_id, value, comment, action from answers where sheet_id = $1', [sheetId]);
  return Object.fromEntries(
    rows.map((r) => [
      r.item_id,
      {
        value: r.value,
        ...(r.comment === null ? {} : { comment: r.comment }),
        ...(r.action === null ? {} : { action: r.action }),
      },
    ]),
  );
}

/**
 * Writes an answer (null: cleared) with its history, and stamps the sheet: one statement,
 * so that a push costs few round trips.
 */
async function writeAnswer(
  ctx: PushContext,
  sheet: Sheet,
  itemId: string,
  answer: Answer | null,
  version: number,
  seq: number,
): Promise<void> {
  const { tx, actor, clientId, now } = ctx;
  const change = answer
    ? `upserted as (
         insert into answers (sheet_id, item_id, value, comment, action, updated_by, updated_at, version, client_id)
         values ($1, $2, $4::jsonb -> 'value', $4::jsonb ->> 'comment', $4::jsonb ->> 'action', $5, $8, $3, $6)
         on conflict (sheet_id, item_id) do update set value = excluded.value,
           comment = excluded.comment, action = excluded.action, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at, version = excluded.version, client_id = excluded.client_id
         returning 1)`
    : `removed as (delete from answers where sheet_id = $1 and item_id = $2 returning 1)`;
  await tx.query(
    `with ${change},
     history as (
       insert into answer_history (version, sheet_id, item_id, answer, actor_id, client_id, seq, at)
       values ($3, $1, $2, $4::jsonb, $5, $6, $7, $8) returning 1),
     stamped as (
       update sheets set revision = revision + 1, version = $3 where id = $1 returning 1)
     select 1`,
    [
      sheet.id,
      itemId,
      version,
      answer ? JSON.stringify(answer) : null,
      actor.id,
      clientId,
      seq,
      now,
    ],
  );
  ctx.sheets.set(sheet.id, { ...sheet, revision: sheet.revision + 1 });
}

/**
 * An edit made without having seen a newer value written from another device: both are
 * kept (in the history) and both devices are told.
 */
async function recordOverwrite(
  ctx: PushContext,
  sheet: Sheet,
  itemId: string,
  previous: StoredAnswer | null,
  baseVersion: number,
  answer: Answer | null,
  version: number,
): Promise<Overwrite | undefined> {
  if (!previous || previous.version <= baseVersion || previous.clientId === ctx.clientId)
    return undefined;
  const overwrite: Overwrite = {
    sheetId: sheet.id,
    itemId,
    replaced: previous.answer,
    replacedBy: previous.updatedBy,
    replacedClientId: previous.clientId ?? '',
    value: answer,
    by: ctx.actor.id,
    clientId: ctx.clientId,
    version,
    at: ctx.now.toISOString(),
  };
  await ctx.tx.query(
    `insert into answer_overwrites (version, sheet_id, item_id, replaced, replaced_by,
       replaced_client_id, answer, by_person, client_id, at)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb, $8, $9, $10)`,
    [
      version,
      sheet.id,
      itemId,
      JSON.stringify(overwrite.replaced),
      overwrite.replacedBy,
      overwrite.replacedClientId,
      answer ? JSON.stringify(answer) : null,
      ctx.actor.id,
      ctx.clientId,
      ctx.now,
    ],
  );
  return overwrite;
}

type AnswerMutation = Exclude<MutationName, 'submitSheet' | 'approveSheet' | 'returnSheet'>;

async function applyAnswerMutation<N extends AnswerMutation>(
  ctx: PushContext,
  sheet: Sheet,
  name: N,
  args: MutationArgs<N>,
  version: number,
  seq: number,
): Promise<Outcome> {
  if (!sheetAccess(ctx.actor, sheet, ctx.org).fill)
    return reject('forbidden', 'this sheet is not yours to fill in');
  if (!isEditable(sheet.state))
    return reject(
      'not_editable',
      `the sheet is ${sheet.state} and can no longer be changed; your change was not applied`,
    );
  const template = await templateOf(ctx, sheet);
  const item = templateItems(template).find((i) => i.id === args.itemId);
  if (!item) return reject('not_found', `the sheet has no item "${args.itemId}"`);
  const previous = await storedAnswer(ctx.tx, sheet.id, item.id);

  if (name === 'setAnswer' || name === 'clearAnswer') {
    const a = args as MutationArgs<'setAnswer'> | MutationArgs<'clearAnswer'>;
    let answer: Answer | null = null;
    if ('answer' in a) {
      const checked = answerSchemaFor(item).safeParse(a.answer);
      if (!checked.success) return reject('invalid_answer', formatIssues(checked.error));
      const { value, comment, action } = a.answer;
      answer = {
        value,
        ...(comment === undefined ? {} : { comment }),
        ...(action === undefined ? {} : { action }),
      };
    }
    const overwrite = await recordOverwrite(
      ctx,
      sheet,
      item.id,
      previous,
      a.baseVersion,
      answer,
      version,
    );
    await writeAnswer(ctx, sheet, item.id, answer, version, seq);
    return overwrite ? { status: 'applied', overwrite } : { status: 'applied' };
  }

  const rows = tableRowsOf(item, previous);
  if (!rows) return reject('invalid', `"${item.id}" is not a table`);
  const changed = applyRowMutation(name, args, rows);
  if (!changed.ok) return reject('not_found', 'the row was removed in the meantime');
  const checked = answerValueSchemaFor(item).safeParse(changed.rows);
  if (!checked.success) return reject('invalid_answer', formatIssues(checked.error));
  await writeAnswer(
    ctx,
    sheet,
    item.id,
    previous ? { ...previous.answer, value: changed.rows } : { value: changed.rows },
    version,
    seq,
  );
  return { status: 'applied' };
}

function tableRowsOf(item: Item, previous: StoredAnswer | null): TableRow[] | null {
  if (item.kind !== 'table') return null;
  return Array.isArray(previous?.answer.value) ? (previous.answer.value as TableRow[]) : [];
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

const commands = {
  submitSheet: 'submit',
  approveSheet: 'approve',
  returnSheet: 'return',
} as const;

async function applyWorkflowMutation(
  ctx: PushContext,
  sheet: Sheet,
  name: keyof typeof commands,
  args: MutationArgs<'submitSheet'> | MutationArgs<'returnSheet'>,
  version: number,
): Promise<Outcome> {
  const { tx, actor } = ctx;
  const access = sheetAccess(actor, sheet, ctx.org);
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
  const [last] = await tx.query<{ actor_id: string }>(
    `select actor_id from sheet_events where sheet_id = $1 and type = 'submitted'
     order by seq desc limit 1`,
    [sheet.id],
  );
  const decision = decide({
    sheet,
    command,
    actorId: actor.id,
    submittedBy: last?.actor_id ?? null,
    org: ctx.org,
  });
  if (!decision.ok) return reject(decision.code, decision.message);

  const answers = await allAnswers(tx, sheet.id);
  if (name === 'submitSheet') {
    const progress = sheetProgress(await templateOf(ctx, sheet), answers);
    if (progress.missing.length > 0 || progress.followUpMissing.length > 0)
      return reject(
        'incomplete',
        `answer every required item and follow-up first (${[...progress.missing, ...progress.followUpMissing].join(', ')})`,
      );
  }
  const hash =
    name === 'returnSheet'
      ? null
      : createHash('sha256').update(canonicalSheetContent(sheet, answers)).digest('hex');
  await tx.query(
    'update sheets set state = $2, revision = revision + 1, version = $3 where id = $1',
    [sheet.id, decision.next, version],
  );
  await tx.query(
    `insert into sheet_events (sheet_id, seq, type, actor_id, at, comment, content_hash)
     select $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6 from sheet_events where sheet_id = $1`,
    [
      sheet.id,
      { submit: 'submitted', approve: 'approved', return: 'returned' }[command.type],
      actor.id,
      ctx.now,
      command.type === 'return' ? command.comment : null,
      hash,
    ],
  );
  ctx.sheets.set(sheet.id, { ...sheet, state: decision.next, revision: sheet.revision + 1 });
  return { status: 'applied' };
}

export async function applyMutation(
  ctx: PushContext,
  mutation: { seq: number; name: string; args: unknown },
  version: number,
): Promise<Outcome> {
  if (!Object.hasOwn(mutationArgsSchemas, mutation.name))
    return reject('unknown_mutation', `there is no mutation "${mutation.name}"`);
  const name = mutation.name as MutationName;
  const parsed = mutationArgsSchemas[name].safeParse(mutation.args);
  if (!parsed.success) return reject('invalid', formatIssues(parsed.error));
  const args = parsed.data;
  const sheet =
    ctx.sheets.get(args.sheetId) ?? (await loadSheet(ctx.tx, args.sheetId, { forUpdate: true }));
  if (!sheet) return reject('not_found', 'there is no such sheet');
  ctx.sheets.set(sheet.id, sheet);
  if (name === 'submitSheet' || name === 'approveSheet' || name === 'returnSheet')
    return applyWorkflowMutation(ctx, sheet, name, args as MutationArgs<'submitSheet'>, version);
  return applyAnswerMutation(
    ctx,
    sheet,
    name,
    args as MutationArgs<AnswerMutation>,
    version,
    mutation.seq,
  );
}
