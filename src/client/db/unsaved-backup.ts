// A synchronous copy of the changes not yet written to IndexedDB, in localStorage: the one
// storage a page can still write while it is being closed, reloaded or killed in the
// background. The sheet screen writes them again the next time the same person opens the
// sheet, and each change leaves the copy once it is written. Text typed into other forms (a
// return comment, a reminder's message) is kept the same way until it is sent.
// Kept here, beside the databases, so that deleting a person's data removes these too.

export interface UnsavedBackup<T> {
  read(): T[];
  write(entries: readonly T[]): void;
}

const PREFIX = 'tenken.unsaved.';

/** The copy for one sheet in one person's database (never read for anyone else). */
export function unsavedBackup<T>(
  databaseName: string,
  sheetId: string,
  isEntry: (value: unknown) => value is T,
): UnsavedBackup<T> {
  const key = `${PREFIX}${databaseName}/${sheetId}`;
  const storage = () => globalThis.localStorage as Storage | undefined;
  return {
    read() {
      try {
        const parsed: unknown = JSON.parse(storage()?.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
      } catch {
        return [];
      }
    },
    write(entries) {
      try {
        if (entries.length > 0) storage()?.setItem(key, JSON.stringify(entries));
        else storage()?.removeItem(key);
      } catch {
        // No room or no localStorage: the write to IndexedDB goes on regardless.
      }
    },
  };
}

/** Removes every copy kept for one person's database, e.g. when that database is deleted. */
export function forgetUnsavedBackups(databaseName: string): void {
  const storage = globalThis.localStorage as Storage | undefined;
  if (!storage) return;
  const prefix = `${PREFIX}${databaseName}/`;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}

/**
 * A copy of text typed into a form that is not an answer (a return comment, a reminder's
 * message) until it is sent: a reload, or a sync that redraws the screen, loses none of it.
 */
export interface KeptText {
  read(): string;
  /** Empty text removes the copy. */
  write(text: string): void;
}

export function keptText(databaseName: string, key: string): KeptText {
  const item = `${PREFIX}${databaseName}/text/${key}`;
  const storage = () => globalThis.localStorage as Storage | undefined;
  return {
    read() {
      try {
        return storage()?.getItem(item) ?? '';
      } catch {
        return '';
      }
    },
    write(text) {
      try {
        if (text !== '') storage()?.setItem(item, text);
        else storage()?.removeItem(item);
      } catch {
        // No room or no localStorage: the form still holds the text.
      }
    },
  };
}
