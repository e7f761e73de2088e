// @vitest-environment happy-dom
// Verifying a sheet's history from its print view: the same words as on the review screen,
// announced to screen readers, a plain word offline or when the server fails, and nothing of
// it on the paper.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SheetPrint } from '@/client/features/sheet-print/sheet-print.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import { person, sheet, signedInDevice, signOutDevice } from '../support/staff-device.ts';

const staff = person({ id: 'p-a', name: '青木　一郎', roles: ['staff'] });
const requests: string[] = [];
let answer: () => Promise<Response>;

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

beforeEach(async () => {
  requests.length = 0;
  answer = async () => json({ ok: true, events: 3 });
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(input, 'http://localhost').pathname}`);
    return answer();
  });
  await signedInDevice(staff, {
    sheets: [
      sheet('s-1', { state: 'approved', revision: 4, owner: { kind: 'person', personId: 'p-a' } }),
    ],
    events: [
      {
        sheetId: 's-1',
        seq: 1,
        type: 'created',
        actorId: 'p-chief',
        at: '2026-05-01T00:00:00.000Z',
      },
      {
        sheetId: 's-1',
        seq: 2,
        type: 'submitted',
        actorId: 'p-a',
        at: '2026-07-02T01:00:00.000Z',
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
    ],
  });
  useAppStore.setState({ online: true });
});

afterEach(() => {
  cleanup();
  signOutDevice();
  vi.unstubAllGlobals();
});

async function verifyOnScreen() {
  render(<SheetPrint sheetId="s-1" person={staff} />);
  const check = await screen.findByTestId('history-check');
  await userEvent.click(within(check).getByRole('button', { name: '履歴を検証' }));
  return check;
}

describe('verifying the history on the print view', () => {
  it('says the chain is intact, and leaves the whole check off the paper', async () => {
    const check = await verifyOnScreen();
    await waitFor(() =>
      expect(within(check).getByRole('status').textContent).toBe(
        '履歴は改ざんされていません（3件の記録を確認）。',
      ),
    );
    expect(requests).toEqual(['GET /api/sheets/s-1/verify']);
    // Marked no-print, which the print stylesheet hides (with every button).
    expect(check.classList.contains('no-print')).toBe(true);
    const css = readFileSync(join(import.meta.dirname, '../../../src/client/styles.css'), 'utf8');
    const print = css.slice(css.indexOf('@media print'));
    const hiding = print.slice(
      print.indexOf('.no-print'),
      print.indexOf('}', print.indexOf('.no-print')),
    );
    expect(hiding).toMatch(/^\.no-print,[^{]*\{\s*display: none !important;/);
  });

  it('names the sign-off after which the answers changed', async () => {
    answer = async () =>
      json({ ok: false, events: 3, brokenAt: { seq: 3, reason: 'content_changed' } });
    const check = await verifyOnScreen();
    const alert = await within(check).findByRole('alert');
    expect(alert.textContent).toBe(
      '3件目の記録のあと、回答が変更されています（確認・令和8年7月3日 15:30）。提出・確認したときの内容と、サーバーにある今の回答が一致しません。' +
        '記録3件のうち、最初に見つかった問題です。システム管理者に知らせてください。',
    );
  });

  it('says the network is needed when offline, and asks the server nothing', async () => {
    useAppStore.setState({ online: false });
    render(<SheetPrint sheetId="s-1" person={staff} />);
    const check = await screen.findByTestId('history-check');
    expect(within(check).getByRole('button', { name: '履歴を検証' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(check.textContent).toContain(
      '履歴の検証はサーバーの記録を確かめるため、ネットワーク接続が必要です。',
    );
    expect(requests).toEqual([]);
  });

  it('says the history could not be verified when the server fails', async () => {
    answer = async () => json({ error: { code: 'internal', message: 'boom' } }, 503);
    const check = await verifyOnScreen();
    expect((await within(check).findByRole('alert')).textContent).toBe(
      '検証できませんでした。しばらくしてからもう一度お試しください。',
    );
  });
});
