// What can go wrong with the device's storage, as errors the app can name: a full disk
// (nothing was written) and a lost connection to IndexedDB (reopened and tried once more).
import type { PersonDb } from './person-db.ts';

/** The device has no room left: the change was not saved, and nothing else was written. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super('the device storage is full; the change was not saved', { cause });
    this.name = 'StorageFullError';
  }
}

/** The error and what it wraps: Dexie names the cause `inner`, others `cause`. */
function chain(error: unknown): { name?: unknown }[] {
  const found: { name?: unknown }[] = [];
  let at: unknown = error;
  while (typeof at === 'object' && at !== null && found.length < 8 && !found.includes(at)) {
    found.push(at);
    const { inner, cause } = at as { inner?: unknown; cause?: unknown };
    at = inner ?? cause;
  }
  return found;
}

const named = (error: unknown, names: readonly string[]) =>
  chain(error).some((e) => typeof e.name === 'string' && names.includes(e.name));

// A quota failure aborts the transaction: Dexie reports an AbortError whose inner error
// is the QuotaExceededError (or the QuotaExceededError itself, for a single request).
export const isStorageFull = (error: unknown) => named(error, ['QuotaExceededError']);

const isConnectionLost = (error: unknown) =>
  named(error, ['DatabaseClosedError', 'InvalidStateError']);

/**
 * Runs a write (one Dexie transaction). A full disk becomes a StorageFullError; a lost
 * connection (the browser closed it, e.g. under storage pressure) is reopened and the write
 * tried once more, unless the app closed the database on purpose.
 */
export async function writeOrExplain<T>(db: PersonDb, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isStorageFull(error)) throw new StorageFullError(error);
    if (!isConnectionLost(error) || db.disposed) throw error;
  }
  if (db.isOpen()) db.close({ disableAutoOpen: false });
  await db.open();
  try {
    return await write();
  } catch (error) {
    if (isStorageFull(error)) throw new StorageFullError(error);
    throw error;
  }
}
