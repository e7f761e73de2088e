// Importing units and people from the HR system's CSV files: a preview that changes nothing,
// then the confirmed import, applied all or nothing and only if it is still what was shown.
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import { decodeCsvBytes } from '@/shared/csv.ts';
import { planHrImport, type HrChanges, type HrImportFiles } from '@/shared/hr-import.ts';
import { revokeSessionsOf } from '../auth/sessions.ts';
import type { Queryable } from '../db/database.ts';
import { applyHrImport, loadOrganisation } from '../hr/hr-import-store.ts';
import { apiError } from '../http-errors.ts';
import { createSheetsForNewcomers } from '../rounds/round-store.ts';
import type { ServerContext } from '../server-context.ts';
import { reserveVersions } from '../sync/change-counter.ts';
import { mountOperation } from './mount-operation.ts';

function decodeFiles(body: { unitsCsv?: string | undefined; peopleCsv: string }): HrImportFiles {
  const decode = (b64: string) => decodeCsvBytes(new Uint8Array(Buffer.from(b64, 'base64')));
  return {
    people: decode(body.peopleCsv),
    ...(body.unitsCsv === undefined ? {} : { units: decode(body.unitsCsv) }),
  };
}

function digestOf(changes: HrChanges): string {
  return createHash('sha256').update(JSON.stringify(changes)).digest('hex');
}

async function plan(db: Queryable, files: HrImportFiles) {
  return planHrImport(await loadOrganisation(db), files);
}

export function hrImportRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.previewHrImport, async ({ c, body }) => {
    const result = await plan(ctx.db, decodeFiles(body));
    return c.json(
      result.ok
        ? {
            ok: true,
            changes: result.changes,
            warnings: result.warnings,
            digest: digestOf(result.changes),
          }
        : { ok: false, errors: result.errors },
    );
  });

  mountOperation(app, ctx, operations.applyHrImport, async ({ c, signedIn, body }) => {
    const files = decodeFiles(body);
    const applied = await ctx.db.transaction(async (tx) => {
      // One import at a time, planned against the register as it is inside this transaction.
      await tx.query(`select pg_advisory_xact_lock(hashtext('tenken:hr-import'))`);
      const result = await plan(tx, files);
      if (!result.ok || digestOf(result.changes) !== body.previewDigest) return null;
      // The change counter before any write: writing people changes the report tallies
      // (their triggers lock tally rows), and a push takes the counter before those rows,
      // so taking them in the other order here could deadlock with it.
      await reserveVersions(tx, 0);
      const { deactivated } = await applyHrImport(tx, result);
      await revokeSessionsOf(tx, deactivated, ctx.clock());
      // People who joined, returned or moved get their sheets of the rounds still open in
      // their new unit (a mover keeps a sheet they already have for a round).
      const { newPeople, returning, moves } = result.changes;
      await createSheetsForNewcomers(
        tx,
        { personIds: [...newPeople, ...returning, ...moves.map((m) => m.person)].map((p) => p.id) },
        signedIn.person.id,
        ctx.clock(),
      );
      return result.changes;
    });
    if (!applied)
      return apiError(
        c,
        409,
        'preview_outdated',
        'the register or the files changed since the preview; preview the import again',
      );
    return c.json({ applied: true, changes: applied });
  });
}
