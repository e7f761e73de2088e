// The save-answer benchmark's page, bundled by save-answer.ts: the app's own setAnswer
// (src/client/db/local-changes.ts) on a person database holding a large device's sheets
// and answers, against one raw IndexedDB put per save on a database of the same records.
import Dexie from 'dexie';
import { setAnswer } from '@/client/db/local-changes.ts';
import {
  PersonDb,
  personDbName,
  type ServerAnswerState,
  type StoredAnswer,
  type StoredSheet,
} from '@/client/db/person-db.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import { SYNC_SCHEMA_VERSION } from '@/shared/sync/mutations.ts';
import { deleteDatabase, done, openRaw, request } from '../support/indexeddb.ts';
import type { BatchResult, BenchPage, SaveKind, Shape } from './protocol.ts';

const PERSON_ID = 'bench-save-answer';
const RAW_NAME = 'bench-save-answer-raw';
/** Records per transaction while filling. */
const FILL_CHUNK = 10_000;
const QUARTERS = ['q1', 'q2', 'q3', 'q4'] as const;
const DUE = ['2026-06-28', '2026-09-28', '2026-12-28', '2027-03-28'] as const;
/** The older quarters are signed off or waiting; the later two are with their owners. */
const STATE_BY_QUARTER: readonly SheetState[] = ['approved', 'submitted', 'returned', 'draft'];

let shape: Shape = { sheets: 0, answersPerSheet: 0 };
/** The person database as the app opens it. */
let app: PersonDb | null = null;
let raw: IDBDatabase | null = null;
/** The seq of the app's last save. */
let lastSeq = 0;

/** A small deterministic generator, so every run saves the same things. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const itemId = (i: number) => `item-${String(i + 1).padStart(2, '0')}`;
/** Odd items are agreement4 items, even ones yes_no_na, as in the demo templates. */
const isAgreement = (i: number) => i % 2 === 0;
const personOf = (s: number) => `p9${String(Math.floor(s / QUARTERS.length) + 1).padStart(4, '0')}`;
const quarterOf = (s: number) => s % QUARTERS.length;
const sheetId = (s: number) => `bench-60.2026.${QUARTERS[quarterOf(s)]}.${personOf(s)}`;
const editable = (s: number) => quarterOf(s) >= 2;

/** A valid answer to item `i`: mostly positive, the follow-up comment where a "no" asks. */
function answerFor(i: number, next: () => number): Answer {
  const r = next();
  if (isAgreement(i)) {
    const value = r < 0.05 ? 1 : r < 0.15 ? 2 : r < 0.55 ? 3 : 4;
    return value === 1 ? { value, action: '次回の朝礼で手順を再確認する。' } : { value };
  }
  if (r < 0.08) return { value: 'no', comment: '担当者不在のため未実施。来週実施予定。' };
  return { value: r < 0.15 ? 'na' : 'yes' };
}

function storedSheet(s: number): StoredSheet {
  const q = quarterOf(s);
  const state = STATE_BY_QUARTER[q] ?? 'draft';
  const sheet = {
    id: sheetId(s),
    templateId: 'bench-60',
    templateVersion: 1,
    unitId: 'u101010',
    owner: { kind: 'person' as const, personId: personOf(s) },
    fiscalYear: 2026,
    period: QUARTERS[q] ?? 'q1',
    dueDate: DUE[q] ?? '2026-06-28',
    state,
    revision: shape.answersPerSheet + (state === 'approved' ? 2 : state === 'submitted' ? 1 : 0),
  };
  return { ...sheet, server: { ...sheet } };
}

/** The server's answer to item `i` of sheet `s`, as the device last pulled it. */
function serverState(s: number, i: number): ServerAnswerState {
  return {
    answer: answerFor(i, random(s * 1000 + i)),
    version: 1000 + s * shape.answersPerSheet + i,
    updatedBy: personOf(s),
    updatedAt: new Date(Date.UTC(2026, 3 + 3 * quarterOf(s), 10, 9, i)).toISOString(),
  };
}

function storedAnswer(s: number, i: number): StoredAnswer {
  const server = serverState(s, i);
  return { sheetId: sheetId(s), itemId: itemId(i), server, local: server.answer };
}

/** Answers of sheets [from, to), in the order of the sheets. */
function answersOf(from: number, to: number): StoredAnswer[] {
  const list: StoredAnswer[] = [];
  for (let s = from; s < to; s++)
    for (let i = 0; i < shape.answersPerSheet; i++) list.push(storedAnswer(s, i));
  return list;
}

/** Save number `n`: an item of an editable sheet and a new valid value. */
function save(n: number): { s: number; i: number; answer: Answer } {
  const next = random(0x5a7e + n * 7919);
  const editableCount = Math.floor(shape.sheets / QUARTERS.length) * 2;
  const k = Math.floor(next() * editableCount);
  // The k-th editable sheet: two of every four (q3, q4).
  const s = Math.floor(k / 2) * QUARTERS.length + 2 + (k % 2);
  const i = Math.floor(next() * shape.answersPerSheet);
  return { s, i, answer: answerFor(i, next) };
}

async function saveApp(d: PersonDb | null, n: number): Promise<number> {
  if (!d) throw new Error('fill first');
  const { s, i, answer } = save(n);
  const start = performance.now();
  const mutation = await setAnswer(d, { sheetId: sheetId(s), itemId: itemId(i), answer });
  const ms = performance.now() - start;
  if (mutation.seq !== lastSeq + 1)
    throw new Error(`save ${n} was queued as seq ${mutation.seq}, not ${lastSeq + 1}`);
  lastSeq = mutation.seq;
  return ms;
}

async function saveRaw(n: number): Promise<number> {
  if (!raw) throw new Error('fill first');
  const { s, i, answer } = save(n);
  const record: StoredAnswer = {
    sheetId: sheetId(s),
    itemId: itemId(i),
    server: serverState(s, i),
    local: answer,
  };
  const start = performance.now();
  const tx = raw.transaction('answers', 'readwrite');
  tx.objectStore('answers').put(record);
  await done(tx);
  return performance.now() - start;
}

/**
 * What a save must read and write, with raw IndexedDB in as few round trips as it can:
 * the answer and its sheet read at once, then the answer and the outbox entry (numbered
 * by the store) written at once.
 */
async function saveRawSave(n: number): Promise<number> {
  if (!raw) throw new Error('fill first');
  const { s, i, answer } = save(n);
  const start = performance.now();
  const tx = raw.transaction(['answers', 'sheets', 'queue'], 'readwrite');
  const [answers, sheets, queue] = ['answers', 'sheets', 'queue'].map((name) =>
    tx.objectStore(name),
  ) as [IDBObjectStore, IDBObjectStore, IDBObjectStore];
  const [stored, sheet] = await Promise.all([
    request(answers.get([sheetId(s), itemId(i)]) as IDBRequest<StoredAnswer>),
    request(sheets.get(sheetId(s)) as IDBRequest<StoredSheet>),
  ]);
  if (sheet.state !== 'draft' && sheet.state !== 'returned') throw new Error('not editable');
  answers.put({ ...stored, local: answer });
  queue.add({
    name: 'setAnswer',
    args: {
      sheetId: sheetId(s),
      itemId: itemId(i),
      answer,
      baseVersion: stored.server?.version ?? 0,
    },
    schemaVersion: SYNC_SCHEMA_VERSION,
    madeAt: new Date().toISOString(),
  });
  await done(tx);
  return performance.now() - start;
}

const saveOf: Record<SaveKind, (n: number) => Promise<number>> = {
  app: (n) => saveApp(app, n),
  raw: saveRaw,
  rawSave: saveRawSave,
};
const kinds = Object.keys(saveOf) as SaveKind[];

async function count(db: IDBDatabase, store: string): Promise<number> {
  return request(db.transaction(store, 'readonly').objectStore(store).count());
}

const bench: BenchPage = {
  async fill(wanted) {
    shape = wanted;
    app?.close();
    raw?.close();
    await Dexie.delete(personDbName(PERSON_ID));
    await deleteDatabase(RAW_NAME);
    const start = performance.now();
    const d = new PersonDb(PERSON_ID);
    await d.open();
    const db = await openRaw(RAW_NAME, { sync: true });
    const sheets = Array.from({ length: shape.sheets }, (_, s) => storedSheet(s));
    await d.sheets.bulkPut(sheets);
    const sheetTx = db.transaction('sheets', 'readwrite');
    for (const sheet of sheets) sheetTx.objectStore('sheets').put(sheet);
    await done(sheetTx);
    const sheetsPerChunk = Math.max(1, Math.floor(FILL_CHUNK / shape.answersPerSheet));
    for (let from = 0; from < shape.sheets; from += sheetsPerChunk) {
      const answers = answersOf(from, Math.min(shape.sheets, from + sheetsPerChunk));
      await d.answers.bulkPut(answers);
      const tx = db.transaction('answers', 'readwrite');
      const store = tx.objectStore('answers');
      for (const answer of answers) store.put(answer);
      await done(tx);
    }
    const ms = performance.now() - start;
    app = d;
    raw = db;
    lastSeq = 0;
    return {
      ms,
      sheets: await d.sheets.count(),
      answers: await d.answers.count(),
      rawSheets: await count(db, 'sheets'),
      rawAnswers: await count(db, 'answers'),
      editableSheets: sheets.filter((_, s) => editable(s)).length,
    };
  },

  async saves(from, n) {
    const result: BatchResult = { app: [], raw: [], rawSave: [] };
    for (let k = from; k < from + n; k++)
      // A different kind first with each save, so no kind always follows another.
      for (let j = 0; j < kinds.length; j++) {
        const kind = kinds[(k + j) % kinds.length] as SaveKind;
        result[kind].push(await saveOf[kind](k));
      }
    return result;
  },

  async state() {
    if (!app || !raw) throw new Error('fill first');
    return {
      outbox: await app.outbox.count(),
      answers: await app.answers.count(),
      sheets: await app.sheets.count(),
    };
  },
};

(window as unknown as { bench: BenchPage }).bench = bench;
