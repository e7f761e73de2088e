// Reminders: a chief reminds the people who fill a sheet in, and each of them receives it
// in their next pull. One sending takes one version of the change counter, like every
// other change, so a device's cursor passes it exactly once.
import { randomUUID } from 'node:crypto';
import { mayRemind, reminderRecipients } from '@/shared/round-progress.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { PulledReminder } from '@/shared/sync/protocol.ts';
import type { Database, Queryable } from '../db/database.ts';
import { loadSheet } from '../sheets/sheet-store.ts';
import { reserveVersions } from '../sync/change-counter.ts';

export type ReminderOutcome =
  | { ok: true; sentAt: string; recipients: { personId: string; name: string }[] }
  | { ok: false; status: 404 | 409; code: string; message: string };

/** Thrown inside the transaction to roll it back, version and all. */
class Refused extends Error {
  constructor(readonly outcome: Extract<ReminderOutcome, { ok: false }>) {
    super(outcome.message);
  }
}

/**
 * Sends a reminder about a sheet the sender may sign off (the caller has checked that).
 * The sheet's state is read after taking the counter, which every writer takes first, so
 * a sheet approved meanwhile is seen as approved.
 */
export async function sendReminder(
  db: Database,
  sheetId: string,
  sender: { id: string },
  message: string | undefined,
  at: Date,
): Promise<ReminderOutcome> {
  try {
    return await db.transaction(async (tx): Promise<ReminderOutcome> => {
      const version = await reserveVersions(tx);
      const sheet = await loadSheet(tx, sheetId);
      if (!sheet)
        throw new Refused({
          ok: false,
          status: 404,
          code: 'not_found',
          message: 'there is no such sheet',
        });
      if (!mayRemind(sheet.state))
        throw new Refused({
          ok: false,
          status: 409,
          code: 'invalid_state',
          message: `the sheet is ${sheet.state}: there is nothing left for its people to do`,
        });
      const people = await candidates(tx, sheet);
      const recipients = reminderRecipients(sheet, people, sender.id);
      if (recipients.length === 0)
        throw new Refused({
          ok: false,
          status: 409,
          code: 'no_recipient',
          message: 'nobody else fills this sheet in who could be reminded',
        });
      await tx.query(
        `insert into reminders (id, sheet_id, person_id, sent_by, sent_at, message, version)
         select id, $1, person_id, $2, $3, $4, $5
         from unnest($6::text[], $7::text[]) as r (id, person_id)`,
        [
          sheetId,
          sender.id,
          at,
          message === undefined || message === '' ? null : message,
          version,
          recipients.map(() => randomUUID()),
          recipients,
        ],
      );
      const names = new Map(people.map((p) => [p.id, p.name]));
      return {
        ok: true,
        sentAt: at.toISOString(),
        recipients: recipients.map((id) => ({ personId: id, name: names.get(id) ?? id })),
      };
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

/** The people who could be a sheet's recipients: its owner or custodian, and its unit's members. */
async function candidates(tx: Queryable, sheet: Sheet) {
  const ownerId =
    sheet.owner.kind === 'person'
      ? sheet.owner.personId
      : sheet.owner.kind === 'seal'
        ? sheet.owner.custodianId
        : null;
  return (
    await tx.query<{ id: string; unit_id: string; active: boolean; name: string }>(
      'select id, unit_id, active, name from people where id = $1 or unit_id = $2',
      [ownerId, sheet.unitId],
    )
  ).map((r) => ({ id: r.id, unitId: r.unit_id, active: r.active, name: r.name }));
}

/** The reminders sent to a person with versions in (from, upTo], oldest first. */
export async function remindersFor(
  db: Queryable,
  personId: string,
  from: number,
  upTo: number,
): Promise<PulledReminder[]> {
  const rows = await db.query<{
    id: string;
    sheet_id: string;
    sent_by: string;
    sent_by_name: string;
    sent_at: Date;
    message: string | null;
    version: string;
  }>(
    `select r.id, r.sheet_id, r.sent_by, p.name as sent_by_name, r.sent_at, r.message, r.version
     from reminders r join people p on p.id = r.sent_by
     where r.person_id = $1 and r.version > $2 and r.version <= $3
     order by r.version, r.id`,
    [personId, from, upTo],
  );
  return rows.map((r) => ({
    id: r.id,
    sheetId: r.sheet_id,
    sentBy: r.sent_by,
    sentByName: r.sent_by_name,
    sentAt: r.sent_at.toISOString(),
    ...(r.message === null ? {} : { message: r.message }),
    version: Number(r.version),
  }));
}
