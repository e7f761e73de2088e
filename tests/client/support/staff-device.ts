// A signed-in person's device for screen tests (happy-dom and fake-indexeddb): their own
// database holding the seed templates and the sheets, answers and events a pull would bring,
// and the store showing them as signed in. Import 'fake-indexeddb/auto' first in the test.
import documents from '../../../seeds/templates/documents.json';
import ethics from '../../../seeds/templates/ethics.json';
import risk from '../../../seeds/templates/risk.json';
import seal from '../../../seeds/templates/seal.json';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Sheet, SheetEvent } from '@/shared/schemas/sheet.ts';
import { templateSchema, type Template } from '@/shared/schemas/template.ts';
import {
  closePersonDb,
  deletePersonDb,
  openPersonDb,
  replaceTemplates,
  type PersonDb,
} from '@/client/db/person-db.ts';
import { applyPullPage } from '@/client/db/server-changes.ts';
import { initialSyncStatus } from '@/client/sync/sync-status.ts';
import { useAppStore } from '@/client/store/app-store.ts';

/** The seed templates, as the server publishes them. */
export const templates: Record<'ethics' | 'documents' | 'seal' | 'risk', Template> = {
  ethics: templateSchema.parse(ethics),
  documents: templateSchema.parse(documents),
  seal: templateSchema.parse(seal),
  risk: templateSchema.parse(risk),
};

export function person(overrides: Partial<SessionPerson> = {}): SessionPerson {
  return {
    id: 'p-chief',
    staffNumber: '200001',
    name: '検証　花子',
    unitId: 'u-1',
    unitName: '総務課',
    roles: ['staff', 'chief'],
    ...overrides,
  };
}

export function sheet(id: string, overrides: Partial<Sheet> = {}): Sheet {
  return {
    id,
    templateId: templates.ethics.id,
    templateVersion: 1,
    unitId: 'u-1',
    owner: { kind: 'person', personId: 'p-chief' },
    fiscalYear: 2026,
    period: 'annual',
    dueDate: '2099-03-31',
    state: 'draft',
    revision: 1,
    ...overrides,
  };
}

export interface StoredAnswerSeed {
  sheetId: string;
  itemId: string;
  answer: Answer;
}

/** Opens the person's database as the app's current one, filled as a first pull would. */
export async function signedInDevice(
  who: SessionPerson,
  data: { sheets: Sheet[]; answers?: StoredAnswerSeed[]; events?: SheetEvent[] },
): Promise<PersonDb> {
  await deletePersonDb(who.id);
  const db = openPersonDb(who.id);
  await replaceTemplates(db, Object.values(templates), new Date());
  await applyPullPage(
    db,
    {
      reset: true,
      cursor: 1,
      scope: 'scope',
      more: false,
      sheets: data.sheets,
      answers: (data.answers ?? []).map((a) => ({
        ...a,
        version: 1,
        updatedBy: who.id,
        updatedAt: '2026-05-01T00:00:00.000Z',
      })),
      events: data.events ?? [],
      results: [],
      overwrites: [],
    },
    0,
    new Date(),
  );
  useAppStore.setState({
    person: who,
    serverSession: 'active',
    locale: 'ja',
    editing: false,
    sync: { ...initialSyncStatus, lastSuccessAt: '2026-05-01T00:00:00.000Z' },
  });
  return db;
}

export function signOutDevice(): void {
  closePersonDb();
  useAppStore.setState({ person: null, sync: initialSyncStatus, editing: false });
}
