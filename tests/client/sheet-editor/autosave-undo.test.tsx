// @vitest-environment happy-dom
// Autosave without a save button: typed text written when the screen is left or the page is
// hidden, a full disk said plainly (never "saved" after a failed write) and saved again, and
// undo of the last changes through the same local changes.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SheetScreen } from '@/client/features/sheet-editor/sheet-screen.tsx';
import type { TableRow } from '@/shared/schemas/answer.ts';
import { fillTheDisk } from '../support/full-disk.ts';
import { allKinds, closeSheet, itemElement, openSheet, outbox, storedAnswer } from './support.tsx';

afterEach(closeSheet);

describe('autosave', () => {
  it('writes typed text at once when the page is hidden', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    await user.type(screen.getByLabelText(/取りまとめ担当者/), '佐藤');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    // Well before the pause in typing would have written it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await db.answers.get([sheet.id, 'compiled-by']))?.local).toEqual({ value: '佐藤' });
  });

  it('writes typed text when the person leaves the screen', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    await user.type(screen.getByLabelText(/特記事項/), '途中まで');
    cleanup();
    expect(await storedAnswer(db, sheet.id, 'notes')).toEqual({ value: '途中まで' });
  });

  it('keeps a copy of what is typed until it is written, and writes a leftover copy on opening', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const key = `tenken.unsaved.${db.name}/${sheet.id}`;
    await user.type(screen.getByLabelText(/取りまとめ担当者/), '高橋');
    // Synchronously, at every key: a page closed now loses nothing.
    expect(JSON.parse(localStorage.getItem(key) ?? '[]')).toEqual([
      { kind: 'patch', itemId: 'compiled-by', patch: { value: '高橋' } },
    ]);
    await storedAnswer(db, sheet.id, 'compiled-by');
    await waitFor(() => expect(localStorage.getItem(key)).toBeNull());

    // A visit that ended before its changes were written left this copy behind.
    cleanup();
    localStorage.setItem(
      key,
      JSON.stringify([
        { kind: 'patch', itemId: 'notes', patch: { value: '閉じる前に書いた' } },
        { kind: 'removeRow', itemId: 'risks', rowId: 'gone' },
      ]),
    );
    render(<SheetScreen sheetId={sheet.id} />);
    expect(await storedAnswer(db, sheet.id, 'notes')).toEqual({ value: '閉じる前に書いた' });
    // The row removed meanwhile is let go, not reported as a failure.
    await waitFor(() => expect(localStorage.getItem(key)).toBeNull());
    expect(screen.getByTestId('save-status').textContent).not.toContain('保存できませんでした');
  });

  it('says why it could not save, keeps what was typed, and saves it again', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const freeTheDisk = fillTheDisk();
    const field = screen.getByLabelText(/取りまとめ担当者/);
    await user.type(field, '田中');
    await user.tab();
    const alert = await screen.findByText(/保存できませんでした。端末の保存領域が足りません。/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('save-status').textContent).not.toContain('この端末に保存しました');
    expect(field).toHaveProperty('value', '田中');
    expect(await db.outbox.count()).toBe(0);
    // A choice fails too, and is never reported as saved.
    await user.click(within(itemElement('filed')).getByRole('radio', { name: 'はい' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByTestId('save-status').textContent).toContain('保存できませんでした');

    freeTheDisk();
    await user.click(screen.getByRole('button', { name: 'もう一度保存する' }));
    await waitFor(() =>
      expect(screen.getByTestId('save-status').textContent).toBe('この端末に保存しました'),
    );
    expect(await storedAnswer(db, sheet.id, 'compiled-by')).toEqual({ value: '田中' });
    expect(await storedAnswer(db, sheet.id, 'filed')).toEqual({ value: 'yes' });
  });
});

describe('undo', () => {
  it('takes back the last choices one by one, through setAnswer and clearAnswer', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const undo = screen.getByRole('button', { name: '元に戻す' });
    expect(undo).toHaveProperty('disabled', true);
    const item = itemElement('filed');
    await user.click(within(item).getByRole('radio', { name: 'はい' }));
    await storedAnswer(db, sheet.id, 'filed', (a) => a?.value === 'yes');
    await user.click(within(item).getByRole('radio', { name: 'いいえ' }));
    await storedAnswer(db, sheet.id, 'filed', (a) => a?.value === 'no');

    await user.click(undo);
    expect(await storedAnswer(db, sheet.id, 'filed', (a) => a?.value === 'yes')).toEqual({
      value: 'yes',
    });
    await waitFor(() =>
      expect(within(item).getByRole('radio', { name: 'はい' })).toHaveProperty('checked', true),
    );
    expect(
      screen.getByText('「文書を速やかに編てつしている。」の変更を元に戻しました。'),
    ).toBeTruthy();
    await user.click(undo);
    expect(await storedAnswer(db, sheet.id, 'filed', (a) => a === null)).toBeNull();
    expect((await outbox(db)).map((m) => m.name)).toEqual([
      'setAnswer',
      'setAnswer',
      'setAnswer',
      'clearAnswer',
    ]);
    await waitFor(() => expect(undo).toHaveProperty('disabled', true));
  });

  it('takes back a run of typing as one change', async () => {
    const { db, sheet, user } = await openSheet(allKinds, {
      answers: { 'compiled-by': { value: '山田' } },
    });
    const field = screen.getByLabelText(/取りまとめ担当者/);
    await user.type(field, '・佐藤');
    await new Promise((resolve) => setTimeout(resolve, 700));
    await user.type(field, '・鈴木');
    await user.click(screen.getByRole('button', { name: '元に戻す' }));
    expect(await storedAnswer(db, sheet.id, 'compiled-by', (a) => a?.value === '山田')).toEqual({
      value: '山田',
    });
    await waitFor(() => expect(field).toHaveProperty('value', '山田'));
  });

  it('puts a removed row back where it was, with its cells', async () => {
    const rows: TableRow[] = ['A', 'B', 'C'].map((name, i) => ({
      id: `row-${i}`,
      cells: { process: name, likelihood: 2 },
    }));
    const { db, sheet, user } = await openSheet(allKinds, { answers: { risks: { value: rows } } });
    await user.click(screen.getByRole('button', { name: 'リスク一覧 2件目を削除' }));
    await user.click(screen.getByRole('button', { name: '削除する' }));
    await storedAnswer(db, sheet.id, 'risks', (a) => (a?.value as TableRow[]).length === 2);
    await user.click(screen.getByRole('button', { name: '元に戻す' }));
    const back = await storedAnswer(
      db,
      sheet.id,
      'risks',
      (a) => (a?.value as TableRow[]).length === 3,
    );
    expect(back?.value).toEqual(rows);
    expect((await outbox(db)).map((m) => m.name)).toEqual(['removeRow', 'addRow']);
  });
});
