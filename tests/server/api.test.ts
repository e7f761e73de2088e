// The HTTP API against each database: health, templates, unknown routes; the demo city load.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '@/server/app.ts';
import type { Database } from '@/server/db/database.ts';
import { migrate } from '@/server/db/migrate.ts';
import { loadSeeds, type Seeds } from '@/server/seed/load-seeds.ts';
import { demoAccounts, generateDemoCity } from '@/server/seed/demo-city.ts';
import { seedDatabase, storeTemplates } from '@/server/seed/seed-database.ts';
import { templateSchema } from '@/shared/schemas/template.ts';
import { signIn } from './support/api-session.ts';
import { testDatabases } from './support/test-databases.ts';

describe.each(testDatabases())('the API on $name', (kind) => {
  let db: Database;
  let seeds: Seeds;
  beforeAll(async () => {
    [db, seeds] = await Promise.all([kind.open(), loadSeeds()]);
  });
  afterAll(() => db.close());

  it('answers the health check', async () => {
    const response = await createApp({ db }).request('/api/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('asks for sign-in before listing templates', async () => {
    const response = await createApp({ db }).request('/api/templates');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'not_signed_in', message: 'please sign in' },
    });
  });

  it('loads the demo city into the empty database once, and a second load changes nothing', async () => {
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

  const staffCaller = async () => {
    const app = createApp({ db });
    const [staff] = demoAccounts(generateDemoCity(seeds.demoCity), seeds.demoCity);
    if (!staff) throw new Error('no demo staff account');
    return signIn(app, staff.staffNumber, seeds.demoCity.demoPassword);
  };

  it('lists the four published templates, each valid and as seeded', async () => {
    const response = await (await staffCaller()).request('GET', '/api/templates');
    expect(response.status).toBe(200);
    const { templates } = (await response.json()) as { templates: unknown[] };
    const parsed = templates.map((t) => templateSchema.parse(t));
    expect(parsed.map((t) => t.kind).sort()).toEqual(['documents', 'ethics', 'risk', 'seal']);
    for (const template of parsed) expect(seeds.templates).toContainEqual(template);
  });

  it('lists only the newest version of a template', async () => {
    const risk = seeds.templates.find((t) => t.kind === 'risk');
    if (!risk) throw new Error('no risk template');
    const v2 = {
      ...risk,
      version: risk.version + 1,
      title: { ja: 'リスク点検（改）', en: 'Risk check v2' },
    };
    await storeTemplates(db, [v2]);
    const response = await (await staffCaller()).request('GET', '/api/templates');
    const { templates } = (await response.json()) as { templates: unknown[] };
    const parsed = templates.map((t) => templateSchema.parse(t));
    expect(parsed).toHaveLength(4);
    expect(parsed.filter((t) => t.id === risk.id)).toEqual([v2]);
  });

  it.each([
    ['GET', '/api/no-such-thing'],
    ['GET', '/api/templates/ethics-self-check/extra'],
    ['POST', '/api/health'],
    ['DELETE', '/api/templates'],
  ])('answers an unknown API route (%s %s) with a JSON 404', async (method, path) => {
    const response = await createApp({ db }).request(path, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: `no such API route: ${method} ${path}` },
    });
  });

  it('answers a failure with a JSON 500 that gives nothing away', async () => {
    const failing: Database = {
      ...db,
      query: () => Promise.reject(new Error('password authentication failed for user "tenken"')),
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await createApp({ db: failing }).request('/api/health');
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('internal');
      expect(body.error.message).not.toMatch(/password|tenken/);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
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
