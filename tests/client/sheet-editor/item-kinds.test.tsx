// @vitest-environment happy-dom
// Every item kind renders labelled, and saves the right answer through the local changes:
// the device's view of the answer and an outbox entry, written together.
import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { allKinds, closeSheet, itemElement, openSheet, outbox, storedAnswer } from './support.tsx';

afterEach(closeSheet);

describe('every item kind', () => {
  it('yes / no / not applicable: three large radio buttons in a labelled group, saved at once', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const group = screen.getByRole('group', { name: /文書を速やかに編てつしている。/ });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['yes', 'no', 'na']);
    expect(screen.getByText('該当する文書がなければ「該当なし」。')).toBeTruthy();
    await user.click(within(group).getByRole('radio', { name: 'はい' }));
    expect(await storedAnswer(db, sheet.id, 'filed')).toEqual({ value: 'yes' });
    const [entry] = await outbox(db);
    expect(entry).toMatchObject({
      name: 'setAnswer',
      args: { sheetId: sheet.id, itemId: 'filed', answer: { value: 'yes' }, baseVersion: 0 },
    });
    expect(within(group).getByRole('radio', { name: 'はい' })).toHaveProperty('checked', true);
  });

  it('agreement: ① to ④ with their labels, saved as 1 to 4', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const group = screen.getByRole('group', { name: /窓口では丁寧に対応している。/ });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.parentElement?.textContent),
    ).toEqual(['① そう思う', '② まあそう思う', '③ あまりそう思わない', '④ そう思わない']);
    await user.click(within(group).getByRole('radio', { name: '② まあそう思う' }));
    expect(await storedAnswer(db, sheet.id, 'polite')).toEqual({ value: 2 });
  });

  it('single choice: the option id', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const group = screen.getByRole('group', { name: /総合評価/ });
    await user.click(within(group).getByRole('radio', { name: '改善を要する' }));
    expect(await storedAnswer(db, sheet.id, 'assessment')).toEqual({ value: 'improve' });
  });

  it('multiple choice: checkboxes, the chosen ids in the order of the options; none clears it', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const group = screen.getByRole('group', { name: /点検の方法/ });
    await user.click(within(group).getByRole('checkbox', { name: 'その他' }));
    await user.click(within(group).getByRole('checkbox', { name: '係会議' }));
    expect(
      await storedAnswer(db, sheet.id, 'methods', (a) => JSON.stringify(a?.value)?.length > 10),
    ).toEqual({ value: ['meeting', 'other'] });
    await user.click(within(group).getByRole('checkbox', { name: 'その他' }));
    await user.click(within(group).getByRole('checkbox', { name: '係会議' }));
    expect(await storedAnswer(db, sheet.id, 'methods', (a) => a === null)).toBeNull();
    expect((await outbox(db)).map((m) => m.name)).toEqual([
      'setAnswer',
      'setAnswer',
      'setAnswer',
      'clearAnswer',
    ]);
  });

  it('number: within its bounds, full-width digits accepted; out of bounds is explained and not saved', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const input = screen.getByLabelText(/参加人数/);
    expect(screen.getByText('1〜50の整数')).toBeTruthy();
    await user.type(input, '１２');
    await user.tab();
    expect(await storedAnswer(db, sheet.id, 'participants')).toEqual({ value: 12 });
    await user.clear(input);
    await user.type(input, '99');
    await user.tab();
    expect(screen.getByText(/50以下の数を入力してください。/)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await new Promise((r) => setTimeout(r, 800));
    // The empty field in between cleared the answer; 99 was never written.
    const values = (await outbox(db)).map((m) =>
      m.name === 'setAnswer' ? m.args.answer.value : m.name,
    );
    expect(values).not.toContain(99);
  });

  it('date: saved as YYYY-MM-DD', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const input = screen.getByLabelText(/実施日/);
    expect(input.getAttribute('type')).toBe('date');
    await user.type(input, '2026-06-15');
    await user.tab();
    expect(await storedAnswer(db, sheet.id, 'held-on')).toEqual({ value: '2026-06-15' });
  });

  it('text and long text: saved after a pause in typing, without a save button', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    await user.type(screen.getByLabelText(/取りまとめ担当者/), '山田');
    // No blur: the pause alone writes it.
    expect(await storedAnswer(db, sheet.id, 'compiled-by', (a) => a?.value === '山田')).toEqual({
      value: '山田',
    });
    const notes = screen.getByLabelText(/特記事項/);
    expect(notes.tagName).toBe('TEXTAREA');
    await user.type(notes, '書庫を整理した。');
    await user.tab();
    expect(await storedAnswer(db, sheet.id, 'notes')).toEqual({ value: '書庫を整理した。' });
    expect(screen.queryByRole('button', { name: /保存$/ })).toBeNull();
    // Typing is written as few changes, not one per key.
    expect((await outbox(db)).length).toBeLessThanOrEqual(4);
  });

  it('marks required items and labels every control', async () => {
    await openSheet(allKinds);
    expect(within(itemElement('compiled-by')).getByText('必須')).toBeTruthy();
    expect(within(itemElement('notes')).queryByText('必須')).toBeNull();
    for (const element of document.querySelectorAll('input, textarea, select')) {
      const input = element as HTMLInputElement;
      const labelled =
        input.labels?.length ||
        input.getAttribute('aria-label') ||
        input.getAttribute('aria-labelledby');
      expect(labelled, input.outerHTML).toBeTruthy();
    }
    for (const fieldset of document.querySelectorAll('fieldset'))
      expect(fieldset.querySelector(':scope > legend')?.textContent).toBeTruthy();
  });

  it('shows English when the person chose it', async () => {
    await openSheet(allKinds, { locale: 'en' });
    const group = screen.getByRole('group', { name: /文書を速やかに編てつしている。/ });
    expect(within(group).getByRole('radio', { name: 'Not applicable' })).toBeTruthy();
    expect(screen.getByText('Due 31 Mar 2099')).toBeTruthy();
  });

  it('says "saved on this device" after a write, and "sent" once nothing of the sheet waits', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const status = screen.getByTestId('save-status');
    expect(status.textContent).toBe('送信済み');
    await user.click(screen.getByRole('radio', { name: '該当なし' }));
    await waitFor(() => expect(status.textContent).toBe('この端末に保存しました'));
    // The sync engine took it: nothing of this sheet waits any more.
    await db.outbox.clear();
    await waitFor(() => expect(status.textContent).toBe('送信済み'));
    expect(await storedAnswer(db, sheet.id, 'filed')).toEqual({ value: 'na' });
  });
});
