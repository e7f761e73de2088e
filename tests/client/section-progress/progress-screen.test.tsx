// @vitest-environment happy-dom
// The chief's progress screen: rounds picked from the sheets on the device and the server's
// list, the units the person may follow up (a department chief's sections, an acting
// chief's unit), the server's progress grouped by where each sheet stands with overdue
// marked, a reminder sent with a message, a clear word when offline, and the meeting view's
// bars or its hidden state.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressScreen } from '@/client/features/section-progress/progress-screen.tsx';
import { replaceDirectory } from '@/client/db/person-db.ts';
import { useAppStore } from '@/client/store/app-store.ts';
import type {
  Directory,
  MeetingSummary,
  RoundProgress,
  SessionPerson,
} from '@/shared/api/schemas.ts';
import type { Round } from '@/shared/schemas/round.ts';
import {
  person,
  sheet,
  signedInDevice,
  signOutDevice,
  templates,
} from '../support/staff-device.ts';
import { json } from '../support/json-response.ts';

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
let listedRounds: Round[] | null = null;
const requests: { method: string; path: string; body: unknown; unitId: string | null }[] = [];

beforeEach(async () => {
  requests.length = 0;
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      body,
      unitId: url.searchParams.get('unitId'),
    });
    if (url.pathname === '/api/progress')
      return json({ ...progress, round: { ...round, unitId: url.searchParams.get('unitId') } });
    if (url.pathname === '/api/rounds' && listedRounds)
      return json({
        rounds: listedRounds.map((r) => ({
          round: r,
          startedByName: null,
          counts: { draft: 0, submitted: 0, returned: 0, approved: 0 },
        })),
      });
    if (url.pathname === '/api/meeting-summary')
      return json({ round, templateVersion: 1, summary: meeting });
    if (url.pathname === '/api/sheets/s-1/reminders')
      return json({
        sentAt: '2027-02-01T01:00:00.000Z',
        recipients: [{ personId: 'p-s-1', name: '山田　太郎' }],
      });
    return json({ error: { code: 'not_found', message: 'no' } }, 404);
  });
  listedRounds = null;
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
      unitId: null,
    });
  });

  it('keeps a reminder’s message through a reload until it is sent', async () => {
    const first = render(<ProgressScreen person={chief} />);
    await userEvent.click(
      await screen.findByRole('button', { name: '山田　太郎にリマインドを送る' }),
    );
    await userEvent.type(await screen.findByRole('textbox', { name: /ひとこと/ }), '金曜までに');
    first.unmount();

    render(<ProgressScreen person={chief} />);
    await userEvent.click(
      await screen.findByRole('button', { name: '山田　太郎にリマインドを送る' }),
    );
    const field = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: /ひとこと/ });
    expect(field.value).toBe('金曜までに');
    await userEvent.click(screen.getByRole('button', { name: '送る' }));
    await screen.findByTestId('remind-status');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ message: '金曜までに' });

    await userEvent.click(screen.getByRole('button', { name: '山田　太郎にリマインドを送る' }));
    expect(
      (await screen.findByRole<HTMLTextAreaElement>('textbox', { name: /ひとこと/ })).value,
    ).toBe('');
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

  it('offers the rounds the server lists besides those on the device, each once', async () => {
    const listed = (templateId: string, fiscalYear: number): Round => ({
      id: `${templateId}.${fiscalYear}.annual`,
      templateId,
      templateVersion: 1,
      fiscalYear,
      period: 'annual',
      dueDate: `${fiscalYear + 1}-01-29`,
      unitIds: [chief.unitId],
      startedBy: 'p-chief',
      startedAt: '2026-04-01T00:00:00.000Z',
    });
    listedRounds = [listed(templates.ethics.id, 2026), listed(templates.documents.id, 2027)];
    render(<ProgressScreen person={chief} />);
    const select = await screen.findByRole('combobox', { name: '実施回' });
    await waitFor(() =>
      expect(
        within(select)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([
        `${templates.documents.title.ja}（令和9年度 通年）`,
        `${templates.ethics.title.ja}（令和8年度 通年）`,
        `${templates.risk.title.ja}（令和8年度 通年）`,
      ]),
    );
  });

  it('offers the server’s rounds when the device holds no sheets', async () => {
    listedRounds = [
      {
        id: `${templates.ethics.id}.2026.annual`,
        templateId: templates.ethics.id,
        templateVersion: 1,
        fiscalYear: 2026,
        period: 'annual',
        dueDate: '2027-01-29',
        unitIds: [chief.unitId],
        startedBy: null,
        startedAt: '2026-04-01T00:00:00.000Z',
      },
    ];
    await signedInDevice(chief, { sheets: [] });
    render(<ProgressScreen person={chief} />);
    const select = await screen.findByRole('combobox', { name: '実施回' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([`${templates.ethics.title.ja}（令和8年度 通年）`]);
    await waitFor(() =>
      expect(requests.find((r) => r.path === '/api/progress')?.unitId).toBe(chief.unitId),
    );
  });

  it('says there is no round yet when neither the device nor the server has one', async () => {
    listedRounds = [];
    await signedInDevice(chief, { sheets: [] });
    render(<ProgressScreen person={chief} />);
    expect(await screen.findByText(/まだ実施回がありません/)).toBeTruthy();
  });

  it('offers nothing from the server offline, and says the device holds no sheets', async () => {
    useAppStore.setState({ online: false });
    await signedInDevice(chief, { sheets: [] });
    render(<ProgressScreen person={chief} />);
    expect(await screen.findByText(/この端末にはまだチェックシートがありません/)).toBeTruthy();
    expect(requests).toEqual([]);
  });
});

describe('the unit picker', () => {
  const unit = (
    id: string,
    kind: Directory['units'][number]['kind'],
    name: string,
    code: string,
    parentId: string | null,
  ): Directory['units'][number] => ({ id, kind, name, code, parentId });
  const directory: Directory = {
    units: [
      unit('b-1', 'bureau', '総務局', '01', null),
      unit('d-1', 'department', '総務部', '0110', 'b-1'),
      unit('u-1', 'section', '総務課', '011001', 'd-1'),
      unit('u-2', 'section', '人事課', '011002', 'd-1'),
      unit('s-1', 'subsection', '庶務係', '01100101', 'u-1'),
      unit('d-2', 'department', '財政部', '0120', 'b-1'),
      unit('u-3', 'section', '財政課', '012001', 'd-2'),
    ],
    people: [],
    seals: [],
    actingAppointments: [],
  };

  async function deviceOf(who: SessionPerson) {
    const db = await signedInDevice(who, {
      sheets: [sheet('s-own', { templateId: templates.ethics.id, unitId: who.unitId })],
    });
    await replaceDirectory(db, directory, new Date());
    useAppStore.setState({ online: true });
  }

  it('lets a department chief look at each section below them, their own first', async () => {
    const head = person({ id: 'p-head', unitId: 'd-1', unitName: '総務部' });
    await deviceOf(head);
    render(<ProgressScreen person={head} />);
    const select = await screen.findByRole('combobox', { name: '対象の所属' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['総務部（0110）', '総務課（011001）', '人事課（011002）', '庶務係（01100101）']);
    expect((select as HTMLSelectElement).value).toBe('d-1');
    await waitFor(() =>
      expect(requests.filter((r) => r.path === '/api/progress').map((r) => r.unitId)).toEqual([
        'd-1',
      ]),
    );

    await userEvent.selectOptions(select, '人事課（011002）');
    await waitFor(() =>
      expect(requests.filter((r) => r.path === '/api/progress').map((r) => r.unitId)).toEqual([
        'd-1',
        'u-2',
      ]),
    );
    await userEvent.click(await screen.findByRole('tab', { name: '朝礼・ミーティング用の集計' }));
    await screen.findByTestId('meeting-view');
    await waitFor(() =>
      expect(requests.find((r) => r.path === '/api/meeting-summary')?.unitId).toBe('u-2'),
    );
  });

  it('shows an acting chief the unit they act for, not their own, at first', async () => {
    const acting = person({
      id: 'p-acting',
      unitId: 's-1',
      unitName: '庶務係',
      roles: ['staff'],
      actingUnitIds: ['u-1'],
    });
    await deviceOf(acting);
    render(<ProgressScreen person={acting} />);
    const select = await screen.findByRole('combobox', { name: '対象の所属' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['総務課（011001）', '庶務係（01100101）']);
    expect((select as HTMLSelectElement).value).toBe('u-1');
    await waitFor(() =>
      expect(requests.find((r) => r.path === '/api/progress')?.unitId).toBe('u-1'),
    );
  });

  it('offers the session’s own and acting units when the device knows no units', async () => {
    const acting = person({ actingUnitIds: ['u-9'] });
    await signedInDevice(acting, { sheets: [sheet('s-own')] });
    useAppStore.setState({ online: false });
    render(<ProgressScreen person={acting} />);
    const select = await screen.findByRole('combobox', { name: '対象の所属' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['総務課', 'u-9']);
    expect((select as HTMLSelectElement).value).toBe(acting.unitId);
    expect(screen.getByText(/ネットワーク接続が必要です/)).toBeTruthy();
  });
});
