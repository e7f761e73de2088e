// The data of the first-pull benchmark, written with SQL into the benchmark server's
// database after the demo city is loaded: the demo section grown to 50 people, each with
// four quarterly sheets of a 60-item template, every item answered with a valid value.
//
// The demo templates have 9–23 items, so a section's round of them cannot reach the 60
// answers a sheet that the sizes (about 200 sheets, 12,000 answers) imply. The
// benchmark's template is made of real items instead: the 23 of the ethics self-check, the
// 22 of the document-management self-check and the first 15 of the seal checklist.
import type { Database } from '@/server/db/database.ts';
import { insertRows } from '@/server/db/insert-rows.ts';
import { personColumns } from '@/server/hr/hr-import-store.ts';
import type { Seeds } from '@/server/seed/load-seeds.ts';
import { createRandom, type Random } from '@/server/seed/random.ts';
import { storeTemplates } from '@/server/seed/seed-database.ts';
import { reserveVersions } from '@/server/sync/change-counter.ts';
import { dateInJapan, fiscalYearOf, type Period } from '@/shared/fiscal-year.ts';
import { answerSchemaFor, type Answer } from '@/shared/schemas/answer.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import {
  agreementValues,
  templateItems,
  templateSchema,
  type Column,
  type Item,
  type Template,
} from '@/shared/schemas/template.ts';

export const SECTION_PEOPLE = 50;
export const ITEMS_PER_SHEET = 60;
const QUARTERS: readonly Period[] = ['q1', 'q2', 'q3', 'q4'];
/** Earlier quarters are signed off, the current one is being filled in. */
const STATE_BY_QUARTER: readonly SheetState[] = ['approved', 'approved', 'submitted', 'draft'];

/** What the benchmark needs to know about the section it pulls. */
export interface SectionFacts {
  unitId: string;
  chief: { id: string; staffNumber: string };
  people: number;
  addedPeople: number;
  /** Sheets of the benchmark's template, all answered. */
  benchSheets: number;
  /** Sheets the demo round had already made in the section (unanswered). */
  seededSheets: number;
  answers: number;
  templateId: string;
}

/** The 60 items, taken in order from the ethics, documents and seal templates. */
export function benchTemplate(seeds: Seeds): Template {
  const byKind = (kind: Template['kind']) => {
    const t = seeds.templates.find((x) => x.kind === kind);
    if (!t) throw new Error(`no ${kind} template in seeds/templates`);
    return t;
  };
  const seen = new Set<string>();
  const sections: Template['sections'] = [];
  let left = ITEMS_PER_SHEET;
  for (const source of ['ethics', 'documents', 'seal'] as const)
    for (const section of byKind(source).sections) {
      if (left === 0) break;
      const items = section.items.slice(0, left).map((item) => {
        const id = seen.has(item.id) ? `${source}-${item.id}` : item.id;
        seen.add(id);
        return { ...item, id };
      });
      left -= items.length;
      sections.push({ ...section, id: `${source}-${section.id}`, items });
    }
  return templateSchema.parse({
    id: 'bench-quarterly-self-check',
    version: 1,
    kind: 'ethics',
    assignment: 'person',
    title: { ja: 'ベンチマーク用 四半期セルフチェック', en: 'Benchmark quarterly self-check' },
    description: {
      ja: '倫理・文書管理・公印の各シートの項目から成る 60 項目のシート。',
      en: 'Sixty items taken from the ethics, document-management and seal templates.',
    },
    sections,
  });
}

function day(random: Random): string {
  return `2026-${String(random.int(12) + 1).padStart(2, '0')}-${String(random.int(28) + 1).padStart(2, '0')}`;
}

const NOTES = [
  '特記事項なし。',
  '窓口での案内方法を課内で再確認した。',
  '保存期間の表示を次回の文書整理で見直す予定。',
  'Checked with the section chief; nothing to add.',
];

function cellFor(column: Column, random: Random): unknown {
  switch (column.kind) {
    case 'text':
      return `確認 ${random.int(100)}`;
    case 'long_text':
      return random.pick(NOTES);
    case 'number':
      return Math.max(column.min ?? 0, Math.min(column.max ?? Infinity, random.int(20) + 1));
    case 'date':
      return day(random);
    case 'choice':
      return random.pick(column.options).id;
    case 'priority':
      return undefined;
  }
}

/** A valid value as people give them: mostly positive, sometimes not, with the follow-up asked for. */
function answerFor(item: Item, random: Random): Answer {
  let value: unknown;
  switch (item.kind) {
    case 'yes_no_na':
      value = random.weighted([
        ['yes', 85],
        ['no', 8],
        ['na', 7],
      ]);
      break;
    case 'agreement4':
      value = random.weighted(agreementValues.map((v, i) => [v, [50, 35, 10, 5][i] ?? 0] as const));
      break;
    case 'single_choice':
      value = random.pick(item.options).id;
      break;
    case 'multi_choice':
      value = [random.pick(item.options).id];
      break;
    case 'number':
      value = Math.max(item.min ?? 0, Math.min(item.max ?? Infinity, random.int(40)));
      break;
    case 'date':
      value = day(random);
      break;
    case 'text':
      value = `確認 ${random.int(100)}`;
      break;
    case 'long_text':
      value = random.pick(NOTES);
      break;
    case 'table':
      value = Array.from({ length: random.int(3) + 1 }, (_, r) => ({
        id: `row-${r + 1}`,
        cells: Object.fromEntries(
          item.columns.filter((c) => c.kind !== 'priority').map((c) => [c.id, cellFor(c, random)]),
        ),
      }));
      break;
  }
  const answer: Answer = { value };
  const followUp = 'followUp' in item ? item.followUp : undefined;
  if (followUp && (followUp.when as readonly unknown[]).includes(value))
    answer[followUp.require] = '次回までに課内で手順を確認し、是正する。';
  return answerSchemaFor(item).parse(answer) as Answer;
}

/** Grows the demo section to 50 people and gives each four answered quarterly sheets. */
export async function growSection(
  db: Database,
  seeds: Seeds,
  now = new Date(),
): Promise<SectionFacts> {
  const unitId = `u${seeds.demoCity.demoSection}`;
  const template = benchTemplate(seeds);
  const items = templateItems(template);
  const random = createRandom(20260401);
  const fiscalYear = fiscalYearOf(dateInJapan(now));
  return db.transaction(async (tx) => {
    await storeTemplates(tx, [template]);
    const members = await tx.query<{ id: string; staff_number: string; roles: string[] }>(
      'select id, staff_number, roles from people where unit_id = $1 and active order by id',
      [unitId],
    );
    const chief = members.find((p) => p.roles.includes('chief'));
    if (!chief) throw new Error(`section ${unitId} has no chief`);
    const added = Array.from({ length: SECTION_PEOPLE - members.length }, (_, k) => ({
      id: `p9${String(k + 1).padStart(4, '0')}`,
      staff_number: String(900001 + k),
      name: `${random.pick(seeds.demoCity.surnames)}\u3000${random.pick(seeds.demoCity.givenNames)}`,
      unit_id: unitId,
      position: 'staff',
      employment_type: 'regular',
      age_band: random.pick(['under_30', '30s', '40s', '50s']),
      roles: ['staff'],
      active: true,
    }));
    await insertRows(tx, 'people', personColumns, added);
    const people = [...members.map((m) => m.id), ...added.map((p) => p.id)];

    // Each answer got its own version when it was written, and its sheet the last one.
    const perSheet = items.length + 1;
    const sheetCount = people.length * QUARTERS.length;
    let version = await reserveVersions(tx, sheetCount * perSheet);
    const sheets: object[] = [];
    const answers: object[] = [];
    for (const [q, period] of QUARTERS.entries())
      for (const personId of people) {
        const id = `${template.id}.${fiscalYear}.${period}.${personId}`;
        const at = new Date(now.getTime() - (QUARTERS.length - q) * 30 * 86_400_000);
        for (const item of items) {
          const answer = answerFor(item, random);
          answers.push({
            sheet_id: id,
            item_id: item.id,
            value: answer.value,
            comment: answer.comment ?? null,
            action: answer.action ?? null,
            updated_by: personId,
            updated_at: at.toISOString(),
            version: version++,
          });
        }
        const state = STATE_BY_QUARTER[q] ?? 'draft';
        sheets.push({
          id,
          template_id: template.id,
          template_version: template.version,
          unit_id: unitId,
          owner_kind: 'person',
          owner_person_id: personId,
          fiscal_year: fiscalYear,
          period,
          due_date: `${fiscalYear + (q === 3 ? 1 : 0)}-${['06', '09', '12', '03'][q]}-28`,
          state,
          revision: items.length + (state === 'approved' ? 2 : state === 'submitted' ? 1 : 0),
          version: version++,
        });
      }
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
        fiscal_year: 'integer',
        period: 'text',
        due_date: 'date',
        state: 'text',
        revision: 'integer',
        version: 'bigint',
      },
      // Answered first, then moved to their states: an approved sheet's answers are fixed.
      sheets.map((sheet) => ({ ...sheet, state: 'draft' })),
    );
    await insertRows(
      tx,
      'answers',
      {
        sheet_id: 'text',
        item_id: 'text',
        value: 'jsonb',
        comment: 'text',
        action: 'text',
        updated_by: 'text',
        updated_at: 'timestamptz',
        version: 'bigint',
      },
      answers,
    );
    await tx.query(
      `update sheets s set state = r.state from jsonb_to_recordset($1::jsonb) as r(id text, state text)
       where s.id = r.id`,
      [JSON.stringify(sheets)],
    );
    const [seeded] = await tx.query<{ n: number }>(
      'select count(*)::int as n from sheets where unit_id = $1 and template_id <> $2',
      [unitId, template.id],
    );
    return {
      unitId,
      chief: { id: chief.id, staffNumber: chief.staff_number },
      people: people.length,
      addedPeople: added.length,
      benchSheets: sheets.length,
      seededSheets: seeded?.n ?? 0,
      answers: answers.length,
      templateId: template.id,
    };
  });
}
