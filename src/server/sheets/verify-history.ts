// Verifies a sheet's history: recomputes every event's hash and link in the database, checks
// the content each submission kept against that submission's hash, and for a submitted or
// approved sheet compares the content hash of its last submission or sign-off with what is
// stored now. Reports the first broken link. Many sheets are verified in the same few
// statements as one, so an auditor's evidence package can check a whole round.
import { createHash } from 'node:crypto';
import type { HistoryVerification } from '@/shared/api/schemas.ts';
import { canonicalSheetContent } from '@/shared/sheet-content.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { Queryable } from '../db/database.ts';
import { loadSheet } from './sheet-store.ts';

type BreakReason = Extract<HistoryVerification, { ok: false }>['brokenAt']['reason'];
type VerifiedSheet = Pick<Sheet, 'id' | 'templateId' | 'templateVersion' | 'state'>;

interface EventCheck {
  sheet_id: string;
  seq: number;
  hash: string | null;
  prev_hash: string | null;
  content_hash: string | null;
  recomputed: string;
  previous: string | null;
  kept_hash: string | null;
}

interface AnswerRow {
  sheet_id: string;
  item_id: string;
  value: unknown;
  comment: string | null;
  action: string | null;
}

export async function verifySheetHistory(
  db: Queryable,
  sheetId: string,
): Promise<HistoryVerification | null> {
  const sheet = await loadSheet(db, sheetId);
  if (!sheet) return null;
  return (await verifySheetHistories(db, [sheet])).get(sheet.id) ?? null;
}

/** The verification of each of these sheets, by sheet id. */
export async function verifySheetHistories(
  db: Queryable,
  sheets: readonly VerifiedSheet[],
): Promise<Map<string, HistoryVerification>> {
  const results = new Map<string, HistoryVerification>();
  if (sheets.length === 0) return results;
  const events = await db.query<EventCheck>(
    `select sheet_id, seq, hash, prev_hash, content_hash,
       tenken_event_hash(sheet_id, seq, type, actor_id, at, comment, content_hash, prev_hash)
         as recomputed,
       lag(hash) over (partition by sheet_id order by seq) as previous,
       encode(sha256(convert_to(content, 'UTF8')), 'hex') as kept_hash
     from sheet_events where sheet_id = any($1::text[]) order by sheet_id, seq`,
    [sheets.map((s) => s.id)],
  );
  const sealed = sheets.filter((s) => s.state === 'submitted' || s.state === 'approved');
  const answers =
    sealed.length === 0
      ? []
      : await db.query<AnswerRow>(
          `select sheet_id, item_id, value, comment, action from answers
           where sheet_id = any($1::text[])`,
          [sealed.map((s) => s.id)],
        );
  const eventsOf = groupBy(events);
  const answersOf = groupBy(answers);
  for (const sheet of sheets)
    results.set(
      sheet.id,
      judge(sheet, eventsOf.get(sheet.id) ?? [], answersOf.get(sheet.id) ?? []),
    );
  return results;
}

function groupBy<R extends { sheet_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const list = groups.get(row.sheet_id);
    if (list) list.push(row);
    else groups.set(row.sheet_id, [row]);
  }
  return groups;
}

function judge(
  sheet: VerifiedSheet,
  events: readonly EventCheck[],
  rows: readonly AnswerRow[],
): HistoryVerification {
  const broken = (seq: number, reason: BreakReason): HistoryVerification => ({
    ok: false,
    events: events.length,
    brokenAt: { seq, reason },
  });
  for (const [i, event] of events.entries()) {
    if (event.seq !== i + 1) return broken(i + 1, 'event_missing');
    if (event.prev_hash !== event.previous) return broken(event.seq, 'link_broken');
    if (event.hash !== event.recomputed) return broken(event.seq, 'event_changed');
    if (event.kept_hash !== null && event.kept_hash !== event.content_hash)
      return broken(event.seq, 'snapshot_changed');
  }
  if (sheet.state === 'submitted' || sheet.state === 'approved') {
    const sealed = events.findLast((e) => e.content_hash !== null);
    const answers: Record<string, Answer> = Object.fromEntries(
      rows.map((r) => [
        r.item_id,
        {
          value: r.value,
          ...(r.comment === null ? {} : { comment: r.comment }),
          ...(r.action === null ? {} : { action: r.action }),
        },
      ]),
    );
    const now = createHash('sha256').update(canonicalSheetContent(sheet, answers)).digest('hex');
    if (!sealed || sealed.content_hash !== now)
      return broken(sealed?.seq ?? events.length, 'content_changed');
  }
  return { ok: true, events: events.length };
}
