// Acting chief appointments (代理): listing them, appointing someone for a period, and
// ending an appointment early. A row is never deleted, so the table is the audit trail of
// who could sign off for a unit, when, and on whose word.
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { appointmentsOverlap, appointmentStatus, mayBeAppointed } from '@/shared/acting-chiefs.ts';
import { operations } from '@/shared/api/operations.ts';
import type { ListedAppointment } from '@/shared/api/schemas.ts';
import { dateInJapan } from '@/shared/fiscal-year.ts';
import { mayAppointActing, mayReadAppointment } from '@/shared/permissions.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { loadAppointments, loadListedAppointments } from '../acting/acting-store.ts';
import type { Queryable } from '../db/database.ts';
import { loadPeople } from '../hr/hr-import-store.ts';
import { apiError } from '../http-errors.ts';
import type { ServerContext } from '../server-context.ts';
import { unitsBelow } from '../sheets/reach.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import { mountOperation } from './mount-operation.ts';

const noSuchUnit = (c: Context) => apiError(c, 404, 'not_found', 'there is no such unit');
const notYours = (c: Context) =>
  apiError(
    c,
    403,
    'forbidden',
    "only an administrator, the unit's chief or the chief of the unit above may do this",
  );

async function listedOne(db: Queryable, id: string, today: string): Promise<ListedAppointment> {
  const [appointment] = await loadListedAppointments(db, today, { sql: 'a.id = $1', params: [id] });
  if (!appointment) throw new Error(`appointment ${id} vanished`);
  return appointment;
}

/** Locks the unit's row, so that two appointments for one unit are checked one after the other. */
async function lockUnit(tx: Queryable, id: string): Promise<Pick<Unit, 'id' | 'parentId'> | null> {
  const [row] = await tx.query<{ id: string; parent_id: string | null }>(
    'select id, parent_id from units where id = $1 for update',
    [id],
  );
  return row ? { id: row.id, parentId: row.parent_id } : null;
}

export function actingRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.listActingAppointments, async ({ c, signedIn, query }) => {
    const actor = signedIn.person;
    const today = dateInJapan(ctx.clock());
    const units = await loadUnits(ctx.db);
    const org = { units: new Map(units.map((u) => [u.id, u])) };
    let candidates: {
      id: string;
      staffNumber: string;
      name: string;
      unitId: string;
      position: string;
    }[] = [];
    if (query.unitId !== undefined) {
      const unit = org.units.get(query.unitId);
      if (!unit) return noSuchUnit(c);
      if (!mayAppointActing(actor, unit)) return notYours(c);
      const people = await loadPeople(ctx.db, {
        sql: 'active and unit_id = any($1::text[])',
        params: [unitsBelow([unit.id], units)],
      });
      candidates = people
        .filter((p) => mayBeAppointed(p, unit.id, org.units))
        .map(({ id, staffNumber, name, unitId, position }) => ({
          id,
          staffNumber,
          name,
          unitId,
          position,
        }));
    }
    const appointments = (await loadListedAppointments(ctx.db, today)).filter((a) =>
      mayReadAppointment(actor, a, org),
    );
    return c.json({ today, appointments, candidates });
  });

  mountOperation(app, ctx, operations.appointActingChief, async ({ c, signedIn, body }) => {
    const actor = signedIn.person;
    const now = ctx.clock();
    const today = dateInJapan(now);
    return ctx.db.transaction(async (tx) => {
      const unit = await lockUnit(tx, body.unitId);
      if (!unit) return noSuchUnit(c);
      if (!mayAppointActing(actor, unit)) return notYours(c);
      // Sign-offs are checked on the day they happen; a start in the past would only make
      // the record claim what was never so.
      if (body.startsOn < today)
        return apiError(
          c,
          400,
          'starts_in_the_past',
          `an appointment cannot start before today (${today})`,
        );
      const [person] = await loadPeople(tx, { sql: 'id = $1', params: [body.personId] });
      if (!person) return apiError(c, 404, 'not_found', 'there is no such person');
      const units = new Map((await loadUnits(tx)).map((u) => [u.id, u]));
      if (!mayBeAppointed(person, unit.id, units))
        return apiError(
          c,
          400,
          'not_eligible',
          'the person must be active, work in the unit or below it, not be its chief already, and not be an administrator',
        );
      const open = await loadAppointments(tx, {
        sql: 'unit_id = $1 and ended_at is null and ends_on >= $2::date',
        params: [unit.id, body.startsOn],
      });
      const clash = open.find((a) => appointmentsOverlap(a, { ...body, endedAt: null }));
      if (clash)
        return apiError(
          c,
          409,
          'overlap',
          `the unit already has an acting chief from ${clash.startsOn} to ${clash.endsOn}`,
        );
      const id = randomUUID();
      await tx.query(
        `insert into acting_appointments (id, unit_id, person_id, starts_on, ends_on,
           appointed_by, appointed_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [id, unit.id, person.id, body.startsOn, body.endsOn, actor.id, now],
      );
      return c.json({ appointment: await listedOne(tx, id, today) });
    });
  });

  mountOperation(app, ctx, operations.endActingAppointment, async ({ c, signedIn, params }) => {
    const actor = signedIn.person;
    const now = ctx.clock();
    const today = dateInJapan(now);
    return ctx.db.transaction(async (tx) => {
      // Locked, so that two people ending it at once record one end.
      await tx.query('select id from acting_appointments where id = $1 for update', [params.id]);
      const [appointment] = await loadAppointments(tx, { sql: 'id = $1', params: [params.id] });
      if (!appointment) return apiError(c, 404, 'not_found', 'there is no such appointment');
      const unit = await lockUnit(tx, appointment.unitId);
      if (!unit || !mayAppointActing(actor, unit)) return notYours(c);
      const status = appointmentStatus(appointment, today);
      if (status === 'ended' || status === 'over')
        return apiError(
          c,
          409,
          status === 'ended' ? 'already_ended' : 'already_over',
          status === 'ended'
            ? 'the appointment was already ended'
            : 'the appointment is already over',
        );
      await tx.query('update acting_appointments set ended_at = $2, ended_by = $3 where id = $1', [
        appointment.id,
        now,
        actor.id,
      ]);
      return c.json({ appointment: await listedOne(tx, appointment.id, today) });
    });
  });
}
