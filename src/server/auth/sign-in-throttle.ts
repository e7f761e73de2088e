// Failed sign-ins are limited per account and per address, so passwords cannot be guessed
// by trying many (one account) or by trying a common password on many accounts (one address).
// Kept in the database, not in memory, so that several servers share one count.
import type { Queryable } from '../db/database.ts';

export interface ThrottlePolicy {
  windowMinutes: number;
  perAccount: number;
  perAddress: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  windowMinutes: 15,
  perAccount: 5,
  perAddress: 20,
};

export interface ThrottleKeys {
  account: string;
  address: string;
}

function keyList(keys: ThrottleKeys): string[] {
  return [`account:${keys.account}`, `address:${keys.address}`];
}

/** Minutes until another attempt is allowed, or null when one is allowed now. */
export async function lockedForMinutes(
  db: Queryable,
  keys: ThrottleKeys,
  now: Date,
  policy: ThrottlePolicy,
): Promise<number | null> {
  const windowMs = policy.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  let unlockAt = 0;
  for (const [key, limit] of [
    [`account:${keys.account}`, policy.perAccount],
    [`address:${keys.address}`, policy.perAddress],
  ] as const) {
    // Attempts open again once the limit-th most recent failure leaves the window.
    const [row] = await db.query<{ failed_at: Date }>(
      `select failed_at from sign_in_failures where key = $1 and failed_at > $2
       order by failed_at desc offset $3 limit 1`,
      [key, since, limit - 1],
    );
    if (row) unlockAt = Math.max(unlockAt, row.failed_at.getTime() + windowMs);
  }
  return unlockAt > now.getTime() ? Math.ceil((unlockAt - now.getTime()) / 60_000) : null;
}

async function recordFailure(
  db: Queryable,
  keys: ThrottleKeys,
  now: Date,
  policy: ThrottlePolicy,
): Promise<void> {
  const list = keyList(keys);
  await db.query(`delete from sign_in_failures where key = any($1::text[]) and failed_at <= $2`, [
    list,
    new Date(now.getTime() - policy.windowMinutes * 60_000),
  ]);
  await db.query(`insert into sign_in_failures (key, failed_at) select unnest($1::text[]), $2`, [
    list,
    now,
  ]);
}

/**
 * Counts an attempt as failed before its password is checked, so that guesses sent all at
 * once cannot all pass the limit while the slow hash runs. Returns the minutes until another
 * attempt is allowed (this one is then withdrawn, so waiting is not prolonged), or null when
 * the password may be checked; the attempt stays counted unless `signInSucceeded` follows.
 */
export async function beginAttempt(
  db: Queryable,
  keys: ThrottleKeys,
  now: Date,
  policy: ThrottlePolicy,
): Promise<number | null> {
  await recordFailure(db, keys, now, policy);
  // This attempt is among the rows now: locked only when it is one past a limit.
  const locked = await lockedForMinutes(db, keys, now, {
    ...policy,
    perAccount: policy.perAccount + 1,
    perAddress: policy.perAddress + 1,
  });
  if (locked !== null) await withdraw(db, keyList(keys), now);
  return locked;
}

/** Removes one attempt recorded at `now` under each key. */
async function withdraw(db: Queryable, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys)
    await db.query(
      `delete from sign_in_failures where ctid in
         (select ctid from sign_in_failures where key = $1 and failed_at = $2 limit 1)`,
      [key, now],
    );
}

/**
 * A correct password clears the account's count (not the address's: others share it) and
 * withdraws the attempt from the address's count.
 */
export async function signInSucceeded(db: Queryable, keys: ThrottleKeys, now: Date): Promise<void> {
  await db.query('delete from sign_in_failures where key = $1', [`account:${keys.account}`]);
  await withdraw(db, [`address:${keys.address}`], now);
}
