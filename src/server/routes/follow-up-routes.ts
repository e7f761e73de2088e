// Following up a round: its progress in a unit, reminders to the people who have yet to
// act, and the meeting view's anonymous summary. Who may follow up a unit and who may
// remind about a sheet are the shared permission table's decisions.
import type { Context, Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import type { RoundProgressSheet, RoundQuery } from '@/shared/api/schemas.ts';
import { dateInJapan } from '@/shared/fiscal-year.ts';
import { meetingSummary } from '@/shared/meeting-summary.ts';
import { sheetAccess, type Actor } from '@/shared/permissions.ts';
import { isOverdue, mayFollowUp, summarizeProgress } from '@/shared/round-progress.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { handedInStates } from '@/shared/schemas/sheet.ts';
import type { Database } from '../db/database.ts';
import {
  loadAnswerValues,
  loadRoundSheets,
  loadTemplate,
  unitTree,
  type RoundSheetRow,
} from '../follow-up/round-sheets.ts';
import { sendReminder } from '../follow-up/reminders.ts';
import { apiError } from '../http-errors.ts';
import type { ServerContext } from '../server-context.ts';
import { loadSheet, loadUnits } from '../sheets/sheet-store.ts';
import { mountOperation } from './mount-operation.ts';

type RoundSheets = { ok: true; sheets: RoundSheetRow[] } | { ok: false; response: Response };

/** The round's sheets in the unit and below that the person may read, once they may follow it up. */
async function roundSheetsFor(
  c: Context,
  db: Database,
  actor: Actor,
  round: RoundQuery,
): Promise<RoundSheets> {
  const units: Unit[] = await loadUnits(db);
  const org = { units: new Map(units.map((u) => [u.id, u])) };
  if (!org.units.has(round.unitId))
    return { ok: false, response: apiError(c, 404, 'not_found', 'there is no such unit') };
  if (!mayFollowUp(actor, round.unitId, org))
    return {
      ok: false,
      response: apiError(c, 403, 'forbidden', "this unit's sheets are not yours to follow up"),
    };
  const rows = await loadRoundSheets(db, round, unitTree(units, round.unitId));
  return { ok: true, sheets: rows.filter((r) => sheetAccess(actor, r.facts, org).read) };
}

function ownerOf(row: RoundSheetRow): RoundProgressSheet['owner'] {
  const { owner } = row.facts;
  switch (owner.kind) {
    case 'person':
      return { kind: 'person', personId: owner.personId, name: row.ownerName ?? owner.personId };
    case 'seal':
      return {
        kind: 'seal',
        sealId: owner.sealId,
        sealName: row.sealName ?? owner.sealId,
        custodianId: owner.custodianId,
        custodianName: row.ownerName ?? owner.custodianId,
      };
    case 'workplace':
      return { kind: 'workplace' };
  }
}

export function followUpRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.getRoundProgress, async ({ c, signedIn, query }) => {
    const found = await roundSheetsFor(c, ctx.db, signedIn.person, query);
    if (!found.ok) return found.response;
    const today = dateInJapan(ctx.clock());
    return c.json({
      round: query,
      today,
      summary: summarizeProgress(found.sheets, today),
      sheets: found.sheets.map((row): RoundProgressSheet => ({
        sheetId: row.id,
        unitId: row.facts.unitId,
        unitName: row.unitName,
        owner: ownerOf(row),
        state: row.state,
        dueDate: row.dueDate,
        overdue: isOverdue(row, today),
        started: row.started,
        submittedAt: row.submittedAt,
        lastReminderAt: row.lastReminderAt,
      })),
    });
  });

  mountOperation(app, ctx, operations.sendReminder, async ({ c, signedIn, params, body }) => {
    const sheet = await loadSheet(ctx.db, params.id);
    if (!sheet) return apiError(c, 404, 'not_found', 'there is no such sheet');
    const units = await loadUnits(ctx.db);
    if (
      !sheetAccess(signedIn.person, sheet, { units: new Map(units.map((u) => [u.id, u])) }).signOff
    )
      return apiError(
        c,
        403,
        'forbidden',
        'only those who sign this sheet off may remind about it',
      );
    const outcome = await sendReminder(
      ctx.db,
      sheet.id,
      signedIn.person,
      body.message,
      ctx.clock(),
    );
    if (!outcome.ok) return apiError(c, outcome.status, outcome.code, outcome.message);
    return c.json({ sentAt: outcome.sentAt, recipients: outcome.recipients });
  });

  mountOperation(app, ctx, operations.getMeetingSummary, async ({ c, signedIn, query }) => {
    const found = await roundSheetsFor(c, ctx.db, signedIn.person, query);
    if (!found.ok) return found.response;
    // The round's sheets pin one version as a rule; if not, the newest names the statements.
    // (A reduce: spreading a city's sheets into Math.max would overflow the call stack.)
    const version = found.sheets.reduce((v, s) => Math.max(v, s.templateVersion), 0);
    const template = await loadTemplate(
      ctx.db,
      query.templateId,
      version === 0 ? undefined : version,
    );
    if (!template) return apiError(c, 404, 'not_found', 'there is no such template');
    if (template.assignment !== 'person')
      return apiError(
        c,
        400,
        'not_a_person_round',
        'the meeting view counts the answers of a template each person fills in',
      );
    const handedIn = found.sheets.filter((s) => handedInStates.includes(s.state));
    const values = await loadAnswerValues(
      ctx.db,
      handedIn.map((s) => s.id),
    );
    const summary = meetingSummary(
      template,
      handedIn.map((s) => ({
        ownerId: s.facts.owner.kind === 'person' ? s.facts.owner.personId : s.id,
        state: s.state,
        values: values.get(s.id) ?? {},
      })),
    );
    return c.json({ round: query, templateVersion: template.version, summary });
  });
}
