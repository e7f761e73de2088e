// One IndexedDB database per person who signs in on this device ("tenken-person-<id>"), so
// that on a shared tablet nobody ever reads another person's sheets. Holds the templates,
// the person's sheets and answers (the server's, with the unsent changes on top), the
// outbox of changes not yet sent, the rejected changes that need the person's attention,
// notices of overwrites between devices, the sync metadata, and an auditor's last reports.
//
// The app opens one database at a time (the "current" one); tests open several, one per
// simulated device, each over its own IndexedDB factory.
import Dexie, { liveQuery, type EntityTable, type Table } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Directory } from '@/shared/api/schemas.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Sheet, SheetEvent } from '@/shared/schemas/sheet.ts';
import type { Template } from '@/shared/schemas/template.ts';
import type { Mutation, RejectionCode } from '@/shared/sync/mutations.ts';
import type { Overwrite, PulledReminder } from '@/shared/sync/protocol.ts';
import type { StoredReport } from './report-cache.ts';
import { forgetUnsavedBackups } from './unsaved-backup.ts';

export interface StoredTemplate {
  id: string;
  template: Template;
  fetchedAt: string;
}

/** A sheet as the device shows it: the server's sheet with the unsent workflow steps on top. */
export interface StoredSheet extends Sheet {
  /** The sheet as the server last sent it. */
  server: Sheet;
}

export interface ServerAnswerState {
  answer: Answer;
  /** The server's version of this answer: what the device's next edit says it saw. */
  version: number;
  updatedBy: string;
  updatedAt: string;
}

/** One item of a sheet: the server's answer, and what the person sees. */
export interface StoredAnswer {
  sheetId: string;
  itemId: string;
  /** The server's answer as last pulled; null when it has none. */
  server: ServerAnswerState | null;
  /** The server's answer with the unsent changes on top; null when unanswered. */
  local: Answer | null;
}

/** A change the server refused: kept with the person's value until they re-apply or discard it. */
export interface AttentionEntry {
  /** The refused mutation's seq. */
  seq: number;
  /** The mutation as it was sent; its arguments hold the person's value. */
  mutation: Mutation;
  code: RejectionCode | null;
  /** The server's reason, in words a person can read. */
  message: string;
  rejectedAt: string;
}

export interface OverwriteNotice {
  /** The direction and the server version of the overwrite: the same notice is kept once. */
  id: string;
  /** Another device replaced this person's value, or this device replaced another's. */
  direction: 'theirs_replaced_mine' | 'mine_replaced_theirs';
  overwrite: Overwrite;
  receivedAt: string;
}

/** A sheet's event; a submission shown to its reviewer may carry what it contained. */
export interface StoredEvent extends SheetEvent {
  /** The canonical content of the submission before the latest (see sheet-content.ts). */
  content?: string;
}

/** A chief's reminder to this person about a sheet; kept until the person dismisses it. */
export interface StoredReminder extends PulledReminder {
  receivedAt: string;
  /** Set when the person has read it; a reminder pulled again keeps it. */
  dismissedAt: string | null;
}

/**
 * A directory as the device keeps it: the server's answer as it came. One stored before the
 * server sent acting appointments lacks them (the record is not indexed, so no new version).
 */
export type KeptDirectory = Omit<Directory, 'actingAppointments'> &
  Partial<Pick<Directory, 'actingAppointments'>>;

/**
 * The units, and the people, seals and acting appointments the person reaches, as the server
 * last sent them.
 */
export interface StoredDirectory {
  key: 'directory';
  directory: KeptDirectory;
  fetchedAt: string;
}

export interface SyncMeta {
  key: 'sync';
  /** This database's own id towards the server, made once when first needed. */
  clientId: string;
  /** The server version up to which this database has pulled. */
  cursor: number;
  /** The server's token for what the person could reach at the last pull. */
  scope: string | null;
  lastSuccessAt: string | null;
  /** The message key of the last sync failure; null after a success. */
  lastError: string | null;
}

/** The IndexedDB a database lives in: the browser's own, or one per simulated device. */
export interface IndexedDbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

// Versions. The outbox holds work that exists nowhere else, so every version must keep it
// whole and in order:
//   - never drop, clear or recreate the outbox's store ("queue" since version 4), and keep
//     its auto-incremented primary key "seq": IndexedDB's key generator never goes back,
//     even when entries are deleted or a transaction aborts, so seqs are never reused (the
//     server skips a seq it has already processed) and a save needs no counter of its own;
//   - an upgrade may rewrite entries only in place (Collection.modify), keeping each seq,
//     and must map every old shape to the current Mutation (a bad one is refused by the
//     server and lands on the attention list, never dropped here).
// tests/client/person-db.test.ts opens databases written by older versions with the
// current code; add the newest old version there with every bump.
export class PersonDb extends Dexie {
  templates!: EntityTable<StoredTemplate, 'id'>;
  sheets!: EntityTable<StoredSheet, 'id'>;
  answers!: Table<StoredAnswer, [string, string]>;
  /** The changes not yet sent, in the order they were made (the store "queue"). */
  outbox: Table<Mutation, number>;
  attention!: EntityTable<AttentionEntry, 'seq'>;
  overwrites!: EntityTable<OverwriteNotice, 'id'>;
  meta!: EntityTable<SyncMeta, 'key'>;
  events!: Table<StoredEvent, [string, number]>;
  directory!: EntityTable<StoredDirectory, 'key'>;
  reminders!: EntityTable<StoredReminder, 'id'>;
  reports!: EntityTable<StoredReport, 'kind'>;
  /** Set when the app closes the database on purpose: nothing may reopen it then. */
  disposed = false;

  constructor(personId: string, deps?: IndexedDbDeps) {
    super(personDbName(personId), { cache: 'disabled', ...(deps ?? {}) });
    this.version(1).stores({
      templates: 'id',
      sheets: 'id, state, dueDate',
      outbox: 'seq',
    });
    this.version(2)
      .stores({
        answers: '[sheetId+itemId], sheetId',
        attention: 'seq',
        overwrites: 'id',
        meta: 'key',
      })
      .upgrade((tx) =>
        Promise.all([
          // v1 entries were { seq, name, args, createdAt }.
          tx
            .table('outbox')
            .toCollection()
            .modify((entry: Record<string, unknown>) => {
              entry.madeAt = typeof entry.createdAt === 'string' ? entry.createdAt : '';
              entry.schemaVersion = 1;
              delete entry.createdAt;
            }),
          tx
            .table('sheets')
            .toCollection()
            .modify((sheet: StoredSheet) => {
              sheet.server = { ...sheet };
            }),
        ]),
      );
    // The sheets' events (a return's comment, who submitted and approved, when).
    this.version(3).stores({ events: '[sheetId+seq], sheetId' });
    // The outbox moves to a store whose seqs IndexedDB numbers itself (a store's key cannot
    // become auto-incremented in place): a save no longer reads and writes a counter.
    this.version(4)
      .stores({ outbox: null, queue: '++seq' })
      .upgrade(async (tx) => {
        const [entries, meta] = await Promise.all([
          tx.table('outbox').toArray(),
          tx.table('meta').get('sync') as Promise<{ nextSeq?: number } | undefined>,
        ]);
        const queue = tx.table('queue');
        await queue.bulkAdd(entries);
        // Raise the key generator to the last seq handed out, which may be above every
        // entry left (sent or refused ones): writing a key raises it, deleting does not.
        const lastSeq = (meta?.nextSeq ?? 1) - 1;
        if (lastSeq > 0 && !entries.some((e: Mutation) => e.seq >= lastSeq)) {
          await queue.add({ seq: lastSeq });
          await queue.delete(lastSeq);
        }
        await tx
          .table('meta')
          .toCollection()
          .modify((m: { nextSeq?: number }) => {
            delete m.nextSeq;
          });
      });
    // What a reviewer's device knows of the organisation (the review inbox, offline).
    this.version(5).stores({ directory: 'key' });
    // Chiefs' reminders about the person's sheets (shown on the home screen until dismissed).
    this.version(6).stores({ reminders: 'id, sheetId' });
    // The last report of each kind an auditor fetched, to read offline (report-cache.ts).
    this.version(7).stores({ reports: 'kind' });
    this.outbox = this.table('queue');
  }

  /** Closes the database for good, e.g. when another person signs in. */
  dispose(): void {
    this.disposed = true;
    this.close();
  }
}

export function personDbName(personId: string): string {
  return `tenken-person-${personId}`;
}

let current: PersonDb | null = null;

/** Opens the signed-in person's database as the app's current one. */
export function openPersonDb(personId: string): PersonDb {
  if (current?.name === personDbName(personId)) return current;
  current?.dispose();
  current = new PersonDb(personId);
  return current;
}

export function currentPersonDb(): PersonDb | null {
  return current;
}

export function closePersonDb(): void {
  current?.dispose();
  current = null;
}

/** Removes a person's database from this device, e.g. at sign-out with nothing unsent. */
export async function deletePersonDb(personId: string): Promise<void> {
  if (current?.name === personDbName(personId)) closePersonDb();
  await Dexie.delete(personDbName(personId));
  // Text typed but not yet written goes with the database (a shared tablet keeps nothing).
  forgetUnsavedBackups(personDbName(personId));
}

function db(): PersonDb {
  if (!current) throw new Error('no person is signed in on this device');
  return current;
}

/** Replaces the stored templates; dropped when the database was closed meanwhile. */
export async function replaceTemplates(
  d: PersonDb,
  templates: readonly Template[],
  fetchedAt: Date,
): Promise<void> {
  if (d.disposed) return;
  await d.transaction('rw', d.templates, async () => {
    await d.templates.clear();
    await d.templates.bulkPut(
      templates.map((t) => ({ id: t.id, template: t, fetchedAt: fetchedAt.toISOString() })),
    );
  });
}

/** Replaces the stored directory; dropped when the database was closed meanwhile. */
export async function replaceDirectory(
  d: PersonDb,
  directory: Directory,
  fetchedAt: Date,
): Promise<void> {
  if (d.disposed) return;
  await d.directory.put({ key: 'directory', directory, fetchedAt: fetchedAt.toISOString() });
}

/** The stored directory, live; null when none was fetched yet, undefined while loading. */
export function useDirectory(): StoredDirectory | null | undefined {
  return useLiveQuery(async () => (await db().directory.get('directory')) ?? null, []);
}

/**
 * Changes the server has not taken: unsent ones and refused ones awaiting the person's
 * decision. Read from the database at the moment of asking, never from a cached count.
 */
export async function unsentWork(d: PersonDb): Promise<{ outbox: number; attention: number }> {
  return d.transaction('r', d.outbox, d.attention, async () => ({
    outbox: await d.outbox.count(),
    attention: await d.attention.count(),
  }));
}

/** The stored templates, live: re-renders when they change; undefined while loading. */
export function useStoredTemplates(): StoredTemplate[] | undefined {
  return useLiveQuery(() => db().templates.orderBy('id').toArray(), []);
}

/** A sheet's events, oldest first, live. */
export function useSheetEvents(sheetId: string): SheetEvent[] | undefined {
  return useLiveQuery(() => db().events.where('sheetId').equals(sheetId).sortBy('seq'), [sheetId]);
}

export function useStoredSheets(): StoredSheet[] | undefined {
  return useLiveQuery(() => db().sheets.orderBy('dueDate').toArray(), []);
}

export interface SyncInfo {
  pending: number;
  attention: number;
  meta: SyncMeta | undefined;
}

/**
 * Calls `listener` with the outbox and attention counts and the sync metadata whenever they
 * change, in this tab or another one. Returns the function that stops listening.
 */
export function watchSyncInfo(d: PersonDb, listener: (info: SyncInfo) => void): () => void {
  const subscription = liveQuery(() =>
    d.transaction('r', d.outbox, d.attention, d.meta, async () => ({
      pending: await d.outbox.count(),
      attention: await d.attention.count(),
      meta: await d.meta.get('sync'),
    })),
  ).subscribe({
    next: listener,
    // A failed read (e.g. the database closing) shows nothing new; the next change retries.
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}

/** One sheet as its screen shows it: the sheet, its template, its answers, what waits to be sent. */
export interface SheetView {
  sheet: StoredSheet;
  /** The template the sheet pins; null when the device does not hold it (yet). */
  template: Template | null;
  /** The answers the person sees (the server's with the unsent changes on top), by item. */
  answers: Record<string, Answer>;
  /** How many of this sheet's changes wait in the outbox. */
  pending: number;
}

/** Reads one sheet with its template, answers and waiting changes in one snapshot. */
export async function readSheetView(d: PersonDb, sheetId: string): Promise<SheetView | null> {
  return d.transaction('r', d.sheets, d.templates, d.answers, d.outbox, async () => {
    const sheet = await d.sheets.get(sheetId);
    if (!sheet) return null;
    const [stored, rows, pending] = await Promise.all([
      d.templates.get(sheet.templateId),
      d.answers.where('sheetId').equals(sheetId).toArray(),
      d.outbox.filter((m) => (m.args as { sheetId?: unknown }).sheetId === sheetId).count(),
    ]);
    const answers: Record<string, Answer> = {};
    for (const row of rows) if (row.local) answers[row.itemId] = row.local;
    return { sheet, template: stored?.template ?? null, answers, pending };
  });
}

/** One sheet's view, live; null when the sheet is not on this device, undefined while loading. */
export function useSheetView(sheetId: string): SheetView | null | undefined {
  return useLiveQuery(() => readSheetView(db(), sheetId), [sheetId]);
}

/** The answer the person sees for one item now; null when unanswered. */
export async function readAnswer(
  d: PersonDb,
  sheetId: string,
  itemId: string,
): Promise<Answer | null> {
  return (await d.answers.get([sheetId, itemId]))?.local ?? null;
}

// Home, needs attention and print: what those screens read.

/** A sheet with what its card or printout shows: template, answers, events, waiting changes. */
export interface SheetOverview {
  sheet: StoredSheet;
  /** The template the sheet pins; null when the device does not hold it (yet). */
  template: Template | null;
  /** The answers the person sees (the server's with the unsent changes on top), by item. */
  answers: Record<string, Answer>;
  /** The sheet's events, oldest first. */
  events: StoredEvent[];
  /** How many of this sheet's changes wait in the outbox. */
  pending: number;
}

const sheetIdOf = (m: Mutation) => (m.args as { sheetId?: unknown }).sheetId;

/** Inside a read transaction over overviewTables: the overviews of these sheets, in order. */
async function overviewsOf(d: PersonDb, sheets: StoredSheet[]): Promise<SheetOverview[]> {
  const ids = sheets.map((s) => s.id);
  const [templates, answers, events, outbox] = await Promise.all([
    d.templates.bulkGet([...new Set(sheets.map((s) => s.templateId))]),
    d.answers.where('sheetId').anyOf(ids).toArray(),
    d.events.where('sheetId').anyOf(ids).toArray(),
    d.outbox.toArray(),
  ]);
  const templateById = new Map(templates.flatMap((t) => (t ? [[t.id, t.template] as const] : [])));
  const overviews = sheets.map((sheet) => ({
    sheet,
    template: templateById.get(sheet.templateId) ?? null,
    answers: {} as Record<string, Answer>,
    events: [] as StoredEvent[],
    pending: 0,
  }));
  const byId = new Map(overviews.map((o) => [o.sheet.id, o]));
  for (const row of answers) {
    const overview = byId.get(row.sheetId);
    if (overview && row.local) overview.answers[row.itemId] = row.local;
  }
  for (const event of events.sort((a, b) => a.seq - b.seq))
    byId.get(event.sheetId)?.events.push(event);
  for (const mutation of outbox) {
    const overview = byId.get(String(sheetIdOf(mutation)));
    if (overview) overview.pending += 1;
  }
  return overviews;
}

const overviewTables = (d: PersonDb) => [d.sheets, d.templates, d.answers, d.events, d.outbox];

/** The sheets `include` picks, each with its overview, in due-date order, in one snapshot. */
export async function readSheetOverviews(
  d: PersonDb,
  include: (sheet: StoredSheet) => boolean,
): Promise<SheetOverview[]> {
  return d.transaction('r', overviewTables(d), async () =>
    overviewsOf(d, (await d.sheets.orderBy('dueDate').toArray()).filter(include)),
  );
}

/** One sheet's overview; null when the device does not hold the sheet. */
export async function readSheetOverview(
  d: PersonDb,
  sheetId: string,
): Promise<SheetOverview | null> {
  return d.transaction('r', overviewTables(d), async () => {
    const sheet = await d.sheets.get(sheetId);
    return sheet ? ((await overviewsOf(d, [sheet]))[0] ?? null) : null;
  });
}

/**
 * The overviews of the sheets `include` picks, live; undefined while loading. `key` names
 * what `include` depends on (e.g. the person), so a new one reruns the query.
 */
export function useSheetOverviews(
  include: (sheet: StoredSheet) => boolean,
  key: string,
): SheetOverview[] | undefined {
  return useLiveQuery(() => readSheetOverviews(db(), include), [key]);
}

/** One sheet's overview, live; null when the device does not hold it, undefined while loading. */
export function useSheetOverview(sheetId: string): SheetOverview | null | undefined {
  return useLiveQuery(() => readSheetOverview(db(), sheetId), [sheetId]);
}

/**
 * The sheets the device shows in this state, each with its events, live. Reads neither
 * answers nor the outbox, so saving an answer does not run it again (the navigation's
 * count of sheets waiting for sign-off stays off the saving path).
 */
export function useSheetsInState(
  state: Sheet['state'],
): { sheet: StoredSheet; events: StoredEvent[] }[] | undefined {
  return useLiveQuery(
    () =>
      db().transaction('r', db().sheets, db().events, async () => {
        const sheets = await db().sheets.where('state').equals(state).toArray();
        const events = await db()
          .events.where('sheetId')
          .anyOf(sheets.map((s) => s.id))
          .toArray();
        return sheets.map((sheet) => ({
          sheet,
          events: events.filter((e) => e.sheetId === sheet.id).sort((a, b) => a.seq - b.seq),
        }));
      }),
    [state],
  );
}

/** The refused changes awaiting the person's decision, oldest first, live. */
export function useAttentionEntries(): AttentionEntry[] | undefined {
  return useLiveQuery(() => db().attention.orderBy('seq').toArray(), []);
}

/** The overwrite notices not yet dismissed, newest first, live. */
export function useOverwriteNotices(): OverwriteNotice[] | undefined {
  return useLiveQuery(
    async () =>
      (await db().overwrites.toArray()).sort((a, b) =>
        b.overwrite.at.localeCompare(a.overwrite.at),
      ),
    [],
  );
}

/** Refused changes and overwrite notices together: what the "needs attention" screen lists. */
export function useAttentionTotal(): number {
  return (
    useLiveQuery(
      () =>
        db().transaction(
          'r',
          db().attention,
          db().overwrites,
          async () => (await db().attention.count()) + (await db().overwrites.count()),
        ),
      [],
    ) ?? 0
  );
}

/** The person has read an overwrite notice. */
export async function dismissOverwriteNotice(d: PersonDb, id: string): Promise<void> {
  await d.overwrites.delete(id);
}

/** The reminders the person has not dismissed, newest first, live. */
export function useOpenReminders(): StoredReminder[] | undefined {
  return useLiveQuery(async () => {
    const all = await db().reminders.toArray();
    return all
      .filter((r) => r.dismissedAt === null)
      .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  }, []);
}

/** The person has read a reminder: it stays stored (a later pull must not bring it back). */
export async function dismissReminder(d: PersonDb, id: string, at: Date): Promise<void> {
  await d.reminders.update(id, { dismissedAt: at.toISOString() });
}
