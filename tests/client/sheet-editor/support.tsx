// A person's database on fake-indexeddb holding one sheet, and the sheet screen rendered
// over it, for the component tests of the sheet editor. Import 'fake-indexeddb/auto' first
// in the test file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { applyPullPage } from '@/client/db/server-changes.ts';
import {
  closePersonDb,
  openPersonDb,
  personDbName,
  replaceTemplates,
  type PersonDb,
} from '@/client/db/person-db.ts';
import { SheetScreen } from '@/client/features/sheet-editor/sheet-screen.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Sheet, SheetEvent } from '@/shared/schemas/sheet.ts';
import { templateSchema, type Template } from '@/shared/schemas/template.ts';
import type { Mutation } from '@/shared/sync/mutations.ts';

const text = (ja: string, en = ja) => ({ ja, en });

/** A template with every item kind, follow-up rules and a table with a derived priority. */
export const allKinds: Template = templateSchema.parse({
  id: 'all-kinds',
  version: 1,
  kind: 'documents',
  assignment: 'person',
  title: text('全種類の点検シート', 'Every kind sheet'),
  description: text('すべての項目の種類を含む。', 'Has every item kind.'),
  sections: [
    {
      id: 'choices',
      title: text('選択'),
      items: [
        {
          id: 'filed',
          kind: 'yes_no_na',
          label: text('文書を速やかに編てつしている。'),
          help: text('該当する文書がなければ「該当なし」。'),
          followUp: { when: ['no'], require: 'action', prompt: text('改善策を記入すること。') },
        },
        {
          id: 'polite',
          kind: 'agreement4',
          label: text('窓口では丁寧に対応している。'),
          followUp: { when: [3, 4], require: 'comment', prompt: text('理由を記入すること。') },
        },
        {
          id: 'assessment',
          kind: 'single_choice',
          label: text('総合評価'),
          options: [
            { id: 'good', label: text('良好') },
            { id: 'improve', label: text('改善を要する') },
          ],
        },
        {
          id: 'methods',
          kind: 'multi_choice',
          label: text('点検の方法'),
          options: [
            { id: 'meeting', label: text('係会議') },
            { id: 'hearing', label: text('個別ヒアリング') },
            { id: 'other', label: text('その他') },
          ],
        },
      ],
    },
    {
      id: 'entries',
      title: text('記入'),
      items: [
        {
          id: 'participants',
          kind: 'number',
          label: text('参加人数'),
          min: 1,
          max: 50,
          integer: true,
          unit: text('人', 'people'),
        },
        { id: 'held-on', kind: 'date', label: text('実施日') },
        { id: 'compiled-by', kind: 'text', label: text('取りまとめ担当者') },
        { id: 'notes', kind: 'long_text', label: text('特記事項'), required: false },
      ],
    },
    {
      id: 'register',
      title: text('一覧'),
      items: [
        {
          id: 'risks',
          kind: 'table',
          label: text('リスク一覧'),
          minRows: 1,
          columns: [
            { id: 'process', kind: 'text', label: text('業務名'), required: true },
            { id: 'risk', kind: 'long_text', label: text('リスク') },
            {
              id: 'likelihood',
              kind: 'number',
              label: text('発生可能性'),
              min: 1,
              max: 3,
              integer: true,
              required: true,
            },
            {
              id: 'impact',
              kind: 'number',
              label: text('影響度'),
              min: 1,
              max: 3,
              integer: true,
              required: true,
            },
            {
              id: 'priority',
              kind: 'priority',
              label: text('優先度'),
              from: ['likelihood', 'impact'],
            },
            { id: 'due', kind: 'date', label: text('期限') },
            {
              id: 'status',
              kind: 'choice',
              label: text('進捗状況'),
              options: [
                { id: 'open', label: text('対応中') },
                { id: 'done', label: text('完了') },
              ],
            },
          ],
        },
      ],
    },
  ],
});

/** The real templates of seeds/templates. */
export function seedTemplate(name: 'ethics' | 'documents' | 'seal' | 'risk'): Template {
  const file = join(process.cwd(), 'seeds', 'templates', `${name}.json`);
  return templateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function sheetOf(template: Template, overrides: Partial<Sheet> = {}): Sheet {
  return {
    id: `${template.id}.2026.annual.p1`,
    templateId: template.id,
    templateVersion: template.version,
    unitId: 'u-1',
    owner: { kind: 'person', personId: 'p-1' },
    fiscalYear: 2026,
    period: 'annual',
    dueDate: '2099-03-31',
    state: 'draft',
    revision: 0,
    ...overrides,
  };
}

let people = 0;

export interface Opened {
  db: PersonDb;
  sheet: Sheet;
  user: ReturnType<typeof userEvent.setup>;
}

/** A person's database with the template and the sheet (and answers, events) as the server sent them. */
export async function openSheet(
  template: Template,
  options: {
    sheet?: Partial<Sheet>;
    answers?: Record<string, Answer>;
    events?: SheetEvent[];
    locale?: 'ja' | 'en';
    render?: boolean;
  } = {},
): Promise<Opened> {
  people += 1;
  useAppStore.getState().setLocale(options.locale ?? 'ja');
  const db = openPersonDb(`p-test-${people}`);
  const sheet = sheetOf(template, options.sheet);
  await replaceTemplates(db, [template], new Date());
  await applyPullPage(
    db,
    {
      reset: true,
      cursor: 1,
      scope: 'scope',
      more: false,
      sheets: [sheet],
      answers: Object.entries(options.answers ?? {}).map(([itemId, answer]) => ({
        sheetId: sheet.id,
        itemId,
        answer,
        version: 1,
        updatedBy: 'p-1',
        updatedAt: '2026-05-01T00:00:00.000Z',
      })),
      events: options.events ?? [],
      results: [],
      overwrites: [],
    },
    0,
    new Date(),
  );
  const user = userEvent.setup();
  if (options.render !== false) {
    render(<SheetScreen sheetId={sheet.id} />);
    await screen.findByRole('heading', {
      level: 2,
      name: template.title[options.locale ?? 'ja'],
    });
  }
  return { db, sheet, user };
}

export async function closeSheet(): Promise<void> {
  cleanup();
  closePersonDb();
  await Dexie.delete(personDbName(`p-test-${people}`));
}

/** The item's stored answer (the device's view) once it satisfies `check`. */
export async function storedAnswer(
  db: PersonDb,
  sheetId: string,
  itemId: string,
  check: (answer: Answer | null) => boolean = (a) => a !== null,
): Promise<Answer | null> {
  let found: Answer | null = null;
  await waitFor(
    async () => {
      found = (await db.answers.get([sheetId, itemId]))?.local ?? null;
      if (!check(found)) throw new Error(`answer of ${itemId}: ${JSON.stringify(found)}`);
    },
    // A wait until, not a time limit on the app: a loaded test machine can be slow.
    { timeout: 10_000 },
  );
  return found;
}

export async function outbox(db: PersonDb): Promise<Mutation[]> {
  return db.outbox.orderBy('seq').toArray();
}

/** The element of an item on the screen. */
export function itemElement(itemId: string): HTMLElement {
  const element = document.getElementById(`item-${itemId}`);
  if (!element) throw new Error(`no item ${itemId} on the screen`);
  return element;
}
