// @vitest-environment happy-dom
// Needs attention: a refused change shows the item's label, the person's value as they
// would read it and the reason; it can be made again (back in the outbox, off the list) or
// discarded after a question; overwrite notices show both values and can be dismissed.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AttentionScreen } from '@/client/features/attention/attention-screen.tsx';
import type { PersonDb } from '@/client/db/person-db.ts';
import type { Mutation } from '@/shared/sync/mutations.ts';
import {
  person,
  sheet,
  signedInDevice,
  signOutDevice,
  templates,
} from '../support/staff-device.ts';

const staff = person({ id: 'p-staff', roles: ['staff'] });
const ethics = templates.ethics;
const firstItem = ethics.sections[0]!.items[0]!;

beforeAll(() => {
  // happy-dom has no modal dialogs: open and close as the browser would.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
});

function refused(seq: number, mutation: Partial<Mutation> & Pick<Mutation, 'name' | 'args'>) {
  return {
    seq,
    mutation: {
      seq,
      schemaVersion: 1,
      madeAt: '2026-06-01T00:30:00.000Z',
      ...mutation,
    } as Mutation,
    code: null,
    message: '',
    rejectedAt: '2026-06-01T01:00:00.000Z',
  };
}

async function device(): Promise<PersonDb> {
  const db = await signedInDevice(staff, {
    sheets: [sheet('s-1', { owner: { kind: 'person', personId: staff.id } })],
  });
  await db.attention.bulkPut([
    {
      ...refused(3, {
        name: 'setAnswer',
        args: {
          sheetId: 's-1',
          itemId: firstItem.id,
          answer: { value: 2, comment: '会食は断りました。' },
          baseVersion: 0,
        },
      }),
      code: 'not_editable',
      message: 'the sheet is submitted and cannot be changed',
    },
    {
      ...refused(4, { name: 'submitSheet', args: { sheetId: 's-1', expectedRevision: 1 } }),
      code: 'incomplete',
      message: '3 required answers are missing',
    },
    {
      ...refused(5, {
        name: 'clearAnswer',
        args: { sheetId: 's-1', itemId: 'remarks', baseVersion: 1 },
      }),
      code: 'unknown_mutation',
      message: 'something new went wrong',
    },
  ]);
  return db;
}

const entries = () => screen.queryAllByTestId('refused-change');

afterEach(() => {
  cleanup();
  signOutDevice();
});

describe('needs attention', () => {
  it('shows each refused change readably, with the reason in the person’s language', async () => {
    await device();
    render(<AttentionScreen />);
    await waitFor(() => expect(entries()).toHaveLength(3));
    const [value, submit] = entries();
    expect(within(value!).getByRole('heading', { level: 4 }).textContent).toBe(firstItem.label.ja);
    expect(value!.textContent).toContain('② まあそう思う');
    expect(value!.textContent).toContain('コメント：会食は断りました。');
    expect(value!.textContent).toContain('チェックシートが提出済みまたは確認済みのため');
    expect(value!.textContent).toContain(ethics.title.ja);
    expect(submit!.textContent).toContain('チェックシートの提出');
    expect(submit!.textContent).toContain('必須の項目やコメントが未回答');
  });

  it('falls back to the server’s words for a reason it cannot name', async () => {
    const db = await device();
    await db.attention.update(5, { code: null });
    render(<AttentionScreen />);
    await waitFor(() => expect(entries()).toHaveLength(3));
    expect(entries()[2]!.textContent).toContain('something new went wrong');
  });

  it('applies a change again: off the list and into the outbox with the person’s value', async () => {
    const db = await device();
    render(<AttentionScreen />);
    await waitFor(() => expect(entries()).toHaveLength(3));
    await userEvent.click(within(entries()[0]!).getByRole('button', { name: 'もう一度反映する' }));
    await waitFor(() => expect(entries()).toHaveLength(2));
    expect(screen.getByTestId('attention-status').textContent).toContain('もう一度反映しました');
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      name: 'setAnswer',
      args: {
        sheetId: 's-1',
        itemId: firstItem.id,
        answer: { value: 2, comment: '会食は断りました。' },
      },
    });
    expect((await db.answers.get(['s-1', firstItem.id]))?.local?.value).toBe(2);
  });

  it('says why a change cannot be applied again, and keeps it', async () => {
    const db = await device();
    await db.sheets.update('s-1', { state: 'submitted' });
    render(<AttentionScreen />);
    await waitFor(() => expect(entries()).toHaveLength(3));
    await userEvent.click(within(entries()[0]!).getByRole('button', { name: 'もう一度反映する' }));
    expect((await within(entries()[0]!).findByRole('alert')).textContent).toContain(
      '提出済みまたは確認済みのため、反映できません',
    );
    expect(await db.attention.count()).toBe(3);
    expect(await db.outbox.count()).toBe(0);
  });

  it('asks before discarding, and keeps the change when the person cancels', async () => {
    const db = await device();
    render(<AttentionScreen />);
    await waitFor(() => expect(entries()).toHaveLength(3));
    await userEvent.click(within(entries()[1]!).getByRole('button', { name: '破棄する' }));
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(dialog.textContent).toContain('この変更を破棄しますか？');
    expect(dialog.textContent).toContain('チェックシートの提出');
    await userEvent.click(within(dialog).getByRole('button', { name: 'キャンセル', hidden: true }));
    expect(await db.attention.count()).toBe(3);

    await userEvent.click(within(entries()[1]!).getByRole('button', { name: '破棄する' }));
    await userEvent.click(within(dialog).getByRole('button', { name: '破棄する', hidden: true }));
    await waitFor(() => expect(entries()).toHaveLength(2));
    expect((await db.attention.toArray()).map((e) => e.seq)).toEqual([3, 5]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('shows an overwrite with both values and when, until dismissed; then the empty state', async () => {
    const db = await device();
    await db.attention.clear();
    await db.overwrites.put({
      id: 'theirs_replaced_mine-42',
      direction: 'theirs_replaced_mine',
      receivedAt: '2026-06-02T00:00:00.000Z',
      overwrite: {
        sheetId: 's-1',
        itemId: firstItem.id,
        replaced: { value: 1 },
        replacedBy: staff.id,
        replacedClientId: 'device-aaaa',
        value: { value: 4 },
        by: 'p-other',
        clientId: 'device-bbbb',
        version: 42,
        at: '2026-06-02T05:07:00.000Z',
      },
    });
    render(<AttentionScreen />);
    const notice = await screen.findByTestId('overwrite-notice');
    expect(notice.textContent).toContain('ほかの職員が入力した値が、あなたの値を置き換えました。');
    expect(notice.textContent).toContain('① そう思う');
    expect(notice.textContent).toContain('④ そう思わない');
    expect(notice.textContent).toContain('令和8年6月2日 14:07');
    await userEvent.click(within(notice).getByRole('button', { name: '確認した' }));
    expect(await screen.findByTestId('attention-empty')).toBeTruthy();
    expect(await db.overwrites.count()).toBe(0);
  });
});
