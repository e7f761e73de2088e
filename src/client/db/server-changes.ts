// What the server says, written into the person's database: the results of pushed changes
// and the pages of a pull, each in one transaction, so a crash between two steps never
// leaves an entry both acknowledged and queued, or a page stored without its cursor.
import type { Mutation } from '@/shared/sync/mutations.ts';
import type {
  MutationResult,
  Overwrite,
  PulledReminder,
  PullResponse,
} from '@/shared/sync/protocol.ts';
import { ensureMeta, rebase } from './device-views.ts';
import { targetsOf, toAnswer, type Target } from './mutation-effects.ts';
import type { OverwriteNotice, PersonDb, StoredEvent, SyncMeta } from './person-db.ts';
import { writeOrExplain } from './storage-errors.ts';

/** The sync metadata, made on first use. */
export function readSyncMeta(d: PersonDb): Promise<SyncMeta> {
  return writeOrExplain(d, () => d.transaction('rw', d.meta, () => ensureMeta(d)));
}

/** The oldest unsent changes, in the order they were made. */
export function readOutbox(d: PersonDb, limit: number): Promise<Mutation[]> {
  return d.outbox.orderBy('seq').limit(limit).toArray();
}

function notice(
  direction: OverwriteNotice['direction'],
  overwrite: Overwrite,
  at: Date,
): OverwriteNotice {
  return {
    id: `${direction}-${overwrite.version}`,
    direction,
    overwrite,
    receivedAt: at.toISOString(),
  };
}

/**
 * Settles outbox entries by their results: an applied one leaves the outbox (its effect
 * stays on screen until the pull brings the server's value), with a notice when it replaced
 * another device's value; a refused one moves to the attention list with the person's value.
 * A result for a seq no longer queued was settled before and is ignored. Returns what the
 * refused ones touched, whose view must be rebuilt without them.
 */
async function settle(d: PersonDb, results: readonly MutationResult[], at: Date) {
  const touched: Target[] = [];
  for (const result of results) {
    const entry = await d.outbox.get(result.seq);
    if (!entry) continue;
    await d.outbox.delete(result.seq);
    if (result.status === 'rejected') {
      await d.attention.put({
        seq: entry.seq,
        mutation: entry,
        code: result.code ?? null,
        message: result.message ?? '',
        rejectedAt: at.toISOString(),
      });
      touched.push(...targetsOf(entry));
    } else if (result.overwrite) {
      await d.overwrites.put(notice('mine_replaced_theirs', result.overwrite, at));
    }
  }
  return touched;
}

/** The page's events, each submission the page keeps the content of carrying it. */
function withKeptContent(page: PullResponse): StoredEvent[] {
  const kept = new Map(
    (page.previousSubmissions ?? []).map((s) => [`${s.sheetId}\u0000${s.seq}`, s.content]),
  );
  return page.events.map((event) => {
    const content = kept.get(`${event.sheetId}\u0000${event.seq}`);
    return content === undefined ? event : { ...event, content };
  });
}

const syncTables = (d: PersonDb) => [
  d.sheets,
  d.answers,
  d.outbox,
  d.attention,
  d.overwrites,
  d.meta,
  d.events,
];

/**
 * Keeps the reminders of a pull page. A reset sends every reminder again: one the person
 * has dismissed stays dismissed. They outlive resets, being addressed to the person, not
 * part of their reach.
 */
async function storeReminders(d: PersonDb, reminders: readonly PulledReminder[], at: Date) {
  if (reminders.length === 0) return;
  const known = await d.reminders.bulkGet(reminders.map((r) => r.id));
  await d.reminders.bulkPut(
    reminders.map((reminder, i) => ({
      ...reminder,
      receivedAt: known[i]?.receivedAt ?? at.toISOString(),
      dismissedAt: known[i]?.dismissedAt ?? null,
    })),
  );
}

/** Applies the results of a push. */
export function applyPushResults(
  d: PersonDb,
  results: readonly MutationResult[],
  at: Date,
): Promise<void> {
  return writeOrExplain(d, () =>
    d.transaction('rw', syncTables(d), async () => {
      await rebase(d, await settle(d, results, at));
    }),
  );
}

/**
 * Applies one page of a pull and stores its cursor and scope, in one transaction. Each
 * sheet comes with all its answers, which replace the stored ones. The page is dropped
 * (false) when the stored cursor is no longer the one it was asked with: another pass has
 * applied it already.
 */
export function applyPullPage(
  d: PersonDb,
  page: PullResponse,
  askedWith: number,
  at: Date,
): Promise<boolean> {
  return writeOrExplain(d, () =>
    d.transaction('rw', [...syncTables(d), d.reminders], async () => {
      const meta = await ensureMeta(d);
      if (meta.cursor !== askedWith) return false;
      // The person's reach changed: what is stored may be out of it. The outbox and the
      // attention list stay, and the unsent changes are laid over the new view below.
      if (page.reset) await Promise.all([d.sheets.clear(), d.answers.clear(), d.events.clear()]);
      const sheetIds = page.sheets.map((sheet) => sheet.id);
      await d.sheets.bulkPut(page.sheets.map((sheet) => ({ ...sheet, server: sheet })));
      await d.events.where('sheetId').anyOf(sheetIds).delete();
      await d.events.bulkPut(withKeptContent(page));
      // The server's answers of these sheets are exactly the page's: drop the others (the
      // unsent changes come back with the rebase below).
      const before = await d.answers.where('sheetId').anyOf(sheetIds).primaryKeys();
      const cleared = before.map(([sheetId, itemId]) => ({ sheetId, itemId }));
      await d.answers.bulkDelete(
        cleared.map(({ sheetId, itemId }): [string, string] => [sheetId, itemId]),
      );
      await d.answers.bulkPut(
        page.answers.map(({ sheetId, itemId, answer, version, updatedBy, updatedAt }) => ({
          sheetId,
          itemId,
          server: { answer: toAnswer(answer), version, updatedBy, updatedAt },
          local: toAnswer(answer),
        })),
      );
      // Written as the server has them; only what unsent or just-refused changes touch
      // needs the device's view laid over it again (rebase adds the unsent ones).
      const touched = await settle(d, page.results, at);
      // Overwrites this device made come back in the pull too: kept once, under one id.
      await d.overwrites.bulkPut(
        page.overwrites.map((o) =>
          notice(
            o.clientId === meta.clientId ? 'mine_replaced_theirs' : 'theirs_replaced_mine',
            o,
            at,
          ),
        ),
      );
      await rebase(d, touched);
      await storeReminders(d, page.reminders ?? [], at);
      await d.meta.put({ ...meta, cursor: page.cursor, scope: page.scope });
      return true;
    }),
  );
}

/** Remembers how the last sync ended: a success clears the last error. */
export function recordSyncEnd(
  d: PersonDb,
  end: { at: Date; error: null } | { error: string },
): Promise<void> {
  return writeOrExplain(d, () =>
    d.transaction('rw', d.meta, async () => {
      const meta = await ensureMeta(d);
      await d.meta.put(
        end.error === null
          ? { ...meta, lastSuccessAt: end.at.toISOString(), lastError: null }
          : { ...meta, lastError: end.error },
      );
    }),
  );
}
