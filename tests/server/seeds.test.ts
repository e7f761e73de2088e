// The data files in seeds/: every one loads and validates, the demo city they describe is
// believable and always the same, and a broken copy is refused with the file and the path.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCity } from '@/server/seed/demo-city.ts';
import { defaultSeedsDir, loadSeeds, SeedError, type Seeds } from '@/server/seed/load-seeds.ts';
import { createRandom } from '@/server/seed/random.ts';
import { demoRound, latestVersions } from '@/server/seed/seed-database.ts';
import { employmentTypes, organisationSchema } from '@/shared/schemas/organisation.ts';
import { templateItems, templateSchema } from '@/shared/schemas/template.ts';
import { sheetSchema } from '@/shared/schemas/sheet.ts';

let seeds: Seeds;
beforeAll(async () => {
  seeds = await loadSeeds();
});

describe('the seed templates', () => {
  it('are the four sheets of the action plan', () => {
    expect(seeds.templates.map((t) => [t.kind, t.assignment]).sort()).toEqual([
      ['documents', 'person'],
      ['ethics', 'person'],
      ['risk', 'workplace'],
      ['seal', 'seal'],
    ]);
    expect(new Set(seeds.templates.map((t) => t.id)).size).toBe(4);
  });

  it('use every one of the nine kinds of item between them', () => {
    const kinds = new Set(seeds.templates.flatMap((t) => templateItems(t).map((i) => i.kind)));
    expect([...kinds].sort()).toEqual([
      'agreement4',
      'date',
      'long_text',
      'multi_choice',
      'number',
      'single_choice',
      'table',
      'text',
      'yes_no_na',
    ]);
  });

  it('ask the ethics statements on the four-point scale', () => {
    const ethics = seeds.templates.find((t) => t.kind === 'ethics');
    if (!ethics) throw new Error('no ethics template');
    const kinds = templateItems(ethics).map((i) => i.kind);
    expect(kinds.filter((k) => k === 'agreement4').length).toBeGreaterThanOrEqual(10);
  });

  it('derive the risk priority from 1–3 likelihood and impact columns', () => {
    const risk = seeds.templates.find((t) => t.kind === 'risk');
    const register = risk && templateItems(risk).find((i) => i.kind === 'table');
    expect(register?.kind).toBe('table');
    if (register?.kind !== 'table') return;
    const priority = register.columns.find((c) => c.kind === 'priority');
    expect(priority?.kind === 'priority' && priority.from).toEqual(['likelihood', 'impact']);
  });

  it('are stored exactly as the schema reads them from the files', () => {
    for (const file of ['documents', 'ethics', 'risk', 'seal']) {
      const raw: unknown = JSON.parse(
        readFileSync(join(defaultSeedsDir, 'templates', `${file}.json`), 'utf8'),
      );
      const parsed = templateSchema.parse(raw);
      expect(seeds.templates).toContainEqual(parsed);
    }
  });
});

describe('the demo city', () => {
  const city = () => generateDemoCity(seeds.demoCity);

  it('is a valid organisation', () => {
    expect(organisationSchema.safeParse(city()).success).toBe(true);
  });

  it('has 3 bureaus or wards, 10 departments, 40 workplaces and 400 people', () => {
    const org = city();
    const count = (kinds: string[]) => org.units.filter((u) => kinds.includes(u.kind)).length;
    expect(count(['bureau', 'ward'])).toBe(3);
    expect(count(['department'])).toBe(10);
    expect(count(['section', 'office'])).toBe(40);
    expect(org.units).toHaveLength(53);
    expect(org.people).toHaveLength(400);
    expect(org.units.filter((u) => u.parentId === null)).toHaveLength(3);
  });

  it('has one chief in every unit, and a seal custodian and a seal in every section', () => {
    const org = city();
    for (const unit of org.units) {
      const here = org.people.filter((p) => p.unitId === unit.id);
      expect(
        here.filter((p) => p.roles.includes('chief')),
        `chiefs of ${unit.id}`,
      ).toHaveLength(1);
      if (unit.kind !== 'section' && unit.kind !== 'office') continue;
      const custodians = here.filter((p) => p.roles.includes('seal_custodian'));
      expect(custodians, `custodians of ${unit.id}`).not.toHaveLength(0);
      const unitSeals = org.seals.filter((s) => s.unitId === unit.id);
      expect(unitSeals, `seals of ${unit.id}`).not.toHaveLength(0);
      for (const seal of unitSeals) expect(custodians.map((c) => c.id)).toContain(seal.custodianId);
      // The custodian is not the chief, so the chief can sign the seal checklist off.
      for (const c of custodians) expect(c.roles).not.toContain('chief');
    }
  });

  it('gives the section chiefs the chief position and their heads the heads’ positions', () => {
    const org = city();
    const kindOf = new Map(org.units.map((u) => [u.id, u.kind]));
    for (const chief of org.people.filter((p) => p.roles.includes('chief'))) {
      const kind = kindOf.get(chief.unitId);
      const expected =
        kind === 'department'
          ? 'department_head'
          : kind === 'bureau' || kind === 'ward'
            ? 'bureau_head'
            : 'section_chief';
      expect(chief.position).toBe(expected);
    }
  });

  it('has at least two auditors and exactly one administrator', () => {
    const org = city();
    expect(org.people.filter((p) => p.roles.includes('auditor')).length).toBeGreaterThanOrEqual(2);
    expect(org.people.filter((p) => p.roles.includes('admin'))).toHaveLength(1);
  });

  it('has every employment type, and re-appointed staff are 60 or over', () => {
    const org = city();
    for (const type of employmentTypes)
      expect(
        org.people.some((p) => p.employmentType === type),
        type,
      ).toBe(true);
    for (const p of org.people.filter((x) => x.employmentType === 'reappointed'))
      expect(p.ageBand).toBe('60_and_over');
  });

  it('has unique ids and staff numbers and all people active', () => {
    const org = city();
    expect(new Set(org.people.map((p) => p.id)).size).toBe(400);
    expect(new Set(org.people.map((p) => p.staffNumber)).size).toBe(400);
    expect(org.people.every((p) => p.active)).toBe(true);
  });

  it('is the same city every time it is generated', () => {
    const first = city();
    const second = generateDemoCity(structuredClone(seeds.demoCity));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('is a different city with a different seed', () => {
    const other = generateDemoCity({ ...seeds.demoCity, seed: seeds.demoCity.seed + 1 });
    expect(other.people.map((p) => p.name)).not.toEqual(city().people.map((p) => p.name));
  });

  it('gets a valid first round of sheets from the newest templates', () => {
    const org = city();
    const sheets = demoRound(org, latestVersions(seeds.templates), 2021);
    for (const sheet of sheets) sheetSchema.parse(sheet);
    const byKind = (id: string) => sheets.filter((s) => s.templateId === id).length;
    const templateId = (kind: string) => seeds.templates.find((t) => t.kind === kind)?.id ?? '';
    expect(byKind(templateId('ethics'))).toBe(400);
    expect(byKind(templateId('documents'))).toBe(400);
    expect(byKind(templateId('seal'))).toBe(org.seals.length);
    expect(byKind(templateId('risk'))).toBe(40);
    expect(new Set(sheets.map((s) => s.id)).size).toBe(sheets.length);
  });
});

describe('latestVersions', () => {
  it('keeps the newest version of each template', () => {
    const [first] = seeds.templates;
    if (!first) throw new Error('no templates');
    const newer = { ...first, version: first.version + 1 };
    const latest = latestVersions([newer, ...seeds.templates]);
    expect(latest).toHaveLength(4);
    expect(latest.find((t) => t.id === first.id)?.version).toBe(first.version + 1);
  });
});

describe('createRandom', () => {
  it('repeats its sequence for the same seed and stays in range', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const seqA = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(seqA).size).toBeGreaterThan(95);
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
  });
});

describe('a broken copy of seeds/', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A copy of seeds/ in a temporary folder, with one file changed by `edit`. */
  function brokenCopy(file: string, edit: (data: Record<string, unknown>) => void): string {
    dir = mkdtempSync(join(tmpdir(), 'tenken-seeds-'));
    cpSync(defaultSeedsDir, dir, { recursive: true });
    const path = join(dir, file);
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    edit(data);
    writeFileSync(path, JSON.stringify(data, null, 2));
    return dir;
  }

  /** Walks into parsed JSON by keys and indexes. */
  function at(data: unknown, ...path: (string | number)[]): Record<string | number, unknown> {
    let node = data;
    for (const key of path) node = (node as Record<string | number, unknown>)[key];
    if (typeof node !== 'object' || node === null) throw new Error(`nothing at ${path.join('.')}`);
    return node as Record<string | number, unknown>;
  }

  async function refusal(seedsDir: string): Promise<string> {
    const error = await loadSeeds(seedsDir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeedError);
    return (error as Error).message;
  }

  it('an unchanged copy loads like the original', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenken-seeds-'));
    cpSync(defaultSeedsDir, dir, { recursive: true });
    expect(await loadSeeds(dir)).toEqual(seeds);
  });

  it('names the template file and the path of a column that is not a number', async () => {
    const copy = brokenCopy('templates/risk.json', (t) => {
      at(t, 'sections', 0, 'items', 0, 'columns', 3).max = 'three';
    });
    const message = await refusal(copy);
    expect(message).toContain('templates/risk.json');
    expect(message).toContain('sections[0].items[0].columns[3].max');
  });

  it('names the path of an item of an unknown kind', async () => {
    const copy = brokenCopy('templates/documents.json', (t) => {
      at(t, 'sections', 2, 'items', 1).kind = 'checkbox';
    });
    const message = await refusal(copy);
    expect(message).toContain('templates/documents.json is invalid');
    expect(message).toMatch(/^sections\[2\]\.items\[1\]\.kind: /m);
  });

  it('names the path of a follow-up that does not fit its item', async () => {
    const copy = brokenCopy('templates/documents.json', (t) => {
      at(t, 'sections', 0, 'items', 0, 'followUp').when = [4];
    });
    const message = await refusal(copy);
    expect(message).toContain('templates/documents.json');
    expect(message).toContain('sections[0].items[0].followUp.when[0]');
  });

  it('names a duplicate item id in the ethics sheet', async () => {
    const copy = brokenCopy('templates/ethics.json', (t) => {
      at(t, 'sections', 1, 'items', 0).id = String(at(t, 'sections', 0, 'items', 0).id);
    });
    const message = await refusal(copy);
    expect(message).toContain('templates/ethics.json');
    expect(message).toContain('sections[1].items[0].id: duplicate item id');
  });

  it('names the path inside demo-city.json', async () => {
    const copy = brokenCopy('demo-city.json', (city) => {
      at(city, 'units', 1, 'departments', 0, 'sections', 2).kind = 'subsection';
    });
    const message = await refusal(copy);
    expect(message).toContain('demo-city.json');
    expect(message).toContain('units[1].departments[0].sections[2].kind');
  });

  it('refuses the same template id and version in two files, naming both', async () => {
    const copy = brokenCopy('templates/seal.json', (t) => {
      t.id = 'ethics-self-check';
    });
    const message = await refusal(copy);
    expect(message).toContain('templates/seal.json');
    expect(message).toContain('templates/ethics.json');
    expect(message).toContain('ethics-self-check@1');
  });

  it('refuses malformed JSON, naming the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenken-seeds-'));
    cpSync(defaultSeedsDir, dir, { recursive: true });
    const file = join(dir, 'templates', 'seal.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/}\s*$/, ''));
    const message = await refusal(dir);
    expect(message).toContain('templates/seal.json');
    expect(message).toContain('not readable JSON');
  });

  it('refuses malformed demo-city.json, naming it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenken-seeds-'));
    cpSync(defaultSeedsDir, dir, { recursive: true });
    writeFileSync(join(dir, 'demo-city.json'), '{ "seed": 1, ');
    const message = await refusal(dir);
    expect(message).toMatch(/demo-city\.json: not readable JSON/);
  });
});
