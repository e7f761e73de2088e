// Planning an import of the HR system's units and people: the preview an admin confirms,
// the warnings they should act on, and every bad row and cell with its line and column.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '@/shared/csv.ts';
import { planHrImport, type HrImportFiles } from '@/shared/hr-import.ts';
import { localizedTextSchema } from '@/shared/schemas/common.ts';
import {
  organisationSchema,
  type Organisation,
  type Person,
  type Seal,
} from '@/shared/schemas/organisation.ts';

const fixtureBytes = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/hr/${name}`, import.meta.url)));
const fixture = (name: string) => decodeCsvBytes(fixtureBytes(name));

const empty: Organisation = { units: [], people: [], seals: [] };

function planned(current: Organisation, files: HrImportFiles) {
  const plan = planHrImport(current, files);
  if (!plan.ok) throw new Error(`expected a plan, got ${JSON.stringify(plan.errors, null, 1)}`);
  return plan;
}

function failed(current: Organisation, files: HrImportFiles) {
  const plan = planHrImport(current, files);
  if (plan.ok) throw new Error('expected errors, got a plan');
  expect(plan).not.toHaveProperty('next');
  return plan.errors;
}

/** Errors without their messages, to compare whole lists at a glance. */
const where = (errors: { file: string; line: number; column: string | null; code: string }[]) =>
  errors.map((e) => [e.file, e.line, e.column, e.code]);

const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

/** The organisation after the 2022 files, as if kept for a year. */
function state2022(): Organisation {
  return planned(empty, { units: fixture('units-2022.csv'), people: fixture('people-2022.csv') })
    .next;
}

const seals: Seal[] = [
  {
    id: 'seal-101010-1',
    unitId: 'u101010',
    name: '総務課長印',
    custodianId: 'p-100004',
    location: '金庫',
    active: true,
  },
  {
    id: 'seal-101020-1',
    unitId: 'u101020',
    name: '人事課長印',
    custodianId: 'p-100006',
    location: '金庫',
    active: true,
  },
  {
    id: 'seal-101020-2',
    unitId: 'u101020',
    name: '旧人事課長印',
    custodianId: 'p-100006',
    location: '書庫',
    active: false,
  },
];

/** Someone who left before 2022 and comes back as re-appointed staff in 2023. */
const returner: Person = {
  id: 'p-100016',
  staffNumber: '100016',
  name: '斎藤　学',
  unitId: 'u101010',
  position: 'senior_staff',
  employmentType: 'regular',
  ageBand: '50s',
  roles: ['staff'],
  active: false,
};

function before2023(): Organisation {
  const org = state2022();
  return { ...org, people: [...org.people, returner], seals };
}

const files2023 = (): HrImportFiles => ({
  units: fixture('units-2023.csv'),
  people: fixture('people-2023.csv'),
});

describe('a first import into an empty organisation', () => {
  const plan = planned(empty, {
    units: fixture('units-2022.csv'),
    people: fixture('people-2022.csv'),
  });

  it('creates every unit and person with ids from their codes and staff numbers', () => {
    expect(ids(plan.changes.newUnits)).toEqual([
      'u10',
      'u1010',
      'u101010',
      'u10101001',
      'u101020',
      'u20',
      'u2010',
      'u201010',
      'u201050',
    ]);
    expect(plan.changes.newPeople).toHaveLength(13);
    expect(plan.changes.newPeople[3]).toEqual({
      id: 'p-100004',
      staffNumber: '100004',
      name: '高橋　美咲',
      unitId: 'u101010',
      position: 'subsection_chief',
      employmentType: 'regular',
      ageBand: '40s',
      roles: ['staff', 'seal_custodian'],
      active: true,
    });
    expect(plan.next.units.find((u) => u.id === 'u10101001')).toEqual({
      id: 'u10101001',
      code: '10101001',
      name: '庶務係',
      nameEn: 'Administration Subsection',
      kind: 'subsection',
      parentId: 'u101010',
    });
  });

  it('lists nothing else and leads to a valid organisation', () => {
    const { newUnits, newPeople, ...rest } = plan.changes;
    expect(newUnits.length + newPeople.length).toBe(22);
    expect(rest).toEqual({
      changedUnits: [],
      moves: [],
      leavers: [],
      returning: [],
      roleChanges: [],
      otherChanges: [],
      unchanged: 0,
    });
    expect(plan.warnings).toEqual([]);
    expect(organisationSchema.safeParse(plan.next).success).toBe(true);
  });
});

describe('the 2023 files against the 2022 organisation', () => {
  const current = before2023();
  const plan = planned(current, files2023());
  const { changes } = plan;

  it('adds the new units, parents before children whatever the file order', () => {
    expect(changes.newUnits).toEqual([
      {
        id: 'u101030',
        code: '101030',
        name: 'コンプライアンス推進課',
        kind: 'section',
        parentId: 'u1010',
      },
      {
        id: 'u10103001',
        code: '10103001',
        name: '推進係',
        kind: 'subsection',
        parentId: 'u101030',
      },
    ]);
  });

  it('shows each changed unit field with its value before and after', () => {
    expect(changes.changedUnits.map((c) => [c.unit.id, c.changes])).toEqual([
      ['u10101001', [{ field: 'parentId', before: 'u101010', after: 'u101020' }]],
      ['u2010', [{ field: 'name', before: '区民部', after: '区民生活部' }]],
      ['u201050', [{ field: 'name', before: '北図書館', after: '北区図書館' }]],
    ]);
  });

  it('keeps English names when the file has no English-name column', () => {
    expect(plan.next.units.find((u) => u.id === 'u2010')?.nameEn).toBe('Residents Department');
  });

  it('keeps units the units file does not list, with the people in them', () => {
    expect(plan.next.units.find((u) => u.id === 'u201010')).toEqual(
      current.units.find((u) => u.id === 'u201010'),
    );
    expect(plan.next.people.find((p) => p.id === 'p-100011')?.unitId).toBe('u201010');
  });

  it('lists new people, moves, leavers and returning people', () => {
    expect(ids(changes.newPeople)).toEqual(['p-100014', 'p-100015']);
    expect(changes.newPeople[1]?.unitId).toBe('u10103001');
    expect(changes.moves.map((m) => [m.person.id, m.fromUnitId, m.toUnitId])).toEqual([
      ['p-100007', 'u101020', 'u101030'],
      ['p-100016', 'u101010', 'u201010'],
    ]);
    expect(ids(changes.leavers)).toEqual(['p-100006']);
    expect(ids(changes.returning)).toEqual(['p-100016']);
    expect(changes.returning[0]?.active).toBe(true);
  });

  it('lists role changes, ignoring the order roles are written in', () => {
    expect(changes.roleChanges.map((c) => [c.person.id, c.before, c.after])).toEqual([
      ['p-100004', ['staff', 'seal_custodian'], ['staff']],
      ['p-100005', ['staff'], ['staff', 'seal_custodian']],
    ]);
  });

  it('lists the other changed fields with their values before and after', () => {
    expect(changes.otherChanges.map((c) => [c.person.id, c.changes])).toEqual([
      [
        'p-100005',
        [
          { field: 'position', before: 'senior_staff', after: 'chief_senior_staff' },
          { field: 'ageBand', before: '30s', after: '40s' },
        ],
      ],
      [
        'p-100007',
        [
          { field: 'employmentType', before: 'fiscal_year', after: 'regular' },
          { field: 'ageBand', before: 'under_30', after: '30s' },
        ],
      ],
      ['p-100012', [{ field: 'name', before: '山本　彩', after: '森　彩' }]],
      [
        'p-100016',
        [
          { field: 'employmentType', before: 'regular', after: 'reappointed' },
          { field: 'ageBand', before: '50s', after: '60_and_over' },
        ],
      ],
    ]);
    expect(changes.unchanged).toBe(8);
  });

  it('deactivates a leaver and keeps them, so their sheets and sign-offs stay', () => {
    expect(plan.next.people).toHaveLength(current.people.length + 2);
    expect(plan.next.people.find((p) => p.id === 'p-100006')).toEqual({
      ...current.people.find((p) => p.id === 'p-100006'),
      active: false,
    });
    expect(plan.next.seals).toEqual(current.seals);
  });

  it('warns about seals whose custodian goes and a unit left with no chief', () => {
    expect(plan.warnings.map((w) => ({ ...w, message: undefined }))).toEqual([
      {
        code: 'custodian_role_removed',
        personId: 'p-100004',
        sealId: 'seal-101010-1',
        message: undefined,
      },
      {
        code: 'custodian_leaving',
        personId: 'p-100006',
        sealId: 'seal-101020-1',
        message: undefined,
      },
      { code: 'unit_without_chief', unitId: 'u101020', message: undefined },
    ]);
    expect(plan.warnings[1]?.message.ja).toContain('人事課長印');
    expect(plan.warnings[2]?.message.ja).toContain('人事課');
  });

  it('importing the same files again changes nothing', () => {
    const again = planned(plan.next, files2023());
    expect(again.next).toEqual(plan.next);
    expect(again.changes).toEqual({
      newUnits: [],
      changedUnits: [],
      newPeople: [],
      moves: [],
      leavers: [],
      returning: [],
      roleChanges: [],
      otherChanges: [],
      unchanged: 15,
    });
    expect(again.warnings).toEqual([]);
  });

  it('plans the same from the Shift_JIS copy of the people file', () => {
    const bytes = fixtureBytes('people-2023-sjis.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const sjis = decodeCsvBytes(bytes);
    expect(sjis).toBe(fixture('people-2023.csv'));
    expect(planHrImport(current, { ...files2023(), people: sjis })).toEqual(plan);
  });
});

describe('without a units file', () => {
  it('leaves the units as they are', () => {
    const current = state2022();
    const plan = planned(current, { people: fixture('people-2022.csv') });
    expect(plan.next).toEqual(current);
    expect(plan.changes.unchanged).toBe(13);
  });

  it('refuses people in units that exist neither in the file nor in the database', () => {
    const errors = failed(state2022(), { people: fixture('people-2023.csv') });
    expect(where(errors)).toEqual([
      ['people', 7, '所属コード', 'unknown_unit'],
      ['people', 14, '所属コード', 'unknown_unit'],
      ['people', 15, '所属コード', 'unknown_unit'],
    ]);
    expect(errors[0]?.message.ja).toContain('101030');
  });
});

describe('files with bad rows', () => {
  const errors = failed(state2022(), {
    units: fixture('units-bad.csv'),
    people: fixture('people-bad.csv'),
  });

  it('report every bad row and cell with its line and column', () => {
    expect(where(errors)).toEqual([
      ['units', 3, '所属名', 'required'],
      ['units', 4, '種別', 'unknown_label'],
      ['units', 5, '所属コード', 'duplicate_key'],
      ['units', 6, '上位所属コード', 'unknown_unit'],
      ['units', 7, '上位所属コード', 'parent_kind'],
      ['units', 8, null, 'field_count'],
      ['units', 9, '上位所属コード', 'parent_kind'],
      ['units', 9, '種別', 'parent_kind'],
      ['units', 9, '種別', 'parent_kind'],
      ['units', 10, '上位所属コード', 'cycle'],
      ['units', 11, '上位所属コード', 'cycle'],
      ['units', 12, '所属コード', 'invalid_value'],
      ['units', 13, '上位所属コード', 'parent_kind'],
      ['units', 15, '上位所属コード', 'parent_kind'],
      ['people', 3, '氏名', 'required'],
      ['people', 4, '所属コード', 'unknown_unit'],
      ['people', 5, '職員番号', 'duplicate_key'],
      ['people', 6, '職位', 'unknown_label'],
      ['people', 6, '任用形態', 'unknown_label'],
      ['people', 6, '年齢層', 'unknown_label'],
      ['people', 6, '役割', 'unknown_label'],
      ['people', 7, '職員番号', 'invalid_value'],
      ['people', 7, '役割', 'required'],
      ['people', 8, null, 'field_count'],
    ]);
  });

  it('say in Japanese and English what is wrong, naming the value and what would do', () => {
    for (const error of errors)
      expect(localizedTextSchema.safeParse(error.message).success).toBe(true);
    const text = (file: string, line: number, column: string | null) =>
      errors.find((e) => e.file === file && e.line === line && e.column === column)?.message;
    expect(text('units', 4, '種別')?.ja).toMatch(/「課長」.*局、区、部、課、公所、係/);
    expect(text('units', 5, '所属コード')?.ja).toContain('3 行目');
    expect(text('units', 7, '上位所属コード')?.ja).toBe(
      '種別「部」の所属は「課」の下に置けません（置けるのは 局・区 の下です）。',
    );
    expect(text('units', 10, '上位所属コード')?.ja).toContain('50 → 51 → 50');
    expect(text('people', 6, '役割')).toEqual({
      ja: expect.stringContaining('「庶務担当」「広報」'),
      en: expect.stringContaining('"庶務担当", "広報"'),
    });
    expect(text('people', 8, null)?.ja).toContain('見出し 7 列、この行 5 列');
    const children = errors.filter((e) => e.line === 9 && e.column === '種別');
    expect(children.map((e) => e.message.ja)).toEqual([
      expect.stringContaining('戸籍課'),
      expect.stringContaining('北図書館'),
    ]);
  });
});

describe('headings', () => {
  const person = '100001,山田　太郎,10,局長,正職員,60歳以上,職員・所属長';
  const current = state2022();

  it('accept English names in any case and any column order, and English ids as values', () => {
    const people = [
      'ROLES,Staff_Number,name,Unit_Code,position,employment_type,age_band',
      'Staff|Chief,１０００１４,井上　直樹,１０１０１０,section_chief,Regular,40S',
      // The administrator stays: an import may not remove the last one.
      'staff|admin,100008,中村　恵子,101020,chief_senior_staff,reappointed,60_and_over',
    ].join('\n');
    const plan = planned(current, { people });
    expect(plan.changes.newPeople).toEqual([
      {
        id: 'p-100014',
        staffNumber: '100014',
        name: '井上　直樹',
        unitId: 'u101010',
        position: 'section_chief',
        employmentType: 'regular',
        ageBand: '40s',
        roles: ['staff', 'chief'],
        active: true,
      },
    ]);
    expect(plan.changes.leavers).toHaveLength(12);
  });

  it('report unknown, repeated, blank and missing columns on the heading line', () => {
    const people = ['', '職員番号,氏名,name,所属,職位,任用形態,年齢層,', person].join('\r\n');
    expect(where(failed(current, { people }))).toEqual([
      ['people', 2, 'name', 'duplicate_column'],
      ['people', 2, '所属', 'unknown_column'],
      ['people', 2, null, 'unknown_column'],
      ['people', 2, '所属コード', 'missing_column'],
      ['people', 2, '役割', 'missing_column'],
    ]);
  });

  it('let an empty English-name value remove the English name', () => {
    const units = ['所属コード,所属名,所属名英語,種別,上位所属コード', '10,総務局,,局,'].join('\n');
    const plan = planned(current, { units, people: fixture('people-2022.csv') });
    expect(plan.changes.changedUnits).toEqual([
      {
        unit: { id: 'u10', code: '10', name: '総務局', kind: 'bureau', parentId: null },
        changes: [{ field: 'nameEn', before: 'General Affairs Bureau', after: undefined }],
      },
    ]);
  });
});

describe('files that cannot be read', () => {
  const current = state2022();
  const heading = '職員番号,氏名,所属コード,職位,任用形態,年齢層,役割';

  it('refuse an empty people file rather than deactivate everyone', () => {
    for (const people of ['', '\r\n\r\n', `${heading}\r\n`, `${heading}\r\n,,,,,,\r\n`])
      expect(where(failed(current, { people }))).toEqual([['people', 1, null, 'empty_file']]);
  });

  it('report a quote that is never closed with the line it opens on', () => {
    const people = `${heading}\r\n100001,"山田\u3000太郎,10,局長,正職員,60歳以上,職員\r\n`;
    const errors = failed(current, { people });
    expect(where(errors)).toEqual([['people', 2, null, 'csv_syntax']]);
  });

  it('report both files when both are bad', () => {
    const errors = failed(current, { units: '', people: '' });
    expect(where(errors)).toEqual([
      ['units', 1, null, 'empty_file'],
      ['people', 1, null, 'empty_file'],
    ]);
    expect(errors[0]?.message.ja).toContain('所属ファイル');
  });
});

describe('ids', () => {
  it('refuse a new unit or person whose id something else already has', () => {
    const org = state2022();
    const current: Organisation = {
      ...org,
      units: org.units.map((u) => (u.id === 'u201050' ? { ...u, id: 'u777' } : u)),
      people: org.people.map((p) => (p.id === 'p-100013' ? { ...p, id: 'p-777777' } : p)),
    };
    const units = `${fixture('units-2022.csv')}777,分室,,公所,2010\r\n`;
    const people = `${fixture('people-2022.csv')}777777,新人,201010,職員,正職員,30代,職員\r\n`;
    expect(where(failed(current, { units, people }))).toEqual([
      ['units', 11, '所属コード', 'id_taken'],
      ['people', 15, '職員番号', 'id_taken'],
    ]);
  });
});

describe('an organisation that is already broken', () => {
  it('is refused with the file and the best line there is', () => {
    const org = state2022();
    const current = {
      ...org,
      // The database does not check positions; someone not in the file keeps a bad one.
      people: [...org.people, { ...returner, position: 'intern' as Person['position'] }],
    };
    const errors = failed(current, { people: fixture('people-2022.csv') });
    expect(where(errors)).toEqual([['people', 1, null, 'organisation']]);
    expect(errors[0]?.message.en).toMatch(/people\[13\]\.position/);
  });
});

describe('the last administrator', () => {
  it('cannot be removed by an import, so someone can always run the next one', () => {
    const people = fixture('people-2022.csv').replace('職員・管理者', '職員');
    const errors = failed(state2022(), { people });
    expect(where(errors)).toEqual([['people', 1, '役割', 'no_admin_left']]);
  });

  it('may pass the role to someone else in the same import', () => {
    const people = fixture('people-2022.csv')
      .replace('職員・管理者', '職員')
      .replace(
        '100007,渡辺　誠,101020,職員,会計年度任用職員,30歳未満,職員',
        '100007,渡辺　誠,101020,職員,会計年度任用職員,30歳未満,職員・管理者',
      );
    expect(planned(state2022(), { people }).changes.roleChanges).toHaveLength(2);
  });
});
