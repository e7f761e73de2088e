// The units (for everyone signed in) and the people register: searched a page at a time by
// auditors and administrators; password resets and deactivation by administrators. Both end
// the person's sessions at once, so a leaver's or a compromised account's devices lose access.
import type { Context, Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import type { PeopleQuery } from '@/shared/api/schemas.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import { hashPassword } from '../auth/passwords.ts';
import { revokeSessionsOf } from '../auth/sessions.ts';
import type { Queryable } from '../db/database.ts';
import { PERSON_COLUMNS, personFromRow, type PersonRow } from '../hr/hr-import-store.ts';
import { apiError } from '../http-errors.ts';
import { loadUnits } from '../sheets/sheet-store.ts';
import type { ServerContext } from '../server-context.ts';
import { mountOperation } from './mount-operation.ts';

async function personExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('select 1 from people where id = $1', [id])).length > 0;
}

/**
 * Text as the search compares it: compatibility forms folded (full-width letters and digits;
 * every space of a name, the full-width one too, becomes an ASCII space), spaces dropped,
 * lower case. The same SQL on both sides, so what is typed and what is stored cannot be
 * folded differently.
 */
const searchable = (sql: string) => `lower(replace(normalize(${sql}, NFKC), ' ', ''))`;

/**
 * One page of the people a search matches, and how many match in all. The database filters
 * and counts in one scan, so a keystroke never brings the register into Node.
 */
async function searchPeople(
  db: Queryable,
  query: PeopleQuery,
): Promise<{ people: Person[]; total: number }> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const parameter = (value: unknown) => `$${params.push(value)}`;
  if (query.q)
    conditions.push(
      `strpos(${searchable("name || ' ' || staff_number")}, ${searchable(parameter(query.q))}) > 0`,
    );
  if (query.unitId !== undefined) conditions.push(`unit_id = ${parameter(query.unitId)}`);
  if (query.active !== undefined) conditions.push(`active = ${parameter(query.active)}`);
  const where = conditions.length > 0 ? conditions.join(' and ') : 'true';
  const rows = await db.query<PersonRow & { total: number }>(
    `select ${PERSON_COLUMNS}, count(*) over ()::int as total from people where ${where}
      order by staff_number limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, query.limit, query.offset],
  );
  if (rows[0] || query.offset === 0)
    return { people: rows.map(personFromRow), total: rows[0]?.total ?? 0 };
  // A page past the last match has no row to carry the count.
  const [counted] = await db.query<{ total: number }>(
    `select count(*)::int as total from people where ${where}`,
    params,
  );
  return { people: [], total: counted?.total ?? 0 };
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

  mountOperation(app, ctx, operations.listPeople, async ({ c, query }) =>
    c.json({
      ...(await searchPeople(ctx.db, query)),
      limit: query.limit,
      offset: query.offset,
    }),
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
