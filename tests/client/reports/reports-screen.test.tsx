// @vitest-environment happy-dom
// The auditors' report screens against a stubbed server: the completion dashboard sorted and
// opened down to a section's sheets (a print link only for a sheet the device holds); the
// answers with △ for a fall in Japanese, "—" for a hidden group and a fall of 5 points or
// more marked in words; the risk register by type; downloads named by the operation's
// address; and offline, the last report kept on the device with when it was made, or a
// clear word that there is none.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReportsScreen } from '@/client/features/reports/reports-screen.tsx';
import type { ReportTab } from '@/client/navigation/router.ts';
import { useAppStore } from '@/client/store/app-store.ts';
import type {
  AnswerTrendsReport,
  CompletionReport,
  NoSharesReport,
  RiskRegisterReport,
  RoundListing,
  RoundProgress,
} from '@/shared/api/schemas.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import {
  person,
  sheet,
  signedInDevice,
  signOutDevice,
  templates,
} from '../support/staff-device.ts';

const auditor = person({
  id: 'p-audit',
  staffNumber: '100037',
  name: '金子　茂',
  unitId: 'u101030',
  unitName: 'コンプライアンス推進課',
  roles: ['staff', 'auditor'],
});
const fiscalYear = 2026;
const generatedAt = '2026-11-24T00:00:00.000Z';
/** How the screens print generatedAt: the day in 和暦 and the time in Japan. */
const asOf = '令和8年11月24日 09:00 時点';

const unit = (id: string, name: string, kind: Unit['kind'], parentId: string | null): Unit => ({
  id,
  code: id.slice(1),
  name,
  nameEn: `${kind} ${id}`,
  kind,
  parentId,
});
const bureau = unit('u10', '総務局', 'bureau', null);
const department = unit('u1010', '総務部', 'department', 'u10');
const general = unit('u101010', '総務課', 'section', 'u1010');
const personnel = unit('u101020', '人事課', 'section', 'u1010');
const finance = unit('u20', '財政局', 'bureau', null);
const units = [bureau, department, general, personnel, finance];

type Figures = CompletionReport['city'];
const figures = (assigned: number, approved: number, rate: number | null): Figures => ({
  assigned,
  draft: assigned - approved,
  submitted: 0,
  returned: 0,
  approved,
  overdue: 0,
  completionRate: rate,
  approvalRate: rate,
  medianDaysToApproval: approved > 0 ? 2.5 : null,
});
const completion: CompletionReport = {
  fiscalYear,
  templateId: null,
  period: null,
  generatedAt,
  today: '2026-11-24',
  city: figures(40, 12, 30),
  units: [
    { unit: bureau, depth: 0, ...figures(30, 12, 40) },
    { unit: department, depth: 1, ...figures(30, 12, 40) },
    { unit: general, depth: 2, ...figures(20, 11, 55) },
    { unit: personnel, depth: 2, ...figures(10, 1, 10) },
    { unit: finance, depth: 0, ...figures(10, 0, 0) },
  ],
};

const ethicsRound: RoundListing = {
  round: {
    id: `${templates.ethics.id}.${fiscalYear}.annual`,
    templateId: templates.ethics.id,
    templateVersion: 1,
    fiscalYear,
    period: 'annual',
    dueDate: '2027-01-29',
    unitIds: [general.id, personnel.id],
    startedBy: 'p-admin',
    startedAt: '2026-04-01T00:00:00.000Z',
  },
  startedByName: '管理　一郎',
  counts: { draft: 28, submitted: 0, returned: 0, approved: 12 },
};
const round = {
  templateId: templates.ethics.id,
  fiscalYear,
  period: 'annual' as const,
  unitId: null,
};

const statements = templates.ethics.sections[0]!.items;
const cells = (
  lastYear: number | null,
  thisYear: number | null,
  difference: number | null,
  drop = false,
) => ({
  lastYear: lastYear === null ? null : { answered: 40, rate: lastYear },
  thisYear: thisYear === null ? null : { answered: 38, rate: thisYear },
  difference,
  drop,
});
const breakdownsOf = (age: ReturnType<typeof cells>) => ({
  ageBand: [
    { group: 'under_30' as const, ...cells(null, null, null) },
    { group: '30s' as const, ...age },
    { group: '40s' as const, ...cells(80, 82, 2) },
    { group: '50s' as const, ...cells(90, 90, 0) },
    { group: '60_and_over' as const, ...cells(null, null, null) },
  ],
  employmentType: [
    { group: 'regular' as const, ...cells(85.6, 84.3, -1.3) },
    { group: 'reappointed' as const, ...cells(null, null, null) },
    { group: 'fiscal_year' as const, ...cells(null, null, null) },
  ],
  position: [],
  role: [
    { group: 'chief' as const, ...cells(null, null, null) },
    { group: 'staff' as const, ...cells(85.6, 84.3, -1.3) },
  ],
});
const trends: AnswerTrendsReport = {
  round,
  lastFiscalYear: fiscalYear - 1,
  templateVersion: 1,
  generatedAt,
  minimumGroup: 5,
  dropPoints: 5,
  respondents: { thisYear: 38, lastYear: 40 },
  items: [
    {
      itemId: statements[0]!.id,
      no: 1,
      label: statements[0]!.label,
      all: cells(85.6, 84.3, -1.3),
      breakdowns: breakdownsOf(cells(88, 80.5, -7.5, true)),
    },
    {
      itemId: statements[1]!.id,
      no: 2,
      label: statements[1]!.label,
      all: cells(90, 82.5, -7.5, true),
      breakdowns: breakdownsOf(cells(70, 72.1, 2.1)),
    },
  ],
};
const noShares: NoSharesReport = {
  round,
  templateVersion: 1,
  generatedAt,
  minimumGroup: 5,
  unit: null,
  columns: [
    { unit: bureau, own: false },
    { unit: finance, own: false },
  ],
  items: [],
};

const riskCounts = (over: Partial<RiskRegisterReport['total']> = {}) => ({
  sheets: 1,
  risks: 2,
  high: 1,
  medium: 1,
  low: 0,
  overdue: 1,
  deficiencies: 2,
  design: 1,
  operation: 0,
  material: 1,
  openDeficiencies: 1,
  ...over,
});
const risk = (rowId: string, over: Partial<RiskRegisterReport['risks'][number]>) => ({
  sheetId: `risk.${fiscalYear}.annual.${general.id}`,
  sheetState: 'submitted' as const,
  unitId: general.id,
  rowId,
  process: '窓口での現金の収納',
  risk: '釣り銭の誤り',
  cause: null,
  likelihood: 2,
  impact: 2,
  priority: 'medium' as const,
  currentControls: null,
  countermeasure: '二人で数える',
  owner: '山田',
  dueDate: '2026-12-31',
  status: 'in_progress' as const,
  overdue: false,
  ...over,
});
const deficiency = (rowId: string, over: Partial<RiskRegisterReport['deficiencies'][number]>) => ({
  sheetId: `risk.${fiscalYear}.annual.${general.id}`,
  sheetState: 'submitted' as const,
  unitId: general.id,
  rowId,
  whatHappened: '通知の宛先を誤った',
  occurredOn: '2026-06-01',
  type: 'design' as const,
  causeAnalysis: '宛名の確認手順がなかった',
  response: '相手方に謝罪し回収した',
  prevention: '複数人で確認する',
  status: 'done' as const,
  ...over,
});
const register: RiskRegisterReport = {
  fiscalYear,
  unitId: null,
  generatedAt,
  today: '2026-11-24',
  risks: [
    risk('r-1', {}),
    risk('r-2', {
      risk: '個人情報の誤送付',
      likelihood: 3,
      impact: 3,
      priority: 'high',
      dueDate: '2026-10-31',
      status: 'not_started',
      overdue: true,
    }),
  ],
  deficiencies: [
    deficiency('d-1', {}),
    deficiency('d-2', { type: 'material', whatHappened: '公金の紛失', status: 'in_progress' }),
  ],
  units: [
    { unit: bureau, depth: 0, counts: riskCounts() },
    { unit: department, depth: 1, counts: riskCounts() },
    { unit: general, depth: 2, counts: riskCounts() },
  ],
  total: riskCounts(),
};

const progressRow = (
  sheetId: string,
  name: string,
  state: RoundProgress['sheets'][number]['state'],
) => ({
  sheetId,
  unitId: general.id,
  unitName: general.name,
  owner: { kind: 'person' as const, personId: `p-${sheetId}`, name },
  state,
  dueDate: '2027-01-29',
  overdue: false,
  started: true,
  submittedAt: state === 'draft' ? null : '2026-11-01T01:00:00.000Z',
  lastReminderAt: null,
});
const progress: RoundProgress = {
  round: { ...round, unitId: general.id },
  today: '2026-11-24',
  summary: {
    total: 2,
    notStarted: 0,
    draft: 0,
    returned: 0,
    submitted: 1,
    approved: 1,
    overdue: 0,
  },
  sheets: [
    progressRow('held-sheet', '山田　太郎', 'approved'),
    progressRow('far-sheet', '佐藤　花子', 'submitted'),
  ],
};

const requests: string[] = [];

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-24T03:00:00Z'));
  requests.length = 0;
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    switch (url.pathname) {
      case '/api/rounds':
        return json({ rounds: [ethicsRound] });
      case '/api/units':
        return json({ units });
      case '/api/reports/completion':
        return json(completion);
      case '/api/reports/answer-trends':
        return json(trends);
      case '/api/reports/no-shares':
        return json(noShares);
      case '/api/reports/risk-register':
        return json(register);
      case '/api/progress':
        return json(progress);
      default:
        return json({ error: { code: 'not_found', message: 'no' } }, 404);
    }
  });
  await signedInDevice(auditor, {
    sheets: [
      sheet('held-sheet', {
        unitId: general.id,
        owner: { kind: 'person', personId: 'p-held-sheet' },
      }),
    ],
  });
  useAppStore.setState({ online: true });
});

afterEach(() => {
  cleanup();
  signOutDevice();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function show(tab: ReportTab) {
  return render(<ReportsScreen tab={tab} />);
}

/** The unit names of the dashboard's table, top to bottom. */
function tableUnits(): string[] {
  return screen
    .getAllByTestId('completion-row')
    .map(
      (row) =>
        within(row).getByRole('rowheader').querySelector('button')?.firstChild?.textContent ?? '',
    );
}

describe('the completion dashboard', () => {
  it('shows the city, sorts the units and opens them down to a section’s sheets', async () => {
    show('completion');
    expect(await screen.findByText(asOf)).toBeTruthy();
    expect(screen.getByTestId('summary-assigned').textContent).toBe('40');
    expect(screen.getByTestId('summary-completionRate').textContent).toBe('30.0');
    expect(screen.getByTestId('summary-medianDaysToApproval').textContent).toBe('2.5');
    expect(tableUnits()).toEqual(['総務局', '財政局']);
    expect(screen.getAllByTestId('completion-bar')).toHaveLength(2);

    // The lowest completion rate first, then the other way round.
    await userEvent.click(screen.getByRole('button', { name: /^提出率\(%\)/ }));
    expect(tableUnits()).toEqual(['財政局', '総務局']);
    expect(screen.getByRole('columnheader', { name: /^提出率/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await userEvent.click(screen.getByRole('button', { name: /^提出率\(%\)/ }));
    expect(tableUnits()).toEqual(['総務局', '財政局']);
    expect(screen.getByRole('columnheader', { name: /^提出率/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );

    await userEvent.click(screen.getByRole('button', { name: /^総務局/ }));
    expect(tableUnits()).toEqual(['総務部']);
    await userEvent.click(screen.getByRole('button', { name: /^総務部/ }));
    expect(screen.getByRole('heading', { name: '総務部の提出状況' })).toBe(document.activeElement);
    const rows = screen.getAllByTestId('completion-row');
    expect(rows.map((r) => r.getAttribute('data-unit'))).toEqual(['101010', '101020']);
    expect(within(rows[1]!).getByTestId('cell-medianDaysToApproval').textContent).toBe('2.5');
    expect(within(rows[0]!).getByTestId('cell-approved').textContent).toBe('11');

    await userEvent.click(screen.getByRole('button', { name: /^総務課/ }));
    const path = screen.getByRole('navigation', { name: '表示している階層' });
    expect(path.textContent).toBe('市全体総務局総務部総務課');
    const sheets = await screen.findAllByTestId('unit-sheet');
    expect(sheets.map((s) => s.textContent)).toEqual([
      expect.stringContaining('山田　太郎'),
      expect.stringContaining('佐藤　花子'),
    ]);
    // The device holds one of the two: only that one links to its print view.
    await waitFor(() =>
      expect(
        within(sheets[0]!).getByRole('link', {
          name: '山田　太郎のチェックシートを印刷用の表示で開く',
        }),
      ).toBeTruthy(),
    );
    expect(within(sheets[1]!).queryByRole('link')).toBeNull();
    expect(sheets[1]!.textContent).toContain('この端末になし');
    expect(requests).toContain(
      `/api/progress?templateId=${templates.ethics.id}&fiscalYear=${fiscalYear}&period=annual&unitId=${general.id}`,
    );

    await userEvent.click(within(path).getByRole('button', { name: '市全体' }));
    expect(tableUnits()).toEqual(['総務局', '財政局']);
  });

  it('offers the table as CSV and XLSX for the year and round chosen, in the person’s language', async () => {
    show('completion');
    await screen.findByText(asOf);
    const downloads = screen.getByRole('group', { name: '提出状況の表のダウンロード' });
    const links = within(downloads).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      `/api/reports/completion?fiscalYear=${fiscalYear}&format=csv&lang=ja`,
      `/api/reports/completion?fiscalYear=${fiscalYear}&format=xlsx&lang=ja`,
    ]);
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: '実施回' }),
      `${templates.ethics.id}|annual`,
    );
    await waitFor(() =>
      expect(within(downloads).getAllByRole('link')[0]!.getAttribute('href')).toBe(
        `/api/reports/completion?fiscalYear=${fiscalYear}&templateId=${templates.ethics.id}&period=annual&format=csv&lang=ja`,
      ),
    );
  });
});

describe('the answers', () => {
  it('write a fall with △ in Japanese, hide small groups as "—" and mark a fall of 5 points in words', async () => {
    show('answers');
    const table = await screen.findByTestId('trends-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['No.', '設問', '令和7年度(%)', '令和8年度(%)', '増減(ポイント)', '回答数']);
    const [first, second] = within(table).getAllByTestId('trend-item');
    expect(within(first!).getByTestId('trend-difference').textContent).toBe('△ 1.3');
    expect(first!.querySelector('tr.drop')).toBeNull();
    expect(within(second!).getByTestId('trend-difference').textContent).toBe('△ 7.5▼低下');
    expect(second!.querySelector('tr')?.className).toBe('drop');

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: '属性別の内訳' }),
      'ageBand',
    );
    const groups = within(first!).getAllByTestId('trend-group');
    expect(groups.map((g) => g.querySelector('th')?.textContent)).toEqual([
      '30歳未満',
      '30代',
      '40代',
      '50代',
      '60歳以上',
    ]);
    expect(Array.from(groups[0]!.querySelectorAll('td'), (td) => td.textContent)).toEqual([
      '—',
      '—',
      '—',
      '—',
    ]);
    expect(groups[1]!.className).toBe('drop');
    expect(within(groups[1]!).getByTestId('trend-drop').textContent).toBe('▼低下');
    expect(within(groups[2]!).getByTestId('trend-difference').textContent).toBe('2.0');

    // Only what fell that far: the second statement overall, the first in one age band.
    await userEvent.click(
      screen.getByRole('checkbox', { name: '5ポイント以上下がったものだけ表示' }),
    );
    expect(within(table).getAllByTestId('trend-item')).toHaveLength(2);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '属性別の内訳' }), '');
    expect(within(table).getAllByTestId('trend-item')).toHaveLength(1);
  });

  it('write a fall with a minus sign in English', async () => {
    useAppStore.setState({ locale: 'en' });
    show('answers');
    const table = await screen.findByTestId('trends-table');
    const [first] = within(table).getAllByTestId('trend-item');
    expect(within(first!).getByTestId('trend-difference').textContent).toBe('-1.3');
    expect(within(table).getAllByRole('columnheader')[2]!.textContent).toBe('FY2025 (%)');
  });

  it('ask the server for the first round of the year and the unit chosen', async () => {
    show('answers');
    await screen.findByTestId('trends-table');
    await userEvent.selectOptions(
      await screen.findByRole('combobox', { name: '所属（下位の所属を含む）' }),
      general.id,
    );
    await waitFor(() =>
      expect(requests).toContain(
        `/api/reports/answer-trends?templateId=${templates.ethics.id}&fiscalYear=${fiscalYear}&period=annual&unitId=${general.id}`,
      ),
    );
    expect(requests).toContain(
      `/api/reports/no-shares?templateId=${templates.ethics.id}&fiscalYear=${fiscalYear}&period=annual&unitId=${general.id}`,
    );
  });
});

describe('the risk register', () => {
  it('puts the high risks first, marks an overdue countermeasure and lists deficiencies by type', async () => {
    show('risks');
    const table = await screen.findByTestId('risk-table');
    const rows = within(table).getAllByTestId('risk-row');
    expect(rows[0]!.textContent).toContain('個人情報の誤送付');
    expect(rows[0]!.textContent).toContain('3 × 3');
    expect(rows[0]!.textContent).toContain('期限超過');
    expect(rows[1]!.textContent).not.toContain('期限超過');
    await userEvent.click(screen.getByRole('checkbox', { name: '期限を過ぎた対応策だけ表示' }));
    expect(within(screen.getByTestId('risk-table')).getAllByTestId('risk-row')).toHaveLength(1);

    expect(within(screen.getByTestId('deficiency-design')).getByRole('heading').textContent).toBe(
      '整備上の不備 1件',
    );
    expect(screen.getByTestId('deficiency-material').textContent).toContain('公金の紛失');
    expect(screen.queryByTestId('deficiency-operation')).toBeNull();
    const files = screen.getByRole('group', { name: 'リスク一覧のダウンロード' });
    expect(within(files).getAllByRole('link')[0]!.getAttribute('href')).toBe(
      `/api/reports/risk-register?fiscalYear=${fiscalYear}&table=risks&format=csv&lang=ja`,
    );
  });
});

describe('offline', () => {
  it('shows the last dashboard kept on the device, with when it was made', async () => {
    show('completion');
    await screen.findByText(asOf);
    cleanup();

    useAppStore.setState({ online: false });
    requests.length = 0;
    show('completion');
    expect(await screen.findByText(asOf)).toBeTruthy();
    expect(screen.getByTestId('report-kept').textContent).toBe(
      'オフラインのため、この端末に保存した最後の集計を表示しています。',
    );
    expect(tableUnits()).toEqual(['総務局', '財政局']);
    expect(requests).toEqual([]);
    // Nothing to download offline, and it says so.
    const downloads = screen.getByRole('group', { name: '提出状況の表のダウンロード' });
    expect(within(downloads).queryAllByRole('link')).toHaveLength(0);
    expect(screen.getAllByText('ダウンロードにはネットワーク接続が必要です。')).toHaveLength(1);
  });

  it('shows the kept copy when the server cannot be reached although the device thinks it is online', async () => {
    show('completion');
    await screen.findByText(asOf);
    cleanup();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    show('completion');
    expect(await screen.findByText(asOf)).toBeTruthy();
    expect(screen.getByTestId('report-kept').textContent).toContain('サーバーにつながらないため');
  });

  it('says clearly when the device has no report kept', async () => {
    useAppStore.setState({ online: false });
    show('risks');
    expect((await screen.findByTestId('report-nothing-kept')).textContent).toContain(
      'この端末には保存した集計がまだありません',
    );
    expect(screen.queryByTestId('report-as-of')).toBeNull();
    expect(requests).toEqual([]);
  });
});
