// Signing in and out, the current session, and changing one's own password.
import type { Context, Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import type { SessionResponse } from '@/shared/api/schemas.ts';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import {
  clearSessionCookie,
  clientAddress,
  loadPerson,
  setSessionCookie,
  type SignedInPerson,
} from '../auth/request-auth.ts';
import { createSession, revokeSession, revokeSessionsOf, type Session } from '../auth/sessions.ts';
import { beginAttempt, signInSucceeded } from '../auth/sign-in-throttle.ts';
import { apiError } from '../http-errors.ts';
import type { ServerContext } from '../server-context.ts';
import { mountOperation } from './mount-operation.ts';

function sessionResponse(person: SignedInPerson, session: Session): SessionResponse {
  return {
    person: {
      id: person.id,
      staffNumber: person.staffNumber,
      name: person.name,
      unitId: person.unitId,
      unitName: person.unitName,
      roles: person.roles,
      actingUnitIds: [...person.actingUnitIds],
    },
    csrfToken: session.csrfToken,
    mustChangePassword: person.mustChangePassword,
    expiresAt: session.expiresAt.toISOString(),
  };
}

function tooManyAttempts(c: Context, minutes: number) {
  return c.json(
    {
      error: {
        code: 'too_many_attempts',
        message: `too many failed sign-ins; try again in ${minutes} minutes`,
        retryAfterMinutes: minutes,
      },
    },
    429,
  );
}

const INVALID_CREDENTIALS = 'the staff number or the password is not correct';

export function sessionRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.signIn, async ({ c, body }) => {
    const now = ctx.clock();
    const keys = { account: body.staffNumber, address: clientAddress(c, ctx.trustProxy) };
    // Counted before the slow hash, so that guesses sent at once cannot all pass the limit.
    const locked = await beginAttempt(ctx.db, keys, now, ctx.throttlePolicy);
    if (locked !== null) return tooManyAttempts(c, locked);

    const [account] = await ctx.db.query<{ id: string; password_hash: string }>(
      `select p.id, c.password_hash from people p join credentials c on c.person_id = p.id
       where p.staff_number = $1 and p.active`,
      [body.staffNumber],
    );
    // An unknown or inactive account costs the same hash and gets the same answer.
    const correct = await verifyPassword(
      body.password,
      account?.password_hash ?? (await decoyHash()),
    );
    if (!account || !correct) return apiError(c, 401, 'invalid_credentials', INVALID_CREDENTIALS);
    await signInSucceeded(ctx.db, keys, now);
    const person = await loadPerson(ctx, account.id);
    if (!person) throw new Error('a person with credentials vanished during sign-in');
    const session = await createSession(ctx.db, person.id, now, ctx.sessionPolicy);
    setSessionCookie(c, session.token, session.expiresAt);
    return c.json(sessionResponse(person, session));
  });

  mountOperation(app, ctx, operations.getSession, ({ c, signedIn }) =>
    c.json(sessionResponse(signedIn.person, signedIn.session)),
  );

  mountOperation(app, ctx, operations.signOut, async ({ c, signedIn }) => {
    await revokeSession(ctx.db, signedIn.session.tokenHash, ctx.clock());
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  mountOperation(app, ctx, operations.changePassword, async ({ c, signedIn, body }) => {
    const personId = signedIn.person.id;
    const now = ctx.clock();
    // A device left signed in must not become a way to guess the password without limit.
    const keys = {
      account: signedIn.person.staffNumber,
      address: clientAddress(c, ctx.trustProxy),
    };
    const locked = await beginAttempt(ctx.db, keys, now, ctx.throttlePolicy);
    if (locked !== null) return tooManyAttempts(c, locked);
    const [row] = await ctx.db.query<{ password_hash: string }>(
      'select password_hash from credentials where person_id = $1',
      [personId],
    );
    if (!row || !(await verifyPassword(body.currentPassword, row.password_hash)))
      return apiError(c, 403, 'wrong_password', 'the current password is not correct');
    await signInSucceeded(ctx.db, keys, now);
    if (body.newPassword === body.currentPassword)
      return apiError(c, 400, 'same_password', 'the new password must differ from the current one');
    const hash = await hashPassword(body.newPassword);
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        'update credentials set password_hash = $2, must_change = false, changed_at = $3 where person_id = $1',
        [personId, hash, now],
      );
      await revokeSessionsOf(tx, [personId], now, signedIn.session.tokenHash);
    });
    return c.json({ ok: true });
  });
}
