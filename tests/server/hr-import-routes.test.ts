// The HR import through the API: a preview that changes nothing, Shift_JIS files, the
// confirmed import applied all or nothing, leavers signed out, and a repeat that changes nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { hashPassword } from '@/server/auth/passwords.ts';
import type { Database } from '@/server/db/database.ts';
import { applyHrImport, loadOrganisation } from '@/server/hr/hr-import-store.ts';
import {
  hrImportApplyResponseSchema,
  hrImportPreviewResponseSchema,
  type HrImportPreview,
} from '@/shared/api/schemas.ts';
import { decodeCsvBytes } from '@/shared/csv.ts';
import { planHrImport } from '@/shared/hr-import.ts';
import { signIn, type ApiCaller } from './support/api-session.ts';
import { testDatabases } from './support/test-databases.ts';

const bytes = (name: string) => readFileSync(new URL(`../fixtures/hr/${name}`, import.meta.url));
const base64 = (name: string) => bytes(name).toString('base64');
const PASSWORD = 'a-long-password';

const files2023 = { unitsCsv: base64('units-2023.csv'), peopleCsv: base64('people-2023.csv') };

describe.each(testDatabases())('the HR import API on $name', (kind) => {
  let db: Database;
  let admin: ApiCaller;
  let leaver: ApiCaller;
  const app = () => createApp({ db });

  beforeAll(async () => {
    db = await kind.open();
    // The register as last year's import left it, and passwords for two of its people.
    const plan = planHrImport(await loadOrganisation(db), {
      units: decodeCsvBytes(new Uint8Array(bytes('units-2022.csv'))),
      people: decodeCsvBytes(new Uint8Array(bytes('people-2022.csv'))),
    });
    if (!plan.ok) throw new Error('the 2022 fixtures do not import');
    const hash = await hashPassword(PASSWORD);
    await db.transaction(async (tx) => {
      await applyHrImport(tx, plan);
      await tx.query(
        `insert into credentials (person_id, password_hash, changed_at)
         select id, $1, now() from people where staff_number in ('100008', '100006')`,
        [hash],
      );
    });
    admin = await signIn(app(), '100008', PASSWORD);
    leaver = await signIn(app(), '100006', PASSWORD);
  });
  afterAll(() => db.close());

  async function preview(body: object): Promise<HrImportPreview> {
    const response = await admin.request('POST', '/api/hr-import/preview', body);
    expect(response.status).toBe(200);
    return hrImportPreviewResponseSchema.parse(await response.json());
  }

  it('previews the changes without changing anything, the same from Shift_JIS as from UTF-8', async () => {
    const before = await loadOrganisation(db);
    const utf8 = await preview(files2023);
    const sjis = await preview({ ...files2023, peopleCsv: base64('people-2023-sjis.csv') });
    if (!utf8.ok || !sjis.ok) throw new Error('the 2023 files should preview');
    expect(sjis.digest).toBe(utf8.digest);
    expect(utf8.changes.leavers.map((p) => p.staffNumber)).toEqual(['100006']);
    expect(utf8.changes.newPeople.map((p) => p.staffNumber).sort()).toEqual([
      '100014',
      '100015',
      '100016',
    ]);
    expect(utf8.changes.moves.map((m) => m.person.staffNumber)).toContain('100007');
    expect(utf8.changes.roleChanges.map((r) => r.person.staffNumber)).toContain('100004');
    expect(await loadOrganisation(db)).toEqual(before);
  });

  it('reports every bad row by line and column and applies nothing', async () => {
    const before = await loadOrganisation(db);
    const bad = { unitsCsv: base64('units-bad.csv'), peopleCsv: base64('people-bad.csv') };
    const result = await preview(bad);
    if (result.ok) throw new Error('the bad files should not preview');
    expect(result.errors.length).toBeGreaterThan(2);
    for (const error of result.errors) {
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.message.ja).not.toBe('');
    }
    expect(result.errors).toContainEqual(
      expect.objectContaining({ file: 'people', line: 3, column: '氏名', code: 'required' }),
    );
    const applied = await admin.request('POST', '/api/hr-import', {
      ...bad,
      previewDigest: '0'.repeat(64),
    });
    expect(applied.status).toBe(409);
    expect(await loadOrganisation(db)).toEqual(before);
  });

  it('refuses to apply when the result would differ from the confirmed preview', async () => {
    const before = await loadOrganisation(db);
    const shown = await preview(files2023);
    if (!shown.ok) throw new Error('the 2023 files should preview');
    const response = await admin.request('POST', '/api/hr-import', {
      unitsCsv: files2023.unitsCsv,
      peopleCsv: base64('people-2022.csv'),
      previewDigest: shown.digest,
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'preview_outdated',
    );
    expect(await loadOrganisation(db)).toEqual(before);
  });

  it('refuses files that are not base64 with a clear 400', async () => {
    const response = await admin.request('POST', '/api/hr-import/preview', {
      peopleCsv: 'not base64!',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { problems: { path: string }[] } };
    expect(body.error.problems.map((p) => p.path)).toEqual(['peopleCsv']);
  });

  it('applies the confirmed import: leavers are deactivated, kept, and signed out', async () => {
    const shown = await preview(files2023);
    if (!shown.ok) throw new Error('the 2023 files should preview');
    const response = await admin.request('POST', '/api/hr-import', {
      ...files2023,
      previewDigest: shown.digest,
    });
    expect(response.status).toBe(200);
    const result = hrImportApplyResponseSchema.parse(await response.json());
    expect(result.changes).toEqual(shown.changes);

    const org = await loadOrganisation(db);
    const leaverRow = org.people.find((p) => p.staffNumber === '100006');
    expect(leaverRow?.active).toBe(false);
    expect(org.people.find((p) => p.staffNumber === '100007')?.unitId).toBe('u101030');
    expect((await leaver.request('GET', '/api/session')).status).toBe(401);
    await expect(signIn(app(), '100006', PASSWORD)).rejects.toThrow(/401/);
  });

  it('changes nothing when the same files are imported again', async () => {
    const again = await preview(files2023);
    if (!again.ok) throw new Error('the 2023 files should preview');
    const { unchanged, ...lists } = again.changes;
    for (const list of Object.values(lists)) expect(list).toEqual([]);
    expect(unchanged).toBe(15);
  });
});
