// Rounds (実施回): the list a chief, an auditor or an administrator follows, and starting one.
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import { can } from '@/shared/permissions.ts';
import { roundReach } from '@/shared/rounds.ts';
import { apiError } from '../http-errors.ts';
import { countRoundSheets, loadRounds } from '../rounds/round-store.ts';
import { startRound } from '../rounds/start-round.ts';
import type { ServerContext } from '../server-context.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import { mountOperation } from './mount-operation.ts';

export function roundRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.listRounds, async ({ c, signedIn }) => {
    const actor = signedIn.person;
    // Auditors and administrators follow every round; a chief those touching their units,
    // counting only those units' sheets.
    const everything = can(actor, 'readReports') || can(actor, 'manageOrganisation');
    const reach = everything ? null : roundReach(actor, await loadUnits(ctx.db));
    if (reach !== null && reach.size === 0)
      return apiError(
        c,
        403,
        'forbidden',
        'rounds are followed by chiefs, auditors and administrators',
      );
    const rounds = (await loadRounds(ctx.db)).filter(
      ({ round }) => reach === null || round.unitIds.some((id) => reach.has(id)),
    );
    const counts = await countRoundSheets(
      ctx.db,
      rounds.map(({ round }) => round.id),
      reach === null ? null : [...reach],
    );
    return c.json({
      rounds: rounds.map((r) => ({
        ...r,
        counts: counts.get(r.round.id) ?? { draft: 0, submitted: 0, returned: 0, approved: 0 },
      })),
    });
  });

  mountOperation(app, ctx, operations.startRound, async ({ c, signedIn, body }) => {
    const outcome = await startRound(ctx, signedIn.person, body);
    if (!outcome.ok)
      return apiError(c, outcome.status, outcome.code, outcome.message, {
        ...(outcome.round ? { round: outcome.round } : {}),
      });
    const { round, created, carriedForward } = outcome;
    return c.json({ round, created, carriedForward });
  });
}
