// @vitest-environment happy-dom
// The acting chief screen (代理): the appointments on record with their status and who
// appointed or ended them, appointing one of the unit's candidates for a period, the
// server's refusal worded for people, ending one early after a confirmation, labelled
// controls, and a clear word when offline.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActingScreen } from '@/client/features/acting-chiefs/acting-screen.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import type { ActingAppointmentsResponse, ListedAppointment } from '@/shared/api/schemas.ts';
import type { Actor } from '@/shared/permissions.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { json } from '../support/json-response.ts';

const chief: Actor = { id: 'p-chief', unitId: 'u-s', roles: ['staff', 'chief'] };
const units: Unit[] = [
  { id: 'u-d', code: 'D', name: '総務部', kind: 'department', parentId: null },
  { id: 'u-s', code: 'S', name: '総務課', kind: 'section', parentId: 'u-d' },
  { id: 'u-ss', code: 'SS', name: '庶務係', kind: 'subsection', parentId: 'u-s' },
  { id: 'u-t', code: 'T', name: '人事課', kind: 'section', parentId: 'u-d' },
];

const appointment = (changes: Partial<ListedAppointment>): ListedAppointment => ({
  id: 'a-1',
  unitId: 'u-s',
  personId: 'p-yamada',
  startsOn: '2026-12-01',
  endsOn: '2026-12-10',
  appointedBy: 'p-chief',
  appointedAt: '2026-11-25T01:00:00.000Z',
  endedAt: null,
  endedBy: null,
  status: 'in_force',
  unitName: '総務課',
  personName: '山田　太郎',
  personStaffNumber: '100020',
  appointedByName: '藤井　由美',
  endedByName: null,
  ...changes,
});

let listing: ActingAppointmentsResponse;
let refuseAppointment: string | null = null;
const requests: { method: string; path: string; body: unknown }[] = [];

beforeEach(() => {
  requests.length = 0;
  refuseAppointment = null;
  listing = {
    today: '2026-12-05',
    appointments: [
      appointment({}),
      appointment({
        id: 'a-0',
        personId: 'p-sato',
        personName: '佐藤　花子',
        personStaffNumber: '100021',
        startsOn: '2026-11-01',
        endsOn: '2026-11-10',
        status: 'ended',
        endedAt: '2026-11-05T02:00:00.000Z',
        endedBy: 'p-chief',
        endedByName: '藤井　由美',
      }),
      appointment({ id: 'a-t', unitId: 'u-t', unitName: '人事課', status: 'scheduled' }),
    ],
    candidates: [],
  };
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path: `${url.pathname}${url.search}`, body });
    if (url.pathname === '/api/units') return json({ units });
    if (url.pathname === '/api/acting-appointments' && method === 'GET')
      return json({
        ...listing,
        candidates:
          url.searchParams.get('unitId') === 'u-s'
            ? [
                {
                  id: 'p-suzuki',
                  staffNumber: '100022',
                  name: '鈴木　一郎',
                  unitId: 'u-ss',
                  position: 'subsection_chief',
                },
              ]
            : [],
      });
    if (url.pathname === '/api/acting-appointments' && method === 'POST') {
      if (refuseAppointment)
        return json({ error: { code: refuseAppointment, message: 'refused' } }, 409);
      return json({
        appointment: appointment({
          id: 'a-2',
          personId: 'p-suzuki',
          personName: '鈴木　一郎',
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          status: 'scheduled',
        }),
      });
    }
    if (url.pathname === '/api/acting-appointments/a-1/end')
      return json({
        appointment: appointment({ status: 'ended', endedAt: '2026-12-05T03:00:00.000Z' }),
      });
    return json({ error: { code: 'not_found', message: 'no' } }, 404);
  });
  useAppStore.setState({ locale: 'ja', online: true });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the acting chief screen', () => {
  it('lists the appointments with their status and record, and offers an early end only where the chief may', async () => {
    render(<ActingScreen person={chief} />);
    const table = await screen.findByRole('table', { name: '代理の任命（終了したものを含む）' });
    const rows = within(table).getAllByTestId('acting-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining(
        '令和8年12月1日〜令和8年12月10日代理中任命：藤井　由美（令和8年11月25日）',
      ),
      expect.stringContaining(
        '途中で終了任命：藤井　由美（令和8年11月25日）終了：藤井　由美（令和8年11月5日）',
      ),
      expect.stringContaining('人事課'),
    ]);
    // Only the open appointment of the chief's own section; not the ended one, not 人事課's.
    expect(screen.getAllByRole('button', { name: /の代理を終了する$/ })).toHaveLength(1);
  });

  it('appoints a candidate of the chosen unit for a period', async () => {
    render(<ActingScreen person={chief} />);
    const unit = await screen.findByRole('combobox', { name: '所属' });
    expect(
      within(unit)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['総務課（S）', '庶務係（SS）']);
    const who = screen.getByRole('combobox', { name: '代理にする職員' });
    await waitFor(() => expect(within(who).getAllByRole('option')).toHaveLength(2));
    await userEvent.selectOptions(who, 'p-suzuki');
    const first = screen.getByLabelText('開始日');
    const last = screen.getByLabelText('終了日（この日まで）');
    expect((first as HTMLInputElement).value).toBe('2026-12-05');
    await userEvent.clear(last);
    await userEvent.type(last, '2026-12-20');
    await userEvent.click(screen.getByRole('button', { name: '任命する' }));
    await waitFor(() =>
      expect(screen.getByTestId('acting-status').textContent).toBe(
        '鈴木　一郎さんを総務課の代理に任命しました（令和8年12月5日〜令和8年12月20日）。',
      ),
    );
    expect(requests.find((r) => r.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/acting-appointments',
      body: { unitId: 'u-s', personId: 'p-suzuki', startsOn: '2026-12-05', endsOn: '2026-12-20' },
    });
  });

  it("words the server's refusal, and checks the dates before sending", async () => {
    refuseAppointment = 'overlap';
    render(<ActingScreen person={chief} />);
    const who = await screen.findByRole('combobox', { name: '代理にする職員' });
    await waitFor(() => expect(within(who).getAllByRole('option')).toHaveLength(2));
    await userEvent.selectOptions(who, 'p-suzuki');
    await userEvent.click(screen.getByRole('button', { name: '任命する' }));
    expect((await screen.findByRole('alert')).textContent).toContain('期間の重なる代理');

    const last = screen.getByLabelText('終了日（この日まで）');
    await userEvent.clear(last);
    await userEvent.type(last, '2026-12-01');
    const posts = requests.filter((r) => r.method === 'POST').length;
    await userEvent.click(screen.getByRole('button', { name: '任命する' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '終了日は開始日以降の日付にしてください。',
    );
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(posts);
  });

  it('ends an appointment early after a confirmation', async () => {
    render(<ActingScreen person={chief} />);
    await userEvent.click(
      await screen.findByRole('button', { name: '山田　太郎さんの代理を終了する' }),
    );
    expect(screen.getByText(/すぐに代理として確認できなくなります/)).toBeTruthy();
    await userEvent.click(
      screen.getByRole('button', { name: '山田　太郎さんの代理の終了を確定する' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('acting-status').textContent).toBe(
        '山田　太郎さんの代理を終了しました。',
      ),
    );
    expect(requests.some((r) => r.path === '/api/acting-appointments/a-1/end')).toBe(true);
  });

  it('says clearly that it needs the network, and asks nothing of the server offline', async () => {
    useAppStore.setState({ online: false });
    render(<ActingScreen person={chief} />);
    expect(screen.getByText(/ネットワーク接続が必要です/)).toBeTruthy();
    expect(requests).toEqual([]);
  });

  it('has labelled controls and no other accessibility violation axe can see here', async () => {
    const { container } = render(<ActingScreen person={chief} />);
    await screen.findByRole('table');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`),
    ).toEqual([]);
  });
});
