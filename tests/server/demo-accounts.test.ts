// The README's demo accounts are the ones the demo city has, and each signs in with the
// documented password on a freshly seeded database.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { sessionResponseSchema } from '@/shared/api/schemas.ts';
import { anonymous } from './support/api-session.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { testDatabases } from './support/test-databases.ts';

async function readmeAccounts() {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const password = /signs in with the password `([^`]+)`/.exec(readme)?.[1];
  const rows = [...readme.matchAll(/^\| (\w+) +\| (\d+) +\| ([^|]+?) +\| ([^|]+?) +\|$/gm)].map(
    ([, role, staffNumber, name, unitName]) => ({ role, staffNumber, name, unitName }),
  );
  return { password, rows };
}

describe.each(testDatabases())('the demo accounts on $name', (kind) => {
  let city: DemoCityFixture;
  beforeAll(async () => {
    city = await openDemoCity(kind);
  });
  afterAll(() => city.db.close());

  it('are listed in the README as the demo city has them', async () => {
    const { password, rows } = await readmeAccounts();
    expect(password).toBe(city.password);
    expect(rows).toEqual(
      Object.values(city.accounts).map(({ role, staffNumber, name, unitName }) => ({
        role,
        staffNumber,
        name,
        unitName,
      })),
    );
  });

  it('each sign in with the documented password and hold their role', async () => {
    const { password, rows } = await readmeAccounts();
    const app = createApp({ db: city.db });
    for (const row of rows) {
      const response = await anonymous(app).request('POST', '/api/session', {
        staffNumber: row.staffNumber,
        password,
      });
      expect(response.status, row.staffNumber).toBe(200);
      const session = sessionResponseSchema.parse(await response.json());
      expect(session.person.roles).toContain(row.role);
      expect(session.person.name).toBe(row.name);
    }
  });
});
