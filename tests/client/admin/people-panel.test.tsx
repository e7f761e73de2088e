// @vitest-environment happy-dom
// The administrator's people register: the search goes to the server once typing pauses,
// the screen says how many match and how many it shows, further pages are added below the
// first, and a deactivated person's row stays in the list as inactive.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeoplePanel } from '@/client/features/admin/people-panel.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import { json } from '../support/json-response.ts';

const surnames = ['佐藤', '鈴木', '高橋', '田中'];
const person = (n: number, name?: string): Person => ({
  id: `p-${n}`,
  staffNumber: String(100000 + n),
  name: name ?? `${surnames[n % surnames.length]}\u3000${n}郎`,
  unitId: 'u-1',
  position: 'staff',
  employmentType: 'regular',
  ageBand: '30s',
  roles: ['staff'],
  active: true,
});
/** 120 people, three of them named 山田 花…, in staff number order as the server sends them. */
let register: Person[];
const searches: { q: string | null; offset: string | null }[] = [];

/** What the server folds away: widths, spaces and case. */
const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

beforeAll(() => {
  // happy-dom has no modal dialogs: open and close as the browser would.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
});

beforeEach(() => {
  register = Array.from({ length: 120 }, (_, i) => person(i + 1));
  register[10] = person(11, '山田　花子');
  register[70] = person(71, '山田　花江');
  register[110] = person(111, '山田　花');
  searches.length = 0;
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const method = init?.method ?? 'GET';
    if (url.pathname === '/api/people' && method === 'GET') {
      const q = url.searchParams.get('q');
      const offset = Number(url.searchParams.get('offset') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '50');
      searches.push({ q, offset: url.searchParams.get('offset') });
      const matches = register.filter((p) =>
        fold(`${p.name}${p.staffNumber}`).includes(fold(q ?? '')),
      );
      return json({
        people: matches.slice(offset, offset + limit),
        total: matches.length,
        limit,
        offset,
      });
    }
    const deactivate = url.pathname.match(/^\/api\/people\/([^/]+)\/deactivate$/);
    if (deactivate && method === 'POST') return json({ ok: true });
    return json({ error: { code: 'not_found', message: 'no' } }, 404);
  });
  useAppStore.setState({ locale: 'ja', online: true });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function panel(online = true) {
  return (
    <PeoplePanel
      online={online}
      visible
      selfId="p-1"
      unitNames={new Map([['u-1', { name: '総務課' }]])}
      reloadKey={0}
    />
  );
}
const renderPanel = () => render(panel());

const rows = () => [
  ...screen.getByTestId('people-table').querySelectorAll<HTMLTableRowElement>('tbody tr'),
];
const staffNumbers = () => rows().map((r) => r.querySelector('td')?.textContent);

describe('the people register', () => {
  it('shows the first page of everyone and how many there are', async () => {
    renderPanel();
    expect(await screen.findByText('120人中 1–50人を表示')).toBeTruthy();
    expect(staffNumbers()).toEqual(register.slice(0, 50).map((p) => p.staffNumber));
    expect(searches).toEqual([{ q: null, offset: '0' }]);

    useAppStore.setState({ locale: 'en' });
    expect(await screen.findByText('Showing 1–50 of 120 people')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show more' })).toBeTruthy();
  });

  it('sends the search to the server once typing pauses, and shows what it found', async () => {
    renderPanel();
    await screen.findByText('120人中 1–50人を表示');
    await userEvent.type(screen.getByLabelText('氏名または職員番号で検索'), '山田　花');

    // One request for what was typed, not one for each key.
    await waitFor(() => expect(screen.getByText('3人中 1–3人を表示')).toBeTruthy());
    expect(searches).toEqual([
      { q: null, offset: '0' },
      { q: '山田　花', offset: '0' },
    ]);
    expect(rows().map((r) => r.querySelector('th')?.textContent)).toEqual([
      '山田　花子',
      '山田　花江',
      '山田　花',
    ]);
    expect(screen.queryByRole('button', { name: 'さらに表示' })).toBeNull();

    await userEvent.clear(screen.getByLabelText('氏名または職員番号で検索'));
    await userEvent.type(screen.getByLabelText('氏名または職員番号で検索'), '誰もいない');
    expect(await screen.findByText('該当する職員はいません。')).toBeTruthy();
    expect(screen.queryByTestId('people-table')).toBeNull();
  });

  it('adds the next page below the first, until all are shown', async () => {
    renderPanel();
    await screen.findByText('120人中 1–50人を表示');
    await userEvent.click(screen.getByRole('button', { name: 'さらに表示' }));
    expect(await screen.findByText('120人中 1–100人を表示')).toBeTruthy();
    expect(staffNumbers()).toEqual(register.slice(0, 100).map((p) => p.staffNumber));

    await userEvent.click(screen.getByRole('button', { name: 'さらに表示' }));
    const count = await screen.findByText('120人中 1–120人を表示');
    expect(staffNumbers()).toEqual(register.map((p) => p.staffNumber));
    expect(searches.map((s) => s.offset)).toEqual(['0', '50', '100']);
    // The button is gone; focus is not lost with it.
    expect(screen.queryByRole('button', { name: 'さらに表示' })).toBeNull();
    expect(document.activeElement).toBe(count);
  });

  it('keeps a deactivated person in the list, shown as inactive', async () => {
    renderPanel();
    await screen.findByText('120人中 1–50人を表示');
    await userEvent.click(screen.getByRole('button', { name: 'さらに表示' }));
    await screen.findByText('120人中 1–100人を表示');
    const target = register[70]!;
    const row = () => rows().find((r) => r.textContent?.includes(target.staffNumber))!;
    await userEvent.click(
      within(row()).getByRole('button', { name: `${target.name}さんを無効化` }),
    );
    const dialog = screen.getByRole('dialog', { hidden: true });
    await userEvent.click(within(dialog).getByRole('button', { name: '無効化する', hidden: true }));

    // The state cell, between the roles and the actions.
    await waitFor(() => expect(row().querySelectorAll('td')[3]?.textContent).toBe('無効'));
    expect(row().className).toBe('inactive');
    expect(within(row()).queryByRole('button', { name: /を無効化$/ })).toBeNull();
    expect(rows()).toHaveLength(100);
  });

  it('offline, asks for nothing and offers no further page', async () => {
    const { rerender } = renderPanel();
    await screen.findByText('120人中 1–50人を表示');
    rerender(panel(false));
    await userEvent.type(screen.getByLabelText('氏名または職員番号で検索'), '山田');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(searches).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'さらに表示' })).toHaveProperty('disabled', true);
  });
});
