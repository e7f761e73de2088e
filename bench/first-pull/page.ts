// The first-pull benchmark's page, bundled by first-pull.ts and served by the benchmark's
// server from the same origin as /api: the app's own client code (src/client/db,
// src/client/sync, src/client/api) against raw IndexedDB, in the browser.
import { createApiClient } from '@/client/api/api-client.ts';
import { ensureMeta, ViewSet } from '@/client/db/device-views.ts';
import { effectOf, targetsOf, toAnswer, type Target } from '@/client/db/mutation-effects.ts';
import { PersonDb, type StoredAnswer, type StoredSheet } from '@/client/db/person-db.ts';
import { applyPullPage } from '@/client/db/server-changes.ts';
import { SyncEngine, type LockManagerLike } from '@/client/sync/sync-engine.ts';
import { operations } from '@/shared/api/operations.ts';
import { SYNC_SCHEMA_VERSION } from '@/shared/sync/mutations.ts';
import type { PullResponse } from '@/shared/sync/protocol.ts';
import type { BenchPage, RunResult, StepTimes } from './protocol.ts';

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

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** A fresh database with the person database's two stores, keys and indexes. */
function openRaw(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => {
    const sheets = req.result.createObjectStore('sheets', { keyPath: 'id' });
    sheets.createIndex('state', 'state');
    sheets.createIndex('dueDate', 'dueDate');
    const answers = req.result.createObjectStore('answers', { keyPath: ['sheetId', 'itemId'] });
    answers.createIndex('sheetId', 'sheetId');
  };
  return request(req);
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
    await request(indexedDB.deleteDatabase(name));
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

  // The body of applyPullPage (src/client/db/server-changes.ts) and of rebase
  // (device-views.ts), step by step with the app's own functions. settle() and the
  // overwrites are left out: a first pull of a new device has no results or overwrites.
  async steps(run) {
    const d = new PersonDb(`bench-steps-${run}`);
    await d.open();
    const steps: Record<string, number> = {};
    const begin = performance.now();
    let last = begin;
    const mark = (name: string) => {
      const now = performance.now();
      steps[name] = (steps[name] ?? 0) + now - last;
      last = now;
    };
    for (const { page, askedWith } of pages) {
      last = performance.now();
      await d.transaction(
        'rw',
        [d.sheets, d.answers, d.outbox, d.attention, d.overwrites, d.meta],
        async () => {
          const meta = await ensureMeta(d);
          if (meta.cursor !== askedWith) throw new Error('the page does not follow');
          mark('transaction start + ensureMeta');
          if (page.reset) await Promise.all([d.sheets.clear(), d.answers.clear()]);
          mark('reset: clear sheets and answers');
          const touched: Target[] = [];
          const sheetIds = page.sheets.map((sheet) => sheet.id);
          await d.sheets.bulkPut(page.sheets.map((sheet) => ({ ...sheet, server: sheet })));
          for (const sheetId of sheetIds) touched.push({ kind: 'sheet', sheetId });
          mark('sheets.bulkPut');
          const before = await d.answers.where('sheetId').anyOf(sheetIds).primaryKeys();
          const cleared = before.map(([sheetId, itemId]) => ({ sheetId, itemId }));
          await d.answers.bulkDelete(
            cleared.map(({ sheetId, itemId }): [string, string] => [sheetId, itemId]),
          );
          mark("answers of the page's sheets: find and bulkDelete");
          await d.answers.bulkPut(
            page.answers.map(({ sheetId, itemId, answer, version, updatedBy, updatedAt }) => ({
              sheetId,
              itemId,
              server: { answer: toAnswer(answer), version, updatedBy, updatedAt },
              local: toAnswer(answer),
            })),
          );
          for (const a of [...cleared, ...page.answers])
            touched.push({ kind: 'answer', sheetId: a.sheetId, itemId: a.itemId });
          mark('answers.bulkPut');
          const pending = await d.outbox.orderBy('seq').toArray();
          const targets = [...touched];
          for (const m of pending) targets.push(...targetsOf(m));
          mark('rebase: read the outbox');
          const views = await ViewSet.load(d, targets);
          mark('rebase: ViewSet.load (bulkGet of every touched answer and sheet)');
          views.resetToServer();
          for (const m of pending) views.apply(effectOf(m, views.reader));
          mark('rebase: resetToServer and the unsent changes');
          await views.save(d);
          mark('rebase: ViewSet.save (bulkPut of them all again)');
          await d.meta.put({ ...meta, cursor: page.cursor, scope: page.scope });
          mark('meta.put');
        },
      );
      mark('commit');
    }
    const total = performance.now() - begin;
    await d.delete();
    return { total, steps } satisfies StepTimes;
  },
};

(window as unknown as { bench: BenchPage }).bench = bench;
