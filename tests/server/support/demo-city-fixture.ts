// A database holding the demo city, with its demo account for each role.
import type { Database } from '@/server/db/database.ts';
import { demoAccounts, generateDemoCity, type DemoAccount } from '@/server/seed/demo-city.ts';
import { loadSeeds, type Seeds } from '@/server/seed/load-seeds.ts';
import { seedDatabase } from '@/server/seed/seed-database.ts';
import type { Organisation, Role } from '@/shared/schemas/organisation.ts';
import type { TestDatabase } from './test-databases.ts';

export interface DemoCityFixture {
  db: Database;
  seeds: Seeds;
  org: Organisation;
  password: string;
  accounts: Record<Role, DemoAccount & { id: string; unitId: string }>;
}

/** Seeded as on 2026-11-24 (fiscal year 2026). */
export async function openDemoCity(kind: TestDatabase): Promise<DemoCityFixture> {
  const [db, seeds] = await Promise.all([kind.open(), loadSeeds()]);
  await seedDatabase(db, seeds, new Date('2026-11-24T03:00:00Z'));
  const org = generateDemoCity(seeds.demoCity);
  const accounts = Object.fromEntries(
    demoAccounts(org, seeds.demoCity).map((a) => {
      const person = org.people.find((p) => p.staffNumber === a.staffNumber);
      if (!person) throw new Error(`demo account ${a.staffNumber} is not in the city`);
      return [a.role, { ...a, id: person.id, unitId: person.unitId }];
    }),
  ) as DemoCityFixture['accounts'];
  return { db, seeds, org, password: seeds.demoCity.demoPassword, accounts };
}
