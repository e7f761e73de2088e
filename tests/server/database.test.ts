// The database layer against each driver: migrations, transactions, the demo city load,
// and the constraints that keep bad rows out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/server/db/database.ts';
import { migrate, readMigrations } from '@/server/db/migrate.ts';
import { loadSeeds, type Seeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';
import { generateDemoCity } from '@/server/seed/demo-city.ts';
import { templateSchema } from '@/shared/schemas/template.ts';
import { testDatabases } from './support/test-databases.ts';

type Counts = Record<'units' | 'people' | 'seals' | 'templates' | 'sheets' | 'events', number>;

async function counts(db: Database): Promise<Counts> {
  const [row] = await db.query<Counts>(
    `select (select count(*)::int from units) as units,
            (select count(*)::int from people) as people,
            (select count(*)::int from seals) as seals,
            (select count(*)::int from templates) as templates,
            (select count(*)::int from sheets) as sheets,
            (select count(*)::int from sheet_events) as events`,
  );
  if (!row) throw new Error('no counts');
  return row;
}

describe.each(testDatabases())('the database on $name', (kind) => {
  let db: Database;
  let seeds: Seeds;
  beforeAll(async () => {
    [db, seeds] = await Promise.all([kind.open(), loadSeeds()]);
  });
  afterAll(() => db.close());

  it('uses the driver it was opened with', () => {
    expect(db.driver).toBe(kind.name);
  });

  describe('migrations', () => {
    it('were all applied once when the database was opened', async () => {
      const files = (await readMigrations()).map((m) => m.id);
      expect(files.length).toBeGreaterThan(0);
      const rows = await db.query<{ id: string }>('select id from schema_migrations order by id');
      expect(rows.map((r) => r.id)).toEqual(files);
    });

    it('a second migrate applies nothing and changes nothing', async () => {
      const before = await db.query('select id, applied_at from schema_migrations order by id');
      expect(await migrate(db)).toEqual([]);
      expect(await db.query('select id, applied_at from schema_migrations order by id')).toEqual(
        before,
      );
    });

    it('applies a new migration once, in order, and skips it afterwards', async () => {
      const added = [
        { id: '9001_test_a', sql: 'create table migration_probe (n integer primary key);' },
        { id: '9002_test_b', sql: 'insert into migration_probe (n) values (1), (2);' },
      ];
      const existing = await readMigrations();
      expect(await migrate(db, [...existing, ...added])).toEqual(['9001_test_a', '9002_test_b']);
      expect(await migrate(db, [...existing, ...added])).toEqual([]);
      const [probe] = await db.query<{ n: number }>(
        'select count(*)::int as n from migration_probe',
      );
      expect(probe?.n).toBe(2);
    });

    it('a failing migration leaves no trace and is tried again next time', async () => {
      const broken = {
        id: '9003_test_broken',
        sql: `create table half_done (n integer);
              insert into half_done values (1);
              insert into no_such_table values (1);`,
      };
      await expect(migrate(db, [broken])).rejects.toThrow(/no_such_table/);
      const [table] = await db.query<{ found: string | null }>(
        `select to_regclass('half_done')::text as found`,
      );
      expect(table?.found).toBeNull();
      const seen = await db.query('select 1 from schema_migrations where id = $1', [broken.id]);
      expect(seen).toEqual([]);
      const fixed = { ...broken, sql: 'create table half_done (n integer);' };
      expect(await migrate(db, [fixed])).toEqual(['9003_test_broken']);
    });

    it('refuses a migration file name out of pattern', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tenken-migrations-'));
      try {
        writeFileSync(join(dir, 'add-things.sql'), 'select 1;');
        await expect(readMigrations(`${dir}/`)).rejects.toThrow(/add-things\.sql/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('transactions', () => {
    it('commit what the work did when it resolves', async () => {
      const result = await db.transaction(async (tx) => {
        await tx.exec('create table tx_probe (n integer)');
        await tx.query('insert into tx_probe (n) values ($1), ($2)', [1, 2]);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await db.query('select n from tx_probe order by n')).toEqual([{ n: 1 }, { n: 2 }]);
    });

    it('roll back everything when the work throws', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into tx_probe (n) values ($1)', [3]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await db.query('select n from tx_probe order by n')).toEqual([{ n: 1 }, { n: 2 }]);
    });

    it('return dates as the YYYY-MM-DD text they are', async () => {
      const [row] = await db.query<{ d: unknown }>(`select date '2022-03-31' as d`);
      expect(row?.d).toBe('2022-03-31');
    });
  });

  describe('seedDatabase', () => {
    const now = new Date('2022-03-31T15:30:00Z'); // 1 April 2022 in Japan: FY2022

    it('loads the templates and the demo city into an empty database', async () => {
      expect(await counts(db)).toEqual({
        units: 0,
        people: 0,
        seals: 0,
        templates: 0,
        sheets: 0,
        events: 0,
      });
      const result = await seedDatabase(db, seeds, now);
      const city = generateDemoCity(seeds.demoCity);
      const expectedSheets = 400 * 2 + city.seals.length + 40;
      expect(result).toEqual({ loadedDemoCity: true, people: 400, sheets: expectedSheets });
      expect(await counts(db)).toEqual({
        units: 53,
        people: 400,
        seals: city.seals.length,
        templates: 4,
        sheets: expectedSheets,
        events: expectedSheets,
      });
    });

    it('stores the organisation as generated', async () => {
      const city = generateDemoCity(seeds.demoCity);
      const people = await db.query<{
        id: string;
        staff_number: string;
        unit_id: string;
        roles: string[];
        active: boolean;
      }>('select id, staff_number, unit_id, roles, active from people order by id');
      expect(people).toEqual(
        city.people.map((p) => ({
          id: p.id,
          staff_number: p.staffNumber,
          unit_id: p.unitId,
          roles: p.roles,
          active: true,
        })),
      );
      const top = await db.query<{ id: string }>(
        'select id from units where parent_id is null order by id',
      );
      expect(top.map((u) => u.id)).toEqual(
        city.units
          .filter((u) => u.parentId === null)
          .map((u) => u.id)
          .sort(),
      );
    });

    it('creates the first round for the fiscal year of the day in Japan', async () => {
      const rows = await db.query<{ fiscal_year: number; state: string; n: number }>(
        `select fiscal_year, state, count(*)::int as n from sheets group by fiscal_year, state`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ fiscal_year: 2022, state: 'draft' });
      const [due] = await db.query<{ due_date: string }>(
        `select due_date from sheets where template_id = 'official-seal-checklist' limit 1`,
      );
      expect(due?.due_date).toBe('2022-12-25');
    });

    it('gives a seal sheet its custodian and a workplace sheet no owner', async () => {
      const rows = await db.query<{ owner_kind: string; bad: number }>(
        `select s.owner_kind, count(*)::int as bad from sheets s
           left join seals k on k.id = s.seal_id
          where (s.owner_kind = 'seal' and s.owner_person_id is distinct from k.custodian_id)
             or (s.owner_kind = 'workplace' and s.owner_person_id is not null)
             or (s.owner_kind = 'person' and s.owner_person_id is null)
          group by s.owner_kind`,
      );
      expect(rows).toEqual([]);
    });

    it('stores each template exactly as validated', async () => {
      const rows = await db.query<{ id: string; version: number; body: unknown }>(
        'select id, version, body from templates order by id',
      );
      expect(rows.map((r) => templateSchema.parse(r.body))).toEqual(
        [...seeds.templates].sort((a, b) => a.id.localeCompare(b.id)),
      );
    });

    it('running it again changes nothing', async () => {
      const before = await counts(db);
      const sheetsBefore = await db.query(
        'select id, revision, created_at from sheets order by id',
      );
      expect(await seedDatabase(db, seeds, new Date('2023-06-01T00:00:00Z'))).toEqual({
        loadedDemoCity: false,
        people: 0,
        sheets: 0,
      });
      expect(await counts(db)).toEqual(before);
      expect(await db.query('select id, revision, created_at from sheets order by id')).toEqual(
        sheetsBefore,
      );
    });

    it('adds a new template version but never changes a stored one', async () => {
      const [first] = seeds.templates;
      if (!first) throw new Error('no templates');
      const changedTitle = { ...first, title: { ja: '改題', en: 'Renamed' } };
      const newer = { ...first, version: first.version + 1 };
      await seedDatabase(db, { ...seeds, templates: [changedTitle, newer] });
      const rows = await db.query<{ version: number; title: string }>(
        `select version, body->'title'->>'en' as title from templates where id = $1 order by version`,
        [first.id],
      );
      expect(rows).toEqual([
        { version: first.version, title: first.title.en },
        { version: first.version + 1, title: first.title.en },
      ]);
    });
  });

  describe('constraints', () => {
    const sheetInsert = (values: Partial<Record<string, string | number | null>>) => {
      const row = {
        id: 'bad-sheet',
        template_id: 'internal-control-risk-sheet',
        template_version: 1,
        unit_id: 'u101010',
        owner_kind: 'workplace',
        owner_person_id: null,
        seal_id: null,
        fiscal_year: 2022,
        period: 'annual',
        due_date: '2023-02-26',
        state: 'draft',
        ...values,
      };
      const names = Object.keys(row);
      return db.query(
        `insert into sheets (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      );
    };

    it('accept a good sheet row (so the refusals below are about the bad field)', async () => {
      await db.transaction(async (tx) => {
        await tx.query(`insert into sheets (id, template_id, template_version, unit_id, owner_kind,
          fiscal_year, period, due_date, state) values ('probe', 'internal-control-risk-sheet', 1,
          'u101010', 'workplace', 2022, 'annual', '2023-02-26', 'draft')`);
        await tx.query(`delete from sheets where id = 'probe'`);
      });
      await expect(sheetInsert({ id: 'good-sheet' })).resolves.toEqual([]);
      await db.query(`delete from sheets where id = 'good-sheet'`);
    });

    it('refuse a sheet in a state the workflow does not have', async () => {
      await expect(sheetInsert({ state: 'archived' })).rejects.toThrow(
        /violates check constraint "sheets_state_check"/,
      );
    });

    it('refuse an owner that does not fit the kind of sheet', async () => {
      await expect(sheetInsert({ owner_kind: 'team' })).rejects.toThrow(/check constraint/);
      await expect(sheetInsert({ owner_person_id: 'p00001' })).rejects.toThrow(/check constraint/);
      await expect(sheetInsert({ owner_kind: 'person' })).rejects.toThrow(/check constraint/);
      await expect(sheetInsert({ owner_kind: 'seal', owner_person_id: 'p00001' })).rejects.toThrow(
        /check constraint/,
      );
    });

    it('refuse references to things that do not exist', async () => {
      await expect(sheetInsert({ unit_id: 'u404' })).rejects.toThrow(/foreign key/);
      await expect(sheetInsert({ template_version: 99 })).rejects.toThrow(/foreign key/);
      await expect(
        db.query(
          `insert into people (id, staff_number, name, unit_id, position, employment_type, age_band, roles)
           values ('p-new', '999999', '新人', 'u404', 'staff', 'regular', 'under_30', '{staff}')`,
        ),
      ).rejects.toThrow(/foreign key/);
    });

    it('refuse unknown kinds, employment types and event types', async () => {
      await expect(
        db.query(`insert into units (id, code, name, kind) values ('u-x', 'X1', '市', 'city')`),
      ).rejects.toThrow(/check constraint/);
      await expect(
        db.query(
          `insert into people (id, staff_number, name, unit_id, position, employment_type, age_band, roles)
           values ('p-new', '999999', '新人', 'u101010', 'staff', 'contract', 'under_30', '{staff}')`,
        ),
      ).rejects.toThrow(/check constraint/);
      const [sheet] = await db.query<{ id: string }>('select id from sheets limit 1');
      await expect(
        db.query(
          `insert into sheet_events (sheet_id, seq, type, actor_id) values ($1, 2, 'deleted', 'p00001')`,
          [sheet?.id],
        ),
      ).rejects.toThrow(/check constraint/);
    });

    it('refuse a second event with the same number, a duplicate staff number or unit code', async () => {
      const [sheet] = await db.query<{ id: string }>('select id from sheets limit 1');
      await expect(
        db.query(
          `insert into sheet_events (sheet_id, seq, type, actor_id) values ($1, 1, 'answered', 'p00001')`,
          [sheet?.id],
        ),
      ).rejects.toThrow(/duplicate key/);
      await expect(
        db.query(
          `insert into people (id, staff_number, name, unit_id, position, employment_type, age_band, roles)
           values ('p-new', '100001', '新人', 'u101010', 'staff', 'regular', 'under_30', '{staff}')`,
        ),
      ).rejects.toThrow(/duplicate key/);
      await expect(
        db.query(
          `insert into units (id, code, name, kind, parent_id) values ('u-x', '101010', '重複課', 'section', 'u1010')`,
        ),
      ).rejects.toThrow(/duplicate key/);
    });

    it('left the data as it was after all the refusals', async () => {
      const now = await counts(db);
      expect(now.people).toBe(400);
      expect(now.units).toBe(53);
      expect(now.sheets).toBe(now.events);
    });
  });
});
