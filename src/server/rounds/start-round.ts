// Starting a round (実施回): checks everything the request names before anything is
// written, then creates the units' sheets and records the round in one transaction.
import type { ExistingRound, StartRoundRequest } from '@/shared/api/schemas.ts';
import { dateInJapan } from '@/shared/fiscal-year.ts';
import type { Actor } from '@/shared/permissions.ts';
import {
  dueDateProblem,
  mergedUnitIds,
  roundConflict,
  roundIdOf,
  roundReach,
  sheetsForRound,
  type RoundPlan,
} from '@/shared/rounds.ts';
import type { Round } from '@/shared/schemas/round.ts';
import { loadOrganisation } from '../hr/hr-import-store.ts';
import type { ServerContext } from '../server-context.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import { reserveVersions } from '../sync/change-counter.ts';
import { createSheets, loadTemplate, lockRound, saveRound } from './round-store.ts';

export type StartRoundOutcome =
  | { ok: true; round: Round; created: number; carriedForward: number }
  | {
      ok: false;
      status: 400 | 403 | 404 | 409;
      code: string;
      message: string;
      round?: ExistingRound;
    };

const refuse = (
  status: 400 | 403 | 404 | 409,
  code: string,
  message: string,
  round?: ExistingRound,
): StartRoundOutcome => ({ ok: false, status, code, message, ...(round ? { round } : {}) });

const dueDateMessages = {
  due_date_past: 'the due date has already passed',
  due_date_outside_year: "the due date must fall in the round's fiscal year or the next one",
} as const;

export async function startRound(
  ctx: ServerContext,
  actor: Actor,
  request: StartRoundRequest,
): Promise<StartRoundOutcome> {
  const units = await loadUnits(ctx.db);
  const reach = roundReach(actor, units);
  if (reach.size === 0)
    return refuse(403, 'forbidden', 'only chiefs and administrators start rounds');
  const template = await loadTemplate(ctx.db, request.templateId, request.templateVersion);
  if (!template)
    return refuse(
      404,
      'template_not_found',
      `there is no template "${request.templateId}" version ${request.templateVersion}`,
    );
  const known = new Set(units.map((u) => u.id));
  const unknown = request.unitIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    return refuse(404, 'unit_not_found', `there is no such unit: ${unknown.join(', ')}`);
  const beyond = request.unitIds.filter((id) => !reach.has(id));
  if (beyond.length > 0)
    return refuse(
      403,
      'units_out_of_reach',
      `a chief starts rounds only for their own unit and the units below it, not ${beyond.join(', ')}`,
    );
  const now = ctx.clock();
  const plan: RoundPlan = {
    template,
    fiscalYear: request.fiscalYear,
    period: request.period,
    dueDate: request.dueDate,
    unitIds: request.unitIds,
  };
  const dateProblem = dueDateProblem(plan, dateInJapan(now));
  if (dateProblem) return refuse(400, dateProblem, dueDateMessages[dateProblem]);

  return ctx.db.transaction(async (tx): Promise<StartRoundOutcome> => {
    // Held until commit: starts of rounds and every other writer of sheets go one at a
    // time, so two starts of one round cannot both think they are the first.
    await reserveVersions(tx, 0);
    const id = roundIdOf(plan);
    const existing = await lockRound(tx, id);
    const conflict = existing && roundConflict(existing, plan);
    if (existing && conflict)
      return refuse(
        409,
        conflict,
        conflict === 'round_other_version'
          ? `this round exists with template version ${existing.templateVersion}`
          : `this round exists with the due date ${existing.dueDate}`,
        // The person may not see this round (a sibling section's chief may have started it),
        // so the answer names what to match, and only that: not its units or who started it.
        { dueDate: existing.dueDate, templateVersion: existing.templateVersion },
      );
    const sheets = sheetsForRound(plan, await loadOrganisation(tx));
    if (sheets.length === 0)
      return refuse(
        400,
        'no_sheets',
        `these units have no ${template.assignment === 'workplace' ? 'workplace' : `active ${template.assignment}`} for this template`,
      );
    const { created, carriedForward } = await createSheets(tx, sheets, actor.id, now);
    const round: Round = existing
      ? { ...existing, unitIds: mergedUnitIds(existing.unitIds, plan.unitIds) }
      : {
          id,
          templateId: template.id,
          templateVersion: template.version,
          fiscalYear: plan.fiscalYear,
          period: plan.period,
          dueDate: plan.dueDate,
          unitIds: mergedUnitIds([], plan.unitIds),
          startedBy: actor.id,
          startedAt: now.toISOString(),
        };
    await saveRound(tx, round);
    return { ok: true, round, created: created.length, carriedForward };
  });
}
