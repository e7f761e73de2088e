// What a push reads and writes, held in memory: the sheets its mutations name (locked),
// their answers, templates and workflow history are read in a few statements; the
// mutations are applied to this state one by one; then every change is written in a few
// set-based statements. Row by row, a push spent most of its time inside the database.
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { Template } from '@/shared/schemas/template.ts';
import type { Overwrite } from '@/shared/sync/protocol.ts';
import type { Queryable } from '../db/database.ts';
import { lockSheets } from '../sheets/sheet-store.ts';

export interface StoredAnswer {
  answer: Answer;
  version: number;
  clientId: string | null;
  updatedBy: string;
}

export interface SheetState {
  sheet: Sheet;
  answers: Map<string, StoredAnswer>;
  lastEventSeq: number;
  /** Everyone who has submitted the sheet: none of them may sign it off. */
  submitters: string[];
  /** The version of the last change this push made to the sheet; null while unchanged. */
  changedAt: number | null;
}

interface HistoryRow {
  version: number;
  sheet_id: string;
  item_id: string;
  answer: Answer | null;
  seq: number;
}

interface EventRow {
  sheet_id: string;
  seq: number;
  type: 'submitted' | 'returned' | 'approved';
  comment: string | null;
  content_hash: string | null;
  /** A submission's canonical content, the text content_hash is the SHA-256 of. */
  content: string | null;
}

/** Who makes the changes of this push, from which device, when. */
export interface PushAuthor {
  personId: string;
  clientId: string;
  now: Date;
}

function toAnswer(value: unknown, comment: string | null, action: string | null): Answer {
  return {
    value,
    ...(comment === null ? {} : { comment }),
    ...(action === null ? {} : { action }),
  };
}

export class BatchState {
  readonly sheets = new Map<string, SheetState>();
  readonly templates = new Map<string, Template>();
  private readonly answerWrites = new Map<
    string,
    { sheetId: string; itemId: string; stored: StoredAnswer | null }
  >();
  private readonly history: HistoryRow[] = [];
  private readonly overwrites: Overwrite[] = [];
  private readonly events: EventRow[] = [];

  private constructor(readonly author: PushAuthor) {}

  static async load(
    tx: Queryable,
    sheetIds: readonly string[],
    author: PushAuthor,
  ): Promise<BatchState> {
    const state = new BatchState(author);
    const ids = [...new Set(sheetIds)];
    if (ids.length === 0) return state;
    const sheets = await lockSheets(tx, ids);
    // One after another: a transaction is one connection, which runs one query at a time.
    const answers = await tx.query<{
      sheet_id: string;
      item_id: string;
      value: unknown;
      comment: string | null;
      action: string | null;
      version: string;
      client_id: string | null;
      updated_by: string;
    }>(
      `select sheet_id, item_id, value, comment, action, version, client_id, updated_by
       from answers where sheet_id = any($1::text[])`,
      [ids],
    );
    const events = await tx.query<{
      sheet_id: string;
      last_seq: number;
      submitters: string[] | null;
    }>(
      `select sheet_id, max(seq)::int as last_seq,
         array_agg(distinct actor_id) filter (where type = 'submitted') as submitters
       from sheet_events where sheet_id = any($1::text[]) group by sheet_id`,
      [ids],
    );
    const templates = await tx.query<{ body: Template }>(
      `select t.body from templates t
       join unnest($1::text[], $2::int[]) as k(id, version) on t.id = k.id and t.version = k.version`,
      [sheets.map((s) => s.templateId), sheets.map((s) => s.templateVersion)],
    );
    const eventsBySheet = new Map(events.map((e) => [e.sheet_id, e]));
    for (const sheet of sheets)
      state.sheets.set(sheet.id, {
        sheet,
        answers: new Map(),
        lastEventSeq: eventsBySheet.get(sheet.id)?.last_seq ?? 0,
        submitters: eventsBySheet.get(sheet.id)?.submitters ?? [],
        changedAt: null,
      });
    for (const a of answers)
      state.sheets.get(a.sheet_id)?.answers.set(a.item_id, {
        answer: toAnswer(a.value, a.comment, a.action),
        version: Number(a.version),
        clientId: a.client_id,
        updatedBy: a.updated_by,
      });
    for (const { body } of templates) state.templates.set(`${body.id}@${body.version}`, body);
    return state;
  }

  templateOf(sheet: Sheet): Template {
    const template = this.templates.get(`${sheet.templateId}@${sheet.templateVersion}`);
    if (!template) throw new Error(`the template of sheet ${sheet.id} is missing`);
    return template;
  }

  /** Sets (or, with null, clears) an answer, with its history; stamps the sheet. */
  writeAnswer(
    target: SheetState,
    itemId: string,
    answer: Answer | null,
    version: number,
    seq: number,
  ): void {
    const stored: StoredAnswer | null = answer
      ? { answer, version, clientId: this.author.clientId, updatedBy: this.author.personId }
      : null;
    if (stored) target.answers.set(itemId, stored);
    else target.answers.delete(itemId);
    this.answerWrites.set(`${target.sheet.id}\u0000${itemId}`, {
      sheetId: target.sheet.id,
      itemId,
      stored,
    });
    this.history.push({ version, sheet_id: target.sheet.id, item_id: itemId, answer, seq });
    this.touch(target, version);
  }

  recordOverwrite(overwrite: Overwrite): void {
    this.overwrites.push(overwrite);
  }

  recordEvent(
    target: SheetState,
    event: Omit<EventRow, 'sheet_id' | 'seq'>,
    version: number,
  ): void {
    target.lastEventSeq += 1;
    this.events.push({ ...event, sheet_id: target.sheet.id, seq: target.lastEventSeq });
    if (event.type === 'submitted' && !target.submitters.includes(this.author.personId))
      target.submitters.push(this.author.personId);
    this.touch(target, version);
  }

  setState(target: SheetState, state: Sheet['state']): void {
    target.sheet = { ...target.sheet, state };
  }

  private touch(target: SheetState, version: number): void {
    target.sheet = { ...target.sheet, revision: target.sheet.revision + 1 };
    target.changedAt = version;
  }

  /** Writes every change of the push. */
  async write(tx: Queryable): Promise<void> {
    const { personId, clientId, now } = this.author;
    const writes = [...this.answerWrites.values()];
    const upserts = writes.flatMap(({ sheetId, itemId, stored }) =>
      stored
        ? [
            {
              sheet_id: sheetId,
              item_id: itemId,
              value: stored.answer.value,
              comment: stored.answer.comment ?? null,
              action: stored.answer.action ?? null,
              version: stored.version,
            },
          ]
        : [],
    );
    const deletes = writes
      .filter((w) => !w.stored)
      .map((w) => ({ sheet_id: w.sheetId, item_id: w.itemId }));
    if (deletes.length > 0)
      await tx.query(
        `delete from answers a using jsonb_to_recordset($1::jsonb) as r(sheet_id text, item_id text)
         where a.sheet_id = r.sheet_id and a.item_id = r.item_id`,
        [JSON.stringify(deletes)],
      );
    if (upserts.length > 0)
      await tx.query(
        `insert into answers (sheet_id, item_id, value, comment, action, updated_by, updated_at, version, client_id)
         select sheet_id, item_id, value, comment, action, $2, $3, version, $4
         from jsonb_to_recordset($1::jsonb)
           as r(sheet_id text, item_id text, value jsonb, comment text, action text, version bigint)
         on conflict (sheet_id, item_id) do update set value = excluded.value,
           comment = excluded.comment, action = excluded.action, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at, version = excluded.version, client_id = excluded.client_id`,
        [JSON.stringify(upserts), personId, now, clientId],
      );
    if (this.history.length > 0)
      await tx.query(
        `insert into answer_history (version, sheet_id, item_id, answer, actor_id, client_id, seq, at)
         select version, sheet_id, item_id, nullif(answer, 'null'::jsonb), $2, $3, seq, $4
         from jsonb_to_recordset($1::jsonb)
           as r(version bigint, sheet_id text, item_id text, answer jsonb, seq bigint)`,
        [JSON.stringify(this.history), personId, clientId, now],
      );
    if (this.overwrites.length > 0)
      await tx.query(
        `insert into answer_overwrites (version, sheet_id, item_id, replaced, replaced_by,
           replaced_client_id, answer, by_person, client_id, at)
         select version, "sheetId", "itemId", replaced, "replacedBy", "replacedClientId",
           nullif(value, 'null'::jsonb), by, "clientId", at
         from jsonb_to_recordset($1::jsonb) as r(version bigint, "sheetId" text, "itemId" text,
           replaced jsonb, "replacedBy" text, "replacedClientId" text, value jsonb, by text,
           "clientId" text, at timestamptz)`,
        [JSON.stringify(this.overwrites)],
      );
    if (this.events.length > 0)
      await tx.query(
        `insert into sheet_events (sheet_id, seq, type, actor_id, at, comment, content_hash, content)
         select sheet_id, seq, type, $2, $3, comment, content_hash, content
         from jsonb_to_recordset($1::jsonb)
           as r(sheet_id text, seq int, type text, comment text, content_hash text, content text)`,
        [JSON.stringify(this.events), personId, now],
      );
    const changed = [...this.sheets.values()].filter((s) => s.changedAt !== null);
    if (changed.length > 0)
      await tx.query(
        `update sheets s set state = r.state, revision = r.revision, version = r.version
         from jsonb_to_recordset($1::jsonb) as r(id text, state text, revision int, version bigint)
         where s.id = r.id`,
        [
          JSON.stringify(
            changed.map(({ sheet, changedAt }) => ({
              id: sheet.id,
              state: sheet.state,
              revision: sheet.revision,
              version: changedAt,
            })),
          ),
        ],
      );
  }
}
