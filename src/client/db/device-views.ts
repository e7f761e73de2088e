// The device's view of sheets and answers inside a transaction: load the records a change
// touches, lay mutations over them, write them back. Also the sync metadata, made once.
// Only called inside Dexie transactions that include the tables they read and write.
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import { answerKey, effectOf, targetsOf, type Effect, type Target } from './mutation-effects.ts';
import type { PersonDb, StoredAnswer, StoredSheet, SyncMeta } from './person-db.ts';
import { request } from './raw-transaction.ts';

/** A random id for this database; getRandomValues also works outside secure contexts. */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The sync metadata, made on first use: in a transaction over meta. */
export async function ensureMeta(d: PersonDb): Promise<SyncMeta> {
  const meta = await d.meta.get('sync');
  if (meta) return meta;
  const made: SyncMeta = {
    key: 'sync',
    clientId: newClientId(),
    cursor: 0,
    scope: null,
    lastSuccessAt: null,
    lastError: null,
  };
  await d.meta.add(made);
  return made;
}

interface AnswerSlot {
  sheetId: string;
  itemId: string;
  stored: StoredAnswer | undefined;
  local: Answer | null;
}

interface SheetSlot {
  stored: StoredSheet | undefined;
  view: Sheet | undefined;
}

/** How a ViewSet reads and writes its records: through Dexie, or one raw transaction. */
export interface ViewRecords {
  answers(keys: [string, string][]): Promise<(StoredAnswer | undefined)[]>;
  sheets(ids: string[]): Promise<(StoredSheet | undefined)[]>;
  /** Writes only what is given; an empty write sends no request. */
  write(changes: {
    putAnswers: StoredAnswer[];
    dropAnswers: [string, string][];
    putSheets: StoredSheet[];
  }): Promise<void>;
}

/** The records through Dexie, inside a transaction over answers and sheets. */
export function dexieRecords(d: PersonDb): ViewRecords {
  return {
    answers: (keys) => d.answers.bulkGet(keys),
    sheets: (ids) => d.sheets.bulkGet(ids),
    write: async ({ putAnswers, dropAnswers, putSheets }) => {
      await Promise.all([
        putAnswers.length > 0 && d.answers.bulkPut(putAnswers),
        dropAnswers.length > 0 && d.answers.bulkDelete(dropAnswers),
        putSheets.length > 0 && d.sheets.bulkPut(putSheets),
      ]);
    },
  };
}

/**
 * The records in one raw transaction over answers and sheets (raw-transaction.ts); `wrote`
 * hears of each store written to.
 */
export function rawRecords(tx: IDBTransaction, wrote: (store: string) => void): ViewRecords {
  const answers = tx.objectStore('answers');
  const sheets = tx.objectStore('sheets');
  return {
    answers: (keys) =>
      Promise.all(keys.map((key) => request<StoredAnswer | undefined>(() => answers.get(key)))),
    sheets: (ids) =>
      Promise.all(ids.map((id) => request<StoredSheet | undefined>(() => sheets.get(id)))),
    write: async ({ putAnswers, dropAnswers, putSheets }) => {
      if (putAnswers.length + dropAnswers.length > 0) wrote(answers.name);
      if (putSheets.length > 0) wrote(sheets.name);
      await Promise.all([
        ...putAnswers.map((row) => request(() => answers.put(row))),
        ...dropAnswers.map((key) => request(() => answers.delete(key))),
        ...putSheets.map((row) => request(() => sheets.put(row))),
      ]);
    },
  };
}

/** The records some changes touch, as loaded, with the view being built over them. */
export class ViewSet {
  private constructor(
    private readonly answers: Map<string, AnswerSlot>,
    private readonly sheets: Map<string, SheetSlot>,
  ) {}

  static async load(records: ViewRecords, targets: Iterable<Target>): Promise<ViewSet> {
    const answerTargets = new Map<string, { sheetId: string; itemId: string }>();
    const sheetIds = new Set<string>();
    for (const t of targets)
      if (t.kind === 'answer') answerTargets.set(answerKey(t.sheetId, t.itemId), t);
      else sheetIds.add(t.sheetId);
    const keys = [...answerTargets.values()];
    const ids = [...sheetIds];
    const [storedAnswers, storedSheets] = await Promise.all([
      records.answers(keys.map((k): [string, string] => [k.sheetId, k.itemId])),
      records.sheets(ids),
    ]);
    const answers = new Map<string, AnswerSlot>();
    keys.forEach(({ sheetId, itemId }, i) => {
      const stored = storedAnswers[i];
      answers.set(answerKey(sheetId, itemId), {
        sheetId,
        itemId,
        stored,
        local: stored?.local ?? null,
      });
    });
    const sheets = new Map<string, SheetSlot>();
    ids.forEach((id, i) => {
      const stored = storedSheets[i];
      sheets.set(id, { stored, view: stored && withoutServer(stored) });
    });
    return new ViewSet(answers, sheets);
  }

  /** The server's version of an answer the device holds (0: none), for a change's base. */
  serverVersion(sheetId: string, itemId: string): number {
    return this.answers.get(answerKey(sheetId, itemId))?.stored?.server?.version ?? 0;
  }

  readonly reader = {
    answer: (sheetId: string, itemId: string) =>
      this.answers.get(answerKey(sheetId, itemId))?.local ?? null,
    sheet: (sheetId: string) => this.sheets.get(sheetId)?.view,
  };

  /** Forgets the device's changes: the view is the server's data again. */
  resetToServer(): void {
    for (const slot of this.answers.values()) slot.local = slot.stored?.server?.answer ?? null;
    for (const slot of this.sheets.values()) slot.view = slot.stored?.server;
  }

  /** Lays an effect over the view; effects on records not loaded here are left out. */
  apply(effect: Effect): void {
    if (effect.kind === 'answer') {
      const slot = this.answers.get(answerKey(effect.sheetId, effect.itemId));
      if (slot) slot.local = effect.answer;
    } else if (effect.kind === 'sheet') {
      const slot = this.sheets.get(effect.sheet.id);
      if (slot?.stored) slot.view = effect.sheet;
    }
  }

  async save(records: ViewRecords): Promise<void> {
    const putAnswers: StoredAnswer[] = [];
    const dropAnswers: [string, string][] = [];
    for (const { sheetId, itemId, stored, local } of this.answers.values()) {
      const server = stored?.server ?? null;
      if (server === null && local === null) {
        if (stored) dropAnswers.push([sheetId, itemId]);
      } else putAnswers.push({ sheetId, itemId, server, local });
    }
    const putSheets: StoredSheet[] = [];
    // Only sheets whose view changed are written: an answer edit leaves its sheet as it is.
    for (const { stored, view } of this.sheets.values())
      if (stored && view && (view.state !== stored.state || view.revision !== stored.revision))
        putSheets.push({ ...view, server: stored.server });
    await records.write({ putAnswers, dropAnswers, putSheets });
  }
}

function withoutServer(stored: StoredSheet): Sheet {
  const sheet: Sheet & { server?: Sheet } = { ...stored };
  delete sheet.server;
  return sheet;
}

/**
 * Lays the still-unsent changes over the server's data again, for the records named and
 * for every record an unsent change touches. In a transaction over answers, sheets and outbox.
 */
export async function rebase(d: PersonDb, touched: Iterable<Target>): Promise<void> {
  const pending = await d.outbox.orderBy('seq').toArray();
  const targets = [...touched];
  for (const m of pending) targets.push(...targetsOf(m));
  const records = dexieRecords(d);
  const views = await ViewSet.load(records, targets);
  views.resetToServer();
  for (const m of pending) views.apply(effectOf(m, views.reader));
  await views.save(records);
}
