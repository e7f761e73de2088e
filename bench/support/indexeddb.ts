// Raw IndexedDB for the baselines of the benchmarks that run in the browser (bundled into
// their pages): promises over requests and transactions, and a database with the person
// database's sheets and answers stores, keys and indexes, without Dexie.

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Settles when the transaction has committed (`complete`), or failed. */
export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/**
 * A database with the person database's sheets and answers stores, keys and indexes
 * (src/client/db/person-db.ts), and with `sync` its outbox ("queue") and meta stores too.
 */
export function openRaw(name: string, { sync = false } = {}): Promise<IDBDatabase> {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => {
    if (sync) {
      req.result.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
      req.result.createObjectStore('meta', { keyPath: 'key' });
    }
    const sheets = req.result.createObjectStore('sheets', { keyPath: 'id' });
    sheets.createIndex('state', 'state');
    sheets.createIndex('dueDate', 'dueDate');
    const answers = req.result.createObjectStore('answers', { keyPath: ['sheetId', 'itemId'] });
    answers.createIndex('sheetId', 'sheetId');
  };
  return request(req);
}

/** Deletes a database; the caller closes its own connections first. */
export async function deleteDatabase(name: string): Promise<void> {
  await request(indexedDB.deleteDatabase(name));
}
