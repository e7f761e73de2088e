// @vitest-environment happy-dom
// The rounds screen: a chief starts a round for their unit tree with the fiscal year in 和暦,
// a round that exists keeps its due date, refusals and the form's own checks are explained,
// an administrator picks many units, the rounds started are listed, the seal register is
// kept, and with no network the screen says so and sends nothing.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoundsScreen } from '@/client/features/rounds/rounds-screen.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import type { RoundListing, SealRegister } from '@/shared/api/schemas.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { person, templates } from '../support/staff-device.ts';
import { json } from '../support/json-response.ts';

const chief = person();
const unit = (id: string, name: string, kind: Unit['kind'], parentId: string | null): Unit => ({
  id,
  code: id.replace(/\D/g, '') || '1',
  name,
  kind,
  parentId,
});
let units: Unit[] = [];
const ethicsRound: RoundListing = {
  round: {
    id: `${templates.ethics.id}.2026.annual`,
    templateId: templates.ethics.id,
    templateVersion: 1,
    fiscalYear: 2026,
    period: 'annual',
    dueDate: '2027-01-29',
    unitIds: ['u-1', 'u-2'],
    startedBy: 'p-admin',
    startedAt: '2026-04-01T00:00:00.000Z',
  },
  startedByName: '管理　一郎',
  counts: { draft: 3, submitted: 2, returned: 1, approved: 4 },
};
let register: SealRegister;
const requests: { method: string; path: string; body: unknown }[] = [];
/** The answer to the next POST /api/rounds. */
let startAnswer: { status: number; body: unknown };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-24T03:00:00Z'));
  units = [
    unit('u-9', '総務部', 'department', null),
    unit('u-1', '総務課', 'section', 'u-9'),
    unit('u-11', '庶務係', 'subsection', 'u-1'),
    unit('u-2', '人事課', 'section', 'u-9'),
  ];
  register = {
    seals: [
      {
        id: 'seal-1-1',
        unitId: 'u-1',
        name: '総務課長印',
        custodianId: 'p-keeper',
        location: '金庫',
        active: true,
      },
    ],
    custodians: [
      { id: 'p-keeper', name: '保管　守', staffNumber: '100100' },
      { id: 'p-other', name: '別の　人', staffNumber: '100101' },
    ],
  };
  startAnswer = {
    status: 200,
    body: {
      round: { ...ethicsRound.round, id: 'x', templateId: templates.documents.id },
      created: 12,
      carriedForward: 0,
    },
  };
  requests.length = 0;
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path: url.pathname, body });
    if (url.pathname === '/api/units') return json({ units });
    if (url.pathname === '/api/templates')
      return json({ templates: [templates.ethics, templates.documents, templates.risk] });
    if (url.pathname === '/api/rounds' && method === 'GET') return json({ rounds: [ethicsRound] });
    if (url.pathname === '/api/rounds') return json(startAnswer.body, startAnswer.status);
    if (url.pathname === '/api/units/u-1/seals' && method === 'GET') return json(register);
    if (url.pathname === '/api/units/u-1/seals')
      return json({ seal: { unitId: 'u-1', id: body.id ?? 'seal-1-2', ...body }, created: 2 });
    return json({ error: { code: 'not_found', message: 'no' } }, 404);
  });
  useAppStore.setState({ online: true, locale: 'ja' });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const posted = (path: string) =>
  requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => r.body);

describe('starting a round', () => {
  it('starts a round for the chief’s unit tree, with the year in 和暦, and says what it created', async () => {
    render(<RoundsScreen person={chief} />);
    const form = await screen.findByRole('form', { name: '実施回を開始する' });
    const boxes = within(form).getAllByRole('checkbox');
    expect(boxes.map((b) => b.closest('label')?.textContent)).toEqual([
      '総務課（1）',
      '庶務係（11）',
    ]);
    expect(boxes.every((b) => (b as HTMLInputElement).checked)).toBe(true);
    const year = within(form).getByRole('combobox', { name: '年度' });
    expect(
      within(year)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['令和8年度', '令和9年度']);

    await userEvent.selectOptions(
      within(form).getByRole('combobox', { name: 'チェックシート' }),
      templates.documents.id,
    );
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: '期間' }), 'q4');
    await userEvent.type(within(form).getByLabelText('提出期限'), '2027-03-15');
    expect(form.textContent).toContain('令和9年3月15日まで');
    await userEvent.click(within(form).getByRole('button', { name: '開始する' }));

    expect(await screen.findByText('チェックシートを12件作成しました。')).toBeTruthy();
    expect(posted('/api/rounds')).toEqual([
      {
        templateId: templates.documents.id,
        templateVersion: templates.documents.version,
        fiscalYear: 2026,
        period: 'q4',
        dueDate: '2027-03-15',
        unitIds: ['u-1', 'u-11'],
      },
    ]);
    // The list is loaded again, to show the new round.
    expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/rounds')).toHaveLength(2);
  });

  it('keeps the due date of a round that exists, and explains the form’s checks and refusals', async () => {
    render(<RoundsScreen person={chief} />);
    const form = await screen.findByRole('form', { name: '実施回を開始する' });
    const due = within(form).getByLabelText('提出期限') as HTMLInputElement;
    expect(due.value).toBe('2027-01-29');
    expect(due.readOnly).toBe(true);
    expect(form.textContent).toContain('この実施回は開始済みです（提出期限 令和9年1月29日）');

    await userEvent.click(within(form).getByRole('button', { name: '選択を解除する' }));
    await userEvent.click(within(form).getByRole('button', { name: '開始する' }));
    expect(within(form).getByRole('alert').textContent).toBe('対象の所属を1つ以上選んでください。');
    expect(posted('/api/rounds')).toEqual([]);

    await userEvent.click(within(form).getByRole('checkbox', { name: '総務課（1）' }));
    startAnswer = {
      status: 409,
      body: { error: { code: 'round_other_due_date', message: 'no' } },
    };
    await userEvent.click(within(form).getByRole('button', { name: '開始する' }));
    expect((await within(form).findByRole('alert')).textContent).toContain(
      '別の提出期限で開始済み',
    );
    expect(posted('/api/rounds')).toHaveLength(1);
  });

  it('names the due date of a round the chief cannot see, and takes it at a touch', async () => {
    render(<RoundsScreen person={chief} />);
    const form = await screen.findByRole('form', { name: '実施回を開始する' });
    // Another section's chief started the documents round: it is not in this chief's list.
    await userEvent.selectOptions(
      within(form).getByRole('combobox', { name: 'チェックシート' }),
      templates.documents.id,
    );
    const due = within(form).getByLabelText('提出期限') as HTMLInputElement;
    expect(due.readOnly).toBe(false);
    await userEvent.type(due, '2027-03-15');
    startAnswer = {
      status: 409,
      body: {
        error: {
          code: 'round_other_due_date',
          message: 'no',
          round: { dueDate: '2027-02-26', templateVersion: templates.documents.version },
        },
      },
    };
    await userEvent.click(within(form).getByRole('button', { name: '開始する' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'この実施回は提出期限 令和9年2月26日 で開始済みです。所属を追加するときは同じ提出期限にしてください。',
    );

    await userEvent.click(within(form).getByRole('button', { name: 'この提出期限にする' }));
    expect(due.value).toBe('2027-02-26');
    expect(form.textContent).toContain('令和9年2月26日まで');
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(within(form).queryByRole('button', { name: 'この提出期限にする' })).toBeNull();
    const startButton = within(form).getByRole('button', { name: '開始する' });
    expect(document.activeElement).toBe(startButton);

    startAnswer = {
      status: 200,
      body: {
        round: { ...ethicsRound.round, id: 'x', templateId: templates.documents.id },
        created: 2,
        carriedForward: 0,
      },
    };
    await userEvent.click(startButton);
    expect(await screen.findByText('チェックシートを2件作成しました。')).toBeTruthy();
    expect(posted('/api/rounds').map((body) => (body as { dueDate: string }).dueDate)).toEqual([
      '2027-03-15',
      '2027-02-26',
    ]);
  });

  it('names the version a round was started with, in English too, and survives a garbled answer', async () => {
    useAppStore.setState({ locale: 'en' });
    render(<RoundsScreen person={chief} />);
    const form = await screen.findByRole('form', { name: 'Start a round' });
    await userEvent.selectOptions(
      within(form).getByRole('combobox', { name: 'Check sheet' }),
      templates.documents.id,
    );
    await userEvent.type(within(form).getByLabelText('Due'), '2027-03-15');
    startAnswer = {
      status: 409,
      body: {
        error: {
          code: 'round_other_version',
          message: 'no',
          round: { dueDate: '2027-02-26', templateVersion: 1 },
        },
      },
    };
    await userEvent.click(within(form).getByRole('button', { name: 'Start' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'This round was started with version 1 of this sheet.',
    );
    expect(within(form).queryByRole('button', { name: 'Use this due date' })).toBeNull();

    startAnswer = {
      status: 409,
      body: { error: { code: 'round_other_due_date', message: 'no', round: { dueDate: 'soon' } } },
    };
    await userEvent.click(within(form).getByRole('button', { name: 'Start' }));
    expect(
      await within(form).findByText('This could not be done. Please try again in a moment.'),
    ).toBe(within(form).getByRole('alert'));
    expect(within(form).queryByRole('button', { name: 'Use this due date' })).toBeNull();
  });

  it('lets an administrator filter every unit and choose those shown', async () => {
    units = [
      ...units,
      ...Array.from({ length: 6 }, (_, i) =>
        unit(`u-3${i}`, `北区役所 区民課${i + 1}`, 'section', 'u-9'),
      ),
    ];
    render(<RoundsScreen person={person({ id: 'p-admin', roles: ['staff', 'admin'] })} />);
    const form = await screen.findByRole('form', { name: '実施回を開始する' });
    expect(within(form).getAllByRole('checkbox')).toHaveLength(10);
    expect(within(form).getByText('0所属を選択中')).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('所属を絞り込む'), '北区');
    await userEvent.click(within(form).getByRole('button', { name: '表示中の所属をすべて選ぶ' }));
    expect(within(form).getByText('6所属を選択中')).toBeTruthy();
  });

  it('lists the rounds started with their progress', async () => {
    render(<RoundsScreen person={chief} />);
    const table = await screen.findByTestId('rounds-table');
    const row = within(table).getAllByRole('row')[1];
    expect(row?.textContent).toContain(templates.ethics.title.ja);
    expect(row?.textContent).toContain('令和8年度 通年');
    expect(row?.textContent).toContain('令和9年1月29日');
    expect(row?.textContent).toContain('管理　一郎（令和8年4月1日）');
    expect(row?.textContent).toContain('未提出 3・提出済み 2・差し戻し 1・確認済み 4');
  });

  it('says when there is no network, and sends nothing', async () => {
    render(<RoundsScreen person={chief} />);
    const form = await screen.findByRole('form', { name: '実施回を開始する' });
    useAppStore.setState({ online: false });
    expect(await screen.findByText(/ネットワーク接続が必要です/)).toBeTruthy();
    expect(
      (within(form).getByRole('button', { name: '開始する' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });
});

describe('the seal register', () => {
  it('changes a seal, adds one, and checks the form first', async () => {
    render(<RoundsScreen person={chief} />);
    const table = await screen.findByTestId('seals-table');
    expect(table.textContent).toContain('保管\u3000守');
    const form = screen.getByRole('form', { name: '公印を追加する' });

    await userEvent.click(within(form).getByRole('button', { name: '保存する' }));
    expect(within(form).getByRole('alert').textContent).toBe('公印の名称を入力してください。');
    expect(posted('/api/units/u-1/seals')).toEqual([]);

    await userEvent.click(within(table).getByRole('button', { name: '総務課長印を編集' }));
    const editing = screen.getByRole('form', { name: '公印を編集する: 総務課長印' });
    const location = within(editing).getByLabelText('保管場所');
    await userEvent.clear(location);
    await userEvent.type(location, '課長席の金庫');
    await userEvent.click(within(editing).getByRole('button', { name: '保存する' }));
    expect(
      await screen.findByText('「総務課長印」を保存し、公印管理チェックリストを2件作成しました。'),
    ).toBeTruthy();

    const adding = screen.getByRole('form', { name: '公印を追加する' });
    await userEvent.type(within(adding).getByLabelText('公印の名称'), '庶務係長印');
    await userEvent.selectOptions(within(adding).getByLabelText('公印管守者'), 'p-other');
    await userEvent.type(within(adding).getByLabelText('保管場所'), '庶務係の金庫');
    await userEvent.click(within(adding).getByRole('button', { name: '保存する' }));
    await screen.findByText(/「庶務係長印」を保存し/);
    expect(posted('/api/units/u-1/seals')).toEqual([
      {
        id: 'seal-1-1',
        name: '総務課長印',
        custodianId: 'p-keeper',
        location: '課長席の金庫',
        active: true,
      },
      { name: '庶務係長印', custodianId: 'p-other', location: '庶務係の金庫', active: true },
    ]);
  });
});
