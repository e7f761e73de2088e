// @vitest-environment happy-dom
// The home screen groups the sheets the person fills in: their own by where each stands,
// then the seals they keep and their workplace's; a chief's staff's sheets are not there;
// a returned sheet shows the chief's comment on top; an overdue one is marked.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Home } from '@/client/features/home/home.tsx';
import { homeGroupOf, isOverdue, latestReturn } from '@/client/features/home/home-sheets.ts';
import { useAppStore } from '@/client/store/app-store.ts';
import type { SheetEvent } from '@/shared/schemas/sheet.ts';
import {
  person,
  sheet,
  signedInDevice,
  signOutDevice,
  templates,
} from '../support/staff-device.ts';

const chief = person();
const event = (sheetId: string, seq: number, type: SheetEvent['type'], extra = {}): SheetEvent => ({
  sheetId,
  seq,
  type,
  actorId: type === 'returned' || type === 'approved' ? 'p-boss' : chief.id,
  at: `2026-06-0${seq}T01:00:00.000Z`,
  ...extra,
});

const sheets = [
  sheet('s-todo'),
  sheet('s-started', { templateId: templates.documents.id }),
  sheet('s-returned', { state: 'returned', revision: 4 }),
  sheet('s-submitted', { state: 'submitted', templateId: templates.documents.id }),
  sheet('s-approved', { state: 'approved', period: 'first_half' }),
  sheet('s-late', { dueDate: '2021-04-30', fiscalYear: 2020 }),
  // The chief's staff member's sheet, in the chief's unit: theirs to sign off, not to fill.
  sheet('s-staff', { owner: { kind: 'person', personId: 'p-staff' } }),
  sheet('s-seal', {
    templateId: templates.seal.id,
    owner: { kind: 'seal', sealId: 'seal-1', custodianId: chief.id },
  }),
  sheet('s-other-seal', {
    templateId: templates.seal.id,
    owner: { kind: 'seal', sealId: 'seal-2', custodianId: 'p-staff' },
  }),
  sheet('s-workplace', { templateId: templates.risk.id, owner: { kind: 'workplace' } }),
  sheet('s-sub-workplace', {
    templateId: templates.risk.id,
    unitId: 'u-1-1',
    owner: { kind: 'workplace' },
  }),
];

const events = [
  event('s-returned', 1, 'created'),
  event('s-returned', 2, 'submitted'),
  event('s-returned', 3, 'returned', { comment: '前回の差し戻しです。' }),
  event('s-returned', 4, 'submitted'),
  event('s-returned', 5, 'returned', { comment: '3-2の回答にコメントを添えてください。' }),
];

async function renderHome() {
  await signedInDevice(chief, {
    sheets,
    events,
    answers: [
      { sheetId: 's-started', itemId: 'receipt-register', answer: { value: 'yes' } },
      { sheetId: 's-started', itemId: 'receipt-handling', answer: { value: 'na' } },
    ],
  });
  render(<Home person={chief} />);
  return screen.findByRole('heading', { level: 2, name: '私のチェックシート' });
}

const group = (section: string, name: string) =>
  within(screen.getByTestId(`home-${section}`)).getByRole('region', { name: new RegExp(name) });

const cardTitles = (region: HTMLElement) =>
  within(region)
    .queryAllByRole('listitem')
    .map((li) => within(li).getByRole('heading', { level: 4 }).textContent);

afterEach(() => {
  cleanup();
  signOutDevice();
});

describe('the home screen', () => {
  it('groups the person’s own sheets by where they stand and leaves out their staff’s', async () => {
    await renderHome();
    const ethics = templates.ethics.title.ja;
    const documents = templates.documents.title.ja;
    expect(cardTitles(group('person', '未着手'))).toEqual([ethics, ethics]);
    expect(cardTitles(group('person', '作成中'))).toEqual([documents]);
    expect(cardTitles(group('person', '差し戻し'))).toEqual([ethics]);
    expect(cardTitles(group('person', '提出済み'))).toEqual([documents]);
    expect(cardTitles(group('person', '確認済み'))).toEqual([ethics]);
    // Eight sheets in all: six own, one seal kept, one workplace (the chief's unit only).
    expect(screen.getAllByTestId('sheet-card')).toHaveLength(8);
    expect(document.querySelector('a[href="/sheets/s-staff"]')).toBeNull();
    expect(document.querySelector('a[href="/sheets/s-other-seal"]')).toBeNull();
    expect(document.querySelector('a[href="/sheets/s-sub-workplace"]')).toBeNull();
  });

  it('puts the seals the person keeps and the workplace’s risk sheet under their own headings', async () => {
    await renderHome();
    const seals = screen.getByRole('region', { name: '公印の点検（公印管守者）' });
    expect(within(seals).getByRole('link', { name: templates.seal.title.ja })).toHaveProperty(
      'pathname',
      '/sheets/s-seal',
    );
    const workplace = screen.getByRole('region', { name: '職場のリスクチェックシート' });
    expect(within(workplace).getAllByTestId('sheet-card')).toHaveLength(1);
    expect(within(workplace).getByRole('link', { name: /印刷/ })).toHaveProperty(
      'pathname',
      '/sheets/s-workplace/print',
    );
  });

  it('shows the chief’s latest comment on top of a returned sheet', async () => {
    await renderHome();
    const [card] = within(group('person', '差し戻し')).getAllByRole('listitem');
    const comment = within(card!).getByTestId('return-comment');
    expect(comment.textContent).toContain('3-2の回答にコメントを添えてください。');
    expect(comment.textContent).not.toContain('前回の差し戻し');
    expect(comment.textContent).toContain('令和8年6月5日');
    // On top: before the title.
    expect(card!.firstElementChild).toBe(comment);
  });

  it('marks an overdue sheet, with its due date in 和暦 and its progress', async () => {
    await renderHome();
    const cards = within(group('person', '未着手')).getAllByRole('listitem');
    const overdue = cards.filter((c) => c.textContent?.includes('期限切れ'));
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.textContent).toContain('提出期限 令和3年4月30日');
    expect(overdue[0]!.textContent).toContain('令和2年度 通年');
    const started = within(group('person', '作成中')).getByRole('listitem');
    expect(started.textContent).toContain(
      `回答 2/${templates.documents.sections.flatMap((s) => s.items).length}`,
    );
    expect(started.textContent).not.toContain('期限切れ');
    // Submitted and approved sheets are never overdue.
    expect(group('person', '提出済み').textContent).not.toContain('期限切れ');
  });

  it('writes Western dates in English', async () => {
    await renderHome();
    useAppStore.getState().setLocale('en');
    const late = await screen.findByText(/Due 30 Apr 2021/);
    expect(late.textContent).toContain('Overdue');
    useAppStore.getState().setLocale('ja');
  });
});

describe('grouping rules', () => {
  it('a draft with any answer is in progress; overdue only while with the person', () => {
    expect(homeGroupOf({ sheet: sheet('a'), answers: {} })).toBe('to_do');
    expect(homeGroupOf({ sheet: sheet('a'), answers: { x: { value: '' } } })).toBe('in_progress');
    expect(isOverdue({ state: 'returned', dueDate: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isOverdue({ state: 'draft', dueDate: '2026-07-01' }, '2026-07-01')).toBe(false);
    expect(isOverdue({ state: 'submitted', dueDate: '2026-06-30' }, '2026-07-01')).toBe(false);
    expect(latestReturn(events)?.comment).toBe('3-2の回答にコメントを添えてください。');
  });
});
