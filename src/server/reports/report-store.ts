// The SQL behind the auditors' reports: each statement counts in the database and returns
// one row per unit, per statement and per group of people (never one per sheet or answer),
// and the shared metric functions (src/shared/metrics/) turn the counts into figures.
import type { CompletionQuery } from '@/shared/api/schemas.ts';
import type { Period } from '@/shared/fiscal-year.ts';
import type { AgreementTally, YesNoTally } from '@/shared/metrics/answer-trends.ts';
import type { CompletionCounts } from '@/shared/metrics/completion.ts';
import {
  DEFICIENCY_TABLE,
  RISK_TABLE,
  type RiskSheetInput,
} from '@/shared/metrics/risk-register.ts';
import type { AgeBand, EmploymentType, Position } from '@/shared/schemas/organisation.ts';
import { handedInStates, type SheetState } from '@/shared/schemas/sheet.ts';
import type { Template } from '@/shared/schemas/template.ts';
import { inSnapshot, type Database, type Queryable } from '../db/database.ts';

/**
 * Runs a report's reads in one read-only snapshot, so that its figures agree with each other,
 * with room to group a whole city's rows in memory: at the default work_mem a big city's
 * grouping spills to disk and the report slows faster than the city grows.
 */
export function readReport<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return inSnapshot(db, async (tx) => {
    await tx.query(`set local work_mem = '64MB'`);
    return work(tx);
  });
}

export interface RoundFilter {
  templateId: string;
  fiscalYear: number;
  period: Period;
  /** The units whose sheets count; null for every unit. */
  unitIds: readonly string[] | null;
}

/**
 * The sheets of a fiscal year (and a template, a period) by unit: how many in each state,
 * how many overdue on `today` (from sheet_state_tallies), and how long each approved one
 * waited for its sign-off (from sheet_signoffs): both kept by the database as sheets change.
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
    waits: string | null;
  }>(
    `with counts as (
       select unit_id,
         sum(sheets)::int as assigned,
         coalesce(sum(sheets) filter (where state = 'draft'), 0)::int as draft,
         coalesce(sum(sheets) filter (where state = 'submitted'), 0)::int as submitted,
         coalesce(sum(sheets) filter (where state = 'returned'), 0)::int as returned,
         coalesce(sum(sheets) filter (where state = 'approved'), 0)::int as approved,
         -- As isOverdue in src/shared/round-progress.ts: still with its people, past due.
         coalesce(sum(sheets) filter (where state in ('draft', 'returned') and due_date < $2::date),
           0)::int as overdue
       from sheet_state_tallies where fiscal_year = $1${narrow}
       group by unit_id
       having sum(sheets) > 0
     ),
     waits as (
       select unit_id,
         -- As text: a long numeric array is slower to read back than to split.
         string_agg(round(extract(epoch from approved_at - submitted_at) * 1000)::text, ',')
           as waits
       from sheet_signoffs where fiscal_year = $1${narrow}
       group by unit_id
     )
     select c.*, w.waits from counts c left join waits w on w.unit_id = c.unit_id`,
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
        approvalWaitsMs: r.waits === null ? [] : r.waits.split(',').map(Number),
      },
    ]),
  );
}

function unitCondition(filter: RoundFilter, params: unknown[], column = 's.unit_id'): string {
  return filter.unitIds === null
    ? ''
    : ` and ${column} = any($${params.push(filter.unitIds)}::text[])`;
}

type TallyRow = {
  this_year: boolean;
  item_id: string;
  age_band: AgeBand;
  employment_type: EmploymentType;
  position: Position;
  chief: boolean;
  positive: number;
  answered: number;
};

/**
 * The answers to these statements handed in this year and last year in the round's
 * template and period, counted by the people's attributes (as the register holds them now).
 * The whole city is read from the tallies the database keeps (answer_group_tallies); a unit
 * and the units below it, a fraction of the city, from the answers themselves. Read in the
 * report's snapshot (readReport), so the respondents counted are those whose answers were.
 */
export async function loadAgreementTallies(
  db: Queryable,
  filter: RoundFilter,
  itemIds: readonly string[],
): Promise<{ tallies: AgreementTally[]; respondents: { thisYear: number; lastYear: number } }> {
  const params: unknown[] = [filter.templateId, filter.period, filter.fiscalYear, handedInStates];
  const chosen = `s.template_id = $1 and s.period = $2 and s.fiscal_year in ($3, $3 - 1)
       and s.state = any($4::text[]) and s.owner_kind = 'person'${unitCondition(filter, params)}`;
  const items = `$${params.length + 1}::text[]`;
  // One after another: a transaction is one connection, which runs one query at a time.
  const rows = await (filter.unitIds === null
    ? db.query<TallyRow>(
        `select fiscal_year = $3 as this_year, item_id, age_band, employment_type, position,
             chief,
             (sum(answers) filter (where value = '1'::jsonb or value = '2'::jsonb))::int
               as positive,
             sum(answers)::int as answered
           from answer_group_tallies
           where template_id = $1 and period = $2 and fiscal_year in ($3, $3 - 1)
             and item_id = any($4::text[])
           group by 1, 2, 3, 4, 5, 6
           having sum(answers) > 0`,
        [filter.templateId, filter.period, filter.fiscalYear, itemIds],
      )
    : db.query<TallyRow>(
        `select s.fiscal_year = $3 as this_year, a.item_id, p.age_band, p.employment_type,
             p.position, 'chief' = any(p.roles) as chief,
             count(*) filter (where a.value = '1'::jsonb or a.value = '2'::jsonb)::int
               as positive,
             count(*)::int as answered
           from sheets s
             join answers a on a.sheet_id = s.id and a.item_id = any(${items})
             join people p on p.id = s.owner_person_id
           where ${chosen}
           group by 1, 2, 3, 4, 5, 6`,
        [...params, itemIds],
      ));
  const counted = await db.query<{ this_year: boolean; n: number }>(
    `select s.fiscal_year = $3 as this_year, count(*)::int as n from sheets s
       where ${chosen} group by 1`,
    params,
  );
  return {
    tallies: rows.map((r) => ({
      year: r.this_year ? 'this' : 'last',
      itemId: r.item_id,
      ageBand: r.age_band,
      employmentType: r.employment_type,
      position: r.position,
      chief: r.chief,
      positive: r.positive ?? 0,
      answered: r.answered,
    })),
    respondents: {
      thisYear: counted.find((r) => r.this_year)?.n ?? 0,
      lastYear: counted.find((r) => !r.this_year)?.n ?? 0,
    },
  };
}

/**
 * The yes/no/N/A answers to these checks handed in in the round, counted under each column
 * of a unit's table: the unit's own sheets under the unit (answer_unit_tallies), and each
 * unit directly below it with everything below that under that unit (answer_rollup_tallies,
 * which the database keeps rolled up), so the city reads a few rows per bureau.
 */
export async function loadYesNoTallies(
  db: Queryable,
  round: Omit<RoundFilter, 'unitIds'>,
  itemIds: readonly string[],
  columns: { own: string | null; below: readonly string[] },
): Promise<YesNoTally[]> {
  const rows = await db.query<{
    unit_id: string;
    item_id: string;
    yes: number;
    no: number;
    na: number;
  }>(
    `select unit_id, item_id,
       coalesce(sum(answers) filter (where value = '"yes"'::jsonb), 0)::int as yes,
       coalesce(sum(answers) filter (where value = '"no"'::jsonb), 0)::int as no,
       coalesce(sum(answers) filter (where value = '"na"'::jsonb), 0)::int as na
     from (select unit_id, item_id, value, answers from answer_rollup_tallies
           where template_id = $1 and fiscal_year = $2 and period = $3
             and item_id = any($4::text[]) and unit_id = any($5::text[])
           union all
           select unit_id, item_id, value, answers from answer_unit_tallies
           where template_id = $1 and fiscal_year = $2 and period = $3
             and item_id = any($4::text[]) and unit_id = $6) t
     group by 1, 2
     having sum(answers) > 0`,
    [round.templateId, round.fiscalYear, round.period, itemIds, columns.below, columns.own],
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

/** The template version a round's sheets pin (null: there is no such round). */
export async function roundTemplateVersion(
  db: Queryable,
  round: Omit<RoundFilter, 'unitIds'>,
): Promise<number | null> {
  const [row] = await db.query<{ version: number }>(
    `select template_version as version from rounds
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
