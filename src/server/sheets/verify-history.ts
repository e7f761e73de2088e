// Verifies a sheet's history: recomputes every event's hash and link in the database, and
// for a submitted or approved sheet compares the content hash of its last submission or
// sign-off with what is stored now. Reports the first broken link.
import { createHash } from 'node:crypto';
import type { HistoryVerification } from '@/shared/api/schemas.ts';
import { canonicalSheetContent } from '@/shared/sheet-content.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Queryable } from '../db/database.ts';
import { loadSheet } from './sheet-store.ts';

type BreakReason = Extract<HistoryVerification, { ok: false }>['brokenAt']['reason'];

export async function verifySheetHistory(
  db: Queryable,
  sheetId: string,
): Promise<HistoryVerification | null> {
  const sheet = await loadSheet(db, sheetId);
  if (!sheet) return null;
  const events = await db.query<{
    seq: number;
    hash: string | null;
    prev_hash: string | null;
    content_hash: string | null;
    recomputed: string;
    previous: string | null;
  }>(
    `select seq, hash, prev_hash, content_hash,
       tenken_event_hash(sheet_id, seq, type, actor_id, at, comment, content_hash, prev_hash)
         as recomputed,
       lag(hash) over (order by seq) as previous
     from sheet_events where sheet_id = $1 order by seq`,
    [sheetId],
  );
  const broken = (seq: number, reason: BreakReason): HistoryVerification => ({
    ok: false,
    events: events.length,
    brokenAt: { seq, reason },
  });
  for (const [i, event] of events.entries()) {
    if (event.seq !== i + 1) return broken(i + 1, 'event_missing');
    if (event.prev_hash !== event.previous) return broken(event.seq, 'link_broken');
    if (event.hash !== event.recomputed) return broken(event.seq, 'event_changed');
  }
  if (sheet.state === 'submitted' || sheet.state === 'approved') {
    const sealed = events.findLast((e) => e.content_hash !== null);
    const rows = await db.query<{
      item_id: string;
      value: unknown;
      comment: string | null;
      action: string | null;
    }>('select item_id, value, comment, action from answers where sheet_id = $1', [sheetId]);
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
