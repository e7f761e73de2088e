// Rounds (実施回) in the database: reading them, recording a start, and writing the sheets a
// round creates (each with its 'created' event, and a new risk sheet with last year's
// approved risks), also for people and seals that arrive while a round is open.
import { dateInJapan, fiscalYearOf } from '@/shared/fiscal-year.ts';
import {
  carriedForwardAnswers,
  sheetsForNewcomers,
  type RoundWithAssignment,
} from '@/shared/rounds.ts';
import type { Round } from '@/shared/schemas/round.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { Template } from '@/shared/schemas/template.ts';
import type { Queryable } from '../db/database.ts';
import { insertRows } from '../db/insert-rows.ts';
import { loadPeople, loadSeals } from '../hr/hr-import-store.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import { reserveVersions } from '../sync/change-counter.ts';

interface RoundRow {
  id: string;
  template_id: string;
  template_version: number;
  fiscal_year: number;
  period: Round['period'];
  due_date: string;
  unit_ids: string[];
  started_by: string | null;
  started_at: Date;
}

const ROUND_COLUMNS = `r.id, r.template_id, r.template_version, r.fiscal_year, r.period,
  r.due_date::text as due_date, r.unit_ids, r.started_by, r.started_at`;

function toRound(row: RoundRow): Round {
  return {
    id: row.id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    fiscalYear: row.fiscal_year,
    period: row.period,
    dueDate: row.due_date,
    unitIds: row.unit_ids,
    startedBy: row.started_by,
    startedAt: row.started_at.toISOString(),
  };
}

/** Every round, newest first, with the name of whoever started it. */
export async function loadRounds(
  db: Queryable,
): Promise<{ round: Round; startedByName: string | null }[]> {
  const rows = await db.query<RoundRow & { started_by_name: string | null }>(
    `select ${ROUND_COLUMNS}, p.name as started_by_name
       from rounds r left join people p on p.id = r.started_by
      order by r.fiscal_year desc, r.started_at desc, r.id`,
  );
  return rows.map((r) => ({ round: toRound(r), startedByName: r.started_by_name }));
}

/** One round, locked until the transaction ends so that starts of it go one at a time. */
export async function lockRound(tx: Queryable, id: string): Promise<Round | null> {
  const [row] = await tx.query<RoundRow>(
    `select ${ROUND_COLUMNS} from rounds r where r.id = $1 for update`,
    [id],
  );
  return row ? toRound(row) : null;
}

/** Records a round, or the units a later start added to it. */
export async function saveRound(tx: Queryable, round: Round): Promise<void> {
  await tx.query(
    `insert into rounds (id, template_id, template_version, fiscal_year, period, due_date,
                         unit_ids, started_by, started_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (id) do update set unit_ids = excluded.unit_ids`,
    [
      round.id,
      round.templateId,
      round.templateVersion,
      round.fiscalYear,
      round.period,
      round.dueDate,
      round.unitIds,
      round.startedBy,
      round.startedAt,
    ],
  );
}

/** The sheets of these rounds that the given units hold (all units: null), by state. */
export async function countRoundSheets(
  db: Queryable,
  roundIds: readonly string[],
  unitIds: readonly string[] | null,
): Promise<Map<string, Record<Sheet['state'], number>>> {
  const rows = await db.query<{ round_id: string; state: Sheet['state']; n: number }>(
    `select round_id, state, count(*)::int as n from sheets
      where round_id = any($1::text[]) ${unitIds === null ? '' : 'and unit_id = any($2::text[])'}
      group by round_id, state`,
    unitIds === null ? [roundIds] : [roundIds, unitIds],
  );
  const counts = new Map<string, Record<Sheet['state'], number>>();
  for (const id of roundIds) counts.set(id, { draft: 0, submitted: 0, returned: 0, approved: 0 });
  for (const r of rows) {
    const of = counts.get(r.round_id);
    if (of) of[r.state] = r.n;
  }
  return counts;
}

export async function loadTemplate(
  db: Queryable,
  id: string,
  version: number,
): Promise<Template | null> {
  const [row] = await db.query<{ body: Template }>(
    'select body from templates where id = $1 and version = $2',
    [id, version],
  );
  return row?.body ?? null;
}

const sheetColumns = {
  id: 'text',
  template_id: 'text',
  template_version: 'integer',
  unit_id: 'text',
  owner_kind: 'text',
  owner_person_id: 'text',
  seal_id: 'text',
  fiscal_year: 'integer',
  period: 'text',
  due_date: 'date',
  state: 'text',
  revision: 'integer',
  version: 'bigint',
} as const;

function sheetRow(s: Sheet, version: number) {
  return {
    id: s.id,
    template_id: s.templateId,
    template_version: s.templateVersion,
    unit_id: s.unitId,
    owner_kind: s.owner.kind,
    owner_person_id:
      s.owner.kind === 'person'
        ? s.owner.personId
        : s.owner.kind === 'seal'
          ? s.owner.custodianId
          : null,
    seal_id: s.owner.kind === 'seal' ? s.owner.sealId : null,
    fiscal_year: s.fiscalYear,
    period: s.period,
    due_date: s.dueDate,
    state: s.state,
    revision: s.revision,
    version,
  };
}

/**
 * Writes the sheets that do not exist yet, each with its 'created' event by `actorId` and
 * its own version, so devices pull them. Takes the change counter before anything else.
 * Returns the sheets it created and how many of them carried last year's risks forward.
 */
export async function createSheets(
  tx: Queryable,
  sheets: readonly Sheet[],
  actorId: string,
  now: Date,
): Promise<{ created: Sheet[]; carriedForward: number }> {
  if (sheets.length === 0) return { created: [], carriedForward: 0 };
  // Held until commit, and every writer of new sheets takes it first: no other transaction
  // can add one of these ids between this look and the insert.
  await reserveVersions(tx, 0);
  const existing = new Set(
    (
      await tx.query<{ id: string }>('select id from sheets where id = any($1::text[])', [
        sheets.map((s) => s.id),
      ])
    ).map((r) => r.id),
  );
  const created = sheets.filter((s) => !existing.has(s.id));
  if (created.length === 0) return { created, carriedForward: 0 };
  const first = await reserveVersions(tx, created.length);
  const versions = new Map(created.map((s, i) => [s.id, first + i]));
  await insertRows(
    tx,
    'sheets',
    sheetColumns,
    created.map((s) => sheetRow(s, versions.get(s.id) ?? first)),
  );
  await insertRows(
    tx,
    'sheet_events',
    { sheet_id: 'text', seq: 'integer', type: 'text', actor_id: 'text', at: 'timestamptz' },
    created.map((s) => ({
      sheet_id: s.id,
      seq: 1,
      type: 'created',
      actor_id: actorId,
      at: now.toISOString(),
    })),
  );
  const carriedForward = await carryForward(
    tx,
    created.filter((s) => s.owner.kind === 'workplace'),
    versions,
    now,
  );
  return { created, carriedForward };
}

/**
 * Gives each new workplace sheet the risk rows of last fiscal year's approved sheet of the
 * same template and unit (the one approved last, if there were several periods). The rows
 * keep who wrote them; the answers get the sheet's version, so they arrive with it.
 */
async function carryForward(
  tx: Queryable,
  sheets: readonly Sheet[],
  versions: ReadonlyMap<string, number>,
  now: Date,
): Promise<number> {
  if (sheets.length === 0) return 0;
  const sources = await tx.query<{ source_id: string; unit_id: string; template_id: string }>(
    `select distinct on (s.unit_id, s.template_id)
            s.id as source_id, s.unit_id, s.template_id
       from sheets s
       join unnest($1::text[], $2::text[], $3::int[]) as k(unit_id, template_id, fiscal_year)
         on s.unit_id = k.unit_id and s.template_id = k.template_id
        and s.fiscal_year = k.fiscal_year - 1
       join sheet_events e on e.sheet_id = s.id and e.type = 'approved'
      where s.owner_kind = 'workplace' and s.state = 'approved'
      order by s.unit_id, s.template_id, e.at desc, s.id`,
    [sheets.map((s) => s.unitId), sheets.map((s) => s.templateId), sheets.map((s) => s.fiscalYear)],
  );
  if (sources.length === 0) return 0;
  const sourceOf = new Map(sources.map((r) => [`${r.unit_id}\n${r.template_id}`, r.source_id]));
  const answers = await tx.query<{
    sheet_id: string;
    item_id: string;
    value: unknown;
    updated_by: string;
  }>('select sheet_id, item_id, value, updated_by from answers where sheet_id = any($1::text[])', [
    sources.map((r) => r.source_id),
  ]);
  const bySource = new Map<string, Map<string, { value: unknown; updatedBy: string }>>();
  for (const a of answers) {
    const of = bySource.get(a.sheet_id) ?? new Map<string, { value: unknown; updatedBy: string }>();
    of.set(a.item_id, { value: a.value, updatedBy: a.updated_by });
    bySource.set(a.sheet_id, of);
  }
  const templates = new Map<string, Template | null>();
  const rows: object[] = [];
  let carried = 0;
  for (const sheet of sheets) {
    const previous = bySource.get(sourceOf.get(`${sheet.unitId}\n${sheet.templateId}`) ?? '');
    if (!previous) continue;
    const key = `${sheet.templateId}\n${sheet.templateVersion}`;
    if (!templates.has(key))
      templates.set(key, await loadTemplate(tx, sheet.templateId, sheet.templateVersion));
    const template = templates.get(key);
    if (!template) continue;
    const start = carriedForwardAnswers(template, Object.fromEntries(previous));
    const items = Object.entries(start);
    if (items.length === 0) continue;
    carried += 1;
    for (const [itemId, answer] of items)
      rows.push({
        sheet_id: sheet.id,
        item_id: itemId,
        value: answer.value,
        updated_by: previous.get(itemId)?.updatedBy,
        updated_at: now.toISOString(),
        version: versions.get(sheet.id),
      });
  }
  await insertRows(
    tx,
    'answers',
    {
      sheet_id: 'text',
      item_id: 'text',
      value: 'jsonb',
      updated_by: 'text',
      updated_at: 'timestamptz',
      version: 'bigint',
    },
    rows,
  );
  return carried;
}

/** Rounds of the fiscal year of `today` that are not yet due, with what their templates assign. */
async function openRounds(tx: Queryable, today: string): Promise<RoundWithAssignment[]> {
  const rows = await tx.query<RoundRow & { assignment: Template['assignment'] }>(
    `select ${ROUND_COLUMNS}, t.body->>'assignment' as assignment
       from rounds r join templates t on t.id = r.template_id and t.version = r.template_version
      where r.fiscal_year = $2 and r.due_date >= $1::date`,
    [today, fiscalYearOf(today)],
  );
  return rows.map((r) => ({ ...toRound(r), assignment: r.assignment }));
}

/**
 * Gives people who joined or moved into a round's units, and seals added to a register,
 * their sheets of every round still open to them, in the caller's transaction. The sheets'
 * 'created' events name `actorId`, who brought them in. Returns how many were created.
 */
export async function createSheetsForNewcomers(
  tx: Queryable,
  newcomers: { personIds?: readonly string[]; sealIds?: readonly string[] },
  actorId: string,
  now: Date,
): Promise<number> {
  const personIds = newcomers.personIds ?? [];
  const sealIds = newcomers.sealIds ?? [];
  if (personIds.length === 0 && sealIds.length === 0) return 0;
  const today = dateInJapan(now);
  const rounds = await openRounds(tx, today);
  if (rounds.length === 0) return 0;
  // One after another: a transaction is one connection, which runs one query at a time.
  const units = await loadUnits(tx);
  const people = await loadPeople(tx, { sql: 'id = any($1::text[])', params: [personIds] });
  const seals = await loadSeals(tx, { sql: 'id = any($1::text[])', params: [sealIds] });
  const sheets = sheetsForNewcomers(rounds, { units, people, seals }, newcomers, today);
  return (await createSheets(tx, sheets, actorId, now)).created.length;
}
