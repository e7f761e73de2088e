// @vitest-environment happy-dom
// The review inbox from what the chief's device holds: only the submitted sheets the approver
// rule gives to this chief, oldest submission first, with owner and flags; unflagged ones
// approved together as queued decisions shown as waiting to be sent; and a resubmitted sheet
// showing what changed since its previous submission (delivered by the pull), returned only
// with a comment; the check of a sheet's history offered on the sheet; and a sheet of the
// section's acting chief going up to the chief above, as the server has it.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { replaceDirectory, type PersonDb } from '@/client/db/person-db.ts';
import { applyPullPage } from '@/client/db/server-changes.ts';
import { ReviewInbox } from '@/client/features/review-inbox/review-inbox.tsx';
import { ReviewSheet } from '@/client/features/review-inbox/review-sheet.tsx';
import type { Directory } from '@/shared/api/schemas.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { SheetEvent } from '@/shared/schemas/sheet.ts';
import { canonicalSheetContent } from '@/shared/sheet-content.ts';
import {
  person,
  sheet,
  signedInDevice,
  signOutDevice,
  templates,
  type StoredAnswerSeed,
} from '../support/staff-device.ts';
import { intactHistoryServer } from '../support/verify-server.ts';

const chief = person();
const directory: Directory = {
  units: [
    { id: 'u-1', code: '1', name: '総務課', kind: 'section', parentId: 'u-0' },
    { id: 'u-0', code: '0', name: '総務部', kind: 'department', parentId: null },
  ],
  people: [
    {
      id: 'p-chief',
      staffNumber: '200001',
      name: '検証　花子',
      unitId: 'u-1',
      position: 'section_chief',
      roles: ['staff', 'chief'],
      active: true,
    },
    {
      id: 'p-a',
      staffNumber: '200002',
      name: '青木　一郎',
      unitId: 'u-1',
      position: 'staff',
      roles: ['staff'],
      active: true,
    },
    {
      id: 'p-b',
      staffNumber: '200003',
      name: '馬場　二郎',
      unitId: 'u-1',
      position: 'staff',
      roles: ['staff'],
      active: true,
    },
    {
      id: 'p-c',
      staffNumber: '200004',
      name: '千葉　三郎',
      unitId: 'u-1',
      position: 'staff',
      roles: ['staff'],
      active: true,
    },
  ],
  seals: [],
  actingAppointments: [],
};

const nameOf = (id: string) => directory.people.find((p) => p.id === id)?.name ?? id;
const submitted = (sheetId: string, seq: number, actorId: string, at: string): SheetEvent => ({
  sheetId,
  seq,
  type: 'submitted',
  actorId,
  at,
  contentHash: 'a'.repeat(64),
});
const ethicsAnswers = (sheetId: string, value: (itemId: string) => number): StoredAnswerSeed[] =>
  templates.ethics.sections
    .flatMap((s) => s.items)
    .filter((i) => i.kind === 'agreement4')
    .map((i) => ({ sheetId, itemId: i.id, answer: { value: value(i.id) } }));
const documentItems = templates.documents.sections
  .flatMap((s) => s.items)
  .filter((i) => i.kind === 'yes_no_na');
const documentAnswers = (sheetId: string, first: Answer): StoredAnswerSeed[] =>
  documentItems.map((i, n) => ({
    sheetId,
    itemId: i.id,
    answer: n === 0 ? first : { value: 'yes' },
  }));

const ownedBy = (personId: string) => ({ owner: { kind: 'person' as const, personId } });
const sheets = [
  sheet('s-clean', { state: 'submitted', revision: 30, ...ownedBy('p-a') }),
  sheet('s-flagged', { state: 'submitted', revision: 30, ...ownedBy('p-b') }),
  sheet('s-resub', {
    state: 'submitted',
    revision: 40,
    templateId: templates.documents.id,
    ...ownedBy('p-c'),
  }),
  // The chief's own sheet goes to the chief above; a draft waits for nobody.
  sheet('s-own', { state: 'submitted', revision: 30 }),
  sheet('s-draft', ...[{ ...ownedBy('p-a'), templateId: templates.documents.id }]),
];
const previous: Record<string, Answer> = Object.fromEntries(
  documentAnswers('s-resub', { value: 'no', action: '確認する。' }).map((a) => [
    a.itemId,
    a.answer,
  ]),
);

async function chiefDevice(): Promise<PersonDb> {
  const db = await signedInDevice(chief, {
    sheets,
    answers: [
      ...ethicsAnswers('s-clean', () => 2),
      ...ethicsAnswers('s-flagged', (id) => (id === 'gifts-report' ? 4 : 1)),
      ...ethicsAnswers('s-own', () => 1),
    ],
    events: [
      submitted('s-clean', 2, 'p-a', '2026-06-03T01:00:00.000Z'),
      submitted('s-flagged', 2, 'p-b', '2026-06-01T01:00:00.000Z'),
      submitted('s-own', 2, 'p-chief', '2026-05-01T01:00:00.000Z'),
    ],
  });
  await replaceDirectory(db, directory, new Date());
  // A later pull brings the resubmitted sheet with its previous submission.
  await applyPullPage(
    db,
    {
      reset: false,
      cursor: 2,
      scope: 'scope',
      more: false,
      sheets: sheets.filter((s) => s.id === 's-resub'),
      answers: documentAnswers('s-resub', { value: 'yes' }).map((a) => ({
        ...a,
        version: 2,
        updatedBy: 'p-c',
        updatedAt: '2026-06-02T00:00:00.000Z',
      })),
      events: [
        submitted('s-resub', 2, 'p-c', '2026-05-20T01:00:00.000Z'),
        {
          sheetId: 's-resub',
          seq: 3,
          type: 'returned',
          actorId: 'p-chief',
          at: '2026-05-21T01:00:00.000Z',
          comment: '収受の項目を見直してください。',
        },
        submitted('s-resub', 4, 'p-c', '2026-06-02T01:00:00.000Z'),
      ],
      results: [],
      overwrites: [],
      previousSubmissions: [
        {
          sheetId: 's-resub',
          seq: 2,
          content: canonicalSheetContent(
            { id: 's-resub', templateId: templates.documents.id, templateVersion: 1 },
            previous,
          ),
        },
      ],
    },
    1,
    new Date(),
  );
  return db;
}

afterEach(() => {
  cleanup();
  signOutDevice();
});

describe('the review inbox', () => {
  it('lists the sheets this chief signs off, oldest submission first, with owner and flags', async () => {
    await chiefDevice();
    render(<ReviewInbox person={chief} />);
    await screen.findByRole('heading', { level: 3, name: /確認待ち/ });
    const cards = screen.getAllByTestId('review-card');
    expect(cards.map((c) => c.querySelector('.review-owner strong')?.textContent)).toEqual([
      '馬場　二郎',
      '千葉　三郎',
      '青木　一郎',
    ]);
    const [flagged, resubmitted, clean] = cards as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(flagged).getByTestId('review-flags').textContent).toBe('否定的な回答 1件');
    expect(within(flagged).queryByRole('checkbox')).toBeNull();
    expect(resubmitted.textContent).toContain('再提出');
    expect(clean.textContent).toContain('気になる回答はありません');
    expect(within(clean).getByRole('checkbox')).toBeTruthy();
  });

  it('approves the selected unflagged sheets at once, as decisions waiting to be sent', async () => {
    const db = await chiefDevice();
    const user = userEvent.setup();
    render(<ReviewInbox person={chief} />);
    await screen.findByRole('heading', { level: 3, name: /確認待ち/ });
    await user.click(screen.getByRole('checkbox', { name: new RegExp(nameOf('p-a')) }));
    await user.click(screen.getByRole('checkbox', { name: new RegExp(nameOf('p-c')) }));
    await user.click(screen.getByRole('button', { name: '選んだ2件を確認する' }));
    await screen.findByText(/2件を確認しました（送信待ち）/);
    const queued = await db.outbox.toArray();
    expect(queued.map((m) => [m.name, m.args])).toEqual([
      ['approveSheet', { sheetId: 's-resub', expectedRevision: 40 }],
      ['approveSheet', { sheetId: 's-clean', expectedRevision: 30 }],
    ]);
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: /判断済み（送信待ち）/ }))
          .getAllByTestId('review-decided')
          .map((d) => d.textContent),
      ).toEqual(['確認しました（送信待ち）', '確認しました（送信待ち）']),
    );
    // The flagged one still waits for a decision made on its own screen.
    expect(screen.getByRole('region', { name: /^確認待ち \d/ }).textContent).toContain(
      '馬場　二郎',
    );
  });

  it('names each flag on the sheet in the words the person saw before submitting', async () => {
    await chiefDevice();
    render(<ReviewSheet sheetId="s-flagged" person={chief} />);
    const flags = await screen.findByTestId('review-flag-list');
    const label = templates.ethics.sections
      .flatMap((s) => s.items)
      .find((i) => i.id === 'gifts-report')?.label.ja;
    expect(
      within(flags)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`${label}: 「④ そう思わない」と回答`]);
  });

  it('shows a resubmitted sheet’s changes, and returns it only with a comment', async () => {
    const db = await chiefDevice();
    const user = userEvent.setup();
    render(<ReviewSheet sheetId="s-resub" person={chief} />);
    const changes = await screen.findByTestId('review-changes');
    expect(changes.textContent).toContain('収受の項目を見直してください。');
    const [change] = within(changes).getAllByTestId('review-change');
    expect(change?.textContent).toContain(documentItems[0]?.label.ja);
    expect(change?.querySelector('del')?.textContent).toBe('いいえ / 是正措置：確認する。');
    expect(change?.querySelector('ins')?.textContent).toBe('はい');

    await user.click(screen.getByRole('button', { name: '差し戻す' }));
    expect(screen.getByRole('alert').textContent).toBe('差し戻すには理由を書いてください。');
    expect(await db.outbox.count()).toBe(0);
    await user.type(screen.getByLabelText('差し戻しの理由（必須）'), '添付を確認してください。');
    await user.click(screen.getByRole('button', { name: '差し戻す' }));
    await screen.findByText(/差し戻しました（送信待ち）/);
    const [queued] = await db.outbox.toArray();
    expect(queued).toMatchObject({
      name: 'returnSheet',
      args: { sheetId: 's-resub', expectedRevision: 40, comment: '添付を確認してください。' },
    });
  });

  it('keeps a return comment being typed through leaving the screen, until the sheet is returned', async () => {
    const db = await chiefDevice();
    const user = userEvent.setup();
    const first = render(<ReviewSheet sheetId="s-resub" person={chief} />);
    await user.type(await screen.findByLabelText('差し戻しの理由（必須）'), '押印欄を確認');
    first.unmount();

    // A reload, or a pull that redraws the screen: the comment is still there.
    render(<ReviewSheet sheetId="s-resub" person={chief} />);
    const field = await screen.findByLabelText<HTMLTextAreaElement>('差し戻しの理由（必須）');
    expect(field.value).toBe('押印欄を確認');
    cleanup();
    // Another sheet's form starts empty.
    render(<ReviewSheet sheetId="s-clean" person={chief} />);
    expect(
      (await screen.findByLabelText<HTMLTextAreaElement>('差し戻しの理由（必須）')).value,
    ).toBe('');
    cleanup();

    render(<ReviewSheet sheetId="s-resub" person={chief} />);
    await user.type(await screen.findByLabelText('差し戻しの理由（必須）'), 'してください。');
    await user.click(screen.getByRole('button', { name: '差し戻す' }));
    await screen.findByText(/差し戻しました（送信待ち）/);
    const [queued] = await db.outbox.toArray();
    expect(queued?.args).toMatchObject({ comment: '押印欄を確認してください。' });
    cleanup();
    render(<ReviewSheet sheetId="s-resub" person={chief} />);
    await screen.findByText(/差し戻しました（送信待ち）/);
    expect(Object.keys(localStorage).filter((k) => k.includes('return-comment'))).toEqual([]);
  });

  it('lists the sheets of the chief’s own unit before the directory has arrived', async () => {
    const db = await chiefDevice();
    await db.directory.clear();
    render(<ReviewInbox person={chief} />);
    await screen.findByText(/組織の情報がまだこの端末にありません/);
    const cards = await screen.findAllByTestId('review-card');
    expect(cards).toHaveLength(3);
    expect(cards[0]?.querySelector('.review-owner strong')?.textContent).toBe('p-b');
  });

  it('offers no decision on a sheet the chief is responsible for', async () => {
    await chiefDevice();
    render(<ReviewSheet sheetId="s-own" person={chief} />);
    await screen.findByText('このチェックシートを確認するのはあなたではありません。');
    expect(screen.queryByRole('button', { name: '確認する' })).toBeNull();
  });

  it('gives a sheet submitted by the section’s acting chief to the chief above, as the server does', async () => {
    // 青木 acts as chief of the section by the directory the server sent (not by the session).
    const head = person({ id: 'p-head', unitId: 'u-0', unitName: '総務部' });
    const actingDirectory: Directory = {
      ...directory,
      people: [
        ...directory.people,
        {
          id: 'p-head',
          staffNumber: '200000',
          name: '部長　太郎',
          unitId: 'u-0',
          position: 'department_head',
          roles: ['staff', 'chief'],
          active: true,
        },
      ],
      actingAppointments: [
        {
          unitId: 'u-1',
          personId: 'p-a',
          startsOn: '2000-04-01',
          endsOn: '2999-03-31',
          endedAt: null,
        },
      ],
    };
    const data = {
      sheets: [sheet('s-acting', { state: 'submitted', revision: 30, ...ownedBy('p-a') })],
      answers: ethicsAnswers('s-acting', () => 2),
      events: [submitted('s-acting', 2, 'p-a', '2026-06-03T01:00:00.000Z')],
    };

    await replaceDirectory(await signedInDevice(chief, data), actingDirectory, new Date());
    render(<ReviewInbox person={chief} />);
    await screen.findByText('確認を待っているチェックシートはありません。');
    expect(screen.queryAllByTestId('review-card')).toHaveLength(0);
    cleanup();
    signOutDevice();

    await replaceDirectory(await signedInDevice(head, data), actingDirectory, new Date());
    render(<ReviewInbox person={head} />);
    const cards = await screen.findAllByTestId('review-card');
    expect(cards.map((c) => c.querySelector('.review-owner strong')?.textContent)).toEqual([
      '青木　一郎',
    ]);
  });

  it('offers the check of the sheet’s history, which asks the server about this sheet', async () => {
    await chiefDevice();
    const requests = intactHistoryServer(2);
    render(<ReviewSheet sheetId="s-clean" person={chief} />);
    const check = await screen.findByRole('region', { name: '履歴の検証' });
    expect(within(check).getByRole('heading', { level: 3, name: '履歴の検証' })).toBeTruthy();
    await userEvent.click(within(check).getByRole('button', { name: '履歴を検証' }));
    await waitFor(() =>
      expect(within(check).getByRole('status').textContent).toBe(
        '履歴は改ざんされていません（2件の記録を確認）。',
      ),
    );
    expect(requests).toEqual(['GET /api/sheets/s-clean/verify']);
  });
});
