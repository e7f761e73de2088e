// @vitest-environment happy-dom
// Follow-up rules: an answer that triggers the item's follow-up asks for the required comment
// or corrective action, marked missing until it is written.
import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('follow-up rules', () => {
  it('a "no" asks for the corrective action; writing it clears the mark', async () => {
    const documents = seedTemplate('documents');
    const { db, sheet, user } = await openSheet(documents);
    const item = itemElement('receipt-register');
    expect(within(item).queryByLabelText(/改善策/)).toBeNull();

    await user.click(within(item).getByRole('radio', { name: 'いいえ' }));
    const prompt = await within(item).findByText(
      '収受の手続が遅れている理由と、今後の改善策を記入すること。',
    );
    const field = within(item).getByLabelText(/改善策/);
    expect(field.getAttribute('aria-describedby')).toBe(prompt.id);
    expect(field.getAttribute('aria-required')).toBe('true');
    expect(within(item).getByText('未記入')).toBeTruthy();
    expect(item.classList.contains('item-missing')).toBe(true);

    await user.type(field, '毎朝、収受を確認する。');
    await user.tab();
    expect(await storedAnswer(db, sheet.id, 'receipt-register', (a) => !!a?.action)).toEqual({
      value: 'no',
      action: '毎朝、収受を確認する。',
    });
    await waitFor(() => expect(within(item).queryByText('未記入')).toBeNull());
    expect(item.classList.contains('item-missing')).toBe(false);
  });

  it('a "yes" asks for nothing', async () => {
    const { user } = await openSheet(seedTemplate('documents'));
    const item = itemElement('receipt-register');
    await user.click(within(item).getByRole('radio', { name: 'はい' }));
    await waitFor(() =>
      expect(within(item).getByRole('radio', { name: 'はい' })).toHaveProperty('checked', true),
    );
    expect(within(item).queryByLabelText(/改善策/)).toBeNull();
  });

  it('③ or ④ on an agreement item asks for a comment, kept when the answer changes', async () => {
    const { db, sheet, user } = await openSheet(allKinds);
    const item = itemElement('polite');
    await user.click(within(item).getByRole('radio', { name: '④ そう思わない' }));
    const comment = await within(item).findByLabelText(/コメント/);
    expect(within(item).getByText('理由を記入すること。')).toBeTruthy();
    await user.type(comment, '混雑時に説明が短くなる。');
    // Changing the answer keeps the comment with it.
    await user.click(within(item).getByRole('radio', { name: '③ あまりそう思わない' }));
    expect(await storedAnswer(db, sheet.id, 'polite', (a) => a?.value === 3)).toEqual({
      value: 3,
      comment: '混雑時に説明が短くなる。',
    });
    const names = (await outbox(db)).map((m) => m.name);
    expect(names.every((n) => n === 'setAnswer')).toBe(true);
  });

  it('the follow-up counts as missing in the progress until written', async () => {
    const { user } = await openSheet(seedTemplate('documents'));
    const item = itemElement('file-promptly');
    await user.click(within(item).getByRole('radio', { name: 'いいえ' }));
    const goTo = await screen.findByRole('button', { name: /未回答の項目へ移動/ });
    // 21 required items: 20 unanswered, and one follow-up.
    expect(goTo.textContent).toContain('21件');
    await user.click(within(item).getByRole('radio', { name: 'はい' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /未回答の項目へ移動/ }).textContent).toContain(
        '20件',
      ),
    );
  });
});
