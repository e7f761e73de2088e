// The auditors' reports as tables to hand to Excel: headings and labels in Japanese or
// English, one row per line of the screen, each cell with the format it prints in. The
// server writes them as CSV or XLSX; a figure that is hidden prints as "—" and a
// difference in points with △ in Japanese, exactly as on the screen.
import type {
  AnswerTrendsReport,
  CompletionReport,
  NoSharesReport,
  RiskRegisterReport,
  RoundEvidence,
} from '../api/schemas.ts';
import { formatFiscalYear, formatPeriod, type Period } from '../fiscal-year.ts';
import type { Locale } from '../locale.ts';
import type { AgeBand, EmploymentType, Position, Unit, UnitKind } from '../schemas/organisation.ts';
import type { SheetEventType, SheetState } from '../schemas/sheet.ts';
import type { Breakdown, RoleGroup } from './answer-trends.ts';
import type { CountermeasureStatus, DeficiencyType } from './risk-register.ts';
import { formatOneDecimal, formatPoints, formatRate, NOT_SHOWN } from './tenths.ts';

/** How a cell prints: text as it is, a count, a rate or days with one decimal, points with △. */
export type CellFormat = 'text' | 'count' | 'rate' | 'points' | 'days';
export type TableCell = string | number | null;

export interface TableColumn {
  header: string;
  format: CellFormat;
}

export interface ReportTable {
  /** The worksheet's name (at most 31 characters, none of []:*?/\). */
  name: string;
  columns: TableColumn[];
  rows: TableCell[][];
}

type Words = Record<Locale, string>;
const w = (ja: string, en: string): Words => ({ ja, en });

/** A cell as text, as the screen shows it. */
export function cellText(cell: TableCell, format: CellFormat, locale: Locale): string {
  if (format === 'text') return cell === null ? '' : String(cell);
  if (cell === null) return NOT_SHOWN;
  if (typeof cell === 'string') return cell;
  switch (format) {
    case 'count':
      return String(cell);
    case 'rate':
      return formatRate(cell);
    case 'points':
      return formatPoints(cell, locale);
    case 'days':
      return formatOneDecimal(cell);
  }
}

const unitKinds: Record<UnitKind, Words> = {
  bureau: w('局', 'Bureau'),
  ward: w('区', 'Ward'),
  department: w('部', 'Department'),
  section: w('課', 'Section'),
  office: w('公所', 'Office'),
  subsection: w('係', 'Subsection'),
};

const states: Record<SheetState, Words> = {
  draft: w('未提出', 'Not submitted'),
  submitted: w('確認待ち', 'Awaiting sign-off'),
  returned: w('差し戻し', 'Returned'),
  approved: w('確認済み', 'Signed off'),
};

const eventTypes: Record<SheetEventType, Words> = {
  created: w('作成', 'Created'),
  answered: w('回答', 'Answered'),
  submitted: w('提出', 'Submitted'),
  returned: w('差し戻し', 'Returned'),
  approved: w('確認', 'Signed off'),
};

const groupLabels: {
  ageBand: Record<AgeBand, Words>;
  employmentType: Record<EmploymentType, Words>;
  position: Record<Position, Words>;
  role: Record<RoleGroup, Words>;
} = {
  ageBand: {
    under_30: w('30歳未満', 'Under 30'),
    '30s': w('30代', '30s'),
    '40s': w('40代', '40s'),
    '50s': w('50代', '50s'),
    '60_and_over': w('60歳以上', '60 and over'),
  },
  employmentType: {
    regular: w('正職員', 'Regular'),
    reappointed: w('再任用', 'Re-appointed'),
    fiscal_year: w('会計年度任用職員', 'Fiscal-year appointed'),
  },
  position: {
    staff: w('職員', 'Staff'),
    senior_staff: w('主任', 'Senior staff'),
    chief_senior_staff: w('総括主任', 'Chief senior staff'),
    subsection_chief: w('係長', 'Subsection chief'),
    section_chief: w('課長', 'Section chief'),
    department_head: w('部長', 'Department head'),
    bureau_head: w('局長', 'Bureau head'),
  },
  role: { chief: w('所属長', 'Chiefs'), staff: w('所属長以外', 'Other staff') },
};

const breakdownNames: Record<Breakdown, Words> = {
  ageBand: w('年齢', 'Age'),
  employmentType: w('任用形態', 'Employment'),
  position: w('職位', 'Position'),
  role: w('所属長・職員', 'Chiefs vs staff'),
};

const priorities: Record<'high' | 'medium' | 'low', Words> = {
  high: w('高', 'High'),
  medium: w('中', 'Medium'),
  low: w('低', 'Low'),
};

const statuses: Record<CountermeasureStatus, Words> = {
  not_started: w('未着手', 'Not started'),
  in_progress: w('対応中', 'In progress'),
  done: w('完了', 'Done'),
};

const deficiencyTypeNames: Record<DeficiencyType, Words> = {
  design: w('整備上の不備', 'Design deficiency'),
  operation: w('運用上の不備', 'Operating deficiency'),
  material: w('重大な不備', 'Material weakness'),
};

const cityName = w('市全体', 'Whole city');
const yesMark = w('○', 'yes');

function unitName(unit: Pick<Unit, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}

/** A unit's name indented by its depth, so the tree reads in one column. */
function indented(unit: Pick<Unit, 'name' | 'nameEn'>, depth: number, locale: Locale): string {
  return `${(locale === 'ja' ? '\u3000' : '  ').repeat(depth)}${unitName(unit, locale)}`;
}

/** An instant as Japan's clock shows it: 2026-11-24 12:00:00. */
export function japanDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function column(header: Words, format: CellFormat, locale: Locale): TableColumn {
  return { header: header[locale], format };
}

export function completionTable(report: CompletionReport, locale: Locale): ReportTable {
  const c = (ja: string, en: string, format: CellFormat) => column(w(ja, en), format, locale);
  const figures = (f: CompletionReport['city']): TableCell[] => [
    f.assigned,
    f.draft,
    f.submitted,
    f.returned,
    f.approved,
    f.overdue,
    f.completionRate,
    f.approvalRate,
    f.medianDaysToApproval,
  ];
  return {
    name: w('提出状況', 'Completion')[locale],
    columns: [
      c('組織コード', 'Unit code', 'text'),
      c('組織', 'Unit', 'text'),
      c('区分', 'Kind', 'text'),
      c('階層', 'Level', 'count'),
      c('対象', 'Assigned', 'count'),
      c('未提出', 'Not submitted', 'count'),
      c('確認待ち', 'Awaiting sign-off', 'count'),
      c('差し戻し', 'Returned', 'count'),
      c('確認済み', 'Signed off', 'count'),
      c('期限超過', 'Overdue', 'count'),
      c('提出率(%)', 'Completion rate (%)', 'rate'),
      c('確認率(%)', 'Approval rate (%)', 'rate'),
      c('提出から確認まで(日・中央値)', 'Submission to sign-off (days, median)', 'days'),
    ],
    rows: [
      ['', cityName[locale], '', 0, ...figures(report.city)],
      ...report.units.map((u) => [
        u.unit.code,
        indented(u.unit, u.depth, locale),
        unitKinds[u.unit.kind][locale],
        u.depth + 1,
        ...figures(u),
      ]),
    ],
  };
}

export function answerTrendsTable(report: AnswerTrendsReport, locale: Locale): ReportTable {
  const year = (fy: number) => formatFiscalYear(fy, locale);
  const c = (ja: string, en: string, format: CellFormat) => column(w(ja, en), format, locale);
  type Cells = AnswerTrendsReport['items'][number]['all'];
  const figures = (cells: Cells): TableCell[] => [
    cells.lastYear?.rate ?? null,
    cells.thisYear?.rate ?? null,
    cells.difference,
    cells.thisYear?.answered ?? null,
    cells.drop ? yesMark[locale] : '',
  ];
  const all = w('全体', 'All');
  return {
    name: w('肯定的回答の割合', 'Positive rates')[locale],
    columns: [
      c('No.', 'No.', 'count'),
      c('設問', 'Statement', 'text'),
      c('区分', 'Breakdown', 'text'),
      c('属性', 'Group', 'text'),
      column(
        w(`${year(report.lastFiscalYear)}(%)`, `${year(report.lastFiscalYear)} (%)`),
        'rate',
        locale,
      ),
      column(
        w(`${year(report.round.fiscalYear)}(%)`, `${year(report.round.fiscalYear)} (%)`),
        'rate',
        locale,
      ),
      c('増減(pt)', 'Change (points)', 'points'),
      c('回答数', 'Answers', 'count'),
      c(`${report.dropPoints}pt以上の低下`, `Fell ${report.dropPoints} points or more`, 'text'),
    ],
    rows: report.items.flatMap((item) => [
      [item.no, item.label[locale], all[locale], '', ...figures(item.all)],
      ...(Object.keys(item.breakdowns) as Breakdown[]).flatMap((b) =>
        item.breakdowns[b].map((g) => [
          item.no,
          item.label[locale],
          breakdownNames[b][locale],
          (groupLabels[b] as Record<string, Words>)[g.group]?.[locale] ?? g.group,
          ...figures(g),
        ]),
      ),
    ]),
  };
}

export function noSharesTable(report: NoSharesReport, locale: Locale): ReportTable {
  const whole = report.unit ? unitName(report.unit, locale) : cityName[locale];
  const own = w('(直属)', '(own)');
  return {
    name: w('「いいえ」の割合', 'Share of no')[locale],
    columns: [
      column(w('No.', 'No.'), 'count', locale),
      column(w('確認項目', 'Check'), 'text', locale),
      column(w(`${whole}(%)`, `${whole} (%)`), 'rate', locale),
      column(w('回答数(はい・いいえ)', 'Answers (yes or no)'), 'count', locale),
      ...report.columns.map((col) => {
        const name = `${unitName(col.unit, locale)}${col.own ? own[locale] : ''}`;
        return column(w(`${name}(%)`, `${name} (%)`), 'rate', locale);
      }),
    ],
    rows: report.items.map((item) => [
      item.no,
      item.label[locale],
      item.total?.noShare ?? null,
      item.total ? item.total.yes + item.total.no : null,
      ...item.units.map((cell) => cell?.noShare ?? null),
    ]),
  };
}

/** The register's three tables: risks, deficiencies, and the counts per unit. */
export function riskRegisterTables(report: RiskRegisterReport, locale: Locale): ReportTable[] {
  const names = new Map(report.units.map((u) => [u.unit.id, unitName(u.unit, locale)]));
  const c = (ja: string, en: string, format: CellFormat = 'text') =>
    column(w(ja, en), format, locale);
  const status = (s: CountermeasureStatus | null) => (s ? statuses[s][locale] : null);
  const counts = (k: RiskRegisterReport['total']): TableCell[] => [
    k.sheets,
    k.risks,
    k.high,
    k.medium,
    k.low,
    k.overdue,
    k.deficiencies,
    k.design,
    k.operation,
    k.material,
    k.openDeficiencies,
  ];
  return [
    {
      name: w('リスク一覧', 'Risks')[locale],
      columns: [
        c('組織', 'Unit'),
        c('シートの状態', 'Sheet state'),
        c('業務(事務)名', 'Process'),
        c('リスク', 'Risk'),
        c('発生要因', 'Cause'),
        c('発生可能性', 'Likelihood', 'count'),
        c('影響度', 'Impact', 'count'),
        c('優先度', 'Priority'),
        c('現在の統制', 'Current controls'),
        c('対応策', 'Countermeasure'),
        c('担当者', 'Owner'),
        c('期限', 'Due date'),
        c('進捗状況', 'Status'),
        c('期限超過', 'Overdue'),
      ],
      rows: report.risks.map((r) => [
        names.get(r.unitId) ?? r.unitId,
        states[r.sheetState][locale],
        r.process,
        r.risk,
        r.cause,
        r.likelihood,
        r.impact,
        r.priority ? priorities[r.priority][locale] : null,
        r.currentControls,
        r.countermeasure,
        r.owner,
        r.dueDate,
        status(r.status),
        r.overdue ? yesMark[locale] : '',
      ]),
    },
    {
      name: w('不備一覧', 'Deficiencies')[locale],
      columns: [
        c('組織', 'Unit'),
        c('シートの状態', 'Sheet state'),
        c('不備の区分', 'Type'),
        c('不備の内容', 'What happened'),
        c('発生日', 'Occurred on'),
        c('要因検証', 'Cause analysis'),
        c('対応', 'Response'),
        c('再発防止策', 'Prevention'),
        c('対応状況', 'Status'),
      ],
      rows: report.deficiencies.map((d) => [
        names.get(d.unitId) ?? d.unitId,
        states[d.sheetState][locale],
        d.type ? deficiencyTypeNames[d.type][locale] : null,
        d.whatHappened,
        d.occurredOn,
        d.causeAnalysis,
        d.response,
        d.prevention,
        status(d.status),
      ]),
    },
    {
      name: w('所属別件数', 'Counts by unit')[locale],
      columns: [
        c('組織コード', 'Unit code'),
        c('組織', 'Unit'),
        c('区分', 'Kind'),
        c('シート数', 'Sheets', 'count'),
        c('リスク', 'Risks', 'count'),
        c('優先度 高', 'High priority', 'count'),
        c('優先度 中', 'Medium priority', 'count'),
        c('優先度 低', 'Low priority', 'count'),
        c('期限超過の対応策', 'Overdue countermeasures', 'count'),
        c('不備', 'Deficiencies', 'count'),
        c(deficiencyTypeNames.design.ja, deficiencyTypeNames.design.en, 'count'),
        c(deficiencyTypeNames.operation.ja, deficiencyTypeNames.operation.en, 'count'),
        c(deficiencyTypeNames.material.ja, deficiencyTypeNames.material.en, 'count'),
        c('未完了の不備', 'Open deficiencies', 'count'),
      ],
      rows: [
        [
          '',
          (report.unitId === null ? cityName : w('合計', 'Total'))[locale],
          '',
          ...counts(report.total),
        ],
        ...report.units.map((u) => [
          u.unit.code,
          indented(u.unit, u.depth, locale),
          unitKinds[u.unit.kind][locale],
          ...counts(u.counts),
        ]),
      ],
    },
  ];
}

/** The evidence of a round: one row per sheet with its sign-off and check, then every event. */
export function evidenceTables(report: RoundEvidence, locale: Locale): ReportTable[] {
  const names = new Map(report.units.map((u) => [u.id, unitName(u, locale)]));
  const c = (ja: string, en: string, format: CellFormat = 'text') =>
    column(w(ja, en), format, locale);
  const brokenReasons: Record<string, Words> = {
    event_changed: w('記録が変更されている', 'an event was changed'),
    link_broken: w('連鎖が切れている', 'the chain is broken'),
    event_missing: w('記録が欠けている', 'an event is missing'),
    content_changed: w('確認後に内容が変わっている', 'the content changed since'),
    snapshot_changed: w('提出時の内容が変わっている', 'a kept submission changed'),
  };
  const check = (v: RoundEvidence['sheets'][number]['verification']) =>
    v.ok
      ? w('正常', 'Holds')[locale]
      : `${w('不整合', 'Broken')[locale]}: #${v.brokenAt.seq} ${brokenReasons[v.brokenAt.reason]?.[locale] ?? v.brokenAt.reason}`;
  const period = (p: Period) => formatPeriod(p, locale);
  return [
    {
      name: w('シートと確認', 'Sheets and sign-offs')[locale],
      columns: [
        c('シートID', 'Sheet'),
        c('組織', 'Unit'),
        c('記入者', 'Filled in by'),
        c('状態', 'State'),
        c('最後の提出(日本時間)', 'Last submitted (Japan time)'),
        c('提出者', 'Submitted by'),
        c('確認(日本時間)', 'Signed off (Japan time)'),
        c('確認者', 'Signed off by'),
        c('確認した内容のハッシュ', 'Hash of the content signed off'),
        c('記録の検証', 'History check'),
        c('記録数', 'Events', 'count'),
        c('実施回', 'Round'),
      ],
      rows: report.sheets.map((s) => {
        const submitted = s.events.findLast((e) => e.type === 'submitted');
        const approved = s.events.findLast((e) => e.type === 'approved');
        return [
          s.sheetId,
          names.get(s.unitId) ?? s.unitId,
          s.ownerName ?? names.get(s.unitId) ?? '',
          states[s.state][locale],
          submitted ? japanDateTime(submitted.at) : null,
          submitted ? (submitted.actorName ?? submitted.actorId) : null,
          approved ? japanDateTime(approved.at) : null,
          approved ? (approved.actorName ?? approved.actorId) : null,
          approved?.contentHash ?? null,
          check(s.verification),
          s.events.length,
          `${formatFiscalYear(report.round.fiscalYear, locale)} ${period(report.round.period)}`,
        ];
      }),
    },
    {
      name: w('記録', 'Events')[locale],
      columns: [
        c('シートID', 'Sheet'),
        c('連番', 'Seq', 'count'),
        c('種別', 'Event'),
        c('実施者', 'By'),
        c('日時(日本時間)', 'At (Japan time)'),
        c('コメント', 'Comment'),
        c('内容ハッシュ', 'Content hash'),
        c('前の記録のハッシュ', 'Previous hash'),
        c('ハッシュ', 'Hash'),
      ],
      rows: report.sheets.flatMap((s) =>
        s.events.map((e) => [
          s.sheetId,
          e.seq,
          eventTypes[e.type][locale],
          e.actorName ?? e.actorId,
          japanDateTime(e.at),
          e.comment,
          e.contentHash,
          e.prevHash,
          e.hash,
        ]),
      ),
    },
  ];
}
