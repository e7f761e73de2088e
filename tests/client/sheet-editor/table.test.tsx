// @vitest-environment happy-dom
// Repeatable tables: rows added, edited by column kind, moved and removed (after
// confirming) through the row changes; the priority derived from likelihood × impact.
import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TableRow } from '@/shared/schemas/answer.ts';
import {
  allKinds,
  closeSheet,
  itemElement,
  openSheet,
  outbox,
  seedTemplate,
  storedAnswer,
} from './support.tsx';

afterEach(closeSheet);

const rowsIn = (value: unknown) => (value as TableRow[] | undefined) ?? [];
const rowCards = (itemId: string) =>
  within(itemElement(itemId)).queryAllByRole('group', { name: /件目$/ });

describe('tables', () => {
  it('adds a row and edits its cells by kind; the priority is derived, never typed', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const table = itemElement('risks');
    expect(
      within(table).getByText('まだ行がありません。「追加」で1件ずつ入力してください。'),
    ).toBeTruthy();
    await user.click(within(table).getByRole('button', { name: 'リスク一覧に1件追加' }));
    const [row] = await waitFor(() => {
      const cards = rowCards('risks');
      expect(cards).toHaveLength(1);
      return cards;
    });
    if (!row) throw new Error('no row');
    // The focus is in the new row's first field.
    const process = within(row).getByLabelText(/業務名/);
    await waitFor(() => expect(document.activeElement).toBe(process));
    await user.type(process, '窓口収納');
    const likelihood = within(row).getByRole('group', { name: /発生可能性/ });
    await user.click(within(likelihood).getByRole('radio', { name: '3' }));
    expect(within(row).getByText('未判定')).toBeTruthy();
    const impact = within(row).getByRole('group', { name: /影響度/ });
    await user.click(within(impact).getByRole('radio', { name: '2' }));
    await waitFor(() => expect(within(row).getByLabelText('優先度').textContent).toBe('高'));
    expect(within(row).queryByRole('textbox', { name: /優先度/ })).toBeNull();
    await user.selectOptions(within(row).getByLabelText(/進捗状況/), '対応中');
    await user.type(within(row).getByLabelText(/期限/), '2026-09-30');
    await user.tab();

    const answer = await storedAnswer(
      db,
      sheet.id,
      'risks',
      (a) => rowsIn(a?.value)[0]?.cells.due === '2026-09-30',
    );
    const [stored] = rowsIn(answer?.value);
    expect(stored?.cells).toEqual({
      process: '窓口収納',
      likelihood: 3,
      impact: 2,
      status: 'open',
      due: '2026-09-30',
    });
    expect(stored?.cells).not.toHaveProperty('priority');
    const names = (await outbox(db)).map((m) => m.name);
    expect(names[0]).toBe('addRow');
    expect(new Set(names.slice(1))).toEqual(new Set(['updateRow']));

    // 1 × 2 is low.
    await user.click(within(likelihood).getByRole('radio', { name: '1' }));
    await waitFor(() => expect(within(row).getByLabelText('優先度').textContent).toBe('低'));
  });

  it('moves rows up and down, and removes one only after confirming', async () => {
    const rows = ['A', 'B', 'C'].map((name, i) => ({ id: `row-${i}`, cells: { process: name } }));
    const { db, sheet, user } = await openSheet(allKinds, { answers: { risks: { value: rows } } });
    const order = async (expected: string[]) =>
      storedAnswer(
        db,
        sheet.id,
        'risks',
        (a) =>
          rowsIn(a?.value)
            .map((r) => r.cells.process)
            .join() === expected.join(),
      );

    await user.click(screen.getByRole('button', { name: 'リスク一覧 3件目を上へ移動' }));
    await order(['A', 'C', 'B']);
    await waitFor(() =>
      expect(within(rowCards('risks')[1]!).getByLabelText(/業務名/)).toHaveProperty('value', 'C'),
    );
    await user.click(screen.getByRole('button', { name: 'リスク一覧 1件目を下へ移動' }));
    await order(['C', 'A', 'B']);
    expect(screen.getByRole('button', { name: 'リスク一覧 1件目を上へ移動' })).toHaveProperty(
      'disabled',
      true,
    );

    await user.click(screen.getByRole('button', { name: 'リスク一覧 2件目を削除' }));
    const confirm = screen.getByRole('alertdialog', { name: 'リスク一覧 2件目を削除しますか？' });
    await user.click(within(confirm).getByRole('button', { name: 'キャンセル' }));
    expect(rowCards('risks')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'リスク一覧 2件目を削除' }));
    await user.click(screen.getByRole('button', { name: '削除する' }));
    await order(['C', 'B']);
    await waitFor(() => expect(rowCards('risks')).toHaveLength(2));
    expect((await outbox(db)).map((m) => m.name)).toEqual(['moveRow', 'moveRow', 'removeRow']);
    expect((await outbox(db))[2]).toMatchObject({ args: { rowId: 'row-0' } });
  });

  it('the risk sheet: a risk needs its required cells; deficiencies are optional', async () => {
    const { user } = await openSheet(seedTemplate('risk'));
    expect(within(itemElement('risks')).getByText('1件以上入力してください。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '不備一覧に1件追加' }));
    const [card] = await waitFor(() => {
      const cards = rowCards('deficiencies');
      expect(cards).toHaveLength(1);
      return cards;
    });
    const type = within(card!).getByLabelText(/不備の区分/);
    expect(
      within(type)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['（未選択）', '整備上の不備', '運用上の不備', '重大な不備']);
  });
});
