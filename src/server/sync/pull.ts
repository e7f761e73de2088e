// Pull: the sheets the person works on (fills in or signs off) that changed since the
// device's cursor, each with all its answers, plus the results of the device's own mutations
// and the overwrites that concern the person. Read in one repeatable-read snapshot together
// with the counter, so the cursor it returns never passes a row the device has not received.
import { createHash } from 'node:crypto';
import { sheetAccess } from '@/shared/permissions.ts';
import {
  MAX_PULL_ROWS,
  type MutationResult,
  type Overwrite,
  type PullResponse,
  type ServerAnswer,
} from '@/shared/sync/protocol.ts';
import type { SignedInPerson } from '../auth/request-auth.ts';
import { inSnapshot } from '../db/database.ts';
import { remindersFor } from '../follow-up/reminders.ts';
import type { ServerContext } from '../server-context.ts';
import { reachableUnits } from '../sheets/reach.ts';
import {
  loadEventsOf,
  loadPreviousSubmissions,
  loadSheetsChanged,
  loadUnits,
} from '../sheets/sheet-store.ts';
import { headVersion } from './change-counter.ts';
import { otherPersonsDevice, outdatedDevice, type SyncRefusal } from './sync-refusals.ts';

export type PullOutcome = { ok: true; response: PullResponse } | SyncRefusal;

export interface PullQuery {
  clientId: string;
  cursor: number;
  schemaVersion: number;
  scope?: string | undefined;
}

/** At most this many sheets per page (each with its answers). */
const PAGE_SHEETS = Math.floor(MAX_PULL_ROWS / 25);

export async function pull(
  ctx: ServerContext,
  actor: SignedInPerson,
  query: PullQuery,
): Promise<PullOutcome> {
  const outdated = outdatedDevice(query.schemaVersion, ctx.minSyncSchemaVersion);
  if (outdated) return outdated;
  return inSnapshot(ctx.db, async (tx): Promise<PullOutcome> => {
    const [client] = await tx.query<{ person_id: string }>(
      'select person_id from sync_clients where client_id = $1',
      [query.clientId],
    );
    if (client && client.person_id !== actor.id) return otherPersonsDevice;

    const units = await loadUnits(tx);
    // The device holds what the person works on: an auditor reads the whole city through
    // the reports and single sheets, never by holding 100,000 sheets on a tablet.
    const reach = reachableUnits(actor, units, ['fillSheets', 'signOffSheets']);
    // Acting as chief (代理) starts and ends by the calendar, not by any change to a row, so
    // it is named here (only when there is one, so it changes no token of anyone not acting).
    const acting = actor.actingUnitIds.length > 0 ? { acting: actor.actingUnitIds } : {};
    const scope = createHash('sha256')
      .update(
        JSON.stringify({
          id: actor.id,
          roles: [...actor.roles].sort(),
          unit: actor.unitId,
          reach,
          ...acting,
        }),
      )
      .digest('base64url');
    const reset = query.cursor === 0 || query.scope !== scope;
    const from = reset ? 0 : query.cursor;
    const head = await headVersion(tx);
    const near = reach === null ? null : { unitIds: reach, personId: actor.id };
    const { sheets: candidates, upTo } = await loadSheetsChanged(tx, near, from, head, PAGE_SHEETS);
    const org = { units: new Map(units.map((u) => [u.id, u])) };
    const sheets = candidates.filter((s) => {
      const access = sheetAccess(actor, s, org);
      return access.fill || access.signOff;
    });
    const ids = sheets.map((s) => s.id);

    const answerRows = await tx.query<{
      sheet_id: string;
      item_id: string;
      value: unknown;
      comment: string | null;
      action: string | null;
      version: string;
      updated_by: string;
      updated_at: Date;
    }>(
      `select sheet_id, item_id, value, comment, action, version, updated_by, updated_at
       from answers where sheet_id = any($1::text[]) order by sheet_id, item_id`,
      [ids],
    );
    const answers: ServerAnswer[] = answerRows.map((r) => ({
      sheetId: r.sheet_id,
      itemId: r.item_id,
      answer: {
        value: r.value,
        ...(r.comment === null ? {} : { comment: r.comment }),
        ...(r.action === null ? {} : { action: r.action }),
      },
      version: Number(r.version),
      updatedBy: r.updated_by,
      updatedAt: r.updated_at.toISOString(),
    }));
    const events = await loadEventsOf(tx, ids);
    // Only where the person may decide: what a reviewer compares, and nobody else needs.
    const previousSubmissions = await loadPreviousSubmissions(
      tx,
      sheets
        .filter((s) => s.state === 'submitted' && sheetAccess(actor, s, org).signOff)
        .map((s) => s.id),
    );
    const results = (
      await tx.query<{
        seq: string;
        status: 'applied' | 'rejected';
        code: MutationResult['code'] | null;
        message: string | null;
        overwrite: Overwrite | null;
      }>(
        `select seq, status, code, message, overwrite from mutation_results
         where client_id = $1 and version > $2 and version <= $3 order by seq`,
        [query.clientId, from, upTo],
      )
    ).map((r): MutationResult => ({
      seq: Number(r.seq),
      status: r.status,
      ...(r.code === null ? {} : { code: r.code }),
      ...(r.message === null ? {} : { message: r.message }),
      ...(r.overwrite === null ? {} : { overwrite: r.overwrite }),
    }));
    const overwrites = (
      await tx.query<{
        version: string;
        sheet_id: string;
        item_id: string;
        replaced: Overwrite['replaced'];
        replaced_by: string;
        replaced_client_id: string;
        answer: Overwrite['value'];
        by_person: string;
        client_id: string;
        at: Date;
      }>(
        `select * from answer_overwrites
         where (replaced_by = $1 or by_person = $1) and version > $2 and version <= $3
         order by version`,
        [actor.id, from, upTo],
      )
    ).map((r): Overwrite => ({
      sheetId: r.sheet_id,
      itemId: r.item_id,
      replaced: r.replaced,
      replacedBy: r.replaced_by,
      replacedClientId: r.replaced_client_id,
      value: r.answer,
      by: r.by_person,
      clientId: r.client_id,
      version: Number(r.version),
      at: r.at.toISOString(),
    }));
    return {
      ok: true,
      response: {
        reset,
        cursor: upTo,
        scope,
        more: upTo < head,
        sheets,
        answers,
        events,
        results,
        overwrites,
        previousSubmissions,
        reminders: await remindersFor(tx, actor.id, from, upTo),
      },
    };
  });
}
