// Reads the organisation an HR import is planned against, and writes what a plan changes:
// only the changed rows, a few statements whatever the size of the city.
import type { HrImportPlan } from '@/shared/hr-import.ts';
import type { Organisation, Person, Seal, Unit } from '@/shared/schemas/organisation.ts';
import type { Queryable } from '../db/database.ts';
import { UNIT_COLUMNS, unitFromRow, type UnitRow } from '../sheets/sheet-store.ts';

export interface PersonRow {
  id: string;
  staff_number: string;
  name: string;
  unit_id: string;
  position: Person['position'];
  employment_type: Person['employmentType'];
  age_band: Person['ageBand'];
  roles: Person['roles'];
  active: boolean;
}

export const PERSON_COLUMNS =
  'id, staff_number, name, unit_id, position, employment_type, age_band, roles, active';

/**
 * Rows are typed, not parsed: every writer validated them, and the import plan checks the
 * organisation as a whole again before anything is written.
 */
export function personFromRow(p: PersonRow): Person {
  return {
    id: p.id,
    staffNumber: p.staff_number,
    name: p.name,
    unitId: p.unit_id,
    position: p.position,
    employmentType: p.employment_type,
    ageBand: p.age_band,
    roles: p.roles,
    active: p.active,
  };
}

interface SealRow {
  id: string;
  unit_id: string;
  name: string;
  custodian_id: string;
  location: string;
  active: boolean;
}

/** People of the register, all or those a condition on the table's columns selects. */
export async function loadPeople(
  db: Queryable,
  where: { sql: string; params: readonly unknown[] } = { sql: 'true', params: [] },
): Promise<Person[]> {
  const rows = await db.query<PersonRow>(
    `select ${PERSON_COLUMNS} from people where ${where.sql} order by id`,
    where.params,
  );
  return rows.map(personFromRow);
}

/** The whole organisation, inactive people included (a returning person keeps their id). */
export async function loadOrganisation(db: Queryable): Promise<Organisation> {
  const units = await db.query<UnitRow>(`select ${UNIT_COLUMNS} from units order by id`);
  const people = await loadPeople(db);
  const seals = await loadSeals(db);
  return {
    units: units.map(unitFromRow),
    people,
    seals,
  };
}

/** Seals of the register, all or those a condition on the table's columns selects. */
export async function loadSeals(
  db: Queryable,
  where: { sql: string; params: readonly unknown[] } = { sql: 'true', params: [] },
): Promise<Seal[]> {
  const rows = await db.query<SealRow>(
    `select id, unit_id, name, custodian_id, location, active from seals
      where ${where.sql} order by id`,
    where.params,
  );
  return rows.map((s) => ({
    id: s.id,
    unitId: s.unit_id,
    name: s.name,
    custodianId: s.custodian_id,
    location: s.location,
    active: s.active,
  }));
}

const unitRecord = 'r(id text, code text, name text, name_en text, kind text, parent_id text)';
const personRecord = `r(id text, staff_number text, name text, unit_id text, position text,
  employment_type text, age_band text, roles text[], active boolean)`;

/** A unit as a row of `units`. */
export function unitRow(u: Unit): UnitRow {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    name_en: u.nameEn ?? null,
    kind: u.kind,
    parent_id: u.parentId,
  };
}

/** The columns of a person's row with their SQL types, for insertRows. */
export const personColumns = {
  id: 'text',
  staff_number: 'text',
  name: 'text',
  unit_id: 'text',
  position: 'text',
  employment_type: 'text',
  age_band: 'text',
  roles: 'text[]',
  active: 'boolean',
} as const;

/** A person as a row of `people`. */
export function personRow(p: Person): PersonRow {
  return {
    id: p.id,
    staff_number: p.staffNumber,
    name: p.name,
    unit_id: p.unitId,
    position: p.position,
    employment_type: p.employmentType,
    age_band: p.ageBand,
    roles: p.roles,
    active: p.active,
  };
}

/**
 * Writes a plan in the caller's transaction. Plan against `loadOrganisation(tx)` in that same
 * transaction, or the plan may undo what someone else changed in between. Returns the people
 * it deactivated, whose sessions the caller ends.
 */
export async function applyHrImport(
  tx: Queryable,
  plan: Extract<HrImportPlan, { ok: true }>,
): Promise<{ deactivated: string[] }> {
  const { changes } = plan;

  // The foreign key to the parent is checked at the end of the statement, and the plan
  // lists parents first in any case.
  if (changes.newUnits.length > 0)
    await tx.query(
      `insert into units (id, code, name, name_en, kind, parent_id)
       select id, code, name, name_en, kind, parent_id
         from jsonb_to_recordset($1::jsonb) as ${unitRecord}`,
      [JSON.stringify(changes.newUnits.map(unitRow))],
    );
  if (changes.changedUnits.length > 0)
    await tx.query(
      `update units u
          set name = r.name, name_en = r.name_en, kind = r.kind, parent_id = r.parent_id
         from jsonb_to_recordset($1::jsonb) as ${unitRecord}
        where u.id = r.id`,
      [JSON.stringify(changes.changedUnits.map((c) => unitRow(c.unit)))],
    );

  const written = new Map<string, Person>();
  for (const person of [
    ...changes.newPeople,
    ...changes.returning,
    ...changes.moves.map((m) => m.person),
    ...changes.roleChanges.map((c) => c.person),
    ...changes.otherChanges.map((c) => c.person),
  ])
    written.set(person.id, person);
  if (written.size > 0)
    await tx.query(
      `insert into people (id, staff_number, name, unit_id, position, employment_type, age_band,
                           roles, active)
       select id, staff_number, name, unit_id, position, employment_type, age_band, roles, active
         from jsonb_to_recordset($1::jsonb) as ${personRecord}
       on conflict (id) do update
          set name = excluded.name, unit_id = excluded.unit_id, position = excluded.position,
              employment_type = excluded.employment_type, age_band = excluded.age_band,
              roles = excluded.roles, active = excluded.active`,
      [JSON.stringify([...written.values()].map(personRow))],
    );

  if (changes.leavers.length === 0) return { deactivated: [] };
  const deactivated = await tx.query<{ id: string }>(
    `update people set active = false where id = any($1::text[]) and active returning id`,
    [changes.leavers.map((p) => p.id)],
  );
  return { deactivated: deactivated.map((r) => r.id).sort() };
}
