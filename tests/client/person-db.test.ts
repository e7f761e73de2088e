// The person's database on its own (fake-indexeddb, no server): upgrades keep the outbox
// whole and in order; a local change writes its effect and its outbox entry together or
// not at all; storage failures become errors the app can name; a pull page lays the unsent
// changes over the server's data again.
import Dexie, { liveQuery } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { PersonDb, readSheetView, watchSyncInfo, type StoredSheet } from '@/client/db/person-db.ts';
import {
  addRow,
  ChangeRefusedError,
  clearAnswer,
  discardRefused,
  reapplyRefused,
  setAnswer,
  submitSheet,
  updateRow,
} from '@/client/db/local-changes.ts';
import { applyPullPage, applyPushResults, readSyncMeta } from '@/client/db/server-changes.ts';
import { StorageFullError } from '@/client/db/storage-errors.ts';
import { fillTheDisk } from './support/full-disk.ts';
import { oldPersonDb, queuedAnswers } from './support/old-person-db.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { PullResponse } from '@/shared/sync/protocol.ts';

const personId = 'p-0001';

function sheet(id: string, revision = 0, state: Sheet['state'] = 'draft'): Sheet {
  return {
    id,
    templateId: 'ethics-self-check',
    templateVersion: 1,
    unitId: 'u-1',
    owner: { kind: 'person', personId },
    fiscalYear: 2026,
    period: 'annual',
    dueDate: '2027-03-31',
    state,
    revision,
  };
}

function page(overrides: Partial<PullResponse>): PullResponse {
  return {
    reset: false,
    cursor: 1,
    scope: 'scope-1',
    more: false,
    sheets: [],
    answers: [],
    events: [],
    results: [],
    overwrites: [],
    ...overrides,
  };
}

/** A fresh device: its own IndexedDB. */
function device() {
  const indexedDB = new IDBFactory();
  return { indexedDB, open: () => new PersonDb(personId, { indexedDB, IDBKeyRange }) };
}

/** A database holding one sheet as the server sent it, pulled at cursor 1. */
async function withSheet(...sheets: Sheet[]) {
  const db = device().open();
  await applyPullPage(db, page({ reset: true, sheets }), 0, new Date());
  return db;
}

describe('upgrading the person database', () => {
  it('keeps every outbox entry of version 1, in order, in the current shape', async () => {
    const { indexedDB, open } = device();
    const v1 = oldPersonDb(personId, indexedDB, 1);
    const v1Entries = [3, 1, 2].map((seq) => ({
      seq,
      name: 'setAnswer',
      args: { sheetId: 's-1', itemId: `item-${seq}`, answer: { value: seq }, baseVersion: 0 },
      createdAt: `2026-04-0${seq}T09:00:00.000Z`,
    }));
    await v1.table('outbox').bulkAdd(v1Entries);
    await v1.table('sheets').put(sheet('s-1', 4));
    v1.close();

    const db = open();
    expect(await db.outbox.toArray()).toEqual(
      [1, 2, 3].map((seq) => ({
        seq,
        name: 'setAnswer',
        args: { sheetId: 's-1', itemId: `item-${seq}`, answer: { value: seq }, baseVersion: 0 },
        madeAt: `2026-04-0${seq}T09:00:00.000Z`,
        schemaVersion: 1,
      })),
    );
    expect(await db.sheets.get('s-1')).toMatchObject({ revision: 4, server: sheet('s-1', 4) });
    // Numbering goes on after the kept entries: a seq the server may have seen is never reused.
    expect((await setAnswer(db, { sheetId: 's-1', itemId: 'x', answer: { value: 1 } })).seq).toBe(
      4,
    );
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    db.close();
  });

  it('keeps every outbox entry and the attention list of version 2, in order', async () => {
    const { indexedDB, open } = device();
    const v2 = oldPersonDb(personId, indexedDB, 2);
    const entries = queuedAnswers([5, 6]);
    await v2.table('outbox').bulkAdd(entries);
    await v2.table('attention').put({
      seq: 4,
      mutation: { ...entries[0], seq: 4 },
      code: 'not_editable',
      message: 'x',
      rejectedAt: '',
    });
    v2.close();

    const db = open();
    expect(await db.outbox.toArray()).toEqual(entries);
    expect((await db.attention.toArray()).map((a) => a.seq)).toEqual([4]);
    expect(await db.events.count()).toBe(0);
    db.close();
  });

  /** A database as version 3 left it: its outbox, and the seq its counter would give next. */
  async function v3Device(outboxSeqs: number[], nextSeq: number) {
    const { indexedDB, open } = device();
    const v3 = oldPersonDb(personId, indexedDB, 3);
    const entries = queuedAnswers(outboxSeqs);
    await v3.table('outbox').bulkAdd(entries);
    await v3.table('sheets').put({ ...sheet('s-1'), server: sheet('s-1') });
    await v3.table('meta').put({
      key: 'sync',
      clientId: 'c-1',
      nextSeq,
      cursor: 7,
      scope: 's',
      lastSuccessAt: null,
      lastError: null,
    });
    v3.close();
    return { db: open(), entries };
  }

  it('keeps the outbox of version 3 in order and numbers on from its counter', async () => {
    const { db, entries } = await v3Device([8, 9], 12);
    expect(await db.outbox.toArray()).toEqual(entries);
    const meta = await readSyncMeta(db);
    expect(meta).toEqual({
      key: 'sync',
      clientId: 'c-1',
      cursor: 7,
      scope: 's',
      lastSuccessAt: null,
      lastError: null,
    });
    // Seqs 10 and 11 were sent and acknowledged: the next change must not reuse them.
    expect((await setAnswer(db, { sheetId: 's-1', itemId: 'x', answer: { value: 1 } })).seq).toBe(
      12,
    );
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([8, 9, 12]);
    db.close();
  });

  it('numbers on from the counter of version 3 when its outbox was empty', async () => {
    const { db } = await v3Device([], 5);
    expect((await setAnswer(db, { sheetId: 's-1', itemId: 'x', answer: { value: 1 } })).seq).toBe(
      5,
    );
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([5]);
    db.close();
  });

  it('keeps the outbox, attention list and reminders of version 6, and adds the kept reports', async () => {
    const { indexedDB, open } = device();
    const v6 = oldPersonDb(personId, indexedDB, 6);
    const entries = queuedAnswers([3, 4]);
    const queue = v6.table('queue');
    await queue.bulkAdd(entries);
    // Seqs 5 and 6 were sent and acknowledged: the key generator stands above them.
    await queue.add({ ...entries[0], seq: 6 });
    await queue.delete(6);
    await v6.table('attention').put({
      seq: 2,
      mutation: { ...entries[0], seq: 2 },
      code: 'not_editable',
      message: 'x',
      rejectedAt: '',
    });
    const reminder = {
      id: 'r-1',
      sheetId: 's-1',
      sentBy: 'p-chief',
      sentByName: '検証　花子',
      sentAt: '2026-11-20T00:00:00.000Z',
      receivedAt: '2026-11-20T00:01:00.000Z',
      dismissedAt: null,
    };
    await v6.table('reminders').put(reminder);
    await v6.table('sheets').put({ ...sheet('s-1'), server: sheet('s-1') });
    v6.close();

    const db = open();
    expect(await db.outbox.toArray()).toEqual(entries);
    expect((await db.attention.toArray()).map((a) => a.seq)).toEqual([2]);
    expect(await db.reminders.toArray()).toEqual([reminder]);
    expect((await setAnswer(db, { sheetId: 's-1', itemId: 'x', answer: { value: 1 } })).seq).toBe(
      7,
    );
    expect(await db.reports.count()).toBe(0);
    await db.reports.put({ kind: 'completion', report: { fiscalYear: 2026 } });
    expect(await db.reports.get('completion')).toEqual({
      kind: 'completion',
      report: { fiscalYear: 2026 },
    });
    db.close();
  });
});

describe('local changes', () => {
  it('write the effect and the outbox entry in one transaction', async () => {
    const db = await withSheet(sheet('s-1', 7));
    const mutation = await setAnswer(db, {
      sheetId: 's-1',
      itemId: 'gifts-refuse',
      answer: { value: 2, comment: 'checked' },
    });
    expect(mutation).toMatchObject({
      seq: 1,
      name: 'setAnswer',
      args: { sheetId: 's-1', itemId: 'gifts-refuse', answer: { value: 2 }, baseVersion: 0 },
      schemaVersion: 1,
    });
    expect(await db.answers.get(['s-1', 'gifts-refuse'])).toEqual({
      sheetId: 's-1',
      itemId: 'gifts-refuse',
      server: null,
      local: { value: 2, comment: 'checked' },
    });
    expect(await db.outbox.toArray()).toEqual([mutation]);
    // An edit writes only its answer; the sheet is left as it is.
    expect((await db.sheets.get('s-1'))?.revision).toBe(7);
    // A submit names the revision the server will have reached: raised by the unsent edit.
    const submit = await submitSheet(db, { sheetId: 's-1' });
    expect(submit.args).toEqual({ sheetId: 's-1', expectedRevision: 8 });
    expect(await db.sheets.get('s-1')).toMatchObject({ state: 'submitted', revision: 8 });
    db.close();
  });

  it('tell the live queries what they wrote', async () => {
    // Live queries run only where the environment has an IndexedDB of its own.
    Dexie.dependencies.indexedDB ??= new IDBFactory();
    const db = await withSheet(sheet('s-1'));
    const answers: unknown[] = [];
    const pending: number[] = [];
    const view = liveQuery(() => readSheetView(db, 's-1')).subscribe((v) =>
      answers.push(v?.answers.a),
    );
    const stopWatching = watchSyncInfo(db, (info) => pending.push(info.pending));
    await vi.waitFor(() => expect(answers).toEqual([undefined]));
    await vi.waitFor(() => expect(pending).toEqual([0]));
    await setAnswer(db, { sheetId: 's-1', itemId: 'a', answer: { value: 3 } });
    await vi.waitFor(() => expect(answers.at(-1)).toEqual({ value: 3 }));
    await vi.waitFor(() => expect(pending.at(-1)).toBe(1));
    view.unsubscribe();
    stopWatching();
    db.close();
  });

  it('edit table rows with the shared row operations', async () => {
    const db = await withSheet(sheet('s-1'));
    const item = { sheetId: 's-1', itemId: 'risks' };
    await addRow(db, { ...item, row: { id: 'r1', cells: { process: 'cash' } } });
    await addRow(db, { ...item, row: { id: 'r2', cells: {} }, index: 0 });
    await updateRow(db, { ...item, rowId: 'r1', cells: { process: null, owner: 'Sato' } });
    expect((await db.answers.get(['s-1', 'risks']))?.local).toEqual({
      value: [
        { id: 'r2', cells: {} },
        { id: 'r1', cells: { owner: 'Sato' } },
      ],
    });
    await expect(updateRow(db, { ...item, rowId: 'gone', cells: {} })).rejects.toEqual(
      new ChangeRefusedError('row_not_found'),
    );
    expect(await db.outbox.count()).toBe(3);
    db.close();
  });

  it('are refused, writing nothing, on a sheet that is no longer editable', async () => {
    const db = await withSheet(sheet('s-1', 3, 'submitted'));
    await expect(
      setAnswer(db, { sheetId: 's-1', itemId: 'a', answer: { value: 1 } }),
    ).rejects.toMatchObject({ name: 'ChangeRefusedError', reason: 'not_editable' });
    await expect(submitSheet(db, { sheetId: 's-404' })).rejects.toMatchObject({
      reason: 'sheet_not_found',
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.answers.count()).toBe(0);
    db.close();
  });

  it('report a full disk as StorageFullError and leave neither the effect nor the entry', async () => {
    const db = await withSheet(sheet('s-1'));
    await setAnswer(db, { sheetId: 's-1', itemId: 'a', answer: { value: 1 } });
    const freeTheDisk = fillTheDisk();
    const write = setAnswer(db, { sheetId: 's-1', itemId: 'b', answer: { value: 2 } });
    await expect(write).rejects.toBeInstanceOf(StorageFullError);
    freeTheDisk();

    expect(await db.answers.get(['s-1', 'b'])).toBeUndefined();
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([1]);
    expect((await db.sheets.get('s-1'))?.revision).toBe(0);
    // The failed write used no seq: the numbering stays without a gap.
    expect((await setAnswer(db, { sheetId: 's-1', itemId: 'b', answer: { value: 2 } })).seq).toBe(
      2,
    );
    db.close();
  });

  it('reopen a database whose connection was lost and write once more', async () => {
    const db = await withSheet(sheet('s-1'));
    // As when the browser closes the connection under storage pressure.
    db.close();
    await setAnswer(db, { sheetId: 's-1', itemId: 'a', answer: { value: 1 } });
    expect(await db.outbox.count()).toBe(1);

    // Closed on purpose (another person signed in): nothing reopens it.
    db.dispose();
    await expect(
      setAnswer(db, { sheetId: 's-1', itemId: 'b', answer: { value: 1 } }),
    ).rejects.toMatchObject({ name: 'DatabaseClosedError' });
  });
});

describe('results and pull pages', () => {
  it('move a refused change to the attention list, from where it can be re-applied or discarded', async () => {
    const db = await withSheet(sheet('s-1'));
    const refused = await setAnswer(db, { sheetId: 's-1', itemId: 'a', answer: { value: 9 } });
    const kept = await clearAnswer(db, { sheetId: 's-1', itemId: 'b' });
    await applyPushResults(
      db,
      [{ seq: refused.seq, status: 'rejected', code: 'invalid_answer', message: 'must be 1–4' }],
      new Date('2026-05-01T00:00:00Z'),
    );
    expect(await db.attention.toArray()).toEqual([
      {
        seq: refused.seq,
        mutation: refused,
        code: 'invalid_answer',
        message: 'must be 1–4',
        rejectedAt: '2026-05-01T00:00:00.000Z',
      },
    ]);
    expect(await db.answers.get(['s-1', 'a'])).toBeUndefined();
    expect(await db.outbox.toArray()).toEqual([kept]);
    // A result seen again (the pull repeats the push's) changes nothing.
    await applyPushResults(db, [{ seq: refused.seq, status: 'applied' }], new Date());
    expect(await db.attention.count()).toBe(1);

    const again = await reapplyRefused(db, refused.seq);
    expect(again).toMatchObject({ seq: 3, name: 'setAnswer', args: { answer: { value: 9 } } });
    expect(await db.attention.count()).toBe(0);
    expect((await db.answers.get(['s-1', 'a']))?.local).toEqual({ value: 9 });

    await applyPushResults(db, [{ seq: 3, status: 'rejected', message: 'no' }], new Date());
    await discardRefused(db, 3);
    expect(await db.attention.count()).toBe(0);
    db.close();
  });

  it('lay the unsent changes over the server’s answers, and a reset keeps outbox and attention', async () => {
    const db = await withSheet(sheet('s-1'), sheet('s-2'));
    await setAnswer(db, { sheetId: 's-1', itemId: 'mine', answer: { value: 'typed' } });
    await addRow(db, { sheetId: 's-1', itemId: 'risks', row: { id: 'mine', cells: {} } });
    const refused = await setAnswer(db, { sheetId: 's-2', itemId: 'x', answer: { value: 1 } });
    await applyPushResults(db, [{ seq: refused.seq, status: 'rejected' }], new Date());

    const server = (itemId: string, value: unknown, version: number) => ({
      sheetId: 's-1',
      itemId,
      answer: { value },
      version,
      updatedBy: 'p-0002',
      updatedAt: '2026-05-01T00:00:00.000Z',
    });
    const applied = await applyPullPage(
      db,
      page({
        reset: true,
        cursor: 9,
        scope: 'scope-2',
        sheets: [sheet('s-1', 5)],
        answers: [
          server('mine', 'theirs', 8),
          server('risks', [{ id: 'theirs', cells: {} }], 9),
          server('other', 'yes', 7),
        ],
      }),
      1,
      new Date(),
    );
    expect(applied).toBe(true);
    // s-2 is out of the new reach; the person's unsent changes on s-1 are still on top.
    expect((await db.sheets.toArray()).map((s: StoredSheet) => [s.id, s.revision])).toEqual([
      ['s-1', 5],
    ]);
    expect(await db.answers.get(['s-1', 'mine'])).toMatchObject({
      server: { answer: { value: 'theirs' }, version: 8 },
      local: { value: 'typed' },
    });
    expect((await db.answers.get(['s-1', 'risks']))?.local).toEqual({
      value: [
        { id: 'theirs', cells: {} },
        { id: 'mine', cells: {} },
      ],
    });
    expect((await db.answers.get(['s-1', 'other']))?.local).toEqual({ value: 'yes' });
    expect(await db.outbox.count()).toBe(2);
    expect(await db.attention.count()).toBe(1);
    expect(await readSyncMeta(db)).toMatchObject({ cursor: 9, scope: 'scope-2' });

    // A page asked with a cursor that has moved on since was applied by another pass.
    expect(await applyPullPage(db, page({ cursor: 12 }), 1, new Date())).toBe(false);
    expect((await readSyncMeta(db)).cursor).toBe(9);
    db.close();
  });
});
