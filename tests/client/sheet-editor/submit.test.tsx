// @vitest-environment happy-dom
// Required items, "go to the first missing item", the submit confirmation (what is missing
// and what is flagged: the sheet's flags, as the reviewer sees them), submitting offline, and
// the read-only sheet after it.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SheetScreen } from '@/client/features/sheet-editor/sheet-screen.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import { templateSchema } from '@/shared/schemas/template.ts';
import {
  allKinds,
  closeSheet,
  itemElement,
  openSheet,
  outbox,
  seedTemplate,
  storedAnswer,
} from './support.tsx';

afterEach(async () => {
  useAppStore.getState().setOnline(true);
  await closeSheet();
});

/** Everything answered but the person in charge, and a "no" without its corrective action. */
const almostDone: Record<string, Answer> = {
  filed: { value: 'no' },
  polite: { value: 2 },
  assessment: { value: 'good' },
  methods: { value: ['meeting'] },
  participants: { value: 8 },
  'held-on': { value: '2026-06-01' },
  risks: {
    value: [{ id: 'r1', cells: { process: '窓口収納', likelihood: 2, impact: 2 } }],
  },
};

/** The same sheet without follow-up rules: the template asks nothing after any answer. */
const withoutFollowUps = templateSchema.parse(
  JSON.parse(JSON.stringify(allKinds), (key, value: unknown) =>
    key === 'followUp' ? undefined : value,
  ),
);

const submitDialog = () => screen.getByRole('dialog', { hidden: true }) as HTMLDialogElement;

describe('required items and submitting', () => {
  it('shows the progress and goes to the first missing item', async () => {
    const { user } = await openSheet(allKinds, { answers: almostDone });
    expect(screen.getByLabelText('回答済み 7 / 9 項目')).toHaveProperty('value', 7);
    await user.click(screen.getByRole('button', { name: '未回答の項目へ移動（2件）' }));
    // The first in reading order: the corrective action of the "no".
    await waitFor(() =>
      expect(document.activeElement).toBe(within(itemElement('filed')).getByLabelText(/改善策/)),
    );
    // Once asked, unanswered required items are marked.
    expect(within(itemElement('compiled-by')).getByText('未回答')).toBeTruthy();
  });

  it('lists what is missing and flagged, jumps to it, and submits once complete (offline)', async () => {
    const { db, sheet, user } = await openSheet(allKinds, { answers: almostDone });
    useAppStore.getState().setOnline(false);
    await user.click(screen.getByRole('button', { name: '提出する' }));
    const dialog = submitDialog();
    expect(dialog.open).toBe(true);
    const missing = within(dialog).getByTestId('submit-missing');
    expect(
      within(missing)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['取りまとめ担当者']);
    const followUps = within(dialog).getByTestId('submit-follow-up');
    expect(
      within(followUps)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['文書を速やかに編てつしている。']);
    // The "no" is flagged once: its missing corrective action is listed above, not here.
    const flagged = within(dialog).getByTestId('submit-flagged');
    expect(
      within(flagged)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['文書を速やかに編てつしている。「いいえ」と回答']);
    const confirm = within(dialog).getByRole('button', { name: '提出する' });
    expect(confirm).toHaveProperty('disabled', true);

    // A link closes the confirmation and puts the focus on the item.
    await user.click(within(missing).getByRole('link', { name: '取りまとめ担当者' }));
    await waitFor(() => expect(dialog.open).toBe(false));
    const name = within(itemElement('compiled-by')).getByRole('textbox');
    await waitFor(() => expect(document.activeElement).toBe(name));
    await user.type(name, '山田');
    await user.type(within(itemElement('filed')).getByLabelText(/改善策/), '毎週整理する。');

    await user.click(screen.getAllByRole('button', { name: '提出する' })[0]!);
    expect(dialog.open).toBe(true);
    expect(within(dialog).queryByTestId('submit-missing')).toBeNull();
    expect(within(dialog).getByText(/今はオフラインです。/)).toBeTruthy();
    expect(within(dialog).getByTestId('submit-flagged').textContent).toContain('「いいえ」と回答');
    await user.click(within(dialog).getByRole('button', { name: '提出する' }));

    await screen.findByText(/提出しました（送信待ち）/);
    const names = (await outbox(db)).map((m) => m.name);
    expect(names.at(-1)).toBe('submitSheet');
    // The typed text was written before the submission.
    expect(names.slice(0, -1).every((n) => n === 'setAnswer')).toBe(true);
    expect(await storedAnswer(db, sheet.id, 'compiled-by')).toEqual({ value: '山田' });
    expect((await db.sheets.get(sheet.id))?.state).toBe('submitted');

    // Read-only: no controls, the answers shown.
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: '提出する' })).toBeNull();
    expect(within(itemElement('filed')).getByText('いいえ')).toBeTruthy();
    expect(within(itemElement('filed')).getByText('毎週整理する。')).toBeTruthy();
    expect(within(itemElement('risks')).getByText('中')).toBeTruthy();

    // Sent: nothing of the sheet waits any more.
    await db.outbox.clear();
    await screen.findByText('提出済みです。所属長の確認をお待ちください。');
  });

  it('flags disagreements and, on the risk sheet, the deficiencies reported', async () => {
    const risk = seedTemplate('risk');
    const { user } = await openSheet(risk, {
      answers: {
        deficiencies: {
          value: [{ id: 'd1', cells: { 'what-happened': '誤送付', type: 'operation' } }],
        },
      },
    });
    await user.click(screen.getByRole('button', { name: '提出する' }));
    expect(within(submitDialog()).getByTestId('submit-flagged').textContent).toContain(
      '不備を1件報告',
    );
    await closeSheet();
    const ethics = seedTemplate('ethics');
    const second = await openSheet(ethics, { answers: { 'gifts-refuse': { value: 4 } } });
    await second.user.click(screen.getByRole('button', { name: '提出する' }));
    expect(within(submitDialog()).getByTestId('submit-flagged').textContent).toContain(
      '「④ そう思わない」と回答',
    );
  });

  it('flags a "no" only where the template asks a follow-up for it, and ③ and ④ always', async () => {
    const { user } = await openSheet(withoutFollowUps, {
      answers: { filed: { value: 'no' }, polite: { value: 3 } },
    });
    await user.click(screen.getByRole('button', { name: '提出する' }));
    const dialog = submitDialog();
    expect(within(dialog).queryByTestId('submit-follow-up')).toBeNull();
    expect(
      within(within(dialog).getByTestId('submit-flagged'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['窓口では丁寧に対応している。「③ あまりそう思わない」と回答']);
    expect(itemElement('filed').className).not.toContain('item-flagged');
    expect(itemElement('polite').className).toContain('item-flagged');
  });

  it('an approved sheet is read-only', async () => {
    await openSheet(allKinds, { answers: almostDone, sheet: { state: 'approved' } });
    expect(screen.getByText('所属長が確認しました。このシートは変更できません。')).toBeTruthy();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: '元に戻す' })).toBeNull();
    expect(within(itemElement('participants')).getByText('8人')).toBeTruthy();
    expect(within(itemElement('held-on')).getByText('令和8年6月1日')).toBeTruthy();
  });

  it('a returned sheet shows the chief’s comment on top and can be changed', async () => {
    await openSheet(allKinds, {
      sheet: { state: 'returned' },
      events: [
        {
          sheetId: `${allKinds.id}.2026.annual.p1`,
          seq: 1,
          type: 'submitted',
          actorId: 'p-1',
          at: '2026-06-01T00:00:00Z',
        },
        {
          sheetId: `${allKinds.id}.2026.annual.p1`,
          seq: 2,
          type: 'returned',
          actorId: 'p-2',
          at: '2026-06-02T00:00:00Z',
          comment: '改善策を具体的に書いてください。',
        },
      ],
    });
    const note = await screen.findByRole('note');
    expect(within(note).getByText('所属長からの差し戻しコメント')).toBeTruthy();
    expect(within(note).getByText('改善策を具体的に書いてください。')).toBeTruthy();
    expect(screen.getAllByRole('radio').length).toBeGreaterThan(0);
  });

  it('marks an overdue sheet', async () => {
    await openSheet(allKinds, { sheet: { dueDate: '2020-03-31' } });
    expect(screen.getByText('提出期限を過ぎています')).toBeTruthy();
    expect(screen.getByText(/令和2年3月31日/)).toBeTruthy();
  });

  it('says clearly when the sheet is not on this device, with a link home', async () => {
    await openSheet(allKinds, { render: false });
    render(<SheetScreen sheetId="no-such-sheet" />);
    await screen.findByRole('heading', { name: 'このチェックシートはこの端末にありません' });
    expect(screen.getByRole('link', { name: 'ホームに戻る' }).getAttribute('href')).toBe('/');
  });

  it('renders each of the four real templates', async () => {
    for (const name of ['ethics', 'documents', 'seal', 'risk'] as const) {
      const template = seedTemplate(name);
      await openSheet(template);
      for (const section of template.sections) {
        expect(screen.getByRole('heading', { level: 3, name: section.title.ja })).toBeTruthy();
        for (const item of section.items) expect(itemElement(item.id)).toBeTruthy();
      }
      expect(
        within(screen.getByRole('navigation'))
          .getAllByRole('link')
          .map((a) => a.getAttribute('href')),
      ).toEqual(template.sections.map((s) => `#section-${s.id}`));
      await closeSheet();
    }
  });
});
