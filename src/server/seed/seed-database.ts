// Loads the seed templates and, into an empty database, the demo city with a first round
// of sheets for the current fiscal year.
import { dateInJapan, fiscalYearOf } from '@/shared/fiscal-year.ts';
import { roundIdOf, sheetsForRound, type RoundPlan } from '@/shared/rounds.ts';
import type { Organisation } from '@/shared/schemas/organisation.ts';
import type { Round } from '@/shared/schemas/round.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { Template, TemplateKind } from '@/shared/schemas/template.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Database, Queryable } from '../db/database.ts';
import { insertRows } from '../db/insert-rows.ts';
import { personColumns, personRow, unitRow } from '../hr/hr-import-store.ts';
import { createSheets, saveRound } from '../rounds/round-store.ts';
import { generateDemoCity } from './demo-city.ts';
import type { Seeds } from './load-seeds.ts';

/** Stores seed templates that the database does not have yet; stored versions never change. */
export async function storeTemplates(tx: Queryable, templates: readonly Template[]): Promise<void> {
  for (const t of templates)
    await tx.query(
      `insert into templates (id, version, kind, body) values ($1, $2, $3, $4::jsonb)
       on conflict (id, version) do nothing`,
      [t.id, t.version, t.kind, JSON.stringify(t)],
    );
}

/** Due dates of the demo round, as months into the fiscal year. */
const demoDue: Record<TemplateKind, (fy: number) => string> = {
  seal: (fy) => `${fy}-12-25`,
  ethics: (fy) => `${fy + 1}-01-29`,
  documents: (fy) => `${fy + 1}-01-29`,
  risk: (fy) => `${fy + 1}-02-26`,
};

function demoPlans(org: Organisation, templates: readonly Template[], fiscalYear: number) {
  const unitIds = org.units.map((u) => u.id);
  return templates.map((template): RoundPlan => ({
    template,
    fiscalYear,
    period: 'annual',
    dueDate: demoDue[template.kind](fiscalYear),
    unitIds,
  }));
}

export function demoRound(
  org: Organisation,
  templates: readonly Template[],
  fiscalYear: number,
): Sheet[] {
  return demoPlans(org, templates, fiscalYear).flatMap((plan) => sheetsForRound(plan, org));
}

/** The demo round of each template, as started by the administrator for every unit. */
function demoRounds(
  templates: readonly Template[],
  org: Organisation,
  fiscalYear: number,
  adminId: string,
  now: Date,
): Round[] {
  return demoPlans(org, templates, fiscalYear).map((plan) => ({
    id: roundIdOf(plan),
    templateId: plan.template.id,
    templateVersion: plan.template.version,
    fiscalYear: plan.fiscalYear,
    period: plan.period,
    dueDate: plan.dueDate,
    unitIds: [...plan.unitIds].sort(),
    startedBy: adminId,
    startedAt: now.toISOString(),
  }));
}

export interface SeedResult {
  loadedDemoCity: boolean;
  people: number;
  sheets: number;
}

export async function seedDatabase(
  db: Database,
  seeds: Seeds,
  now = new Date(),
): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    await storeTemplates(tx, seeds.templates);
    const [{ count }] = (await tx.query<{ count: number }>(
      'select count(*)::int as count from units',
    )) as [{ count: number }];
    if (count > 0) return { loadedDemoCity: false, people: 0, sheets: 0 };
    // Only for a new city (scrypt is slow on purpose, so not at every start). One hash serves
    // every demo person: they share the published demo password anyway.
    const demoHash = await hashPassword(seeds.demoCity.demoPassword);

    const org = generateDemoCity(seeds.demoCity);
    const latest = latestVersions(seeds.templates);
    const fiscalYear = fiscalYearOf(dateInJapan(now));
    const sheets = demoRound(org, latest, fiscalYear);
    const admin = org.people.find((p) => p.roles.includes('admin'));
    if (!admin) throw new Error('the demo city has no administrator');

    await insertRows(
      tx,
      'units',
      { id: 'text', code: 'text', name: 'text', name_en: 'text', kind: 'text', parent_id: 'text' },
      org.units.map(unitRow),
    );
    await insertRows(tx, 'people', personColumns, org.people.map(personRow));
    await insertRows(
      tx,
      'credentials',
      { person_id: 'text', password_hash: 'text', changed_at: 'timestamptz' },
      org.people.map((p) => ({
        person_id: p.id,
        password_hash: demoHash,
        changed_at: now.toISOString(),
      })),
    );
    await insertRows(
      tx,
      'seals',
      {
        id: 'text',
        unit_id: 'text',
        name: 'text',
        custodian_id: 'text',
        location: 'text',
        active: 'boolean',
      },
      org.seals.map((s) => ({
        id: s.id,
        unit_id: s.unitId,
        name: s.name,
        custodian_id: s.custodianId,
        location: s.location,
        active: s.active,
      })),
    );
    // The first round of each template, recorded as a round like any other, its sheets
    // each with their own version, so a device's first pull can page through them.
    for (const round of demoRounds(latest, org, fiscalYear, admin.id, now))
      await saveRound(tx, round);
    await createSheets(tx, sheets, admin.id, now);
    return { loadedDemoCity: true, people: org.people.length, sheets: sheets.length };
  });
}

/** The newest version of each template. */
export function latestVersions(templates: readonly Template[]): Template[] {
  const newest = new Map<string, Template>();
  for (const t of templates) if ((newest.get(t.id)?.version ?? 0) < t.version) newest.set(t.id, t);
  return [...newest.values()];
}
