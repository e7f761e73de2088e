// The zod schemas of the domain: valid data passes, and invalid data is refused with a
// message that names the exact path of the offending field.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, localizedTextSchema } from '@/shared/schemas/common.ts';
import { organisationSchema, personSchema, unitSchema } from '@/shared/schemas/organisation.ts';
import { templateItems, templateSchema, type Item } from '@/shared/schemas/template.ts';
import { answerSchemaFor, LONG_TEXT_MAX, SHORT_TEXT_MAX } from '@/shared/schemas/answer.ts';
import { sheetEventSchema, sheetSchema } from '@/shared/schemas/sheet.ts';
import { formatIssues, formatPath, parseWith } from '@/shared/validation.ts';

type Key = string | number;
const REMOVE = Symbol('remove');

/** A deep copy of `base` with the value at `path` replaced (or removed). */
function changed(base: unknown, path: readonly Key[], value: unknown): unknown {
  const copy = structuredClone(base);
  let target = copy as Record<Key, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null)
      throw new Error(`fixture has nothing at ${formatPath(path)}`);
    target = next as Record<Key, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('empty path');
  if (value === REMOVE) {
    if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete target[last];
  } else target[last] = value;
  return copy;
}

/** The formatted lines of a failed parse; fails the test if the input was accepted. */
function problemLines(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return formatIssues(result.error).split('\n');
}

/** The input is refused, and one problem is reported at exactly `path`. */
function expectRefusedAt(schema: z.ZodType, input: unknown, path: string, message?: RegExp) {
  const lines = problemLines(schema, input);
  const atPath = lines.filter((line) => line.startsWith(`${path}: `));
  expect(atPath, `problems were:\n${lines.join('\n')}`).not.toHaveLength(0);
  if (message)
    expect(
      atPath.some((line) => message.test(line)),
      atPath.join('\n'),
    ).toBe(true);
}

function expectValid(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success ? [] : formatIssues(result.error).split('\n')).toEqual([]);
}

const text = (ja: string, en: string) => ({ ja, en });

describe('formatPath and formatIssues', () => {
  it('writes array indexes in brackets and keys with dots', () => {
    expect(formatPath(['sections', 2, 'items', 0, 'kind'])).toBe('sections[2].items[0].kind');
    expect(formatPath([3, 'cells', 'likelihood'])).toBe('[3].cells.likelihood');
    expect(formatPath([])).toBe('(root)');
  });

  it('writes one `path: message` line per problem', () => {
    const result = unitSchema.safeParse({ id: '', code: 'x', name: ' ', kind: 'city' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const lines = formatIssues(result.error).split('\n');
    expect(lines).toContain('id: must not be empty');
    expect(lines).toContain('name: is required');
    expect(lines.some((l) => l.startsWith('kind: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('parentId: '))).toBe(true);
  });

  it('parseWith returns the value or every problem with its path', () => {
    expect(parseWith(isoDateSchema, '2021-04-01')).toEqual({ ok: true, value: '2021-04-01' });
    const failed = parseWith(localizedTextSchema, { ja: '点検', en: '  ' });
    expect(failed).toEqual({
      ok: false,
      problems: [{ path: 'en', message: 'English text is required' }],
    });
  });
});

describe('common building blocks', () => {
  it('dates are real calendar days written YYYY-MM-DD', () => {
    for (const ok of ['2021-04-01', '2024-02-29', '2022-03-31']) expectValid(isoDateSchema, ok);
    for (const bad of ['2021-02-29', '2021-04-31', '2021-4-1', '2021/04/01', '令和3年4月1日'])
      expectRefusedAt(isoDateSchema, bad, '(root)', /YYYY-MM-DD/);
  });

  it('date-times carry a zone', () => {
    expectValid(isoDateTimeSchema, '2021-04-01T09:00:00+09:00');
    expectValid(isoDateTimeSchema, '2021-04-01T00:00:00Z');
    expectRefusedAt(isoDateTimeSchema, '2021-04-01T09:00:00', '(root)', /ISO 8601/);
  });

  it('every text exists in Japanese and English', () => {
    expectValid(localizedTextSchema, text('点検', 'Check'));
    expectRefusedAt(localizedTextSchema, { ja: '点検' }, 'en');
    expectRefusedAt(localizedTextSchema, { ja: '', en: 'Check' }, 'ja', /Japanese/);
    expectRefusedAt(localizedTextSchema, { ja: '点検', en: 'Check', fr: 'Contrôle' }, '(root)');
  });
});

// --- the organisation --------------------------------------------------------------------

const validOrganisation = {
  units: [
    { id: 'u10', code: '10', name: '総務局', kind: 'bureau', parentId: null },
    { id: 'u1010', code: '1010', name: '総務部', kind: 'department', parentId: 'u10' },
    {
      id: 'u101010',
      code: '101010',
      name: '総務課',
      nameEn: 'General Affairs Section',
      kind: 'section',
      parentId: 'u1010',
    },
    { id: 'u10101001', code: '10101001', name: '庶務係', kind: 'subsection', parentId: 'u101010' },
    { id: 'u20', code: '20', name: '北区役所', kind: 'ward', parentId: null },
    { id: 'u2010', code: '2010', name: '区民課', kind: 'office', parentId: 'u20' },
  ],
  people: [
    {
      id: 'p1',
      staffNumber: '100001',
      name: '山田\u3000太郎',
      unitId: 'u101010',
      position: 'section_chief',
      employmentType: 'regular',
      ageBand: '50s',
      roles: ['staff', 'chief'],
    },
    {
      id: 'p2',
      staffNumber: '100002',
      name: '佐藤\u3000花子',
      unitId: 'u101010',
      position: 'subsection_chief',
      employmentType: 'regular',
      ageBand: '40s',
      roles: ['staff', 'seal_custodian'],
      active: true,
    },
    {
      id: 'p3',
      staffNumber: 'A2001',
      name: '鈴木\u3000一郎',
      unitId: 'u2010',
      position: 'staff',
      employmentType: 'fiscal_year',
      ageBand: 'under_30',
      roles: ['staff'],
      active: false,
    },
  ],
  seals: [
    {
      id: 'seal-101010-1',
      unitId: 'u101010',
      name: '総務課長印',
      custodianId: 'p2',
      location: '総務課 事務室の施錠保管庫',
    },
  ],
};

describe('unitSchema', () => {
  const unit = validOrganisation.units[2];

  it('accepts a unit', () => {
    expectValid(unitSchema, unit);
  });

  it.each([
    [['id'], 'u 1', 'id'],
    [['id'], '-u1', 'id'],
    [['id'], 'x'.repeat(101), 'id'],
    [['code'], '1'.repeat(21), 'code'],
    [['code'], '10/10', 'code'],
    [['name'], '   ', 'name'],
    [['kind'], 'city', 'kind'],
    [['parentId'], REMOVE, 'parentId'],
    [['nameEn'], '', 'nameEn'],
  ] as const)('refuses %j = %j at %s', (path, value, at) => {
    expectRefusedAt(unitSchema, changed(unit, path, value), at);
  });
});

describe('personSchema', () => {
  const person = validOrganisation.people[0];

  it('accepts a person and makes them active unless told otherwise', () => {
    const parsed = personSchema.parse(person);
    expect(parsed.active).toBe(true);
    expect(personSchema.parse({ ...person, active: false }).active).toBe(false);
  });

  it.each([
    [['staffNumber'], '123', 'staffNumber', /4–12 letters or digits/],
    [['staffNumber'], '1234-5', 'staffNumber', /4–12 letters or digits/],
    [['name'], '', 'name', /is required/],
    [['position'], 'mayor', 'position', undefined],
    [['employmentType'], 'contract', 'employmentType', undefined],
    [['ageBand'], '20s', 'ageBand', undefined],
    [['roles'], [], 'roles', /at least one role/],
    [['roles'], ['staff', 'chief', 'staff'], 'roles', /must not repeat a role/],
    [['roles', 1], 'mayor', 'roles[1]', undefined],
    [['unitId'], '', 'unitId', /must not be empty/],
    [['active'], 'yes', 'active', undefined],
    [['nickname'], 'Taro', '(root)', /Unrecognized key: "nickname"/],
  ] as const)('refuses %j = %j at %s', (path, value, at, message) => {
    expectRefusedAt(personSchema, changed(person, path, value), at, message);
  });
});

describe('organisationSchema', () => {
  it('accepts a well-formed organisation and fills defaults', () => {
    const org = organisationSchema.parse(validOrganisation);
    expect(org.units).toHaveLength(6);
    expect(org.seals[0]?.active).toBe(true);
    expect(organisationSchema.parse({ ...validOrganisation, seals: undefined }).seals).toEqual([]);
  });

  it('needs at least one unit', () => {
    expectRefusedAt(organisationSchema, { units: [], people: [] }, 'units', /at least one unit/);
  });

  it('refuses a duplicate unit id at the second one', () => {
    const units = [...validOrganisation.units, { ...validOrganisation.units[1], code: '1099' }];
    expectRefusedAt(
      organisationSchema,
      { ...validOrganisation, units },
      'units[6].id',
      /duplicate unit id "u1010"/,
    );
  });

  it('refuses a parent that does not exist', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['units', 2, 'parentId'], 'u9999'),
      'units[2].parentId',
      /unknown unit "u9999"/,
    );
  });

  it('refuses a unit that needs a parent but has none', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['units', 1, 'parentId'], null),
      'units[1].parentId',
      /a department needs a parent unit/,
    );
  });

  it('refuses a parent of the wrong kind', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['units', 3, 'parentId'], 'u1010'),
      'units[3].parentId',
      /a subsection cannot sit under a department/,
    );
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['units', 4, 'parentId'], 'u10'),
      'units[4].parentId',
      /a ward cannot sit under a bureau/,
    );
  });

  it('refuses units that form a cycle, naming each unit on it', () => {
    const units = [
      { id: 'a', code: 'A', name: 'A課', kind: 'section', parentId: 'b' },
      { id: 'b', code: 'B', name: 'B課', kind: 'section', parentId: 'a' },
      { id: 'top', code: 'T', name: '局', kind: 'bureau', parentId: null },
    ];
    const lines = problemLines(organisationSchema, { units, people: [] });
    expect(lines).toContain('units[0].parentId: units form a cycle');
    expect(lines).toContain('units[1].parentId: units form a cycle');
    expect(lines.filter((l) => l.startsWith('units[2]'))).toEqual([]);
  });

  it('refuses a unit that is its own parent', () => {
    const lines = problemLines(
      organisationSchema,
      changed(validOrganisation, ['units', 2, 'parentId'], 'u101010'),
    );
    expect(lines).toContain('units[2].parentId: units form a cycle');
  });

  it('refuses a unit below a cycle as well', () => {
    const units = [
      { id: 'a', code: 'A', name: 'A課', kind: 'section', parentId: 'b' },
      { id: 'b', code: 'B', name: 'B課', kind: 'section', parentId: 'a' },
      { id: 'c', code: 'C', name: 'C係', kind: 'subsection', parentId: 'a' },
    ];
    const lines = problemLines(organisationSchema, { units, people: [] });
    expect(lines).toContain('units[2].parentId: units form a cycle');
  });

  it('refuses a duplicate staff number, naming the second person', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['people', 2, 'staffNumber'], '100001'),
      'people[2].staffNumber',
      /duplicate staff number "100001"/,
    );
  });

  it('refuses a duplicate person id', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['people', 1, 'id'], 'p1'),
      'people[1].id',
      /duplicate person id "p1"/,
    );
  });

  it('refuses a person in a unit that does not exist', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['people', 2, 'unitId'], 'u404'),
      'people[2].unitId',
      /unknown unit "u404"/,
    );
  });

  it('reports a field error of a person at its full path', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['people', 1, 'roles'], []),
      'people[1].roles',
    );
  });

  it('refuses a seal whose custodian is not a person of the organisation', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['seals', 0, 'custodianId'], 'p404'),
      'seals[0].custodianId',
      /unknown person "p404"/,
    );
  });

  it('refuses a seal in a unit that does not exist', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['seals', 0, 'unitId'], 'u404'),
      'seals[0].unitId',
      /unknown unit "u404"/,
    );
  });

  it('refuses a seal without a custodian or location', () => {
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['seals', 0, 'custodianId'], REMOVE),
      'seals[0].custodianId',
    );
    expectRefusedAt(
      organisationSchema,
      changed(validOrganisation, ['seals', 0, 'location'], ' '),
      'seals[0].location',
      /is required/,
    );
  });
});

// --- templates ---------------------------------------------------------------------------

const statusOptions = [
  { id: 'open', label: text('未対応', 'Open') },
  { id: 'done', label: text('完了', 'Done') },
];

/** A template with one item of each of the nine kinds. */
const validTemplate = {
  id: 'sample-check',
  version: 1,
  kind: 'risk',
  assignment: 'workplace',
  title: text('見本', 'Sample'),
  description: text('すべての種類の設問', 'Every kind of item'),
  sections: [
    {
      id: 'risks',
      title: text('リスク', 'Risks'),
      items: [
        {
          id: 'register',
          kind: 'table',
          label: text('リスク一覧', 'Risk register'),
          minRows: 1,
          maxRows: 3,
          columns: [
            { id: 'process', kind: 'text', required: true, label: text('業務', 'Process') },
            { id: 'risk', kind: 'long_text', label: text('リスク', 'Risk') },
            {
              id: 'likelihood',
              kind: 'number',
              required: true,
              label: text('発生可能性', 'Likelihood'),
              min: 1,
              max: 3,
              integer: true,
            },
            {
              id: 'impact',
              kind: 'number',
              required: true,
              label: text('影響度', 'Impact'),
              min: 1,
              max: 3,
              integer: true,
            },
            {
              id: 'priority',
              kind: 'priority',
              label: text('優先度', 'Priority'),
              from: ['likelihood', 'impact'],
            },
            { id: 'due', kind: 'date', label: text('期限', 'Due') },
            { id: 'status', kind: 'choice', label: text('状況', 'Status'), options: statusOptions },
          ],
        },
      ],
    },
    {
      id: 'checks',
      title: text('点検', 'Checks'),
      items: [
        {
          id: 'locked',
          kind: 'yes_no_na',
          label: text('施錠している', 'Locked'),
          followUp: {
            when: ['no'],
            require: 'action',
            prompt: text('改善策', 'Corrective action'),
          },
        },
        {
          id: 'fair',
          kind: 'agreement4',
          label: text('公平に対応している', 'I treat everyone fairly'),
          followUp: { when: [3, 4], require: 'comment', prompt: text('理由', 'Why') },
        },
        {
          id: 'overall',
          kind: 'single_choice',
          label: text('総合', 'Overall'),
          options: statusOptions,
        },
        {
          id: 'methods',
          kind: 'multi_choice',
          label: text('方法', 'Methods'),
          required: false,
          options: [
            { id: 'meeting', label: text('会議', 'Meeting') },
            { id: 'mail', label: text('メール', 'Mail') },
            { id: 'visit', label: text('訪問', 'Visit') },
          ],
        },
        {
          id: 'participants',
          kind: 'number',
          label: text('参加人数', 'Participants'),
          min: 1,
          max: 50,
          integer: true,
          unit: text('人', 'people'),
        },
        { id: 'meeting-date', kind: 'date', label: text('実施日', 'Date') },
        { id: 'compiled-by', kind: 'text', label: text('取りまとめ者', 'Compiled by') },
        {
          id: 'notes',
          kind: 'long_text',
          label: text('備考', 'Notes'),
          required: false,
          help: text('自由記述', 'Free text'),
        },
      ],
    },
  ],
};

describe('templateSchema', () => {
  it('accepts a template with every kind of item and fills defaults', () => {
    const template = templateSchema.parse(validTemplate);
    const kinds = templateItems(template).map((i) => i.kind);
    expect(new Set(kinds)).toEqual(
      new Set([
        'table',
        'yes_no_na',
        'agreement4',
        'single_choice',
        'multi_choice',
        'number',
        'date',
        'text',
        'long_text',
      ]),
    );
    const locked = templateItems(template).find((i) => i.id === 'locked');
    expect(locked?.required).toBe(true);
    const table = templateItems(template).find((i) => i.kind === 'table');
    expect(table?.kind === 'table' && table.columns[1]?.required).toBe(false);
  });

  it.each([
    [['id'], 'sample check', 'id'],
    [['version'], 0, 'version'],
    [['version'], 1.5, 'version'],
    [['kind'], 'security', 'kind'],
    [['assignment'], 'team', 'assignment'],
    [['title', 'en'], '', 'title.en'],
    [['description'], REMOVE, 'description'],
    [['sections'], [], 'sections'],
    [['sections', 1, 'items'], [], 'sections[1].items'],
    [['sections', 1, 'items', 0, 'kind'], 'checkbox', 'sections[1].items[0].kind'],
    [['sections', 1, 'items', 0, 'label', 'ja'], ' ', 'sections[1].items[0].label.ja'],
    [['sections', 1, 'items', 0, 'options'], statusOptions, 'sections[1].items[0]'],
    [
      ['sections', 1, 'items', 0, 'followUp', 'require'],
      'photo',
      'sections[1].items[0].followUp.require',
    ],
    [['sections', 1, 'items', 0, 'followUp', 'when'], [], 'sections[1].items[0].followUp.when'],
    [['sections', 1, 'items', 2, 'options'], [statusOptions[0]], 'sections[1].items[2].options'],
    [['sections', 1, 'items', 4, 'integer'], 'yes', 'sections[1].items[4].integer'],
    [['sections', 0, 'items', 0, 'columns'], [], 'sections[0].items[0].columns'],
    [
      ['sections', 0, 'items', 0, 'columns', 3, 'max'],
      'three',
      'sections[0].items[0].columns[3].max',
    ],
    [
      ['sections', 0, 'items', 0, 'columns', 6, 'kind'],
      'select',
      'sections[0].items[0].columns[6].kind',
    ],
    [['sections', 0, 'items', 0, 'maxRows'], 501, 'sections[0].items[0].maxRows'],
    [['sections', 0, 'items', 0, 'minRows'], -1, 'sections[0].items[0].minRows'],
    [
      ['sections', 0, 'items', 0, 'columns', 4, 'from'],
      ['likelihood'],
      'sections[0].items[0].columns[4].from',
    ],
  ] as const)('refuses %j = %j at %s', (path, value, at) => {
    expectRefusedAt(templateSchema, changed(validTemplate, path, value), at);
  });

  it('refuses an item id used twice, even in another section', () => {
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 1, 'items', 3, 'id'], 'register'),
      'sections[1].items[3].id',
      /duplicate item id "register"/,
    );
  });

  it('refuses a section id used twice', () => {
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 1, 'id'], 'risks'),
      'sections[1].id',
      /duplicate section id "risks"/,
    );
  });

  it('refuses duplicate option and column ids', () => {
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 1, 'items', 3, 'options', 2, 'id'], 'meeting'),
      'sections[1].items[3].options[2].id',
      /duplicate option id "meeting"/,
    );
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 0, 'items', 0, 'columns', 5, 'id'], 'process'),
      'sections[0].items[0].columns[5].id',
      /duplicate column id "process"/,
    );
  });

  it('refuses a follow-up on an answer the item cannot have', () => {
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 1, 'items', 0, 'followUp', 'when'], ['no', 4]),
      'sections[1].items[0].followUp.when[1]',
      /"4" is not an answer of a yes_no_na item/,
    );
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 1, 'items', 1, 'followUp', 'when'], ['no']),
      'sections[1].items[1].followUp.when[0]',
      /"no" is not an answer of a agreement4 item/,
    );
  });

  it('refuses a follow-up value that is no answer at all', () => {
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 1, 'items', 1, 'followUp', 'when'], [5]),
      'sections[1].items[1].followUp.when[0]',
    );
  });

  it('refuses a follow-up on a kind of item that cannot have one', () => {
    const followUp = { when: ['no'], require: 'comment', prompt: text('理由', 'Why') };
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 1, 'items', 6, 'followUp'], followUp),
      'sections[1].items[6]',
      /Unrecognized key: "followUp"/,
    );
  });

  it('refuses a priority column that derives from a column that is not a 1–3 whole number', () => {
    const priorityFrom = ['sections', 0, 'items', 0, 'columns', 4, 'from'];
    // From a text column.
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, priorityFrom, ['likelihood', 'process']),
      'sections[0].items[0].columns[4].from[1]',
      /"process" must be a whole-number column from 1 to 3/,
    );
    // From a column that does not exist.
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, priorityFrom, ['chance', 'impact']),
      'sections[0].items[0].columns[4].from[0]',
      /"chance"/,
    );
    // From a number column on another scale, or one that allows fractions.
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 0, 'items', 0, 'columns', 3, 'max'], 5),
      'sections[0].items[0].columns[4].from[1]',
      /"impact"/,
    );
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 0, 'items', 0, 'columns', 2, 'integer'], false),
      'sections[0].items[0].columns[4].from[0]',
      /"likelihood"/,
    );
  });

  it('refuses a number item whose max is below its min', () => {
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 1, 'items', 4, 'max'], 0),
      'sections[1].items[4].max',
      /must not be less than min/,
    );
  });

  it('refuses a number column whose max is below its min', () => {
    const table = changed(validTemplate, ['sections', 0, 'items', 0, 'columns', 2, 'min'], 4);
    // A column that no value can satisfy; it is also no longer a 1–3 likelihood.
    expectRefusedAt(
      templateSchema,
      table,
      'sections[0].items[0].columns[2].max',
      /must not be less than min/,
    );
  });

  it('refuses a table whose maxRows is below its minRows', () => {
    expectRefusedAt(
      templateSchema,
      changed(validTemplate, ['sections', 0, 'items', 0, 'minRows'], 4),
      'sections[0].items[0].maxRows',
      /must not be less than minRows/,
    );
  });
});

// --- answers -----------------------------------------------------------------------------

describe('answerSchemaFor', () => {
  const template = templateSchema.parse(validTemplate);
  const item = (id: string): Item => {
    const found = templateItems(template).find((i) => i.id === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
  };
  const accepts = (id: string, value: unknown) => expectValid(answerSchemaFor(item(id)), { value });
  const refusesAt = (id: string, value: unknown, path: string, message?: RegExp) =>
    expectRefusedAt(answerSchemaFor(item(id)), { value }, path, message);

  it('yes_no_na: yes, no or not applicable', () => {
    for (const v of ['yes', 'no', 'na']) accepts('locked', v);
    for (const v of ['maybe', true, 1, null]) refusesAt('locked', v, 'value');
  });

  it('agreement4: one of the four answers 1–4', () => {
    for (const v of [1, 2, 3, 4]) accepts('fair', v);
    for (const v of [0, 5, 2.5, '1', 'yes']) refusesAt('fair', v, 'value', /must be 1, 2, 3 or 4/);
  });

  it('an answer needs a value', () => {
    expectRefusedAt(answerSchemaFor(item('fair')), {}, 'value');
    expectRefusedAt(answerSchemaFor(item('locked')), { comment: 'ok' }, 'value');
  });

  it('single_choice: one of the option ids', () => {
    accepts('overall', 'done');
    refusesAt('overall', 'finished', 'value', /must be one of: open, done/);
    refusesAt('overall', ['done'], 'value');
  });

  it('multi_choice: distinct option ids', () => {
    accepts('methods', ['meeting', 'visit']);
    accepts('methods', []);
    refusesAt('methods', ['meeting', 'phone'], 'value[1]', /must be one of: meeting, mail, visit/);
    refusesAt('methods', ['mail', 'mail'], 'value', /must not repeat an option/);
    refusesAt('methods', 'mail', 'value');
  });

  it('number: within the bounds, whole when the item says so', () => {
    accepts('participants', 1);
    accepts('participants', 50);
    refusesAt('participants', 0, 'value', /must be at least 1/);
    refusesAt('participants', 51, 'value', /must be at most 50/);
    refusesAt('participants', 2.5, 'value', /must be a whole number/);
    refusesAt('participants', '12', 'value', /must be a number/);
    refusesAt('participants', Number.NaN, 'value');
  });

  it('date: a real calendar date', () => {
    accepts('meeting-date', '2021-06-30');
    refusesAt('meeting-date', '2021-06-31', 'value', /YYYY-MM-DD/);
    refusesAt('meeting-date', '2021/06/30', 'value', /YYYY-MM-DD/);
  });

  it('text and long_text: bounded lengths', () => {
    accepts('compiled-by', 'あ'.repeat(SHORT_TEXT_MAX));
    refusesAt('compiled-by', 'あ'.repeat(SHORT_TEXT_MAX + 1), 'value', /at most 200/);
    refusesAt('compiled-by', 42, 'value');
    accepts('notes', 'x'.repeat(LONG_TEXT_MAX));
    refusesAt('notes', 'x'.repeat(LONG_TEXT_MAX + 1), 'value', /at most 4000/);
  });

  it('comment and action are bounded text; nothing else may come with an answer', () => {
    expectValid(answerSchemaFor(item('locked')), { value: 'no', action: '施錠を徹底する' });
    expectRefusedAt(
      answerSchemaFor(item('locked')),
      { value: 'no', comment: 'x'.repeat(LONG_TEXT_MAX + 1) },
      'comment',
    );
    expectRefusedAt(answerSchemaFor(item('locked')), { value: 'no', action: 7 }, 'action');
    expectRefusedAt(
      answerSchemaFor(item('locked')),
      { value: 'no', note: 'x' },
      '(root)',
      /Unrecognized key: "note"/,
    );
  });

  describe('table', () => {
    const row = (id: string, cells: Record<string, unknown>) => ({ id, cells });
    const goodRow = row('r1', {
      process: '現金の収納',
      risk: '釣銭の誤り',
      likelihood: 2,
      impact: 3,
      due: '2021-09-30',
      status: 'open',
    });

    it('accepts rows of typed cells; empty cells may be null', () => {
      accepts('register', [goodRow, row('r2', { process: '契約', likelihood: 1, due: null })]);
      accepts('register', []);
    });

    it('refuses a cell for a column the table does not have', () => {
      refusesAt(
        'register',
        [goodRow, row('r2', { process: '契約', severity: 3 })],
        'value[1].cells.severity',
        /is not a column of this table/,
      );
    });

    it('refuses a typed priority cell: the priority is derived', () => {
      refusesAt(
        'register',
        [row('r1', { likelihood: 3, impact: 3, priority: 'high' })],
        'value[0].cells.priority',
        /is derived and cannot be entered/,
      );
    });

    it('checks each cell against its column', () => {
      refusesAt(
        'register',
        [row('r1', { likelihood: 4 })],
        'value[0].cells.likelihood',
        /at most 3/,
      );
      refusesAt(
        'register',
        [row('r1', { impact: 1.5 })],
        'value[0].cells.impact',
        /must be a whole number/,
      );
      refusesAt('register', [row('r1', { likelihood: '2' })], 'value[0].cells.likelihood');
      refusesAt('register', [row('r1', { due: '30/09/2021' })], 'value[0].cells.due');
      refusesAt(
        'register',
        [row('r1', { status: 'closed' })],
        'value[0].cells.status',
        /must be one of: open, done/,
      );
      refusesAt('register', [row('r1', { process: 'x'.repeat(201) })], 'value[0].cells.process');
    });

    it('refuses duplicate row ids, bad rows and too many rows', () => {
      refusesAt('register', [goodRow, { ...goodRow }], 'value[1].id', /duplicate row id "r1"/);
      refusesAt('register', [row('r 1', {})], 'value[0].id');
      refusesAt('register', [{ id: 'r1' }], 'value[0].cells');
      refusesAt('register', [{ ...goodRow, note: 'x' }], 'value[0]', /Unrecognized key/);
      refusesAt(
        'register',
        ['r1', 'r2', 'r3', 'r4'].map((id) => row(id, {})),
        'value',
        /at most 3 rows/,
      );
    });
  });
});

// --- sheets and their events -------------------------------------------------------------

const validSheet = {
  id: 'ethics-self-check.2021.annual.p00001',
  templateId: 'ethics-self-check',
  templateVersion: 1,
  unitId: 'u101010',
  owner: { kind: 'person', personId: 'p00001' },
  fiscalYear: 2021,
  period: 'annual',
  dueDate: '2022-01-29',
  state: 'draft',
  revision: 0,
};

describe('sheetSchema', () => {
  it('accepts a sheet of each kind of owner', () => {
    expectValid(sheetSchema, validSheet);
    expectValid(sheetSchema, {
      ...validSheet,
      owner: { kind: 'seal', sealId: 'seal-101010-1', custodianId: 'p00002' },
    });
    expectValid(sheetSchema, { ...validSheet, owner: { kind: 'workplace' }, state: 'approved' });
  });

  it.each([
    [['id'], 'ethics 2021', 'id'],
    [['templateVersion'], 0, 'templateVersion'],
    [['fiscalYear'], 1988, 'fiscalYear'],
    [['fiscalYear'], 2021.5, 'fiscalYear'],
    [['period'], 'q5', 'period'],
    [['dueDate'], '2022-01-32', 'dueDate'],
    [['state'], 'archived', 'state'],
    [['revision'], -1, 'revision'],
    [['owner', 'kind'], 'team', 'owner.kind'],
    [['owner', 'personId'], REMOVE, 'owner.personId'],
    [['owner'], { kind: 'seal', sealId: 'seal-1' }, 'owner.custodianId'],
    [['owner'], { kind: 'workplace', personId: 'p1' }, 'owner'],
    [['answers'], {}, '(root)'],
  ] as const)('refuses %j = %j at %s', (path, value, at) => {
    expectRefusedAt(sheetSchema, changed(validSheet, path, value), at);
  });
});

describe('sheetEventSchema', () => {
  const event = {
    sheetId: validSheet.id,
    seq: 2,
    type: 'approved',
    actorId: 'p00001',
    at: '2021-07-01T10:15:00+09:00',
    contentHash: 'a'.repeat(64),
  };

  it('accepts events with and without a comment or content hash', () => {
    expectValid(sheetEventSchema, event);
    expectValid(sheetEventSchema, {
      sheetId: validSheet.id,
      seq: 3,
      type: 'returned',
      actorId: 'p00001',
      at: '2021-07-01T01:15:00Z',
      comment: '設問5の改善策を記入してください。',
    });
  });

  it.each([
    [['seq'], 0, 'seq'],
    [['type'], 'deleted', 'type'],
    [['actorId'], '', 'actorId'],
    [['at'], '2021-07-01T10:15:00', 'at'],
    [['at'], '2021-07-01', 'at'],
    [['contentHash'], 'A'.repeat(64), 'contentHash'],
    [['contentHash'], 'a'.repeat(63), 'contentHash'],
    [['comment'], 'x'.repeat(4001), 'comment'],
    [['sheetId'], REMOVE, 'sheetId'],
  ] as const)('refuses %j = %j at %s', (path, value, at) => {
    expectRefusedAt(sheetEventSchema, changed(event, path, value), at);
  });
});
