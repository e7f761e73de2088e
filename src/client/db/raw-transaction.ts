// One readwrite transaction in IndexedDB's own API, for the write on the path of every
// keystroke: a local change (local-changes.ts). Dexie's layers cost a save about as much
// as IndexedDB's own work does; here a change goes straight to IndexedDB, and Dexie's live
// queries, in this tab and the others, are then told about the stores written, as Dexie
// tells them after its own commits.
import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import type { PersonDb } from './person-db.ts';

/**
 * The result of the request `make` sends, once it has succeeded. A request that cannot even
 * be sent (IndexedDB throws, e.g. for a full disk or a value it cannot store) rejects too,
 * so the promises of requests sent beside it are never left unobserved.
 */
export function request<T>(make: () => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = make();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new DOMException('the request failed', 'UnknownError'));
  });
}

/** Every key of a store and of each of its indexes, as Dexie names them for live queries. */
function wholeStores(d: PersonDb, stores: readonly string[]): ObservabilitySet {
  const parts: ObservabilitySet = {};
  // Dexie's own "everything" range: from below any key to above any key.
  const everything = () => new RangeSet(-Infinity, [[[]]]);
  for (const store of stores) {
    const prefix = `idb://${d.name}/${store}/`;
    parts[prefix] = everything();
    parts[`${prefix}:dels`] = everything();
    for (const index of d.table(store).schema.indexes)
      if (index.name) parts[`${prefix}${index.name}`] = everything();
  }
  return parts;
}

/**
 * Tells Dexie's live queries that these stores changed. A committed write stays committed:
 * a failure to tell (e.g. Dexie's channel to other tabs closed as the page is hidden) must
 * not make the caller think the write failed and write it again.
 */
function announce(d: PersonDb, stores: readonly string[]): void {
  if (stores.length === 0) return;
  try {
    Dexie.on.storagemutated.fire(wholeStores(d, stores));
  } catch {
    // The next change, or the next pull, tells them again.
  }
}

/**
 * Runs `work` in one readwrite transaction over `stores` and resolves with its result once
 * the transaction has committed; then tells Dexie's live queries about the stores `work`
 * said it wrote (`wrote`), so a save of an answer does not rerun the queries on sheets.
 * `work` may await only requests of this transaction (anything else lets it commit early).
 * A throw in `work` aborts the transaction: nothing of it is kept. Errors are IndexedDB's or
 * Dexie's own, which storage-errors.ts names. The person database keeps Dexie's query cache
 * off, so nothing in Dexie holds a copy this write could leave stale.
 */
export async function writeRaw<T>(
  d: PersonDb,
  stores: readonly string[],
  work: (tx: IDBTransaction, wrote: (store: string) => void) => Promise<T>,
): Promise<T> {
  if (!d.isOpen()) {
    // The app closed it for good (another person signed in): nothing may reopen it.
    if (d.disposed) throw new Dexie.DatabaseClosedError('the database was closed');
    await d.open();
  }
  const tx = d.backendDB().transaction(stores, 'readwrite');
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () =>
      reject(tx.error ?? new DOMException('the transaction was aborted', 'AbortError'));
  });
  const written = new Set<string>();
  let result: T;
  try {
    result = await work(tx, (store) => written.add(store));
  } catch (error) {
    committed.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // A failed request has aborted it already.
    }
    throw error;
  }
  await committed;
  announce(d, [...written]);
  return result;
}
