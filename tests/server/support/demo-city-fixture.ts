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

/**
 * The chief of the bureau (局) above the demo section, and the units of that bureau: a
 * person whose sign-off reaches hundreds of sheets, enough for a pull of several pages.
 */
export function bureauHead(city: DemoCityFixture): { staffNumber: string; unitIds: string[] } {
  const bureauOf = (unitId: string): string => {
    const parent = city.org.units.find((u) => u.id === unitId)?.parentId;
    return parent ? bureauOf(parent) : unitId;
  };
  const bureau = bureauOf(city.accounts.staff.unitId);
  const head = city.org.people.find(
    (p) => p.active && p.unitId === bureau && p.roles.includes('chief'),
  );
  if (!head) throw new Error('the bureau has no chief');
  const unitIds = city.org.units.filter((u) => bureauOf(u.id) === bureau).map((u) => u.id);
  return { staffNumber: head.staffNumber, unitIds };
}
