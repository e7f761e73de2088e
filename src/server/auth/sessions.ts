// Server-side sessions: a random token in the cookie, its SHA-256 in the database, an idle
// and an absolute expiry, and revocation (sign-out, password change, deactivation).
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteHours: number;
}

export const defaultSessionPolicy: SessionPolicy = { idleMinutes: 12 * 60, absoluteHours: 7 * 24 };

/** last_seen_at is written at most this often, so reading does not mean a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface Session {
  tokenHash: string;
  personId: string;
  csrfToken: string;
  expiresAt: Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Queryable,
  personId: string,
  now: Date,
  policy: SessionPolicy,
): Promise<Session & { token: string }> {
  const token = randomBytes(32).toString('base64url');
  const session = {
    token,
    tokenHash: hashToken(token),
    personId,
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
  };
  await db.query(
    `insert into sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $4, $5)`,
    [session.tokenHash, personId, session.csrfToken, now, session.expiresAt],
  );
  return session;
}

/** The live session for a cookie token, or null when it is unknown, revoked or expired. */
export async function findSession(
  db: Queryable,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<Session | null> {
  const tokenHash = hashToken(token);
  const [row] = await db.query<{
    person_id: string;
    csrf_token: string;
    last_seen_at: Date;
    expires_at: Date;
  }>(
    `select person_id, csrf_token, last_seen_at, expires_at from sessions
     where token_hash = $1 and revoked_at is null`,
    [tokenHash],
  );
  if (!row) return null;
  const idleUntil = row.last_seen_at.getTime() + policy.idleMinutes * 60_000;
  if (now >= row.expires_at || now.getTime() >= idleUntil) return null;
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS)
    await db.query('update sessions set last_seen_at = $2 where token_hash = $1', [tokenHash, now]);
  return {
    tokenHash,
    personId: row.person_id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

export async function revokeSession(db: Queryable, tokenHash: string, now: Date): Promise<void> {
  await db.query(
    'update sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null',
    [tokenHash, now],
  );
}

/** Ends every session of these people, except the one named (the caller's own, if kept). */
export async function revokeSessionsOf(
  db: Queryable,
  personIds: readonly string[],
  now: Date,
  keepTokenHash: string | null = null,
): Promise<void> {
  if (personIds.length === 0) return;
  await db.query(
    `update sessions set revoked_at = $2
     where person_id = any($1::text[]) and revoked_at is null
       and token_hash is distinct from $3`,
    [personIds, now, keepTokenHash],
  );
}
