// A unit's seal register (公印): adding a seal or changing one. A seal added (or put back in
// use) gets its checklist in the rounds still open to it; a new custodian takes over the
// seal's checklists that are still with the custodian.
import type { SaveSealRequest } from '@/shared/api/schemas.ts';
import type { Actor } from '@/shared/permissions.ts';
import type { Seal, Unit } from '@/shared/schemas/organisation.ts';
import type { Queryable } from '../db/database.ts';
import { loadSeals } from '../hr/hr-import-store.ts';
import type { ServerContext } from '../server-context.ts';
import { reserveVersions } from '../sync/change-counter.ts';
import { createSheetsForNewcomers } from './round-store.ts';

export type SaveSealOutcome =
  | { ok: true; seal: Seal; created: number }
  | { ok: false; status: 400 | 404; code: string; message: string };

/** Readable like the register's own ids: seal-<unit code>-<n>. */
async function nextSealId(tx: Queryable, unit: Pick<Unit, 'code'>): Promise<string> {
  const prefix = `seal-${unit.code}-`;
  const rows = await tx.query<{ id: string }>('select id from seals where starts_with(id, $1)', [
    prefix,
  ]);
  const taken = rows.map((r) => Number(r.id.slice(prefix.length))).filter(Number.isInteger);
  return `${prefix}${Math.max(0, ...taken) + 1}`;
}

/** Saves a seal of `unit`; the caller has checked that the actor keeps the unit's register. */
export async function saveSeal(
  ctx: ServerContext,
  actor: Actor,
  unit: Pick<Unit, 'id' | 'code'>,
  request: SaveSealRequest,
): Promise<SaveSealOutcome> {
  return ctx.db.transaction(async (tx): Promise<SaveSealOutcome> => {
    // Held until commit: this may write sheets, and makes new seal ids one at a time.
    await reserveVersions(tx, 0);
    // Checked here and locked until commit, so the custodian cannot move or leave (the HR
    // import) between this check and the write.
    const [custodian] = await tx.query<{ unit_id: string; active: boolean }>(
      'select unit_id, active from people where id = $1 for share',
      [request.custodianId],
    );
    if (!custodian || !custodian.active || custodian.unit_id !== unit.id)
      return {
        ok: false,
        status: 400,
        code: 'custodian_not_in_unit',
        message: 'the custodian must be an active person of the seal’s unit',
      };
    const [before] = request.id
      ? await loadSeals(tx, { sql: 'id = $1', params: [request.id] })
      : [];
    if (request.id && (!before || before.unitId !== unit.id))
      return {
        ok: false,
        status: 404,
        code: 'seal_not_found',
        message: 'this unit has no such seal',
      };
    const seal: Seal = {
      id: before?.id ?? (await nextSealId(tx, unit)),
      unitId: unit.id,
      name: request.name,
      custodianId: request.custodianId,
      location: request.location,
      active: request.active,
    };
    await tx.query(
      `insert into seals (id, unit_id, name, custodian_id, location, active)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (id) do update set name = excluded.name, custodian_id = excluded.custodian_id,
         location = excluded.location, active = excluded.active`,
      [seal.id, seal.unitId, seal.name, seal.custodianId, seal.location, seal.active],
    );
    const now = ctx.clock();
    if (before && before.custodianId !== seal.custodianId) await handOver(tx, seal);
    const arrived = seal.active && !before?.active;
    const created = arrived
      ? await createSheetsForNewcomers(tx, { sealIds: [seal.id] }, actor.id, now)
      : 0;
    return { ok: true, seal, created };
  });
}

/**
 * The seal's checklists that are still to be filled (draft or returned) go to the new
 * custodian, each with a new version so devices pull the change; submitted and approved ones
 * stay with the custodian who handed them in.
 */
async function handOver(tx: Queryable, seal: Seal): Promise<void> {
  const open = await tx.query<{ id: string }>(
    `select id from sheets where seal_id = $1 and state in ('draft', 'returned') order by id`,
    [seal.id],
  );
  if (open.length === 0) return;
  const first = await reserveVersions(tx, open.length);
  await tx.query(
    `update sheets s set owner_person_id = $2, version = $3 + k.n - 1
       from unnest($1::text[]) with ordinality as k(id, n)
      where s.id = k.id`,
    [open.map((r) => r.id), seal.custodianId, first],
  );
}
