// Loads the seed templates and, into an empty database, the demo city with a first round
// of sheets for the current fiscal year.
import { dateInJapan, fiscalYearOf } from '@/shared/fiscal-year.ts';
import { sheetsForRound } from '@/shared/rounds.ts';
import type { Organisation } from '@/shared/schemas/organisation.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import type { Template, TemplateKind } from '@/shared/schemas/template.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Database, Queryable } from '../db/database.ts';
import { insertRows } from '../db/insert-rows.ts';
import { personColumns, personRow, unitRow } from '../hr/hr-import-store.ts';
import { reserveVersions } from '../sync/change-counter.ts';
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

export function demoRound(
  org: Organisation,
  templates: readonly Template[],
  fiscalYear: number,
): Sheet[] {
  const unitIds = org.units.map((u) => u.id);
  return templates.flatMap((template) =>
    sheetsForRound(
      {
        template,
        fiscalYear,
        period: 'annual',
        dueDate: demoDue[template.kind](fiscalYear),
        unitIds,
      },
      org,
    ),
  );
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
    const sheets = demoRound(org, latest, fiscalYearOf(dateInJapan(now)));
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
    // Each sheet its own version, so a device's first pull can page through them.
    const firstVersion = await reserveVersions(tx, sheets.length);
    await insertRows(
      tx,
      'sheets',
      {
        id: 'text',
        template_id: 'text',
        template_version: 'integer',
        unit_id: 'text',
        owner_kind: 'text',
        owner_person_id: 'text',
        seal_id: 'text',
        fiscal_year: 'integer',
        period: 'text',
        due_date: 'date',
        state: 'text',
        revision: 'integer',
        version: 'bigint',
      },
      sheets.map((s, i) => ({
        id: s.id,
        template_id: s.templateId,
        template_version: s.templateVersion,
        unit_id: s.unitId,
        owner_kind: s.owner.kind,
        owner_person_id:
          s.owner.kind === 'person'
            ? s.owner.personId
            : s.owner.kind === 'seal'
              ? s.owner.custodianId
              : null,
        seal_id: s.owner.kind === 'seal' ? s.owner.sealId : null,
        fiscal_year: s.fiscalYear,
        period: s.period,
        due_date: s.dueDate,
        state: s.state,
        revision: s.revision,
        version: firstVersion + i,
      })),
    );
    await insertRows(
      tx,
      'sheet_events',
      { sheet_id: 'text', seq: 'integer', type: 'text', actor_id: 'text' },
      sheets.map((s) => ({ sheet_id: s.id, seq: 1, type: 'created', actor_id: admin.id })),
    );
    return { loadedDemoCity: true, people: org.people.length, sheets: sheets.length };
  });
}

/** The newest version of each template. */
export function latestVersions(templates: readonly Template[]): Template[] {
  const newest = new Map<string, Template>();
  for (const t of templates) if ((newest.get(t.id)?.version ?? 0) < t.version) newest.set(t.id, t);
  return [...newest.values()];
}
