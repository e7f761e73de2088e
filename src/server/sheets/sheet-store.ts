// Reading sheets, their answers and their events from the database into the shared shapes.
import type { Unit } from '@/shared/schemas/organisation.ts';
import type { Sheet, SheetEvent } from '@/shared/schemas/sheet.ts';
import type { KeptSubmission } from '@/shared/sync/protocol.ts';
import type { Queryable } from '../db/database.ts';

interface SheetRow {
  id: string;
  template_id: string;
  template_version: number;
  unit_id: string;
  owner_kind: Sheet['owner']['kind'];
  owner_person_id: string | null;
  seal_id: string | null;
  fiscal_year: number;
  period: Sheet['period'];
  due_date: string;
  state: Sheet['state'];
  revision: number;
}

function ownerOf(row: SheetRow): Sheet['owner'] {
  switch (row.owner_kind) {
    case 'person':
      return { kind: 'person', personId: row.owner_person_id ?? '' };
    case 'seal':
      return { kind: 'seal', sealId: row.seal_id ?? '', custodianId: row.owner_person_id ?? '' };
    case 'workplace':
      return { kind: 'workplace' };
  }
}

function toSheet(row: SheetRow): Sheet {
  return {
    id: row.id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    unitId: row.unit_id,
    owner: ownerOf(row),
    fiscalYear: row.fiscal_year,
    period: row.period,
    dueDate: row.due_date,
    state: row.state,
    revision: row.revision,
  };
}

const SHEET_COLUMNS = `id, template_id, template_version, unit_id, owner_kind, owner_person_id,
  seal_id, fiscal_year, period, due_date::text as due_date, state, revision`;

export async function loadSheet(db: Queryable, id: string): Promise<Sheet | null> {
  const [row] = await db.query<SheetRow>(`select ${SHEET_COLUMNS} from sheets where id = $1`, [id]);
  return row ? toSheet(row) : null;
}

/** The sheets with these ids, locked until the transaction ends (in id order: no deadlocks). */
export async function lockSheets(db: Queryable, ids: readonly string[]): Promise<Sheet[]> {
  const rows = await db.query<SheetRow>(
    `select ${SHEET_COLUMNS} from sheets where id = any($1::text[]) order by id for update`,
    [ids],
  );
  return rows.map(toSheet);
}

/**
 * The sheets of these units or with this person as owner or custodian (null: every sheet).
 * A coarse cut in SQL; the permission table makes the final decision on each.
 */
export async function loadSheetsNear(
  db: Queryable,
  near: { unitIds: readonly string[]; personId: string } | null,
): Promise<Sheet[]> {
  const rows = near
    ? await db.query<SheetRow>(
        `select ${SHEET_COLUMNS} from sheets
         where unit_id = any($1::text[]) or owner_person_id = $2 order by due_date, id`,
        [near.unitIds, near.personId],
      )
    : await db.query<SheetRow>(`select ${SHEET_COLUMNS} from sheets order by due_date, id`);
  return rows.map(toSheet);
}

/**
 * One page of the sheets near a person (as loadSheetsNear) whose version is in
 * (from, head], oldest change first, and the version up to which the page is complete.
 */
export async function loadSheetsChanged(
  db: Queryable,
  near: { unitIds: readonly string[]; personId: string } | null,
  from: number,
  head: number,
  limit: number,
): Promise<{ sheets: Sheet[]; upTo: number }> {
  const where = near ? 'and (unit_id = any($3::text[]) or owner_person_id = $4)' : '';
  const params = near ? [from, head, near.unitIds, near.personId] : [from, head];
  // The page ends at the version of its last sheet; every sheet up to it is included.
  const [last] = await db.query<{ version: string }>(
    `select version from sheets where version > $1 and version <= $2 ${where}
     order by version offset ${limit - 1} limit 1`,
    params,
  );
  const upTo = last ? Number(last.version) : head;
  const rows = await db.query<SheetRow>(
    `select ${SHEET_COLUMNS} from sheets where version > $1 and version <= $2 ${where}
     order by version, id`,
    [from, upTo, ...params.slice(2)],
  );
  return { sheets: rows.map(toSheet), upTo };
}

/** A row of `units`. */
export type UnitRow = {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  kind: Unit['kind'];
  parent_id: string | null;
};
export const UNIT_COLUMNS = 'id, code, name, name_en, kind, parent_id';

export function unitFromRow(r: UnitRow): Unit {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    ...(r.name_en === null ? {} : { nameEn: r.name_en }),
    kind: r.kind,
    parentId: r.parent_id,
  };
}

export async function loadUnits(db: Queryable): Promise<Unit[]> {
  const rows = await db.query<UnitRow>(`select ${UNIT_COLUMNS} from units order by code`);
  return rows.map(unitFromRow);
}

/** A unit and the units directly below it; for null, the top-level units (局・区). */
export async function loadUnitWithChildren(db: Queryable, unitId: string | null): Promise<Unit[]> {
  const rows = await db.query<UnitRow>(
    unitId === null
      ? `select ${UNIT_COLUMNS} from units where parent_id is null order by code`
      : `select ${UNIT_COLUMNS} from units where id = $1 or parent_id = $1 order by code`,
    unitId === null ? [] : [unitId],
  );
  return rows.map(unitFromRow);
}

export async function loadAnswers(db: Queryable, sheetId: string) {
  const rows = await db.query<{
    item_id: string;
    value: unknown;
    comment: string | null;
    action: string | null;
    updated_by: string;
    updated_at: Date;
  }>(
    `select item_id, value, comment, action, updated_by, updated_at from answers
     where sheet_id = $1 order by item_id`,
    [sheetId],
  );
  return rows.map((r) => ({
    itemId: r.item_id,
    value: r.value,
    ...(r.comment === null ? {} : { comment: r.comment }),
    ...(r.action === null ? {} : { action: r.action }),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function loadEvents(db: Queryable, sheetId: string): Promise<SheetEvent[]> {
  return loadEventsOf(db, [sheetId]);
}

/** The events of these sheets, each sheet's in order. */
export async function loadEventsOf(
  db: Queryable,
  sheetIds: readonly string[],
): Promise<SheetEvent[]> {
  if (sheetIds.length === 0) return [];
  const rows = await db.query<{
    sheet_id: string;
    seq: number;
    type: SheetEvent['type'];
    actor_id: string;
    at: Date;
    comment: string | null;
    content_hash: string | null;
  }>(
    `select sheet_id, seq, type, actor_id, at, comment, content_hash from sheet_events
     where sheet_id = any($1::text[]) order by sheet_id, seq`,
    [sheetIds],
  );
  return rows.map((r) => ({
    sheetId: r.sheet_id,
    seq: r.seq,
    type: r.type,
    actorId: r.actor_id,
    at: r.at.toISOString(),
    ...(r.comment === null ? {} : { comment: r.comment }),
    ...(r.content_hash === null ? {} : { contentHash: r.content_hash }),
  }));
}

/** The content kept with each of these sheets' submission before the latest, where there is one. */
export async function loadPreviousSubmissions(
  db: Queryable,
  sheetIds: readonly string[],
): Promise<KeptSubmission[]> {
  if (sheetIds.length === 0) return [];
  const rows = await db.query<{ sheet_id: string; seq: number; content: string }>(
    `select sheet_id, seq, content from (
       select sheet_id, seq, content,
         row_number() over (partition by sheet_id order by seq desc) as latest
       from sheet_events where sheet_id = any($1::text[]) and type = 'submitted'
     ) as submissions
     where latest = 2 and content is not null order by sheet_id`,
    [sheetIds],
  );
  return rows.map((r) => ({ sheetId: r.sheet_id, seq: r.seq, content: r.content }));
}
