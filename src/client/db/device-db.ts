// The device's own IndexedDB (not per person): the published templates, kept for offline use.
// This folder is the only place that talks to Dexie.
import Dexie, { type EntityTable } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Template } from '@/shared/schemas/template.ts';

interface StoredTemplate {
  id: string;
  template: Template;
  fetchedAt: string;
}

class DeviceDb extends Dexie {
  templates!: EntityTable<StoredTemplate, 'id'>;
  constructor() {
    super('tenken-device');
    this.version(1).stores({ templates: 'id' });
  }
}

const db = new DeviceDb();

/** Replaces the stored templates with the server's list, in one transaction. */
export async function replaceTemplates(
  templates: readonly Template[],
  fetchedAt: Date,
): Promise<void> {
  await db.transaction('rw', db.templates, async () => {
    await db.templates.clear();
    await db.templates.bulkPut(
      templates.map((t) => ({ id: t.id, template: t, fetchedAt: fetchedAt.toISOString() })),
    );
  });
}

/** The stored templates, live: re-renders when they change; undefined while loading. */
export function useStoredTemplates(): StoredTemplate[] | undefined {
  return useLiveQuery(() => db.templates.orderBy('id').toArray(), []);
}
