// @vitest-environment happy-dom
// The chief's progress screen: rounds picked from the sheets on the device, the server's
// progress grouped by where each sheet stands with overdue marked, a reminder sent with a
// message, a clear word when offline, and the meeting view's bars or its hidden state.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressScreen } from '@/client/features/section-progress/progress-screen.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import type { MeetingSummary, RoundProgress } from '@/shared/api/schemas.ts';
import {
  person,
  sheet,
  signedInDevice,
  signOutDevice,
  templates,
} from '../support/staff-device.ts';

const chief = person();
const round = {
  templateId: templates.ethics.id,
  fiscalYear: 2026,
  period: 'annual' as const,
  unitId: chief.unitId,
};
const row = (
  sheetId: string,
  name: string,
  state: RoundProgress['sheets'][number]['state'],
  extra: Partial<RoundProgress['sheets'][number]> = {},
): RoundProgress['sheets'][number] => ({
  sheetId,
  unitId: chief.unitId,
  unitName: '総務課',
  owner: { kind: 'person', personId: `p-${sheetId}`, name },
  state,
  dueDate: '2027-01-29',
  overdue: false,
  started: state !== 'draft',
  submittedAt: null,
  lastReminderAt: null,
  ...extra,
});
const progress: RoundProgress = {
  round,
  today: '2027-02-01',
  summary: {
    total: 3,
    notStarted: 1,
    draft: 0,
    returned: 0,
    submitted: 1,
    approved: 1,
    overdue: 1,
  },
  sheets: [
    row('s-1', '山田　太郎', 'draft', { overdue: true }),
    row('s-2', '佐藤　花子', 'submitted', { submittedAt: '2027-01-20T00:00:00.000Z' }),
    row('s-3', '鈴木　一郎', 'approved'),
  ],
};

let meeting: MeetingSummary = { shown: false, minimum: 5 };
const requests: { method: string; path: string; body: unknown }[] = [];

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

beforeEach(async () => {
  requests.length = 0;
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method: init?.method ?? 'GET', path: url.pathname, body });
    if (url.pathname === '/api/progress') return json(progress);
    if (url.pathname === '/api/meeting-summary')
      return json({ round, templateVersion: 1, summary: meeting });
    if (url.pathname === '/api/sheets/s-1/reminders')
      return json({
        sentAt: '2027-02-01T01:00:00.000Z',
        recipients: [{ personId: 'p-s-1', name: '山田　太郎' }],
      });
    return json({ error: { code: 'not_found', message: 'no' } }, 404);
  });
  await signedInDevice(chief, {
    sheets: [
      sheet('s-own', { templateId: templates.ethics.id }),
      sheet('s-risk', { templateId: templates.risk.id, owner: { kind: 'workplace' } }),
    ],
  });
  useAppStore.setState({ online: true });
});

afterEach(() => {
  cleanup();
  signOutDevice();
  vi.unstubAllGlobals();
});

describe('the progress screen', () => {
  it('lists the round by where each sheet stands and sends a reminder with a message', async () => {
    render(<ProgressScreen person={chief} />);
    const select = await screen.findByRole('combobox', { name: '実施回' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      `${templates.ethics.title.ja}（令和8年度 通年）`,
      `${templates.risk.title.ja}（令和8年度 通年）`,
    ]);
    const notStarted = await screen.findByRole('region', { name: /未着手/ });
    const late = within(notStarted).getByTestId('progress-row');
    expect(late.textContent).toContain('山田　太郎');
    expect(late.textContent).toContain('期限切れ');
    expect(screen.getByRole('region', { name: /提出済み（確認待ち）/ }).textContent).toContain(
      '佐藤　花子',
    );
    // Handed-in sheets get no reminder button.
    expect(screen.getAllByRole('button', { name: /にリマインドを送る/ })).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: '山田　太郎にリマインドを送る' }));
    await userEvent.type(
      await screen.findByRole('textbox', { name: /ひとこと/ }),
      '今週中にお願いします',
    );
    await userEvent.click(screen.getByRole('button', { name: '送る' }));
    await waitFor(() =>
      expect(screen.getByTestId('remind-status').textContent).toBe(
        '山田　太郎さんにリマインドを送りました。',
      ),
    );
    expect(requests.find((r) => r.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/sheets/s-1/reminders',
      body: { message: '今週中にお願いします' },
    });
  });

  it('says the network is needed when offline, and asks the server nothing', async () => {
    useAppStore.setState({ online: false });
    render(<ProgressScreen person={chief} />);
    expect(await screen.findByText(/ネットワーク接続が必要です/)).toBeTruthy();
    expect(requests).toEqual([]);
  });

  it('shows nothing of the meeting summary while it is hidden', async () => {
    render(<ProgressScreen person={chief} />);
    await userEvent.click(await screen.findByRole('tab', { name: '朝礼・ミーティング用の集計' }));
    expect((await screen.findByTestId('meeting-hidden')).textContent).toContain('5人未満');
    expect(screen.queryAllByTestId('meeting-statement')).toHaveLength(0);
  });

  it('draws each statement with its counts and positive rate', async () => {
    const item = templates.ethics.sections[0]!.items[0]!;
    meeting = {
      shown: true,
      minimum: 5,
      respondents: 6,
      sections: [
        {
          id: 'gifts',
          title: { ja: '贈答', en: 'Gifts' },
          items: [{ kind: 'agreement4', itemId: item.id, label: item.label, counts: [3, 2, 1, 0] }],
        },
      ],
    };
    render(<ProgressScreen person={chief} />);
    await userEvent.click(await screen.findByRole('tab', { name: '朝礼・ミーティング用の集計' }));
    const statement = await screen.findByTestId('meeting-statement');
    expect(screen.getByText('回答者 6人')).toBeTruthy();
    expect(statement.textContent).toContain('肯定的な回答（①＋②）83.3％');
    expect(
      within(statement)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '① そう思う 3人',
      '② まあそう思う 2人',
      '③ あまりそう思わない 1人',
      '④ そう思わない 0人',
    ]);
  });
});
