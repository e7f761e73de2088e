// A unit's seal register (公印): read by the chiefs over the unit, its seal custodians,
// auditors and administrators; kept by the chiefs over the unit and administrators.
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import { mayEditSeals, mayReadSeals } from '@/shared/rounds.ts';
import { loadPeople, loadSeals } from '../hr/hr-import-store.ts';
import { apiError } from '../http-errors.ts';
import { saveSeal } from '../rounds/seal-register.ts';
import type { ServerContext } from '../server-context.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import { mountOperation } from './mount-operation.ts';

export function sealRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.listSeals, async ({ c, signedIn, params }) => {
    const units = await loadUnits(ctx.db);
    if (!units.some((u) => u.id === params.id))
      return apiError(c, 404, 'not_found', 'there is no such unit');
    if (!mayReadSeals(signedIn.person, params.id, units))
      return apiError(c, 403, 'forbidden', "this unit's seal register is not yours to see");
    const [seals, people] = await Promise.all([
      loadSeals(ctx.db, { sql: 'unit_id = $1', params: [params.id] }),
      loadPeople(ctx.db, { sql: 'unit_id = $1 and active', params: [params.id] }),
    ]);
    return c.json({
      seals,
      custodians: people.map((p) => ({ id: p.id, name: p.name, staffNumber: p.staffNumber })),
    });
  });

  mountOperation(app, ctx, operations.saveSeal, async ({ c, signedIn, params, body }) => {
    const units = await loadUnits(ctx.db);
    const unit = units.find((u) => u.id === params.id);
    if (!unit) return apiError(c, 404, 'not_found', 'there is no such unit');
    if (!mayEditSeals(signedIn.person, unit.id, units))
      return apiError(c, 403, 'forbidden', "this unit's seal register is not yours to keep");
    const outcome = await saveSeal(ctx, signedIn.person, unit, body);
    if (!outcome.ok) return apiError(c, outcome.status, outcome.code, outcome.message);
    return c.json({ seal: outcome.seal, created: outcome.created });
  });
}
