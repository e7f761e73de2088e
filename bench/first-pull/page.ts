// The first-pull benchmark's page, bundled by first-pull.ts and served by the benchmark's
// server from the same origin as /api: the app's own client code (src/client/db,
// src/client/sync, src/client/api) against raw IndexedDB, in the browser.
import { createApiClient } from '@/client/api/api-client.ts';
import { toAnswer } from '@/client/db/mutation-effects.ts';
import { PersonDb, type StoredAnswer, type StoredSheet } from '@/client/db/person-db.ts';
import { applyPullPage } from '@/client/db/server-changes.ts';
import { SyncEngine, type LockManagerLike } from '@/client/sync/sync-engine.ts';
import { operations } from '@/shared/api/operations.ts';
import { SYNC_SCHEMA_VERSION } from '@/shared/sync/mutations.ts';
import type { PullResponse } from '@/shared/sync/protocol.ts';
import { deleteDatabase, done, openRaw, request } from '../support/indexeddb.ts';
import type { BenchPage, RunResult } from './protocol.ts';

const api = createApiClient();
/** The pages of one first pull, each with the cursor it was asked with. */
let pages: { page: PullResponse; askedWith: number }[] = [];

/** The records applyPullPage stores for the kept pages, built the same way. */
function storedRecords(): { sheets: StoredSheet[]; answers: StoredAnswer[] } {
  return {
    sheets: pages.flatMap(({ page }) => page.sheets.map((sheet) => ({ ...sheet, server: sheet }))),
    answers: pages.flatMap(({ page }) =>
      page.answers.map(({ sheetId, itemId, answer, version, updatedBy, updatedAt }) => ({
        sheetId,
        itemId,
        server: { answer: toAnswer(answer), version, updatedBy, updatedAt },
        local: toAnswer(answer),
      })),
    ),
  };
}

async function counted(d: PersonDb, ms: number): Promise<RunResult> {
  const result = { ms, sheets: await d.sheets.count(), answers: await d.answers.count() };
  await d.delete();
  return result;
}

const bench: BenchPage = {
  async signIn(staffNumber, password) {
    const session = await api.call(operations.signIn, { body: { staffNumber, password } });
    api.setCsrfToken(session.csrfToken);
    return session.person.id;
  },

  async fetchPages() {
    pages = [];
    const clientId = 'bench-first-pull-pages';
    let cursor = 0;
    let scope: string | undefined;
    const start = performance.now();
    for (;;) {
      const page = await api.call(operations.syncPull, {
        query: {
          clientId,
          cursor,
          schemaVersion: SYNC_SCHEMA_VERSION,
          ...(scope === undefined ? {} : { scope }),
        },
      });
      pages.push({ page, askedWith: cursor });
      if (!page.more) break;
      cursor = page.cursor;
      scope = page.scope;
    }
    return {
      ms: performance.now() - start,
      pages: pages.map(({ page }) => ({
        sheets: page.sheets.length,
        answers: page.answers.length,
        bytes: new TextEncoder().encode(JSON.stringify(page)).length,
      })),
    };
  },

  async app(run) {
    const d = new PersonDb(`bench-app-${run}`);
    await d.open();
    const start = performance.now();
    for (const { page, askedWith } of pages)
      if (!(await applyPullPage(d, page, askedWith, new Date())))
        throw new Error('applyPullPage dropped a page');
    return counted(d, performance.now() - start);
  },

  async raw(run) {
    const { sheets, answers } = storedRecords();
    const name = `bench-raw-${run}`;
    const db = await openRaw(name);
    const start = performance.now();
    const tx = db.transaction(['sheets', 'answers'], 'readwrite');
    const sheetStore = tx.objectStore('sheets');
    const answerStore = tx.objectStore('answers');
    for (const sheet of sheets) sheetStore.put(sheet);
    for (const answer of answers) answerStore.put(answer);
    await done(tx);
    const ms = performance.now() - start;
    const check = db.transaction(['sheets', 'answers'], 'readonly');
    const result = {
      ms,
      sheets: await request(check.objectStore('sheets').count()),
      answers: await request(check.objectStore('answers').count()),
    };
    db.close();
    await deleteDatabase(name);
    return result;
  },

  async dexie(run) {
    const { sheets, answers } = storedRecords();
    const d = new PersonDb(`bench-dexie-${run}`);
    await d.open();
    const start = performance.now();
    await d.transaction('rw', d.sheets, d.answers, async () => {
      await d.sheets.bulkPut(sheets);
      await d.answers.bulkPut(answers);
    });
    return counted(d, performance.now() - start);
  },

  async engine(run) {
    const d = new PersonDb(`bench-engine-${run}`);
    const engine = new SyncEngine({
      db: d,
      api,
      locks: (navigator as { locks?: LockManagerLike }).locks ?? null,
    });
    const start = performance.now();
    const outcome = await engine.syncOnce();
    const ms = performance.now() - start;
    await engine.stop();
    return { ...(await counted(d, ms)), outcome };
  },
};

(window as unknown as { bench: BenchPage }).bench = bench;
