// @vitest-environment happy-dom
// Verifying a sheet's history (the check the review screen and the print view both show):
// the server's answer in words (an intact chain with the records counted; for each reason,
// the first record that does not hold, named by its type and time when the device holds it)
// announced to screen readers, progress while the server works, and a plain word when
// offline or when the server fails.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryCheck } from '@/client/components/history-check.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import type { HistoryVerification } from '@/shared/api/schemas.ts';
import type { SheetEvent } from '@/shared/schemas/sheet.ts';
import { json } from '../support/json-response.ts';

const requests: string[] = [];
let answer: () => Promise<Response>;

/** What the device holds of sheet s-1: created, submitted, signed off. */
const events: SheetEvent[] = [
  { sheetId: 's-1', seq: 1, type: 'created', actorId: 'p-chief', at: '2026-05-01T00:00:00.000Z' },
  {
    sheetId: 's-1',
    seq: 2,
    type: 'submitted',
    actorId: 'p-a',
    at: '2026-06-03T01:00:00.000Z',
    contentHash: 'a'.repeat(64),
  },
  {
    sheetId: 's-1',
    seq: 3,
    type: 'approved',
    actorId: 'p-chief',
    at: '2026-07-03T06:30:00.000Z',
    contentHash: 'a'.repeat(64),
  },
];

beforeEach(() => {
  requests.length = 0;
  answer = async () => json({ ok: true, events: 3 } satisfies HistoryVerification);
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(input, 'http://localhost').pathname}`);
    return answer();
  });
  useAppStore.setState({ online: true, locale: 'ja' });
});

afterEach(() => {
  cleanup();
  useAppStore.setState({ locale: 'ja' });
  vi.unstubAllGlobals();
});

async function verifyOnScreen() {
  render(<HistoryCheck sheetId="s-1" events={events} />);
  const check = screen.getByRole('region', { name: '履歴の検証' });
  await userEvent.click(within(check).getByRole('button', { name: '履歴を検証' }));
  return check;
}

describe('verifying a sheet’s history', () => {
  it('shows progress, then says the chain is intact with the records it checked', async () => {
    let release: (response: Response) => void = () => undefined;
    answer = () => new Promise((resolve) => (release = resolve));
    const check = await verifyOnScreen();
    const status = within(check).getByRole('status');
    await waitFor(() => expect(status.textContent).toBe('履歴を検証しています…'));
    expect(within(check).getByRole('button', { name: '履歴を検証' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(check.getAttribute('aria-busy')).toBe('true');

    release(json({ ok: true, events: 3 }));
    await waitFor(() =>
      expect(status.textContent).toBe('履歴は改ざんされていません（3件の記録を確認）。'),
    );
    expect(check.getAttribute('aria-busy')).toBe('false');
    expect(within(check).queryByRole('alert')).toBeNull();
    expect(requests).toEqual(['GET /api/sheets/s-1/verify']);
  });

  const broken: [HistoryVerification & { ok: false }, string][] = [
    [
      { ok: false, events: 3, brokenAt: { seq: 2, reason: 'event_changed' } },
      '2件目の記録が変更されています（提出・令和8年6月3日 10:00）。種類・日時・操作した人・コメントなど、記録したときの内容が書き換えられています。',
    ],
    [
      { ok: false, events: 3, brokenAt: { seq: 2, reason: 'link_broken' } },
      '2件目の記録と、その前の記録とのつながりが切れています（提出・令和8年6月3日 10:00）。前の記録が差し替えられたか、記録が挿入・並べ替えられています。',
    ],
    [
      // The server no longer has record 4; this device never had it either.
      { ok: false, events: 4, brokenAt: { seq: 4, reason: 'event_missing' } },
      '4件目の記録が見つかりません。記録が削除されたか、番号が書き換えられています。',
    ],
    [
      { ok: false, events: 3, brokenAt: { seq: 2, reason: 'content_changed' } },
      '2件目の記録のあと、回答が変更されています（提出・令和8年6月3日 10:00）。提出・確認したときの内容と、サーバーにある今の回答が一致しません。',
    ],
    [
      // After the sign-off.
      { ok: false, events: 3, brokenAt: { seq: 3, reason: 'content_changed' } },
      '3件目の記録のあと、回答が変更されています（確認・令和8年7月3日 15:30）。提出・確認したときの内容と、サーバーにある今の回答が一致しません。',
    ],
    [
      { ok: false, events: 3, brokenAt: { seq: 2, reason: 'snapshot_changed' } },
      '2件目の記録に保存された提出時の内容が変更されています（提出・令和8年6月3日 10:00）。保存された内容が、提出時に記録したハッシュ値と一致しません。',
    ],
  ];
  it.each(broken)(
    'names the first broken record: $brokenAt.reason of record $brokenAt.seq',
    async (result, finding) => {
      answer = async () => json(result);
      const check = await verifyOnScreen();
      const alert = await within(check).findByRole('alert');
      expect(
        within(alert)
          .getAllByRole('paragraph')
          .map((p) => p.textContent),
      ).toEqual([
        finding,
        `記録${result.events}件のうち、最初に見つかった問題です。システム管理者に知らせてください。`,
      ]);
      expect(within(check).getByRole('status').textContent).toBe('');
    },
  );

  it('names the record in English too', async () => {
    useAppStore.setState({ locale: 'en' });
    answer = async () =>
      json({ ok: false, events: 3, brokenAt: { seq: 1, reason: 'event_changed' } });
    render(<HistoryCheck sheetId="s-1" events={events} />);
    await userEvent.click(screen.getByRole('button', { name: 'Verify history' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Record 1 has been changed (created, 1 May 2026 09:00)',
    );
  });

  it('says the network is needed when offline, and asks the server nothing', async () => {
    useAppStore.setState({ online: false });
    render(<HistoryCheck sheetId="s-1" events={events} />);
    const check = screen.getByRole('region', { name: '履歴の検証' });
    const button = within(check).getByRole('button', { name: '履歴を検証' });
    expect(button).toHaveProperty('disabled', true);
    const why = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toBe(
      '履歴の検証はサーバーの記録を確かめるため、ネットワーク接続が必要です。接続できる場所でお使いください。',
    );
    expect(requests).toEqual([]);
  });

  it('says the network is needed when the server cannot be reached', async () => {
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    const check = await verifyOnScreen();
    expect((await within(check).findByRole('alert')).textContent).toContain(
      'ネットワーク接続が必要です',
    );
  });

  it('says the history could not be verified when the server fails, and may be tried again', async () => {
    answer = async () => json({ error: { code: 'internal', message: 'boom' } }, 500);
    const check = await verifyOnScreen();
    expect((await within(check).findByRole('alert')).textContent).toBe(
      '検証できませんでした。しばらくしてからもう一度お試しください。',
    );
    expect(within(check).getByRole('button', { name: '履歴を検証' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('says so when the sheet is out of the person’s reach', async () => {
    answer = async () => json({ error: { code: 'forbidden', message: 'no' } }, 403);
    const check = await verifyOnScreen();
    expect((await within(check).findByRole('alert')).textContent).toBe(
      'このチェックシートの履歴を検証する権限がありません。',
    );
  });

  it('takes the heading level and a class from the screen that shows it', () => {
    const { unmount } = render(<HistoryCheck sheetId="s-1" events={events} />);
    expect(screen.getByRole('heading', { name: '履歴の検証' }).tagName).toBe('H3');
    expect(screen.getByTestId('history-check').className).toBe('panel history-check');
    unmount();
    render(<HistoryCheck sheetId="s-1" events={events} className="no-print" headingLevel={2} />);
    expect(screen.getByRole('heading', { name: '履歴の検証' }).tagName).toBe('H2');
    expect(screen.getByTestId('history-check').className).toBe('panel history-check no-print');
  });
});
