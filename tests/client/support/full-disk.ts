// A full disk, as IndexedDB reports it: every add to the outbox's store fails with a
// QuotaExceededError until the disk is freed again. Works on fake-indexeddb's classes (the
// global ones under 'fake-indexeddb/auto', or the module's own).
import { IDBObjectStore } from 'fake-indexeddb';

/** Fills the disk; the function returned frees it. */
export function fillTheDisk(): () => void {
  const prototypes = [IDBObjectStore.prototype, globalThis.IDBObjectStore?.prototype].filter(
    (p): p is IDBObjectStore => p !== undefined,
  );
  const originals = prototypes.map((p) => p.add);
  prototypes.forEach((p, i) => {
    const add = originals[i] as IDBObjectStore['add'];
    p.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'queue')
        throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
      return add.apply(this, args);
    };
  });
  return () =>
    prototypes.forEach((p, i) => {
      p.add = originals[i] as IDBObjectStore['add'];
    });
}
