// Push: a device's queued mutations, applied in order in one transaction. A mutation seen
// before (a retry) gets its recorded result; a new one is applied or rejected, and either
// way recorded, so one bad mutation never blocks the ones behind it. Only a transient
// fault fails the batch, which the device then sends again.
import { loadAppointmentsStillOpen } from '../acting/acting-store.ts';
import type { SignedInPerson } from '../auth/request-auth.ts';
import type { Queryable } from '../db/database.ts';
import type { ServerContext } from '../server-context.ts';
import { loadPeople } from '../hr/hr-import-store.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import { applyMutation, sheetIdOf, type Outcome, type PushRules } from './apply-mutation.ts';
import { BatchState, type PushAuthor } from './batch-state.ts';
import { reserveVersions } from './change-counter.ts';
import { otherPersonsDevice, outdatedDevice } from './sync-refusals.ts';
import { dateInJapan } from '@/shared/fiscal-year.ts';
import { actingUnitsOf, buildOrgView } from '@/shared/workflow.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import type { MutationResult, PushRequest } from '@/shared/sync/protocol.ts';

export type PushOutcome =
  | { ok: true; results: MutationResult[] }
  | { ok: false; status: 400 | 403 | 409 | 426; code: string; message: string };

/** Database errors that come from the data, not from the moment: retrying cannot help. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** The workflow reads chiefs and acting chiefs (to find approvers) and the actor; nobody else. */
function loadPeopleForRules(
  tx: Queryable,
  actorId: string,
  actingIds: readonly string[],
): Promise<Person[]> {
  return loadPeople(tx, {
    sql: "active and ('chief' = any(roles) or id = $1 or id = any($2::text[]))",
    params: [actorId, actingIds],
  });
}

/**
 * The organisation as the rules read it at this push's moment, with the acting chiefs of
 * that Japan calendar day; the actor acts as chief exactly where this view says so.
 */
async function rulesAt(tx: Queryable, actor: SignedInPerson, now: Date): Promise<PushRules> {
  const today = dateInJapan(now);
  const appointments = await loadAppointmentsStillOpen(tx, today);
  const people = await loadPeopleForRules(
    tx,
    actor.id,
    appointments.map((a) => a.personId),
  );
  const org = buildOrgView(await loadUnits(tx), people, { appointments, today });
  return {
    actor: { ...actor, actingUnitIds: actingUnitsOf(org, actor.id) },
    org,
    answerSchemas: new Map(),
  };
}

interface Numbered {
  mutation: PushRequest['mutations'][number];
  version: number;
}
type Decided = Numbered & { outcome: Outcome };

/** Reads the state the mutations need, applies them in order, and writes the changes. */
async function applyAll(
  tx: Queryable,
  rules: PushRules,
  author: PushAuthor,
  mutations: readonly Numbered[],
): Promise<Decided[]> {
  const sheetIds = mutations.flatMap(({ mutation }) => sheetIdOf(mutation.args) ?? []);
  const state = await BatchState.load(tx, sheetIds, author);
  const decided = mutations.map((m) => ({
    ...m,
    outcome: applyMutation(state, rules, m.mutation, m.version),
  }));
  await state.write(tx);
  return decided;
}

function toResult(seq: number, outcome: Outcome): MutationResult {
  return outcome.status === 'applied'
    ? { seq, status: 'applied', ...(outcome.overwrite ? { overwrite: outcome.overwrite } : {}) }
    : { seq, status: 'rejected', code: outcome.code, message: outcome.message };
}

export async function push(
  ctx: ServerContext,
  actor: SignedInPerson,
  request: PushRequest,
): Promise<PushOutcome> {
  const outdated = outdatedDevice(request.schemaVersion, ctx.minSyncSchemaVersion);
  if (outdated) return outdated;
  const seqs = request.mutations.map((m) => m.seq);
  if (seqs.some((seq, i) => i > 0 && seq !== (seqs[i - 1] ?? 0) + 1))
    return {
      ok: false,
      status: 400,
      code: 'seq_order',
      message: 'mutations must be sent in order of their numbers, without gaps',
    };

  return ctx.db.transaction(async (tx): Promise<PushOutcome> => {
    const now = ctx.clock();
    const [client] = await tx.query<{ person_id: string; last_seq: string }>(
      'select person_id, last_seq from sync_clients where client_id = $1 for update',
      [request.clientId],
    );
    if (client && client.person_id !== actor.id) return otherPersonsDevice;
    if (!client)
      await tx.query(
        `insert into sync_clients (client_id, person_id, created_at, last_seen_at)
         values ($1, $2, $3, $3)`,
        [request.clientId, actor.id, now],
      );
    let lastSeq = Number(client?.last_seq ?? 0);
    const fresh = request.mutations.filter((m) => m.seq > lastSeq);
    if (fresh[0] && fresh[0].seq !== lastSeq + 1)
      return {
        ok: false,
        status: 409,
        code: 'seq_gap',
        message: `the server expected mutation ${lastSeq + 1} next, not ${fresh[0].seq}`,
      };

    const recorded = await tx.query<{
      seq: string;
      status: 'applied' | 'rejected';
      code: MutationResult['code'] | null;
      message: string | null;
      overwrite: MutationResult['overwrite'] | null;
    }>(
      `select seq, status, code, message, overwrite from mutation_results
       where client_id = $1 and seq = any($2::bigint[]) order by seq`,
      [request.clientId, seqs.filter((s) => s <= lastSeq)],
    );
    const results: MutationResult[] = recorded.map((r) => ({
      seq: Number(r.seq),
      status: r.status,
      ...(r.code === null ? {} : { code: r.code }),
      ...(r.message === null ? {} : { message: r.message }),
      ...(r.overwrite === null ? {} : { overwrite: r.overwrite }),
    }));
    if (fresh.length === 0) return { ok: true, results };

    const rules = await rulesAt(tx, actor, now);
    const author = { personId: actor.id, clientId: request.clientId, now };
    const firstVersion = await reserveVersions(tx, fresh.length);
    const numbered = fresh.map((mutation, i) => ({ mutation, version: firstVersion + i }));

    // The whole batch at once; if the database refuses what the data says (a value it
    // cannot store), again one mutation at a time, so only the offending one is rejected.
    let decided: Decided[];
    await tx.query('savepoint batch');
    try {
      decided = await applyAll(tx, rules, author, numbered);
      await tx.query('release savepoint batch');
    } catch (error) {
      if (!isDataError(error)) throw error;
      await tx.query('rollback to savepoint batch');
      decided = [];
      for (const one of numbered) {
        await tx.query('savepoint mutation');
        try {
          decided.push(...(await applyAll(tx, rules, author, [one])));
          await tx.query('release savepoint mutation');
        } catch (inner) {
          if (!isDataError(inner)) throw inner;
          await tx.query('rollback to savepoint mutation');
          decided.push({
            ...one,
            outcome: {
              status: 'rejected',
              code: 'invalid',
              message: 'the change could not be stored',
            },
          });
        }
      }
    }
    const recordedNow = decided.map(({ mutation, version, outcome }) => {
      const result = toResult(mutation.seq, outcome);
      results.push(result);
      return { ...result, name: mutation.name, version };
    });
    lastSeq = fresh.at(-1)?.seq ?? lastSeq;
    await tx.query(
      `insert into mutation_results (client_id, seq, name, status, code, message, overwrite, version)
       select $1, seq, name, status, code, message, overwrite, version
       from jsonb_to_recordset($2::jsonb) as r(seq bigint, name text, status text, code text,
         message text, overwrite jsonb, version bigint)`,
      [request.clientId, JSON.stringify(recordedNow)],
    );
    await tx.query(
      'update sync_clients set last_seq = $2, last_seen_at = $3 where client_id = $1',
      [request.clientId, lastSeq, now],
    );
    return { ok: true, results };
  });
}
