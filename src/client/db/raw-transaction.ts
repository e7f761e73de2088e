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
 * Runs `work` in one readwrite transaction over `stores` and resolves with its result once
 * the transaction has committed. A throw in `work` aborts the transaction: nothing of it
 * is kept. Errors are IndexedDB's or Dexie's own, which storage-errors.ts names.
 */
export async function writeRaw<T>(
  d: PersonDb,
  stores: readonly string[],
  work: (tx: IDBTransaction) => Promise<T>,
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
  let result: T;
  try {
    result = await work(tx);
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
  Dexie.on.storagemutated.fire(wholeStores(d, stores));
  return result;
}
