// Reading and writing the session cookie, the signed-in person behind a request, and the
// request checks against cross-site forgery.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { dateInJapan } from '@/shared/fiscal-year.ts';
import type { Actor } from '@/shared/permissions.ts';
import type { Role } from '@/shared/schemas/organisation.ts';
import { actingUnitsOfPerson } from '../acting/acting-store.ts';
import type { ServerContext } from '../server-context.ts';
import { findSession, type Session } from './sessions.ts';

const COOKIE = 'tenken_session';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface SignedInPerson extends Actor {
  staffNumber: string;
  name: string;
  unitName: string;
  roles: Role[];
  /** Set after an administrator's reset: nothing else is allowed until it is changed. */
  mustChangePassword: boolean;
  actingUnitIds: readonly string[];
}

export interface SignedIn {
  person: SignedInPerson;
  session: Session;
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: '/api',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/api', secure: isHttps(c) });
}

export async function loadPerson(
  ctx: ServerContext,
  personId: string,
): Promise<(SignedInPerson & { active: boolean }) | null> {
  const [row] = await ctx.db.query<{
    id: string;
    staff_number: string;
    name: string;
    unit_id: string;
    unit_name: string;
    roles: Role[];
    active: boolean;
    must_change: boolean | null;
  }>(
    `select p.id, p.staff_number, p.name, p.unit_id, u.name as unit_name, p.roles, p.active,
       c.must_change
     from people p join units u on u.id = p.unit_id
       left join credentials c on c.person_id = p.id
     where p.id = $1`,
    [personId],
  );
  if (!row) return null;
  const person = { id: row.id, unitId: row.unit_id, roles: row.roles, active: row.active };
  return {
    ...person,
    staffNumber: row.staff_number,
    name: row.name,
    unitName: row.unit_name,
    mustChangePassword: row.must_change ?? false,
    // Every request reads it afresh, so an appointment starts and ends on the day it says.
    actingUnitIds: row.active
      ? await actingUnitsOfPerson(ctx.db, person, dateInJapan(ctx.clock()))
      : [],
  };
}

/** The signed-in person of this request, or null without a live session. */
export async function authenticate(c: Context, ctx: ServerContext): Promise<SignedIn | null> {
  const token = getCookie(c, COOKIE);
  if (!token) return null;
  const session = await findSession(ctx.db, token, ctx.clock(), ctx.sessionPolicy);
  if (!session) return null;
  const person = await loadPerson(ctx, session.personId);
  if (!person?.active) return null;
  return { person, session };
}

/**
 * A forged cross-site request either names another origin or cannot set a custom header
 * without a CORS preflight, which this server never grants. So: the Origin, when sent,
 * must be ours; and a signed-in request must echo the session's token in a header.
 */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  // Hosts, not whole origins: behind a TLS proxy the request reaches us as http.
  return URL.canParse(origin) && new URL(origin).host === new URL(c.req.url).host;
}

export function carriesCsrfToken(c: Context, session: Session): boolean {
  return c.req.header(CSRF_HEADER) === session.csrfToken;
}

/** The client's network address, for throttling sign-in attempts. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
