// The HTTP API against each database: health, templates, unknown routes; the demo city load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import type { Database } from '@/server/db/database.ts';
import { migrate } from '@/server/db/migrate.ts';
import { loadSeeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';
import { templateSchema } from '@/shared/schemas/template.ts';
import { testDatabases } from './support/test-databases.ts';

describe.each(testDatabases())('the API on $name', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open();
  });
  afterAll(() => db.close());

  it('loads the demo city into the empty database once, and a second load changes nothing', async () => {
    const seeds = await loadSeeds();
    const first = await seedDatabase(db, seeds, new Date('2026-11-24T03:00:00Z'));
    expect(first).toMatchObject({ loadedDemoCity: true, people: 400 });
    const [counts] = await db.query<{ people: number; sheets: number; fy: number }>(
      'select (select count(*)::int from people) as people, (select count(*)::int from sheets) as sheets, (select min(fiscal_year) from sheets) as fy',
    );
    expect(counts).toEqual({ people: 400, sheets: first.sheets, fy: 2026 });
    const second = await seedDatabase(db, seeds);
    expect(second.loadedDemoCity).toBe(false);
    const [again] = await db.query<{ people: number }>(
      'select count(*)::int as people from people',
    );
    expect(again?.people).toBe(400);
    expect(await migrate(db)).toEqual([]);
  });

  it('answers the health check', async () => {
    const response = await createApp({ db }).request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('lists the four published templates, each valid', async () => {
    const response = await createApp({ db }).request('/api/templates');
    expect(response.status).toBe(200);
    const { templates } = (await response.json()) as { templates: unknown[] };
    const parsed = templates.map((t) => templateSchema.parse(t));
    expect(parsed.map((t) => t.kind).sort()).toEqual(['documents', 'ethics', 'risk', 'seal']);
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await createApp({ db }).request('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses a sheet in a state the workflow does not have', async () => {
    await expect(
      db.query(
        `insert into sheets (id, template_id, template_version, unit_id, owner_kind, fiscal_year, period, due_date, state)
         select 'bad', id, version, 'u101010', 'workplace', 2026, 'annual', '2027-01-01', 'lost' from templates limit 1`,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
