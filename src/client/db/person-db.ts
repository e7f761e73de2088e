// One IndexedDB database per person who signs in on this device ("tenken-person-<id>"), so
// that on a shared tablet nobody ever reads another person's sheets. Holds the templates,
// the person's sheets, the outbox of changes not yet sent, and small sync metadata.
import Dexie, { type EntityTable } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { Template } from '@/shared/schemas/template.ts';

export interface StoredTemplate {
  id: string;
  template: Template;
  fetchedAt: string;
}

/** A change made on this device that the server has not yet acknowledged. */
export interface OutboxEntry {
  seq: number;
  name: string;
  args: unknown;
  createdAt: string;
}

class PersonDb extends Dexie {
  templates!: EntityTable<StoredTemplate, 'id'>;
  sheets!: EntityTable<Sheet, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  constructor(personId: string) {
    super(personDbName(personId));
    this.version(1).stores({
      templates: 'id',
      sheets: 'id, state, dueDate',
      outbox: 'seq',
    });
  }
}

export function personDbName(personId: string): string {
  return `tenken-person-${personId}`;
}

let current: PersonDb | null = null;

/** Opens the signed-in person's database; every read and write below goes to it. */
export function openPersonDb(personId: string): void {
  if (current?.name === personDbName(personId)) return;
  current?.close();
  current = new PersonDb(personId);
}

export function closePersonDb(): void {
  current?.close();
  current = null;
}

/** Removes a person's database from this device, e.g. at sign-out with nothing unsent. */
export async function deletePersonDb(personId: string): Promise<void> {
  if (current?.name === personDbName(personId)) closePersonDb();
  await Dexie.delete(personDbName(personId));
}

function db(): PersonDb {
  if (!current) throw new Error('no person is signed in on this device');
  return current;
}

/**
 * Replaces the stored templates and sheets with the server's lists, in one transaction.
 * Dropped if another person has signed in since the lists were asked for.
 */
export async function replaceServerData(
  personId: string,
  data: { templates: readonly Template[]; sheets: readonly Sheet[] },
  fetchedAt: Date,
): Promise<void> {
  const d = current;
  if (d?.name !== personDbName(personId)) return;
  await d.transaction('rw', d.templates, d.sheets, async () => {
    await d.templates.clear();
    await d.templates.bulkPut(
      data.templates.map((t) => ({ id: t.id, template: t, fetchedAt: fetchedAt.toISOString() })),
    );
    await d.sheets.clear();
    await d.sheets.bulkPut([...data.sheets]);
  });
}

export async function pendingCount(): Promise<number> {
  return db().outbox.count();
}

/** The stored templates, live: re-renders when they change; undefined while loading. */
export function useStoredTemplates(): StoredTemplate[] | undefined {
  return useLiveQuery(() => db().templates.orderBy('id').toArray(), []);
}

export function useStoredSheets(): Sheet[] | undefined {
  return useLiveQuery(() => db().sheets.orderBy('dueDate').toArray(), []);
}
