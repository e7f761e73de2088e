// Reading sheets: the list a person may see, and one sheet with its answers and events.
// Every sheet passes the shared permission table before it is sent.
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import { sheetAccess } from '@/shared/permissions.ts';
import { apiError } from '../http-errors.ts';
import { reachableUnits } from '../sheets/reach.ts';
import { verifySheetHistory } from '../sheets/verify-history.ts';
import type { ServerContext } from '../server-context.ts';
import {
  loadAnswers,
  loadEvents,
  loadSheet,
  loadSheetsNear,
  loadUnits,
} from '../sheets/sheet-store.ts';
import { mountOperation } from './mount-operation.ts';

export function sheetRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.verifySheet, async ({ c, signedIn, params }) => {
    const sheet = await loadSheet(ctx.db, params.id);
    if (!sheet) return apiError(c, 404, 'not_found', 'there is no such sheet');
    const units = await loadUnits(ctx.db);
    if (!sheetAccess(signedIn.person, sheet, { units: new Map(units.map((u) => [u.id, u])) }).read)
      return apiError(c, 403, 'forbidden', 'this sheet is not yours to see');
    const result = await verifySheetHistory(ctx.db, sheet.id);
    if (!result) return apiError(c, 404, 'not_found', 'there is no such sheet');
    return c.json(result);
  });

  mountOperation(app, ctx, operations.listSheets, async ({ c, signedIn }) => {
    const actor = signedIn.person;
    const units = await loadUnits(ctx.db);
    const org = { units: new Map(units.map((u) => [u.id, u])) };
    const reach = reachableUnits(actor, units);
    const candidates = await loadSheetsNear(
      ctx.db,
      reach === null ? null : { unitIds: reach, personId: actor.id },
    );
    return c.json({ sheets: candidates.filter((s) => sheetAccess(actor, s, org).read) });
  });

  mountOperation(app, ctx, operations.getSheet, async ({ c, signedIn, params }) => {
    const sheet = await loadSheet(ctx.db, params.id);
    if (!sheet) return apiError(c, 404, 'not_found', 'there is no such sheet');
    const units = await loadUnits(ctx.db);
    if (!sheetAccess(signedIn.person, sheet, { units: new Map(units.map((u) => [u.id, u])) }).read)
      return apiError(c, 403, 'forbidden', 'this sheet is not yours to see');
    const [answers, events] = await Promise.all([
      loadAnswers(ctx.db, sheet.id),
      loadEvents(ctx.db, sheet.id),
    ]);
    return c.json({ sheet, answers, events });
  });
}
