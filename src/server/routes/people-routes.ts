// The units (for everyone signed in) and the people register: read by auditors and
// administrators; password resets and deactivation by administrators. Both end the person's
// sessions at once, so a leaver's or a compromised account's devices lose access.
import type { Context, Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import { hashPassword } from '../auth/passwords.ts';
import { revokeSessionsOf } from '../auth/sessions.ts';
import type { Queryable } from '../db/database.ts';
import { loadOrganisation } from '../hr/hr-import-store.ts';
import { apiError } from '../http-errors.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import type { ServerContext } from '../server-context.ts';
import { mountOperation } from './mount-operation.ts';

async function personExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('select 1 from people where id = $1', [id])).length > 0;
}

function notYourself(c: Context) {
  return apiError(
    c,
    400,
    'own_account',
    'administrators cannot do this to their own account; use the password change instead',
  );
}

export function peopleRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.listUnits, async ({ c }) =>
    c.json({ units: await loadUnits(ctx.db) }),
  );

  mountOperation(app, ctx, operations.listPeople, async ({ c }) =>
    c.json({ people: (await loadOrganisation(ctx.db)).people }),
  );

  mountOperation(app, ctx, operations.resetPassword, async ({ c, signedIn, params, body }) => {
    if (params.id === signedIn.person.id) return notYourself(c);
    if (!(await personExists(ctx.db, params.id)))
      return apiError(c, 404, 'not_found', 'there is no such person');
    const now = ctx.clock();
    const hash = await hashPassword(body.newPassword);
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        `insert into credentials (person_id, password_hash, must_change, changed_at)
         values ($1, $2, true, $3)
         on conflict (person_id) do update
           set password_hash = excluded.password_hash, must_change = true, changed_at = $3`,
        [params.id, hash, now],
      );
      await revokeSessionsOf(tx, [params.id], now);
    });
    return c.json({ ok: true });
  });

  mountOperation(app, ctx, operations.deactivatePerson, async ({ c, signedIn, params }) => {
    if (params.id === signedIn.person.id) return notYourself(c);
    if (!(await personExists(ctx.db, params.id)))
      return apiError(c, 404, 'not_found', 'there is no such person');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      await tx.query('update people set active = false where id = $1', [params.id]);
      await revokeSessionsOf(tx, [params.id], now);
    });
    return c.json({ ok: true });
  });
}
