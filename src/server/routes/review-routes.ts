// What a reviewer's device keeps to work offline: the units, and the people, seals and acting
// chief appointments (in force or scheduled) of the units the person reaches (of people, only
// themselves for someone who signs nothing off), so the review inbox can name each sheet's
// owner and apply the shared approver rule, with the same acting chiefs as the server, without
// the network. The server still decides every sign-off.
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import type { Directory } from '@/shared/api/schemas.ts';
import { dateInJapan } from '@/shared/fiscal-year.ts';
import { can, maySignOffAny } from '@/shared/permissions.ts';
import { loadAppointmentsStillOpen } from '../acting/acting-store.ts';
import { reachableUnits } from '../sheets/reach.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import type { ServerContext } from '../server-context.ts';
import { mountOperation } from './mount-operation.ts';

export function reviewRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.getDirectory, async ({ c, signedIn }) => {
    const actor = signedIn.person;
    const units = await loadUnits(ctx.db);
    const reach = reachableUnits(actor, units);
    // null: every unit (an auditor's reach).
    const unitIds = reach ?? units.map((u) => u.id);
    // Someone who signs nothing off needs no one's name but their own.
    const peopleOf = maySignOffAny(actor) || can(actor, 'readOrganisation') ? unitIds : [];
    const reached = new Set(unitIds);
    const [people, seals, appointments] = await Promise.all([
      ctx.db.query<{
        id: string;
        staff_number: string;
        name: string;
        unit_id: string;
        position: Directory['people'][number]['position'];
        roles: Directory['people'][number]['roles'];
        active: boolean;
      }>(
        `select id, staff_number, name, unit_id, position, roles, active from people
         where unit_id = any($1::text[]) or id = $2 order by id`,
        [peopleOf, actor.id],
      ),
      ctx.db.query<{ id: string; unit_id: string; name: string; custodian_id: string }>(
        `select id, unit_id, name, custodian_id from seals where unit_id = any($1::text[])
         order by id`,
        [unitIds],
      ),
      // Not ended early and not over on the server's Japan day: in force now or later.
      loadAppointmentsStillOpen(ctx.db, dateInJapan(ctx.clock())),
    ]);
    const directory: Directory = {
      units,
      people: people.map((p) => ({
        id: p.id,
        staffNumber: p.staff_number,
        name: p.name,
        unitId: p.unit_id,
        position: p.position,
        roles: p.roles,
        active: p.active,
      })),
      seals: seals.map((s) => ({
        id: s.id,
        unitId: s.unit_id,
        name: s.name,
        custodianId: s.custodian_id,
      })),
      actingAppointments: appointments
        .filter((a) => reached.has(a.unitId))
        .map((a) => ({
          unitId: a.unitId,
          personId: a.personId,
          startsOn: a.startsOn,
          endsOn: a.endsOn,
          endedAt: a.endedAt,
        })),
    };
    return c.json(directory);
  });
}
