// Reading a round (one template, fiscal year and period) in a unit and the units below it:
// its sheets with who fills each in and where it stands, for the progress list, and the
// answers handed in, for the meeting view.
import type { RoundQuery } from '@/shared/api/schemas.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { Template } from '@/shared/schemas/template.ts';
import type { Queryable } from '../db/database.ts';

/** The unit and every unit below it. */
export function unitTree(units: readonly Unit[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const u of units)
    if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const tree: string[] = [];
  const seen = new Set<string>();
  for (const queue = [rootId]; queue.length > 0;) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    tree.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return tree;
}

export interface RoundSheetRow {
  facts: Pick<Sheet, 'owner' | 'unitId'>;
  id: string;
  templateVersion: number;
  unitName: string;
  ownerName: string | null;
  sealName: string | null;
  state: Sheet['state'];
  dueDate: string;
  started: boolean;
  submittedAt: string | null;
  lastReminderAt: string | null;
}

/** The round's sheets in these units, by unit code and then by the name of who fills them in. */
export async function loadRoundSheets(
  db: Queryable,
  round: Omit<RoundQuery, 'unitId'>,
  unitIds: readonly string[],
): Promise<RoundSheetRow[]> {
  const rows = await db.query<{
    id: string;
    template_version: number;
    unit_id: string;
    unit_name: string;
    owner_kind: Sheet['owner']['kind'];
    owner_person_id: string | null;
    owner_name: string | null;
    seal_id: string | null;
    seal_name: string | null;
    state: Sheet['state'];
    due_date: string;
    started: boolean;
    submitted_at: Date | null;
    last_reminder_at: Date | null;
  }>(
    `select s.id, s.template_version, s.unit_id, u.name as unit_name, s.owner_kind,
       s.owner_person_id, p.name as owner_name, s.seal_id, se.name as seal_name, s.state,
       s.due_date::text as due_date,
       exists (select 1 from answer_history h where h.sheet_id = s.id) as started,
       (select max(e.at) from sheet_events e
         where e.sheet_id = s.id and e.type = 'submitted') as submitted_at,
       (select max(r.sent_at) from reminders r where r.sheet_id = s.id) as last_reminder_at
     from sheets s
       join units u on u.id = s.unit_id
       left join people p on p.id = s.owner_person_id
       left join seals se on se.id = s.seal_id
     where s.template_id = $1 and s.fiscal_year = $2 and s.period = $3
       and s.unit_id = any($4::text[])
     order by u.code, s.owner_kind, coalesce(se.name, p.name, ''), s.id`,
    [round.templateId, round.fiscalYear, round.period, unitIds],
  );
  return rows.map((r) => ({
    facts: {
      unitId: r.unit_id,
      owner:
        r.owner_kind === 'person'
          ? { kind: 'person', personId: r.owner_person_id ?? '' }
          : r.owner_kind === 'seal'
            ? { kind: 'seal', sealId: r.seal_id ?? '', custodianId: r.owner_person_id ?? '' }
            : { kind: 'workplace' },
    },
    id: r.id,
    templateVersion: r.template_version,
    unitName: r.unit_name,
    ownerName: r.owner_name,
    sealName: r.seal_name,
    state: r.state,
    dueDate: r.due_date,
    started: r.started,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    lastReminderAt: r.last_reminder_at?.toISOString() ?? null,
  }));
}

/** The answer values of these sheets, by sheet and item. */
export async function loadAnswerValues(
  db: Queryable,
  sheetIds: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const values = new Map<string, Record<string, unknown>>(sheetIds.map((id) => [id, {}]));
  if (sheetIds.length === 0) return values;
  const rows = await db.query<{ sheet_id: string; item_id: string; value: unknown }>(
    'select sheet_id, item_id, value from answers where sheet_id = any($1::text[])',
    [sheetIds],
  );
  for (const r of rows) {
    const sheet = values.get(r.sheet_id);
    if (sheet) sheet[r.item_id] = r.value;
  }
  return values;
}

/** A stored template version; with no version, the newest. */
export async function loadTemplate(
  db: Queryable,
  id: string,
  version?: number,
): Promise<Template | null> {
  const [row] = await db.query<{ body: Template }>(
    version === undefined
      ? 'select body from templates where id = $1 order by version desc limit 1'
      : 'select body from templates where id = $1 and version = $2',
    version === undefined ? [id] : [id, version],
  );
  return row?.body ?? null;
}
