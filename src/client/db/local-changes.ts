// The changes a person makes on this device. Each writes its effect on the device's view
// and its outbox entry in one transaction, and returns only once that has committed: a
// change is either saved and queued, or neither. The transaction is IndexedDB's own
// (raw-transaction.ts): this is the write behind every keystroke.
import type { Answer, TableRow } from '@/shared/schemas/answer.ts';
import {
  SYNC_SCHEMA_VERSION,
  type Mutation,
  type MutationArgs,
  type MutationName,
} from '@/shared/sync/mutations.ts';
import { rawRecords, ViewSet } from './device-views.ts';
import { effectOf, targetsOf, type RefusalReason } from './mutation-effects.ts';
import type { AttentionEntry, PersonDb } from './person-db.ts';
import { request, writeRaw } from './raw-transaction.ts';
import { writeOrExplain } from './storage-errors.ts';

/** The change does not fit what the device holds (e.g. a row another device removed). */
export class ChangeRefusedError extends Error {
  constructor(readonly reason: RefusalReason) {
    super(`the change was not made: ${reason}`);
    this.name = 'ChangeRefusedError';
  }
}

type BaseField = 'baseVersion' | 'expectedRevision';

/** A change as the person makes it; what it was based on is filled in from the device. */
type Intent = {
  [N in MutationName]: { name: N; args: Omit<MutationArgs<N>, BaseField> };
}[MutationName];

const editNames = new Set<string>([
  'setAnswer',
  'clearAnswer',
  'addRow',
  'updateRow',
  'removeRow',
  'moveRow',
]);

/** The unsent edits of a sheet: the server raises its revision once for each. */
async function unsentEdits(outbox: IDBObjectStore, sheetId: string): Promise<number> {
  const entries = await request<Mutation[]>(() => outbox.getAll());
  return entries.filter(
    (m) => editNames.has(m.name) && (m.args as { sheetId?: unknown }).sheetId === sheetId,
  ).length;
}

async function withBase(
  outbox: IDBObjectStore,
  intent: Intent,
  views: ViewSet,
): Promise<{ name: MutationName; args: unknown }> {
  switch (intent.name) {
    case 'setAnswer':
    case 'clearAnswer':
      return {
        name: intent.name,
        args: {
          ...intent.args,
          baseVersion: views.serverVersion(intent.args.sheetId, intent.args.itemId),
        },
      };
    case 'submitSheet':
    case 'approveSheet':
    case 'returnSheet':
      // The revision the server will have reached when it comes to this step: the view's
      // (the server's, with the steps still on their way) raised by each unsent edit, which
      // the server applies first. Counted here, not stored with each edit, so that an edit
      // writes only its answer. A sheet the device does not hold is refused below.
      return {
        name: intent.name,
        args: {
          ...intent.args,
          expectedRevision:
            (views.reader.sheet(intent.args.sheetId)?.revision ?? 0) +
            (await unsentEdits(outbox, intent.args.sheetId)),
        },
      };
    default:
      return intent;
  }
}

const changeStores = (d: PersonDb) => [d.answers.name, d.sheets.name, d.outbox.name];

/** Writes a change's effect and its outbox entry, inside a transaction over changeStores. */
async function recordIn(
  d: PersonDb,
  tx: IDBTransaction,
  wrote: (store: string) => void,
  intent: Intent,
): Promise<Mutation> {
  const targets = targetsOf(intent);
  if (targets.length === 0) throw new ChangeRefusedError('invalid');
  const records = rawRecords(tx, wrote);
  const outbox = tx.objectStore(d.outbox.name);
  const views = await ViewSet.load(records, targets);
  const { name, args } = await withBase(outbox, intent, views);
  const effect = effectOf({ name, args }, views.reader);
  if (effect.kind === 'refused') throw new ChangeRefusedError(effect.reason);
  views.apply(effect);
  // The writes go to IndexedDB together; the outbox's key generator gives the entry its seq.
  const made = { name, args, schemaVersion: SYNC_SCHEMA_VERSION, madeAt: new Date().toISOString() };
  wrote(outbox.name);
  const [, seq] = await Promise.all([views.save(records), request(() => outbox.add(made))]);
  return { seq: Number(seq), ...made } as Mutation;
}

const record = (d: PersonDb, intent: Intent) =>
  writeOrExplain(d, () =>
    writeRaw(d, changeStores(d), (tx, wrote) => recordIn(d, tx, wrote, intent)),
  );

type Item = { sheetId: string; itemId: string };

export const setAnswer = (d: PersonDb, args: Item & { answer: Answer }) =>
  record(d, { name: 'setAnswer', args });

export const clearAnswer = (d: PersonDb, args: Item) => record(d, { name: 'clearAnswer', args });

export const addRow = (d: PersonDb, args: Item & { row: TableRow; index?: number }) =>
  record(d, { name: 'addRow', args });

export const updateRow = (
  d: PersonDb,
  args: Item & { rowId: string; cells: Record<string, unknown> },
) => record(d, { name: 'updateRow', args });

export const removeRow = (d: PersonDb, args: Item & { rowId: string }) =>
  record(d, { name: 'removeRow', args });

export const moveRow = (d: PersonDb, args: Item & { rowId: string; toIndex: number }) =>
  record(d, { name: 'moveRow', args });

export const submitSheet = (d: PersonDb, args: { sheetId: string }) =>
  record(d, { name: 'submitSheet', args });

export const approveSheet = (d: PersonDb, args: { sheetId: string }) =>
  record(d, { name: 'approveSheet', args });

export const returnSheet = (d: PersonDb, args: { sheetId: string; comment: string }) =>
  record(d, { name: 'returnSheet', args });

/**
 * Makes a refused change again, on what the device holds now (a new seq, and the current
 * server version as its base), and takes it off the attention list, in one transaction.
 */
export async function reapplyRefused(d: PersonDb, seq: number): Promise<Mutation> {
  return writeOrExplain(d, () =>
    writeRaw(d, [...changeStores(d), d.attention.name], async (tx, wrote) => {
      const attention = tx.objectStore(d.attention.name);
      const entry = await request<AttentionEntry | undefined>(() => attention.get(seq));
      if (!entry) throw new ChangeRefusedError('invalid');
      const args = { ...(entry.mutation.args as Record<string, unknown>) };
      delete args.baseVersion;
      delete args.expectedRevision;
      wrote(attention.name);
      await request(() => attention.delete(seq));
      // In the same transaction: if the change is refused again, the entry stays.
      return recordIn(d, tx, wrote, { name: entry.mutation.name, args } as Intent);
    }),
  );
}

/** The person lets a refused change go. */
export async function discardRefused(d: PersonDb, seq: number): Promise<void> {
  await writeOrExplain(d, () => d.attention.delete(seq));
}
