// Reading acting chief appointments (代理) from the database, and which of them are in force
// on a Japan calendar day by the shared rule. Writing them is the routes' business.
import {
  appointmentsInForce,
  appointmentStatus,
  type ActingAppointment,
} from '@/shared/acting-chiefs.ts';
import type { ListedAppointment } from '@/shared/api/schemas.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import type { Queryable } from '../db/database.ts';
import { loadUnits } from '../sheets/sheet-store.ts';

interface AppointmentRow {
  id: string;
  unit_id: string;
  person_id: string;
  starts_on: string;
  ends_on: string;
  appointed_by: string;
  appointed_at: Date;
  ended_at: Date | null;
  ended_by: string | null;
}

const APPOINTMENT_COLUMNS = `id, unit_id, person_id, starts_on::text as starts_on,
  ends_on::text as ends_on, appointed_by, appointed_at, ended_at, ended_by`;

function toAppointment(row: AppointmentRow): ActingAppointment {
  return {
    id: row.id,
    unitId: row.unit_id,
    personId: row.person_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    appointedBy: row.appointed_by,
    appointedAt: row.appointed_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    endedBy: row.ended_by,
  };
}

/** Appointments a condition on the table's columns selects, newest start first. */
export async function loadAppointments(
  db: Queryable,
  where: { sql: string; params: readonly unknown[] } = { sql: 'true', params: [] },
): Promise<ActingAppointment[]> {
  const rows = await db.query<AppointmentRow>(
    `select ${APPOINTMENT_COLUMNS} from acting_appointments where ${where.sql}
     order by starts_on desc, appointed_at desc, id`,
    where.params,
  );
  return rows.map(toAppointment);
}

/**
 * The appointments that could be in force on `today`: not ended and not yet over. A cut in
 * SQL; the shared rule (appointmentsInForce) makes the decision.
 */
export function loadAppointmentsStillOpen(
  db: Queryable,
  today: string,
  personId?: string,
): Promise<ActingAppointment[]> {
  return personId === undefined
    ? loadAppointments(db, { sql: 'ended_at is null and ends_on >= $1::date', params: [today] })
    : loadAppointments(db, {
        sql: 'ended_at is null and ends_on >= $1::date and person_id = $2',
        params: [today, personId],
      });
}

/** The units this person acts as chief of on `today`; almost always none, read in one query. */
export async function actingUnitsOfPerson(
  db: Queryable,
  person: Pick<Person, 'id' | 'unitId' | 'roles' | 'active'>,
  today: string,
): Promise<string[]> {
  const open = await loadAppointmentsStillOpen(db, today, person.id);
  if (open.length === 0) return [];
  const units = new Map((await loadUnits(db)).map((u) => [u.id, u]));
  const inForce = appointmentsInForce(open, today, new Map([[person.id, person]]), units);
  return [...new Set(inForce.map((a) => a.unitId))].sort();
}

interface ListedRow extends AppointmentRow {
  unit_name: string;
  person_name: string;
  person_staff_number: string;
  appointed_by_name: string;
  ended_by_name: string | null;
}

/** Appointments with the names a screen shows, and where each stands on `today`. */
export async function loadListedAppointments(
  db: Queryable,
  today: string,
  where: { sql: string; params: readonly unknown[] } = { sql: 'true', params: [] },
): Promise<ListedAppointment[]> {
  const rows = await db.query<ListedRow>(
    `select a.id, a.unit_id, a.person_id, a.starts_on::text as starts_on,
       a.ends_on::text as ends_on, a.appointed_by, a.appointed_at, a.ended_at, a.ended_by,
       u.name as unit_name, p.name as person_name, p.staff_number as person_staff_number,
       b.name as appointed_by_name, e.name as ended_by_name
     from acting_appointments a
       join units u on u.id = a.unit_id
       join people p on p.id = a.person_id
       join people b on b.id = a.appointed_by
       left join people e on e.id = a.ended_by
     where ${where.sql}
     order by a.starts_on desc, a.appointed_at desc, a.id`,
    where.params,
  );
  return rows.map((r) => {
    const appointment = toAppointment(r);
    return {
      ...appointment,
      status: appointmentStatus(appointment, today),
      unitName: r.unit_name,
      personName: r.person_name,
      personStaffNumber: r.person_staff_number,
      appointedByName: r.appointed_by_name,
      endedByName: r.ended_by_name,
    };
  });
}
