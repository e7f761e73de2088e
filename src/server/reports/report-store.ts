// The SQL behind the auditors' reports: each statement counts in the database and returns
// one row per unit, per statement and per group of people (never one per sheet or answer),
// and the shared metric functions (src/shared/metrics/) turn the counts into figures.
import type { CompletionQuery } from '@/shared/api/schemas.ts';
import type { Period } from '@/shared/fiscal-year.ts';
import {
  handedInStates,
  type AgreementTally,
  type YesNoTally,
} from '@/shared/metrics/answer-trends.ts';
import type { CompletionCounts } from '@/shared/metrics/completion.ts';
import {
  DEFICIENCY_TABLE,
  RISK_TABLE,
  type RiskSheetInput,
} from '@/shared/metrics/risk-register.ts';
import type { AgeBand, EmploymentType, Position } from '@/shared/schemas/organisation.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import type { Template } from '@/shared/schemas/template.ts';
import type { Queryable } from '../db/database.ts';

export interface RoundFilter {
  templateId: string;
  fiscalYear: number;
  period: Period;
  /** The units whose sheets count; null for every unit. */
  unitIds: readonly string[] | null;
}

/**
 * The sheets of a fiscal year (and a template, a period) by unit: how many in each state,
 * how many overdue on `today`, and how long each approved one waited for its sign-off.
 */
export async function loadCompletionCounts(
  db: Queryable,
  filter: Pick<CompletionQuery, 'fiscalYear' | 'templateId' | 'period'>,
  today: string,
): Promise<Map<string, CompletionCounts>> {
  const params: unknown[] = [filter.fiscalYear, today];
  const narrow = [
    filter.templateId === undefined ? '' : ` and template_id = $${params.push(filter.templateId)}`,
    filter.period === undefined ? '' : ` and period = $${params.push(filter.period)}`,
  ].join('');
  const rows = await db.query<{
    unit_id: string;
    assigned: number;
    draft: number;
    submitted: number;
    returned: number;
    approved: number;
    overdue: number;
    waits: number[] | null;
  }>(
    `with chosen as (
       select id, unit_id, state, due_date from sheets where fiscal_year = $1${narrow}
     ),
     -- An approved sheet is final, so its latest submission is the one that was approved.
     waits as (
       select e.sheet_id,
         round(extract(epoch from max(e.at) filter (where e.type = 'approved')
                                - max(e.at) filter (where e.type = 'submitted')) * 1000)::float8
           as wait_ms
       from chosen c join sheet_events e on e.sheet_id = c.id
       where c.state = 'approved' and e.type in ('submitted', 'approved')
       group by e.sheet_id
     )
     select c.unit_id,
       count(*)::int as assigned,
       count(*) filter (where c.state = 'draft')::int as draft,
       count(*) filter (where c.state = 'submitted')::int as submitted,
       count(*) filter (where c.state = 'returned')::int as returned,
       count(*) filter (where c.state = 'approved')::int as approved,
       -- As isOverdue in src/shared/round-progress.ts: still with its people, past due.
       count(*) filter (where c.state in ('draft', 'returned') and c.due_date < $2::date)::int
         as overdue,
       array_agg(w.wait_ms) filter (where w.wait_ms is not null) as waits
     from chosen c left join waits w on w.sheet_id = c.id
     group by c.unit_id`,
    params,
  );
  return new Map(
    rows.map((r) => [
      r.unit_id,
      {
        assigned: r.assigned,
        draft: r.draft,
        submitted: r.submitted,
        returned: r.returned,
        approved: r.approved,
        overdue: r.overdue,
        approvalWaitsMs: (r.waits ?? []).map(Number),
      },
    ]),
  );
}

function unitCondition(filter: RoundFilter, params: unknown[]): string {
  return filter.unitIds === null
    ? ''
    : ` and s.unit_id = any($${params.push(filter.unitIds)}::text[])`;
}

/**
 * The answers to these statements handed in this year and last year in the round's
 * template and period, counted by the people's attributes (as the register holds them now).
 */
export async function loadAgreementTallies(
  db: Queryable,
  filter: RoundFilter,
  itemIds: readonly string[],
): Promise<{ tallies: AgreementTally[]; respondents: { thisYear: number; lastYear: number } }> {
  const params: unknown[] = [filter.templateId, filter.period, filter.fiscalYear, handedInStates];
  const chosen = `s.template_id = $1 and s.period = $2 and s.fiscal_year in ($3, $3 - 1)
       and s.state = any($4::text[]) and s.owner_kind = 'person'${unitCondition(filter, params)}`;
  const [rows, counted] = await Promise.all([
    db.query<{
      this_year: boolean;
      item_id: string;
      age_band: AgeBand;
      employment_type: EmploymentType;
      position: Position;
      chief: boolean;
      positive: number;
      answered: number;
    }>(
      `select s.fiscal_year = $3 as this_year, a.item_id, p.age_band, p.employment_type,
         p.position, 'chief' = any(p.roles) as chief,
         count(*) filter (where a.value = '1'::jsonb or a.value = '2'::jsonb)::int as positive,
         count(*)::int as answered
       from sheets s
         join answers a on a.sheet_id = s.id and a.item_id = any($${params.length + 1}::text[])
         join people p on p.id = s.owner_person_id
       where ${chosen}
       group by 1, 2, 3, 4, 5, 6`,
      [...params, itemIds],
    ),
    db.query<{ this_year: boolean; n: number }>(
      `select s.fiscal_year = $3 as this_year, count(*)::int as n from sheets s
       where ${chosen} group by 1`,
      params,
    ),
  ]);
  return {
    tallies: rows.map((r) => ({
      year: r.this_year ? 'this' : 'last',
      itemId: r.item_id,
      ageBand: r.age_band,
      employmentType: r.employment_type,
      position: r.position,
      chief: r.chief,
      positive: r.positive,
      answered: r.answered,
    })),
    respondents: {
      thisYear: counted.find((r) => r.this_year)?.n ?? 0,
      lastYear: counted.find((r) => !r.this_year)?.n ?? 0,
    },
  };
}

/** The yes/no/N/A answers to these checks handed in in the round, by unit and check. */
export async function loadYesNoTallies(
  db: Queryable,
  filter: RoundFilter,
  itemIds: readonly string[],
): Promise<YesNoTally[]> {
  const params: unknown[] = [
    filter.templateId,
    filter.fiscalYear,
    filter.period,
    handedInStates,
    itemIds,
  ];
  const rows = await db.query<{
    unit_id: string;
    item_id: string;
    yes: number;
    no: number;
    na: number;
  }>(
    `select s.unit_id, a.item_id,
       count(*) filter (where a.value = '"yes"'::jsonb)::int as yes,
       count(*) filter (where a.value = '"no"'::jsonb)::int as no,
       count(*) filter (where a.value = '"na"'::jsonb)::int as na
     from sheets s join answers a on a.sheet_id = s.id and a.item_id = any($5::text[])
     where s.template_id = $1 and s.fiscal_year = $2 and s.period = $3
       and s.state = any($4::text[])${unitCondition(filter, params)}
     group by 1, 2`,
    params,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    itemId: r.item_id,
    yes: r.yes,
    no: r.no,
    na: r.na,
  }));
}

/** Every risk sheet (a template of kind "risk") of the fiscal year, with its two tables. */
export async function loadRiskSheets(
  db: Queryable,
  fiscalYear: number,
  unitIds: readonly string[] | null,
): Promise<RiskSheetInput[]> {
  const params: unknown[] = [fiscalYear, RISK_TABLE, DEFICIENCY_TABLE];
  const rows = await db.query<{
    id: string;
    unit_id: string;
    state: SheetState;
    risks: unknown;
    deficiencies: unknown;
  }>(
    `select s.id, s.unit_id, s.state, r.value as risks, d.value as deficiencies
     from sheets s
       join templates t on t.id = s.template_id and t.version = s.template_version
       left join answers r on r.sheet_id = s.id and r.item_id = $2
       left join answers d on d.sheet_id = s.id and d.item_id = $3
     where s.fiscal_year = $1 and t.kind = 'risk'${
       unitIds === null ? '' : ` and s.unit_id = any($${params.push(unitIds)}::text[])`
     }
     order by s.unit_id, s.id`,
    params,
  );
  return rows.map((r) => ({
    sheetId: r.id,
    unitId: r.unit_id,
    state: r.state,
    risks: r.risks,
    deficiencies: r.deficiencies,
  }));
}

/** The newest template version that the round's sheets pin (null: the round has no sheets). */
export async function roundTemplateVersion(
  db: Queryable,
  round: Omit<RoundFilter, 'unitIds'>,
): Promise<number | null> {
  const [row] = await db.query<{ version: number | null }>(
    `select max(template_version) as version from sheets
     where template_id = $1 and fiscal_year = $2 and period = $3`,
    [round.templateId, round.fiscalYear, round.period],
  );
  return row?.version ?? null;
}

/** A stored template version; with no version, the newest. */
export async function loadReportTemplate(
  db: Queryable,
  id: string,
  version: number | null,
): Promise<Template | null> {
  const [row] = await db.query<{ body: Template }>(
    version === null
      ? 'select body from templates where id = $1 order by version desc limit 1'
      : 'select body from templates where id = $1 and version = $2',
    version === null ? [id] : [id, version],
  );
  return row?.body ?? null;
}
