// Loading the organisation for an HR import and writing a plan: what is written is exactly
// what the plan shows, nothing else is touched, and leavers keep their rows and sheets.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '@/server/db/database.ts';
import { applyHrImport, loadOrganisation } from '@/server/hr/hr-import-store.ts';
import { decodeCsvBytes } from '@/shared/csv.ts';
import { planHrImport, type HrImportFiles } from '@/shared/hr-import.ts';
import type { Organisation } from '@/shared/schemas/organisation.ts';
import { testDatabases } from './support/test-databases.ts';

const fixture = (name: string) =>
  decodeCsvBytes(new Uint8Array(readFileSync(new URL(`../fixtures/hr/${name}`, import.meta.url))));

const files2022: HrImportFiles = {
  units: fixture('units-2022.csv'),
  people: fixture('people-2022.csv'),
};
const files2023: HrImportFiles = {
  units: fixture('units-2023.csv'),
  people: fixture('people-2023.csv'),
};

function planned(current: Organisation, files: HrImportFiles) {
  const plan = planHrImport(current, files);
  if (!plan.ok) throw new Error(`expected a plan, got ${JSON.stringify(plan.errors, null, 1)}`);
  return plan;
}

/** The order rows are loaded in, so a plan's organisation compares with a loaded one. */
function sorted(org: Organisation): Organisation {
  const byId = <T extends { id: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { units: byId(org.units), people: byId(org.people), seals: byId(org.seals) };
}

/** The transaction id that last wrote each row: it changes on any write, even a no-op one. */
async function rowVersions(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ key: string; version: string }>(
    `select 'unit:' || id as key, xmin::text as version from units
     union all select 'person:' || id, xmin::text from people`,
  );
  return new Map(rows.map((r) => [r.key, r.version]));
}

function rewritten(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([key, version]) => before.get(key) !== version).map(([key]) => key);
}

describe.each(testDatabases())('the HR import store on $name', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open();
  });
  afterAll(() => db.close());

  it('loads an empty database as an empty organisation', async () => {
    expect(await loadOrganisation(db)).toEqual({ units: [], people: [], seals: [] });
  });

  it('writes a first import in full, and loads it back as planned', async () => {
    const plan = planned(await loadOrganisation(db), files2022);
    const result = await db.transaction((tx) => applyHrImport(tx, plan));
    expect(result).toEqual({ deactivated: [] });
    expect(await loadOrganisation(db)).toEqual(sorted(plan.next));
  });

  describe('a year later', () => {
    let before: Map<string, string>;
    let plan: ReturnType<typeof planned>;
    let result: { deactivated: string[] };

    beforeAll(async () => {
      // A seal, someone who left earlier and returns now, and a sheet of the coming leaver.
      await db.exec(`
        insert into seals (id, unit_id, name, custodian_id, location)
          values ('seal-101010-1', 'u101010', '総務課長印', 'p-100004', '金庫');
        insert into people (id, staff_number, name, unit_id, position, employment_type,
                            age_band, roles, active)
          values ('p-100016', '100016', '斎藤\u3000学', 'u101010', 'senior_staff', 'regular',
                  '50s', '{staff}', false);
        insert into templates (id, version, kind, body) values ('ethics-check', 1, 'ethics', '{}');
        insert into sheets (id, template_id, template_version, unit_id, owner_kind,
                            owner_person_id, fiscal_year, period, due_date, state)
          values ('ethics-check.2022.annual.p-100006', 'ethics-check', 1, 'u101020', 'person',
                  'p-100006', 2022, 'annual', '2023-01-31', 'approved');`);
      before = await rowVersions(db);
      plan = planned(await loadOrganisation(db), files2023);
      result = await db.transaction((tx) => applyHrImport(tx, plan));
    });

    it('writes what the plan shows, so the organisation loads back as planned', async () => {
      expect(await loadOrganisation(db)).toEqual(sorted(plan.next));
      expect(plan.warnings.map((w) => w.code)).toEqual([
        'custodian_role_removed',
        'unit_without_chief',
      ]);
    });

    it('rewrites only the rows that change', async () => {
      const { changes } = plan;
      const people = [
        ...changes.newPeople,
        ...changes.leavers,
        ...changes.returning,
        ...changes.moves.map((m) => m.person),
        ...changes.roleChanges.map((c) => c.person),
        ...changes.otherChanges.map((c) => c.person),
      ];
      const expected = new Set([
        ...changes.newUnits.map((u) => `unit:${u.id}`),
        ...changes.changedUnits.map((c) => `unit:${c.unit.id}`),
        ...people.map((p) => `person:${p.id}`),
      ]);
      expect(rewritten(before, await rowVersions(db)).sort()).toEqual([...expected].sort());
      expect(expected.size).toBe(2 + 3 + 8);
    });

    it('deactivates leavers without deleting them or their sheets, and says who', async () => {
      expect(result).toEqual({ deactivated: ['p-100006'] });
      const [leaver] = await db.query<{ active: boolean; unit_id: string }>(
        `select active, unit_id from people where id = 'p-100006'`,
      );
      expect(leaver).toEqual({ active: false, unit_id: 'u101020' });
      const sheets = await db.query<{ id: string; state: string }>(
        `select id, state from sheets where owner_person_id = 'p-100006'`,
      );
      expect(sheets).toEqual([{ id: 'ethics-check.2022.annual.p-100006', state: 'approved' }]);
    });

    it('reactivates a returning person under the id they had', async () => {
      const [row] = await db.query<{ id: string; active: boolean; unit_id: string }>(
        `select id, active, unit_id from people where staff_number = '100016'`,
      );
      expect(row).toEqual({ id: 'p-100016', active: true, unit_id: 'u201010' });
    });

    it('importing the same files again changes nothing and writes nothing', async () => {
      const versions = await rowVersions(db);
      const again = planned(await loadOrganisation(db), files2023);
      expect(again.changes).toEqual({
        newUnits: [],
        changedUnits: [],
        newPeople: [],
        moves: [],
        leavers: [],
        returning: [],
        roleChanges: [],
        otherChanges: [],
        unchanged: 15,
      });
      expect(await db.transaction((tx) => applyHrImport(tx, again))).toEqual({ deactivated: [] });
      expect(rewritten(versions, await rowVersions(db))).toEqual([]);
    });

    it('writes nothing when the caller rolls the transaction back', async () => {
      const versions = await rowVersions(db);
      const undo = planned(await loadOrganisation(db), files2022);
      await expect(
        db.transaction(async (tx) => {
          await applyHrImport(tx, undo);
          throw new Error('the admin cancelled');
        }),
      ).rejects.toThrow('the admin cancelled');
      expect(rewritten(versions, await rowVersions(db))).toEqual([]);
    });
  });
});
