// The auditors' reports on a small city built by hand, every figure worked out on paper:
// completion rolled up 課 → 部 → 局 → city (and a sheet approved through the chiefs' flow
// counted), positive rates against last year with △ and hidden groups, the share of "no",
// the risk register, a round's evidence with its hash chains verified, the CSV and XLSX
// files read back, and an auditor who can read all this but change nothing.
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { hashPassword } from '@/server/auth/passwords.ts';
import type { Database } from '@/server/db/database.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { storeTemplates } from '@/server/seed/seed-database.ts';
import { operations } from '@/shared/api/operations.ts';
import { decodeCsvBytes, parseCsv } from '@/shared/csv.ts';
import { canonicalSheetContent } from '@/shared/sheet-content.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import { templateItems, type Template } from '@/shared/schemas/template.ts';
import { signIn, type ApiCaller } from './support/api-session.ts';
import { SyncDevice } from './support/sync-device.ts';
import { testDatabases } from './support/test-databases.ts';
import { unzip } from './support/unzip.ts';

const PASSWORD = 'reports-test-password';
const NOW = new Date('2026-11-24T03:00:00Z'); // fiscal year 2026; today in Japan 2026-11-24
const ETHICS = 'ethics-self-check';
const DOCUMENTS = 'document-management-self-check';
const RISK = 'internal-control-risk-sheet';
const PAST_DUE = '2026-10-31';
const NOT_DUE = '2027-01-29';

/**
 * 総務局 (b1) → 総務部 (d1) → 総務課 (s1), 人事課 (s2); 中央区役所 (b2) → 区政推進課 (s3),
 * a section straight under a ward.
 */
const units = [
  ['b1', '10', '総務局', 'General Affairs Bureau', 'bureau', null],
  ['d1', '1010', '総務部', 'General Affairs Department', 'department', 'b1'],
  ['s1', '101010', '総務課', 'General Affairs Section', 'section', 'd1'],
  ['s2', '101020', '人事課', 'Personnel Section', 'section', 'd1'],
  ['b2', '30', '中央区役所', 'Chuo Ward Office', 'ward', null],
  ['s3', '301010', '区政推進課', 'Ward Administration Section', 'section', 'b2'],
] as const;

type Who = [unit: string, ageBand: string, employment: string, position: string, roles: string[]];
const people: Record<string, Who> = {
  a1: ['b1', '50s', 'regular', 'staff', ['auditor']],
  c1: ['s1', '50s', 'regular', 'section_chief', ['staff', 'chief']],
  p1: ['s1', 'under_30', 'regular', 'staff', ['staff']],
  p2: ['s1', 'under_30', 'regular', 'staff', ['staff']],
  p3: ['s1', '30s', 'regular', 'senior_staff', ['staff']],
  p4: ['s1', '30s', 'fiscal_year', 'staff', ['staff']],
  p5: ['s1', '40s', 'regular', 'staff', ['staff']],
  p6: ['s1', '60_and_over', 'reappointed', 'staff', ['staff']],
  q1: ['s2', '30s', 'regular', 'staff', ['staff']],
  q2: ['s2', '40s', 'regular', 'subsection_chief', ['staff']],
  q3: ['s2', '40s', 'fiscal_year', 'staff', ['staff']],
  q4: ['s2', '50s', 'regular', 'staff', ['staff']],
  q5: ['s2', '50s', 'regular', 'staff', ['staff']],
  r1: ['s3', '30s', 'regular', 'staff', ['staff']],
  r2: ['s3', '30s', 'regular', 'staff', ['staff']],
  r3: ['s3', '30s', 'regular', 'staff', ['staff']],
  r4: ['s3', '30s', 'regular', 'staff', ['staff']],
};
const staffNumber = (id: string) => `9${String(Object.keys(people).indexOf(id)).padStart(5, '0')}`;

const sheetId = (templateId: string, fiscalYear: number, owner: string) =>
  `${templateId}.${fiscalYear}.annual.${owner}`;

interface Step {
  type: 'submitted' | 'returned' | 'approved';
  at: string;
  by: string;
}

interface HandSheet {
  templateId: string;
  fiscalYear: number;
  owner: string;
  workplace?: true;
  dueDate: string;
  state: SheetState;
  answers?: Record<string, unknown>;
  /** After the "created" event; submissions and sign-offs seal the answers' content. */
  steps?: Step[];
  /** A submission sealed with a hash of other content than is stored (a broken sheet). */
  tampered?: true;
}

const day = (d: string, time = '00:00:00') => `${d}T${time}Z`;
const approvedAfter = (submitted: string, approved: string, owner: string): Step[] => [
  { type: 'submitted', at: submitted, by: owner },
  { type: 'approved', at: approved, by: 'c1' },
];

/** The ethics round of 2026, statement "gifts-refuse" answered as worked out below. */
const ethics2026: HandSheet[] = [
  // 総務課, past due: three approved after 2, 4 and ½ days; p4 is filled in by the test.
  ...(
    [
      ['p1', 1, day('2026-10-01'), day('2026-10-03')],
      ['p2', 2, day('2026-10-01'), day('2026-10-05')],
      ['p3', 3, day('2026-10-10', '12:00:00'), day('2026-10-11')],
    ] as const
  ).map(([owner, value, submitted, approved]): HandSheet => ({
    templateId: ETHICS,
    fiscalYear: 2026,
    owner,
    dueDate: PAST_DUE,
    state: 'approved',
    answers: { 'gifts-refuse': value },
    steps: approvedAfter(submitted, approved, owner),
  })),
  { templateId: ETHICS, fiscalYear: 2026, owner: 'p4', dueDate: PAST_DUE, state: 'draft' },
  {
    templateId: ETHICS,
    fiscalYear: 2026,
    owner: 'p5',
    dueDate: PAST_DUE,
    state: 'returned',
    answers: { 'gifts-refuse': 1 },
    steps: [
      { type: 'submitted', at: day('2026-10-02'), by: 'p5' },
      { type: 'returned', at: day('2026-10-04'), by: 'c1' },
    ],
  },
  {
    templateId: ETHICS,
    fiscalYear: 2026,
    owner: 'p6',
    dueDate: PAST_DUE,
    state: 'submitted',
    answers: { 'gifts-refuse': 4 },
    steps: [{ type: 'submitted', at: day('2026-10-20'), by: 'p6' }],
    tampered: true,
  },
  {
    templateId: ETHICS,
    fiscalYear: 2026,
    owner: 'c1',
    dueDate: PAST_DUE,
    state: 'draft',
    answers: { 'gifts-refuse': 1 },
  },
  // 人事課, not yet due: one approved after a day, two awaiting sign-off, two not handed in.
  {
    templateId: ETHICS,
    fiscalYear: 2026,
    owner: 'q1',
    dueDate: NOT_DUE,
    state: 'approved',
    answers: { 'gifts-refuse': 2 },
    steps: approvedAfter(day('2026-11-01'), day('2026-11-02'), 'q1'),
  },
  ...(
    [
      ['q2', 1],
      ['q3', 3],
    ] as const
  ).map(([owner, value]): HandSheet => ({
    templateId: ETHICS,
    fiscalYear: 2026,
    owner,
    dueDate: NOT_DUE,
    state: 'submitted',
    answers: { 'gifts-refuse': value },
    steps: [{ type: 'submitted', at: day('2026-11-10'), by: owner }],
  })),
  ...['q4', 'q5'].map((owner): HandSheet => ({
    templateId: ETHICS,
    fiscalYear: 2026,
    owner,
    dueDate: NOT_DUE,
    state: 'draft',
  })),
  // 区政推進課, past due: nothing handed in.
  ...['r1', 'r2', 'r3', 'r4'].map((owner): HandSheet => ({
    templateId: ETHICS,
    fiscalYear: 2026,
    owner,
    dueDate: PAST_DUE,
    state: 'draft',
  })),
];

/** Last year: ten approved; 8 of 10 positive on "gifts-refuse". */
const ethics2025: HandSheet[] = (
  [
    ['c1', 1],
    ['p1', 1],
    ['p2', 1],
    ['p3', 2],
    ['p4', 2],
    ['p5', 1],
    ['p6', 3],
    ['q1', 1],
    ['q2', 2],
    ['q3', 4],
  ] as const
).map(([owner, value]) => ({
  templateId: ETHICS,
  fiscalYear: 2025,
  owner,
  dueDate: '2026-01-29',
  state: 'approved',
  answers: { 'gifts-refuse': value },
}));

/** Documents 2026, check "receipt-register". */
const documents2026: HandSheet[] = [
  ...(
    [
      ['p1', 'yes', 'approved'],
      ['p2', 'no', 'approved'],
      ['p3', 'yes', 'approved'],
      ['p4', 'no', 'draft'],
      ['p5', 'yes', 'submitted'],
      ['p6', 'na', 'submitted'],
      ['q1', 'no', 'submitted'],
      ['q2', 'yes', 'submitted'],
      ['q3', 'yes', 'submitted'],
      ['q4', 'yes', 'submitted'],
      ['q5', 'no', 'submitted'],
    ] as const
  ).map(([owner, value, state]) => ({
    templateId: DOCUMENTS,
    fiscalYear: 2026,
    owner,
    dueDate: NOT_DUE,
    state,
    answers: { 'receipt-register': value },
  })),
];

const risk2026: HandSheet[] = [
  {
    templateId: RISK,
    fiscalYear: 2026,
    owner: 's1',
    workplace: true,
    dueDate: NOT_DUE,
    state: 'submitted',
    answers: {
      risks: [
        {
          id: 'r1',
          cells: {
            process: '支払事務',
            risk: '二重払い',
            likelihood: 3,
            impact: 3,
            countermeasure: '照合の徹底',
            'due-date': '2026-10-31',
            status: 'in_progress',
          },
        },
        {
          id: 'r2',
          cells: { process: '文書発送', risk: '誤送付', likelihood: 2, impact: 2, status: 'done' },
        },
      ],
      deficiencies: [
        {
          id: 'f1',
          cells: { 'what-happened': '押印漏れ', type: 'operation', status: 'done' },
        },
        {
          id: 'f2',
          cells: {
            'what-happened': '=HYPERLINK("http://example.invalid")',
            type: 'material',
            'cause-analysis': '確認手順が未整備',
            response: '手順書を作成',
            status: 'in_progress',
          },
        },
      ],
    },
  },
  {
    templateId: RISK,
    fiscalYear: 2026,
    owner: 's2',
    workplace: true,
    dueDate: NOT_DUE,
    state: 'draft',
    answers: {
      risks: [
        {
          id: 'r3',
          cells: { risk: '個人情報の漏えい', likelihood: 1, impact: 1, 'due-date': '2027-03-31' },
        },
      ],
    },
  },
];

async function buildCity(db: Database, templates: readonly Template[]): Promise<void> {
  await storeTemplates(db, templates);
  for (const [id, code, name, nameEn, kind, parent] of units)
    await db.query(
      'insert into units (id, code, name, name_en, kind, parent_id) values ($1, $2, $3, $4, $5, $6)',
      [id, code, name, nameEn, kind, parent],
    );
  const hash = await hashPassword(PASSWORD);
  for (const [id, [unitId, ageBand, employment, position, roles]] of Object.entries(people)) {
    await db.query(
      `insert into people (id, staff_number, name, unit_id, position, employment_type, age_band, roles)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, staffNumber(id), `職員 ${id}`, unitId, position, employment, ageBand, roles],
    );
    await db.query(
      `insert into credentials (person_id, password_hash, changed_at) values ($1, $2, now())`,
      [id, hash],
    );
  }
  const versionOf = new Map(templates.map((t) => [t.id, t.version]));
  for (const s of [...ethics2026, ...ethics2025, ...documents2026, ...risk2026]) {
    const id = sheetId(s.templateId, s.fiscalYear, s.owner);
    const templateVersion = versionOf.get(s.templateId) ?? 1;
    const unitId = s.workplace ? s.owner : (people[s.owner]?.[0] ?? '');
    await db.query(
      `insert into sheets (id, template_id, template_version, unit_id, owner_kind, owner_person_id,
         fiscal_year, period, due_date, state)
       values ($1, $2, $3, $4, $5, $6, $7, 'annual', $8, 'draft')`,
      [
        id,
        s.templateId,
        templateVersion,
        unitId,
        s.workplace ? 'workplace' : 'person',
        s.workplace ? null : s.owner,
        s.fiscalYear,
        s.dueDate,
      ],
    );
    const answers: Record<string, Answer> = {};
    for (const [itemId, value] of Object.entries(s.answers ?? {})) {
      answers[itemId] = { value };
      await db.query(
        `insert into answers (sheet_id, item_id, value, updated_by) values ($1, $2, $3, $4)`,
        [id, itemId, JSON.stringify(value), s.workplace ? 'c1' : s.owner],
      );
    }
    const sealed = createHash('sha256')
      .update(
        s.tampered
          ? 'not what was stored'
          : canonicalSheetContent({ id, templateId: s.templateId, templateVersion }, answers),
      )
      .digest('hex');
    const events = [
      { type: 'created', at: day('2026-04-01'), by: 'c1' },
      ...(s.fiscalYear === 2026 ? (s.steps ?? []) : []),
    ];
    for (const [i, e] of events.entries())
      await db.query(
        `insert into sheet_events (sheet_id, seq, type, actor_id, at, comment, content_hash)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          i + 1,
          e.type,
          e.by,
          e.at,
          e.type === 'returned' ? '記入漏れがあります' : null,
          e.type === 'submitted' || e.type === 'approved' ? sealed : null,
        ],
      );
    if (s.state !== 'draft')
      await db.query('update sheets set state = $2 where id = $1', [id, s.state]);
  }
}

describe.each(testDatabases())('auditor reports on $name', (kind) => {
  let db: Database;
  let app: Hono;
  let ethics: Template;
  let auditor: ApiCaller;

  const json = async <T>(path: string, parse: { parse(v: unknown): T }): Promise<T> => {
    const response = await auditor.request('GET', path);
    expect(response.status, await response.clone().text()).toBe(200);
    return parse.parse(await response.json());
  };
  const completion = () =>
    json(
      `/api/reports/completion?fiscalYear=2026&templateId=${ETHICS}&period=annual`,
      operations.getCompletionReport.response,
    );
  const file = async (path: string) => {
    const response = await auditor.request('GET', path);
    expect(response.status, await response.clone().text()).toBe(200);
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    db = await kind.open();
    const seeds = await loadSeeds();
    const template = seeds.templates.find((t) => t.id === ETHICS);
    if (!template) throw new Error('no ethics template in the seeds');
    ethics = template;
    await buildCity(db, seeds.templates);
    app = createApp({ db, clock: () => NOW });
    auditor = await signIn(app, staffNumber('a1'), PASSWORD);
  });

  afterAll(() => db.close());

  describe('completion', () => {
    it('counts each section and rolls it up 課 → 部 → 局 → city', async () => {
      const report = await completion();
      expect(report.today).toBe('2026-11-24');
      const byUnit = Object.fromEntries(report.units.map((u) => [u.unit.id, u]));
      expect(report.units.map((u) => [u.unit.id, u.depth])).toEqual([
        ['b1', 0],
        ['d1', 1],
        ['s1', 2],
        ['s2', 2],
        ['b2', 0],
        ['s3', 1],
      ]);
      // 総務課: 7 sheets; 3 approved, 1 awaiting, 1 returned, 2 not handed in; past due:
      // the returned one and both drafts. Handed in 4/7 = 57.1 %, approved 3/7 = 42.9 %;
      // waits 2, 4 and ½ days → median 2.0.
      expect(byUnit.s1).toMatchObject({
        assigned: 7,
        approved: 3,
        submitted: 1,
        returned: 1,
        draft: 2,
        overdue: 3,
        completionRate: 57.1,
        approvalRate: 42.9,
        medianDaysToApproval: 2,
      });
      // 人事課, not due: 3/5 handed in = 60.0 %, 1/5 approved = 20.0 %, one wait of a day.
      expect(byUnit.s2).toMatchObject({
        assigned: 5,
        overdue: 0,
        completionRate: 60,
        approvalRate: 20,
        medianDaysToApproval: 1,
      });
      // 区政推進課: nothing handed in, all past due, no sign-off to measure.
      expect(byUnit.s3).toMatchObject({
        assigned: 4,
        overdue: 4,
        completionRate: 0,
        approvalRate: 0,
        medianDaysToApproval: null,
      });
      // 総務部 = 総務局: 12 sheets, 7 handed in = 58.3 %, 4 approved = 33.3 %, waits ½, 1, 2
      // and 4 days → median 1.5 (over the sheets, not the sections' medians).
      for (const id of ['d1', 'b1'])
        expect(byUnit[id]).toMatchObject({
          assigned: 12,
          completionRate: 58.3,
          approvalRate: 33.3,
          medianDaysToApproval: 1.5,
        });
      // The city: 7/16 = 43.75 → 43.8 (half away from zero), 4/16 = 25.0.
      expect(report.city).toEqual({
        assigned: 16,
        draft: 8,
        submitted: 3,
        returned: 1,
        approved: 4,
        overdue: 7,
        completionRate: 43.8,
        approvalRate: 25,
        medianDaysToApproval: 1.5,
      });
    });

    it('counts a sheet filled in and approved through the chiefs’ flow', async () => {
      const id = sheetId(ETHICS, 2026, 'p4');
      const staff = await SyncDevice.signIn(app, staffNumber('p4'), PASSWORD);
      const revision = async () =>
        (await db.query<{ revision: number }>('select revision from sheets where id = $1', [id]))[0]
          ?.revision ?? -1;
      const answered = await staff.push(
        templateItems(ethics)
          .filter((i) => i.kind === 'agreement4')
          .map((item) =>
            staff.mutation('setAnswer', {
              sheetId: id,
              itemId: item.id,
              answer: { value: 1 },
              baseVersion: 0,
            }),
          ),
      );
      expect(answered.every((r) => r.status === 'applied')).toBe(true);
      const [submitted] = await staff.push([
        staff.mutation('submitSheet', { sheetId: id, expectedRevision: await revision() }),
      ]);
      expect(submitted?.status).toBe('applied');
      const chief = await SyncDevice.signIn(app, staffNumber('c1'), PASSWORD);
      const [approved] = await chief.push([
        chief.mutation('approveSheet', { sheetId: id, expectedRevision: await revision() }),
      ]);
      expect(approved?.status).toBe('applied');

      const report = await completion();
      // 総務課 now 4 approved (the new one waited 0 days: the test's clock stands still):
      // 5/7 = 71.4 %, 4/7 = 57.1 %, waits 0, ½, 2, 4 → 1.25 → 1.3.
      expect(report.units.find((u) => u.unit.id === 's1')).toMatchObject({
        approved: 4,
        draft: 1,
        overdue: 2,
        completionRate: 71.4,
        approvalRate: 57.1,
        medianDaysToApproval: 1.3,
      });
      // The city: 8/16 = 50.0 %, 5/16 = 31.25 → 31.3 %, waits 0, ½, 1, 2, 4 → 1.0.
      expect(report.city).toMatchObject({
        approved: 5,
        completionRate: 50,
        approvalRate: 31.3,
        medianDaysToApproval: 1,
      });
    });

    it('reads a whole fiscal year across templates', async () => {
      const report = await json(
        '/api/reports/completion?fiscalYear=2026',
        operations.getCompletionReport.response,
      );
      expect(report.templateId).toBeNull();
      expect(report.city.assigned).toBe(16 + 11 + 2);
      const lastYear = await json(
        '/api/reports/completion?fiscalYear=2025',
        operations.getCompletionReport.response,
      );
      expect(lastYear.city).toMatchObject({ assigned: 10, approved: 10, approvalRate: 100 });
    });

    it('exports the table as CSV that Excel in Japan opens: BOM, CRLF, Japanese intact', async () => {
      const { response, bytes } = await file(
        `/api/reports/completion?fiscalYear=2026&templateId=${ETHICS}&period=annual&format=csv`,
      );
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="completion-2026-${ETHICS}-annual-ja.csv"`,
      );
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = decodeCsvBytes(bytes);
      expect(text.split('\r\n')).toHaveLength(9); // heading, city, six units, and after the last CRLF
      expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
      const records = parseCsv(text).map((r) => r.fields);
      expect(records[0]).toEqual([
        '組織コード',
        '組織',
        '区分',
        '階層',
        '対象',
        '未提出',
        '確認待ち',
        '差し戻し',
        '確認済み',
        '期限超過',
        '提出率(%)',
        '確認率(%)',
        '提出から確認まで(日・中央値)',
      ]);
      expect(records[1]).toEqual([
        '',
        '市全体',
        '',
        '0',
        '16',
        '7',
        '3',
        '1',
        '5',
        '6',
        '50.0',
        '31.3',
        '1.0',
      ]);
      expect(records[3]).toEqual([
        '1010',
        '\u3000総務部',
        '部',
        '2',
        '12',
        '3',
        '3',
        '1',
        '5',
        '2',
        '66.7',
        '41.7',
        '1.0',
      ]);
      expect(records[7]).toEqual([
        '301010',
        '\u3000区政推進課',
        '課',
        '2',
        '4',
        '4',
        '0',
        '0',
        '0',
        '4',
        '0.0',
        '0.0',
        '—',
      ]);
    });

    it('exports the table as an XLSX workbook with numbers as numbers', async () => {
      const { response, bytes } = await file(
        `/api/reports/completion?fiscalYear=2026&templateId=${ETHICS}&period=annual&format=xlsx&lang=en`,
      );
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const parts = unzip(bytes);
      expect([...parts.keys()].sort()).toEqual([
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ]);
      expect(parts.get('xl/workbook.xml')?.toString()).toContain('<sheet name="Completion"');
      const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString() ?? '';
      const row = (n: number) => new RegExp(`<row r="${n}">(.*?)</row>`).exec(sheet)?.[1] ?? '';
      expect(row(1)).toContain('<t xml:space="preserve">Completion rate (%)</t>');
      // The city: its name as text, the counts and rates as numbers in their formats.
      expect(row(2)).toContain('<t xml:space="preserve">Whole city</t>');
      expect(row(2)).toContain('<c r="E2" s="2"><v>16</v></c>');
      expect(row(2)).toContain('<c r="L2" s="3"><v>31.3</v></c>');
      // 区政推進課 has no median: "—" as text.
      expect(row(8)).toContain(
        '<c r="M8" t="inlineStr"><is><t xml:space="preserve">—</t></is></c>',
      );
      expect(row(8)).toContain('Ward Administration Section');
    });
  });

  describe('answers', () => {
    const trends = (extra = '') =>
      `/api/reports/answer-trends?templateId=${ETHICS}&fiscalYear=2026&period=annual${extra}`;

    it('gives the positive rate this year and last, the difference and the drop', async () => {
      const report = await json(trends(), operations.getAnswerTrends.response);
      expect(report.respondents).toEqual({ thisYear: 8, lastYear: 10 });
      expect(report.lastFiscalYear).toBe(2025);
      const [first, second] = report.items;
      // Handed in this year: p1 ①, p2 ②, p3 ③, p4 ① (the flow), p6 ④, q1 ②, q2 ①, q3 ③:
      // 5/8 = 62.5 %. Last year 8/10 = 80.0 %. Difference △ 17.5.
      expect(first?.itemId).toBe('gifts-refuse');
      expect(first?.all).toEqual({
        thisYear: { answered: 8, rate: 62.5 },
        lastYear: { answered: 10, rate: 80 },
        difference: -17.5,
        drop: true,
      });
      // Only p4 answered the second statement: hidden.
      expect(second?.all).toEqual({
        thisYear: null,
        lastYear: null,
        difference: null,
        drop: false,
      });
      expect(report.items).toHaveLength(22);
    });

    it('breaks down by attribute, hiding small groups and what would give them away', async () => {
      const [first] = (await json(trends(), operations.getAnswerTrends.response)).items;
      // Regular staff: p1, p2, p3, q1, q2 → 4/5 = 80.0 %; last year 7/7 = 100.0 %.
      // Fiscal-year (2) and re-appointed (1) are hidden; two hidden give nothing away.
      expect(first?.breakdowns.employmentType).toEqual([
        {
          group: 'regular',
          thisYear: { answered: 5, rate: 80 },
          lastYear: { answered: 7, rate: 100 },
          difference: -20,
          drop: true,
        },
        { group: 'reappointed', thisYear: null, lastYear: null, difference: null, drop: false },
        { group: 'fiscal_year', thisYear: null, lastYear: null, difference: null, drop: false },
      ]);
      // No chief handed in this year; last year one did (c1), so the other staff (9 answers)
      // are hidden too: the total less them would show the chief's answer.
      expect(first?.breakdowns.role).toEqual([
        { group: 'chief', thisYear: null, lastYear: null, difference: null, drop: false },
        {
          group: 'staff',
          thisYear: { answered: 8, rate: 62.5 },
          lastYear: null,
          difference: null,
          drop: false,
        },
      ]);
      expect(first?.breakdowns.ageBand.every((g) => g.thisYear === null)).toBe(true);
    });

    it('narrows to a unit and below it', async () => {
      const report = await json(trends('&unitId=s2'), operations.getAnswerTrends.response);
      // 人事課: q1 ②, q2 ①, q3 ③ this year: three, hidden.
      expect(report.respondents).toEqual({ thisYear: 3, lastYear: 3 });
      expect(report.items[0]?.all.thisYear).toBeNull();
    });

    it('exports the rates as the action plan prints them, with △', async () => {
      const { bytes } = await file(trends('&format=csv'));
      const records = parseCsv(decodeCsvBytes(bytes)).map((r) => r.fields);
      expect(records[0]?.slice(4, 7)).toEqual(['令和7年度(%)', '令和8年度(%)', '増減(pt)']);
      expect(records[1]).toEqual([
        '1',
        ethics.sections[0]?.items[0]?.label.ja,
        '全体',
        '',
        '80.0',
        '62.5',
        '△ 17.5',
        '8',
        '○',
      ]);
    });

    it('gives the share of "no" by unit, hiding small and revealing groups', async () => {
      const path = (extra = '') =>
        `/api/reports/no-shares?templateId=${DOCUMENTS}&fiscalYear=2026&period=annual${extra}`;
      const city = await json(path(), operations.getNoShares.response);
      expect(city.unit).toBeNull();
      expect(city.columns.map((c) => c.unit.id)).toEqual(['b1']);
      const [receipt] = city.items;
      // Handed in: 総務課 yes 3, no 1, N/A 1 (p4's draft "no" not counted); 人事課 yes 3,
      // no 2. City: 3 no of 9 yes or no = 33.3 %.
      expect(receipt?.total).toEqual({ yes: 6, no: 3, na: 1, noShare: 33.3 });
      expect(receipt?.units).toEqual([{ yes: 6, no: 3, na: 1, noShare: 33.3 }]);
      const department = await json(path('&unitId=d1'), operations.getNoShares.response);
      expect(department.columns.map((c) => [c.unit.id, c.own])).toEqual([
        ['s1', false],
        ['s2', false],
      ]);
      // 総務課 has 4 yes-or-no answers: hidden; then 人事課 too, or 33.3 % of 9 would give it away.
      expect(department.items[0]?.units).toEqual([null, null]);
      expect(department.items[0]?.total?.noShare).toBe(33.3);
    });
  });

  describe('risk register', () => {
    it('lists every risk and deficiency with priority, overdue and counts per unit', async () => {
      const report = await json(
        '/api/reports/risk-register?fiscalYear=2026',
        operations.getRiskRegister.response,
      );
      expect(report.risks.map((r) => [r.unitId, r.rowId, r.priority, r.overdue])).toEqual([
        ['s1', 'r1', 'high', true],
        ['s1', 'r2', 'medium', false],
        ['s2', 'r3', 'low', false],
      ]);
      expect(report.deficiencies.map((d) => [d.rowId, d.type, d.status])).toEqual([
        ['f1', 'operation', 'done'],
        ['f2', 'material', 'in_progress'],
      ]);
      expect(report.units.map((u) => [u.unit.id, u.counts.risks, u.counts.overdue])).toEqual([
        ['b1', 3, 1],
        ['d1', 3, 1],
        ['s1', 2, 1],
        ['s2', 1, 0],
      ]);
      expect(report.total).toEqual({
        sheets: 2,
        risks: 3,
        high: 1,
        medium: 1,
        low: 1,
        overdue: 1,
        deficiencies: 2,
        design: 0,
        operation: 1,
        material: 1,
        openDeficiencies: 1,
      });
    });

    it('exports the deficiencies as CSV, text that looks like a formula kept inert', async () => {
      const { bytes } = await file(
        '/api/reports/risk-register?fiscalYear=2026&format=csv&table=deficiencies',
      );
      const records = parseCsv(decodeCsvBytes(bytes)).map((r) => r.fields);
      expect(records[0]?.slice(0, 4)).toEqual(['組織', 'シートの状態', '不備の区分', '不備の内容']);
      expect(records[2]?.slice(0, 7)).toEqual([
        '総務課',
        '確認待ち',
        '重大な不備',
        `'=HYPERLINK("http://example.invalid")`,
        '',
        '確認手順が未整備',
        '手順書を作成',
      ]);
    });

    it('exports the register as one workbook of three worksheets', async () => {
      const { bytes } = await file('/api/reports/risk-register?fiscalYear=2026&format=xlsx');
      const parts = unzip(bytes);
      const workbook = parts.get('xl/workbook.xml')?.toString() ?? '';
      expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([
        'リスク一覧',
        '不備一覧',
        '所属別件数',
      ]);
      expect(parts.get('xl/worksheets/sheet3.xml')?.toString()).toContain('市全体');
    });
  });

  describe('evidence of a round', () => {
    it("gives each sheet's events and sign-off and verifies every hash chain", async () => {
      const report = await json(
        `/api/reports/evidence?templateId=${ETHICS}&fiscalYear=2026&period=annual&unitId=s1`,
        operations.getRoundEvidence.response,
      );
      expect(report.generatedBy.id).toBe('a1');
      // p6's submission was sealed over other content than is stored: the one broken sheet.
      expect(report.summary).toEqual({ sheets: 7, approved: 4, verified: 6, broken: 1 });
      const bySheet = Object.fromEntries(report.sheets.map((s) => [s.sheetId, s]));
      expect(bySheet[sheetId(ETHICS, 2026, 'p6')]?.verification).toEqual({
        ok: false,
        events: 2,
        brokenAt: { seq: 2, reason: 'content_changed' },
      });
      const p1 = bySheet[sheetId(ETHICS, 2026, 'p1')];
      expect(p1?.verification).toEqual({ ok: true, events: 3 });
      expect(p1?.events.map((e) => [e.type, e.actorName, e.at])).toEqual([
        ['created', '職員 c1', '2026-04-01T00:00:00.000Z'],
        ['submitted', '職員 p1', '2026-10-01T00:00:00.000Z'],
        ['approved', '職員 c1', '2026-10-03T00:00:00.000Z'],
      ]);
      expect(p1?.events[2]?.prevHash).toBe(p1?.events[1]?.hash);
      expect(bySheet[sheetId(ETHICS, 2026, 'p4')]?.verification.ok).toBe(true);
    });

    it('exports the sheets with their sign-off times on the Japan clock', async () => {
      const { bytes } = await file(
        `/api/reports/evidence?templateId=${ETHICS}&fiscalYear=2026&period=annual&unitId=s1&format=csv`,
      );
      const records = parseCsv(decodeCsvBytes(bytes)).map((r) => r.fields);
      const p1 = records.find((r) => r[0] === sheetId(ETHICS, 2026, 'p1'));
      expect(p1?.slice(1, 8)).toEqual([
        '総務課',
        '職員 p1',
        '確認済み',
        '2026-10-01 09:00:00',
        '職員 p1',
        '2026-10-03 09:00:00',
        '職員 c1',
      ]);
      expect(p1?.[9]).toBe('正常');
      expect(records.find((r) => r[0] === sheetId(ETHICS, 2026, 'p6'))?.[9]).toBe(
        '不整合: #2 確認後に内容が変わっている',
      );
    });
  });

  describe('an auditor changes nothing', () => {
    it('has every sheet refused for an edit, a sign-off and a return', async () => {
      const device = await SyncDevice.signIn(app, staffNumber('a1'), PASSWORD);
      const id = sheetId(ETHICS, 2026, 'q2');
      const [revision] = await db.query<{ revision: number }>(
        'select revision from sheets where id = $1',
        [id],
      );
      const results = await device.push([
        device.mutation('setAnswer', {
          sheetId: sheetId(ETHICS, 2026, 'q4'),
          itemId: 'gifts-refuse',
          answer: { value: 4 },
          baseVersion: 0,
        }),
        device.mutation('approveSheet', { sheetId: id, expectedRevision: revision?.revision ?? 0 }),
        device.mutation('returnSheet', {
          sheetId: id,
          expectedRevision: revision?.revision ?? 0,
          comment: 'auditors do not return sheets',
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      const [state] = await db.query<{ state: string }>('select state from sheets where id = $1', [
        id,
      ]);
      expect(state?.state).toBe('submitted');
    });

    it('reads the reports; nobody else does', async () => {
      const chief = await signIn(app, staffNumber('c1'), PASSWORD);
      const response = await chief.request('GET', '/api/reports/completion?fiscalYear=2026');
      expect(response.status).toBe(403);
    });
  });
  describe('the counts the database keeps', () => {
    /** Each table the database keeps, with its counter (none: a row per sign-off). */
    const tables = {
      sheet_signoffs: null,
      sheet_state_tallies: 'sheets',
      answer_unit_tallies: 'answers',
      answer_group_tallies: 'answers',
      answer_rollup_tallies: 'answers',
    };
    /** Every row of the tables, without counters that went back to zero. */
    const snapshot = async () =>
      Promise.all(
        Object.entries(tables).map(([table, counter]) =>
          db.query(
            `select to_jsonb(t) as row from ${table} t
             ${counter === null ? '' : `where ${counter} <> 0`} order by 1`,
          ),
        ),
      );
    /** What the triggers kept equals counting everything again. */
    const expectSameAsRecount = async () => {
      const kept = await snapshot();
      await db.query('select tenken_recount_report_tables()');
      expect(kept).toEqual(await snapshot());
      expect(kept[0]?.length).toBeGreaterThan(0);
    };

    it('match a recount after the sheets were built, filled in and approved', async () => {
      await expectSameAsRecount();
    });

    it('take a returned sheet out, and move a person whose attributes changed', async () => {
      const chief = await SyncDevice.signIn(app, staffNumber('c1'), PASSWORD);
      const id = sheetId(ETHICS, 2026, 'p6');
      const [row] = await db.query<{ revision: number }>(
        'select revision from sheets where id = $1',
        [id],
      );
      const [returned] = await chief.push([
        chief.mutation('returnSheet', {
          sheetId: id,
          expectedRevision: row?.revision ?? 0,
          comment: 'もう一度確認してください',
        }),
      ]);
      expect(returned?.status).toBe('applied');
      // q3 (③) becomes a regular employee: counted with the regular staff from now on.
      await db.query(`update people set employment_type = 'regular' where id = 'q3'`);
      const [regular] = await db.query<{ answers: number }>(
        `select sum(answers)::int as answers from answer_group_tallies
         where template_id = $1 and fiscal_year = 2026 and item_id = 'gifts-refuse'
           and employment_type = 'regular'`,
        [ETHICS],
      );
      expect(regular?.answers).toBe(6); // p1, p2, p3, q1, q2 and now q3
      const report = await json(
        `/api/reports/answer-trends?templateId=${ETHICS}&fiscalYear=2026&period=annual`,
        operations.getAnswerTrends.response,
      );
      // p6's ④ no longer counts: 5 positive of 7 = 71.4 %.
      expect(report.items[0]?.all.thisYear).toEqual({ answered: 7, rate: 71.4 });
      // The fiscal-year appointed are now p4 alone: hidden, and so the regular staff too,
      // or the total less them would show p4's answer.
      expect(report.items[0]?.breakdowns.employmentType.map((g) => g.thisYear)).toEqual([
        null,
        null,
        null,
      ]);
      await expectSameAsRecount();
    });

    it('roll the answers up again when a unit moves to another parent', async () => {
      const noAnswers = async (unitId: string) => {
        const [row] = await db.query<{ answers: number }>(
          `select coalesce(sum(answers), 0)::int as answers from answer_rollup_tallies
           where template_id = $1 and fiscal_year = 2026 and unit_id = $2 and value = '"no"'`,
          [DOCUMENTS, unitId],
        );
        return row?.answers ?? 0;
      };
      const before = {
        b1: await noAnswers('b1'),
        b2: await noAnswers('b2'),
        s2: await noAnswers('s2'),
      };
      expect(before.s2).toBeGreaterThan(0);
      // 人事課 moves from 総務部 to 中央区役所 (an HR import writes the same update).
      await db.query(`update units set parent_id = 'b2' where id = 's2'`);
      expect(await noAnswers('b1')).toBe(before.b1 - before.s2);
      expect(await noAnswers('d1')).toBe(before.b1 - before.s2);
      expect(await noAnswers('b2')).toBe(before.b2 + before.s2);
      const ward = await json(
        `/api/reports/no-shares?templateId=${DOCUMENTS}&fiscalYear=2026&period=annual&unitId=b2`,
        operations.getNoShares.response,
      );
      // 区政推進課 has no document-management answers, so 人事課 is the ward's one column.
      expect(ward.columns.map((c) => c.unit.id)).toEqual(['s2']);
      await expectSameAsRecount();
    });
  });
});
