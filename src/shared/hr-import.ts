// Plans an import of the units and people an HR system exports as CSV: every problem in the
// files, or the organisation they lead to with a preview of what changes, before anything
// is written.
import { CsvSyntaxError, parseCsv, type CsvRecord, type CsvSyntaxReason } from './csv.ts';
import type { LocalizedText } from './schemas/common.ts';
import {
  allowedParentKinds,
  organisationSchema,
  personSchema,
  unitSchema,
  type AgeBand,
  type EmploymentType,
  type Organisation,
  type Person,
  type Position,
  type Role,
  type Seal,
  type Unit,
  type UnitKind,
} from './schemas/organisation.ts';
import { formatPath } from './validation.ts';

export type HrFile = 'units' | 'people';

export type HrImportErrorCode =
  | 'csv_syntax'
  | 'empty_file'
  | 'unknown_column'
  | 'duplicate_column'
  | 'missing_column'
  | 'field_count'
  | 'required'
  | 'invalid_value'
  | 'unknown_label'
  | 'duplicate_key'
  | 'unknown_unit'
  | 'parent_kind'
  | 'cycle'
  | 'id_taken'
  | 'organisation'
  | 'no_admin_left';

export interface HrImportError {
  file: HrFile;
  line: number;
  /** The column's heading as written in the file; null when the row or file as a whole is wrong. */
  column: string | null;
  code: HrImportErrorCode;
  message: LocalizedText;
}

export type HrImportWarning =
  | { code: 'custodian_leaving'; personId: string; sealId: string; message: LocalizedText }
  | { code: 'custodian_role_removed'; personId: string; sealId: string; message: LocalizedText }
  | { code: 'unit_without_chief'; unitId: string; message: LocalizedText };

type FieldChange<T, K extends keyof T> = { [F in K]: { field: F; before: T[F]; after: T[F] } }[K];
export type UnitChange = FieldChange<Unit, 'name' | 'nameEn' | 'kind' | 'parentId'>;
export type PersonChange = FieldChange<Person, 'name' | 'position' | 'employmentType' | 'ageBand'>;

/**
 * What an import changes, for a preview before the admin confirms. People and units appear
 * as they will be after the import; one person may appear in several lists (moved and
 * given a new role, say).
 */
export interface HrChanges {
  /** Parents before children, so they can be inserted in this order. */
  newUnits: Unit[];
  changedUnits: { unit: Unit; changes: UnitChange[] }[];
  newPeople: Person[];
  moves: { person: Person; fromUnitId: string; toUnitId: string }[];
  /** Active people missing from the people file: deactivated, never deleted. */
  leavers: Person[];
  /** Inactive people listed again: reactivated. */
  returning: Person[];
  roleChanges: { person: Person; before: Role[]; after: Role[] }[];
  otherChanges: { person: Person; changes: PersonChange[] }[];
  /** People listed in the file whom the import leaves exactly as they are. */
  unchanged: number;
}

export type HrImportPlan =
  | { ok: false; errors: HrImportError[] }
  | { ok: true; next: Organisation; changes: HrChanges; warnings: HrImportWarning[] };

export interface HrImportFiles {
  /** Without a units file the units stay as they are. */
  units?: string;
  /** The full list of current staff. */
  people: string;
}

// ---- the vocabulary of the files ----

const unitKindLabels: Record<UnitKind, string> = {
  bureau: '局',
  ward: '区',
  department: '部',
  section: '課',
  office: '公所',
  subsection: '係',
};

const positionLabels: Record<Position, string> = {
  staff: '職員',
  senior_staff: '主任',
  chief_senior_staff: '総括主任',
  subsection_chief: '係長',
  section_chief: '課長',
  department_head: '部長',
  bureau_head: '局長',
};

const employmentTypeLabels: Record<EmploymentType, string> = {
  regular: '正職員',
  reappointed: '再任用',
  fiscal_year: '会計年度任用職員',
};

const ageBandLabels: Record<AgeBand, string> = {
  under_30: '30歳未満',
  '30s': '30代',
  '40s': '40代',
  '50s': '50代',
  '60_and_over': '60歳以上',
};

const roleLabels: Record<Role, string> = {
  staff: '職員',
  chief: '所属長',
  seal_custodian: '公印管守者',
  auditor: '監査',
  admin: '管理者',
};

interface ColumnSpec<K extends string> {
  key: K;
  ja: string;
  en: string;
  /** Whether the column must be in the file (a value may still be allowed to be empty). */
  required: boolean;
}

const unitColumns = [
  { key: 'code', ja: '所属コード', en: 'code', required: true },
  { key: 'name', ja: '所属名', en: 'name', required: true },
  { key: 'nameEn', ja: '所属名英語', en: 'name_en', required: false },
  { key: 'kind', ja: '種別', en: 'kind', required: true },
  { key: 'parentCode', ja: '上位所属コード', en: 'parent_code', required: true },
] as const satisfies readonly ColumnSpec<string>[];

const peopleColumns = [
  { key: 'staffNumber', ja: '職員番号', en: 'staff_number', required: true },
  { key: 'name', ja: '氏名', en: 'name', required: true },
  { key: 'unitCode', ja: '所属コード', en: 'unit_code', required: true },
  { key: 'position', ja: '職位', en: 'position', required: true },
  { key: 'employmentType', ja: '任用形態', en: 'employment_type', required: true },
  { key: 'ageBand', ja: '年齢層', en: 'age_band', required: true },
  { key: 'roles', ja: '役割', en: 'roles', required: true },
] as const satisfies readonly ColumnSpec<string>[];

type UnitKey = (typeof unitColumns)[number]['key'];
type PersonKey = (typeof peopleColumns)[number]['key'];

const roleSeparators = /[;|・、]/;

/** Codes and labels are compared after NFKC, so full-width digits and half-width kana match. */
function normalise(value: string): string {
  return value.normalize('NFKC').trim();
}

// ---- messages ----

const fileNames: Record<HrFile, LocalizedText> = {
  units: { ja: '所属ファイル', en: 'units file' },
  people: { ja: '職員ファイル', en: 'people file' },
};

interface FormatHint {
  ja: string;
  en: string;
}

const hints = {
  code: { ja: '半角英数字と「-」で20文字以内', en: '1–20 letters, digits or "-"' },
  staffNumber: { ja: '半角英数字4〜12文字', en: '4–12 letters or digits' },
  name: { ja: '100文字以内', en: 'at most 100 characters' },
  nameEn: { ja: '200文字以内', en: 'at most 200 characters' },
} satisfies Record<string, FormatHint>;

function choiceList<T extends string>(labels: Record<T, string>): LocalizedText {
  const entries = Object.entries<string>(labels);
  return {
    ja: entries.map(([, label]) => label).join('、'),
    en: entries.map(([id, label]) => `${label} (${id})`).join(', '),
  };
}

const say = {
  csvSyntax: (reason: CsvSyntaxReason): LocalizedText =>
    reason === 'unterminated_quote'
      ? {
          ja: 'この行で始まる「"」で囲んだ値が閉じられていません。',
          en: 'A quoted value that starts on this line is never closed.',
        }
      : {
          ja: '「"」で閉じた値のすぐ後に文字があります。',
          en: 'Text follows the closing quote of a value.',
        },
  emptyFile: (file: HrFile): LocalizedText => ({
    ja: `${fileNames[file].ja}に見出し行とデータの行がありません。`,
    en: `The ${fileNames[file].en} needs a heading row and at least one data row.`,
  }),
  unknownColumn: (label: string, columns: readonly ColumnSpec<string>[]): LocalizedText => ({
    ja: `「${label}」という列は使えません。使える列: ${columns.map((c) => c.ja).join('、')}`,
    en: `Unknown column "${label}"; the columns are: ${columns.map((c) => `${c.ja} (${c.en})`).join(', ')}.`,
  }),
  blankHeading: (position: number): LocalizedText => ({
    ja: `${position}列目の見出しが空です。`,
    en: `Column ${position} has no heading.`,
  }),
  duplicateColumn: (label: string, spec: ColumnSpec<string>): LocalizedText => ({
    ja: `「${label}」は「${spec.ja}」の列と重複しています。`,
    en: `"${label}" repeats the column ${spec.ja} (${spec.en}).`,
  }),
  missingColumn: (spec: ColumnSpec<string>): LocalizedText => ({
    ja: `「${spec.ja}」の列がありません。`,
    en: `The column ${spec.ja} (${spec.en}) is missing.`,
  }),
  fieldCount: (expected: number, actual: number): LocalizedText => ({
    ja: `列の数が見出しと合いません（見出し ${expected} 列、この行 ${actual} 列）。`,
    en: `The row has ${actual} values but the heading has ${expected} columns.`,
  }),
  required: (column: string): LocalizedText => ({
    ja: `「${column}」が空です。`,
    en: `"${column}" is empty.`,
  }),
  invalid: (column: string, value: string, hint: FormatHint): LocalizedText => ({
    ja: `「${column}」の「${value}」は使えません（${hint.ja}）。`,
    en: `"${column}" cannot be "${value}" (${hint.en}).`,
  }),
  unknownLabel: (column: string, values: string[], choices: LocalizedText): LocalizedText => ({
    ja: `「${column}」の${values.map((v) => `「${v}」`).join('')}は使えません。使える値: ${choices.ja}`,
    en: `"${column}" cannot be ${values.map((v) => `"${v}"`).join(', ')}; use one of: ${choices.en}.`,
  }),
  duplicate: (column: string, value: string, firstLine: number): LocalizedText => ({
    ja: `「${column}」の「${value}」は ${firstLine} 行目と重複しています。`,
    en: `"${column}" value "${value}" already appears on line ${firstLine}.`,
  }),
  unknownUnit: (code: string): LocalizedText => ({
    ja: `所属コード「${code}」の所属は、所属ファイルにも登録済みの所属にもありません。`,
    en: `No unit has the code "${code}", neither in the units file nor among the existing units.`,
  }),
  parentKind: (kind: UnitKind, parentKind: UnitKind | null): LocalizedText => {
    const allowed = allowedParentKinds[kind];
    const under = {
      ja: allowed.length
        ? `置けるのは ${allowed.map((k) => unitKindLabels[k]).join('・')} の下です`
        : '最上位の所属です',
      en: allowed.length ? `it goes under: ${allowed.join(', ')}` : 'it is a top-level unit',
    };
    return parentKind === null
      ? {
          ja: `種別「${unitKindLabels[kind]}」の所属には上位所属コードが必要です（${under.ja}）。`,
          en: `A unit of kind ${kind} needs a parent unit (${under.en}).`,
        }
      : {
          ja: `種別「${unitKindLabels[kind]}」の所属は「${unitKindLabels[parentKind]}」の下に置けません（${under.ja}）。`,
          en: `A unit of kind ${kind} cannot sit under one of kind ${parentKind} (${under.en}).`,
        };
  },
  childNoLongerFits: (child: Unit, kind: UnitKind): LocalizedText => ({
    ja: `種別を「${unitKindLabels[kind]}」にすると、下にある「${child.name}」（${child.code}、${unitKindLabels[child.kind]}）を置けなくなります。`,
    en: `With kind ${kind} it can no longer hold "${child.name}" (${child.code}, kind ${child.kind}) under it.`,
  }),
  cycle: (codes: string[]): LocalizedText => ({
    ja: `上位所属が循環しています: ${codes.join(' → ')}`,
    en: `The parent units form a loop: ${codes.join(' → ')}.`,
  }),
  idTaken: (id: string): LocalizedText => ({
    ja: `新しく作る ID「${id}」は別の登録済みデータが使っています。`,
    en: `The new id "${id}" is already used by something else.`,
  }),
  noAdminLeft: (): LocalizedText => ({
    ja: 'この取り込みでは、有効な管理者が一人もいなくなります。次回の取り込みができなくなるため、管理者の役割を持つ職員を残してください。',
    en: 'This import would leave no active administrator, so nobody could run the next one. Keep at least one person with the admin role.',
  }),
  organisation: (path: string, message: string): LocalizedText => ({
    ja: `取り込んだ後の組織が検査を通りません（${path}: ${message}）。`,
    en: `The organisation after the import fails its check (${path}: ${message}).`,
  }),
  custodianLeaving: (person: Person, seal: Seal): LocalizedText => ({
    ja: `${person.name}（職員番号 ${person.staffNumber}）は無効になりますが、公印「${seal.name}」の管守者のままです。`,
    en: `${person.name} (staff number ${person.staffNumber}) is deactivated but still keeps the seal "${seal.name}".`,
  }),
  custodianRoleRemoved: (person: Person, seal: Seal): LocalizedText => ({
    ja: `${person.name}（職員番号 ${person.staffNumber}）は公印管守者でなくなりますが、公印「${seal.name}」の管守者のままです。`,
    en: `${person.name} (staff number ${person.staffNumber}) loses the seal custodian role but still keeps the seal "${seal.name}".`,
  }),
  unitWithoutChief: (unit: Unit): LocalizedText => ({
    ja: `所属「${unit.name}」（${unit.code}）に有効な所属長がいなくなります。`,
    en: `The unit "${unit.name}" (${unit.code}) is left with no active chief.`,
  }),
};

// ---- reading a file into rows ----

interface Row<K extends string> {
  line: number;
  /** Trimmed values; undefined for an optional column the file does not have. */
  values: Record<K, string | undefined>;
}

interface Table<K extends string> {
  headingLine: number;
  /** Headings as written in the file. */
  headings: Partial<Record<K, string>>;
  rows: Row<K>[];
}

type Report = (
  line: number,
  column: string | null,
  code: HrImportErrorCode,
  message: LocalizedText,
) => void;

/** Reads the heading and the rows; null when the file cannot be read row by row at all. */
function readTable<K extends string>(
  file: HrFile,
  text: string,
  columns: readonly ColumnSpec<K>[],
  report: Report,
): Table<K> | null {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    report(error.line, null, 'csv_syntax', say.csvSyntax(error.reason));
    return null;
  }
  // Excel writes rows whose cells are all empty after a table that was once longer.
  records = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [heading, ...data] = records;
  if (!heading || data.length === 0) {
    report(heading?.line ?? 1, null, 'empty_file', say.emptyFile(file));
    return null;
  }

  const index = new Map<K, number>();
  const headings: Partial<Record<K, string>> = {};
  let headingOk = true;
  heading.fields.forEach((raw, i) => {
    const label = raw.trim();
    const name = normalise(raw);
    const spec = columns.find((c) => c.ja === name || c.en === name.toLowerCase());
    headingOk &&= spec !== undefined && !index.has(spec.key);
    if (name === '') report(heading.line, null, 'unknown_column', say.blankHeading(i + 1));
    else if (!spec)
      report(heading.line, label, 'unknown_column', say.unknownColumn(label, columns));
    else if (index.has(spec.key))
      report(heading.line, label, 'duplicate_column', say.duplicateColumn(label, spec));
    else {
      index.set(spec.key, i);
      headings[spec.key] = label;
    }
  });
  for (const spec of columns)
    if (spec.required && !index.has(spec.key)) {
      headingOk = false;
      report(heading.line, spec.ja, 'missing_column', say.missingColumn(spec));
    }
  // With a wrong heading every row would be misread; the heading is fixed first.
  if (!headingOk) return null;

  const width = heading.fields.length;
  const rows: Row<K>[] = [];
  for (const record of data) {
    if (record.fields.length !== width) {
      report(record.line, null, 'field_count', say.fieldCount(width, record.fields.length));
      continue;
    }
    const values = {} as Record<K, string | undefined>;
    for (const spec of columns) {
      const i = index.get(spec.key);
      values[spec.key] = i === undefined ? undefined : record.fields[i]?.trim();
    }
    rows.push({ line: record.line, values });
  }
  return { headingLine: heading.line, headings, rows };
}

/** Reads the cells of one row, reporting each bad cell against its line and heading. */
function cellReader<K extends string>(table: Table<K>, row: Row<K>, report: Report) {
  const heading = (key: K) => table.headings[key] ?? key;
  const fail = (key: K, code: HrImportErrorCode, message: LocalizedText) =>
    report(row.line, heading(key), code, message);

  const required = (key: K): string | undefined => {
    const value = row.values[key] ?? '';
    if (value === '') fail(key, 'required', say.required(heading(key)));
    return value === '' ? undefined : value;
  };

  return {
    heading,
    fail,
    required,
    /** A value that must pass one field of a schema, e.g. a code's pattern. */
    valid(
      key: K,
      check: { safeParse(v: unknown): { success: boolean } },
      hint: FormatHint,
      prepare: (value: string) => string = (value) => value,
    ) {
      const value = required(key);
      if (value === undefined) return undefined;
      const prepared = prepare(value);
      if (check.safeParse(prepared).success) return prepared;
      fail(key, 'invalid_value', say.invalid(heading(key), value, hint));
      return undefined;
    },
    label<T extends string>(key: K, labels: Record<T, string>): T | undefined {
      const value = required(key);
      if (value === undefined) return undefined;
      const found = fromLabel(labels, normalise(value));
      if (found === undefined)
        fail(key, 'unknown_label', say.unknownLabel(heading(key), [value], choiceList(labels)));
      return found;
    },
  };
}

/** Japanese label as written, or the English id in any case. */
function fromLabel<T extends string>(labels: Record<T, string>, value: string): T | undefined {
  const lower = value.toLowerCase();
  for (const [id, label] of Object.entries<string>(labels))
    if (label === value || id === lower) return id as T;
  return undefined;
}

// ---- the two files ----

interface UnitRow {
  line: number;
  code: string;
  name: string;
  /** Undefined when the file has no English-name column: the English names stay as they are. */
  nameEn: string | null | undefined;
  kind: UnitKind;
  parentCode: string | null;
}

interface PersonRow {
  line: number;
  staffNumber: string;
  name: string;
  unitCode: string;
  position: Position;
  employmentType: EmploymentType;
  ageBand: AgeBand;
  roles: Role[];
}

function readUnitRows(table: Table<UnitKey>, report: Report) {
  const rows: UnitRow[] = [];
  /** Every code the file names, even on rows with other faults, so they do not cascade. */
  const named = new Map<string, number>();
  for (const row of table.rows) {
    const cell = cellReader(table, row, report);
    const code = cell.valid('code', unitSchema.shape.code, hints.code, normalise);
    const name = cell.valid('name', unitSchema.shape.name, hints.name);
    const rawEn = row.values.nameEn;
    const nameEn =
      rawEn === undefined
        ? undefined
        : rawEn === ''
          ? null
          : cell.valid('nameEn', unitSchema.shape.nameEn, hints.nameEn);
    const kind = cell.label('kind', unitKindLabels);
    const parentCode = normalise(row.values.parentCode ?? '');
    if (code !== undefined) {
      const first = named.get(code);
      if (first !== undefined) {
        cell.fail('code', 'duplicate_key', say.duplicate(cell.heading('code'), code, first));
        continue;
      }
      named.set(code, row.line);
    }
    const badEn = rawEn !== undefined && nameEn === undefined;
    if (code === undefined || name === undefined || badEn || kind === undefined) continue;
    rows.push({ line: row.line, code, name, nameEn, kind, parentCode: parentCode || null });
  }
  return { rows, named };
}

function readPersonRows(table: Table<PersonKey>, report: Report) {
  const rows: PersonRow[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const cell = cellReader(table, row, report);
    const staffNumber = cell.valid(
      'staffNumber',
      personSchema.shape.staffNumber,
      hints.staffNumber,
      normalise,
    );
    const name = cell.valid('name', personSchema.shape.name, hints.name);
    const unitCode = cell.required('unitCode');
    const position = cell.label('position', positionLabels);
    const employmentType = cell.label('employmentType', employmentTypeLabels);
    const ageBand = cell.label('ageBand', ageBandLabels);
    const roles = readRoles(cell, row.values.roles);
    if (staffNumber !== undefined) {
      const first = seen.get(staffNumber);
      if (first !== undefined) {
        const column = cell.heading('staffNumber');
        cell.fail('staffNumber', 'duplicate_key', say.duplicate(column, staffNumber, first));
        continue;
      }
      seen.set(staffNumber, row.line);
    }
    if (
      staffNumber === undefined ||
      name === undefined ||
      unitCode === undefined ||
      position === undefined ||
      employmentType === undefined ||
      ageBand === undefined ||
      roles === undefined
    )
      continue;
    rows.push({
      line: row.line,
      staffNumber,
      name,
      unitCode: normalise(unitCode),
      position,
      employmentType,
      ageBand,
      roles,
    });
  }
  return rows;
}

function readRoles(
  cell: ReturnType<typeof cellReader<PersonKey>>,
  raw: string | undefined,
): Role[] | undefined {
  const parts = normalise(raw ?? '')
    .split(roleSeparators)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) {
    cell.fail('roles', 'required', say.required(cell.heading('roles')));
    return undefined;
  }
  const found = new Set<Role>();
  const unknown: string[] = [];
  for (const part of parts) {
    const role = fromLabel(roleLabels, part);
    if (role) found.add(role);
    else unknown.push(part);
  }
  if (unknown.length > 0) {
    const message = say.unknownLabel(cell.heading('roles'), unknown, choiceList(roleLabels));
    cell.fail('roles', 'unknown_label', message);
    return undefined;
  }
  return sortRoles([...found]);
}

const roleOrder = Object.keys(roleLabels) as Role[];

function sortRoles(list: readonly Role[]): Role[] {
  return [...list].sort((a, b) => roleOrder.indexOf(a) - roleOrder.indexOf(b));
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

// ---- the units: the tree after the import ----

interface UnitNode {
  kind: UnitKind;
  parentCode: string | null;
  /** The units-file row, when the unit is in the file. */
  row: UnitRow | undefined;
  unit: Unit | undefined;
}

/** Checks the tree the units file and the kept units make together. */
function checkTree(
  current: readonly Unit[],
  rows: readonly UnitRow[],
  named: ReadonlyMap<string, number>,
  headings: Partial<Record<UnitKey, string>>,
  report: Report,
) {
  const byId = new Map(current.map((u) => [u.id, u]));
  const nodes = new Map<string, UnitNode>();
  for (const unit of current)
    nodes.set(unit.code, {
      kind: unit.kind,
      parentCode: unit.parentId === null ? null : (byId.get(unit.parentId)?.code ?? null),
      row: undefined,
      unit,
    });
  for (const row of rows)
    nodes.set(row.code, {
      kind: row.kind,
      parentCode: row.parentCode,
      row,
      unit: nodes.get(row.code)?.unit,
    });

  const parentColumn = headings.parentCode ?? null;
  const kindColumn = headings.kind ?? null;
  for (const row of rows) {
    if (row.parentCode === null) {
      if (allowedParentKinds[row.kind].length > 0)
        report(row.line, parentColumn, 'parent_kind', say.parentKind(row.kind, null));
      continue;
    }
    const parent = nodes.get(row.parentCode);
    if (!parent) {
      if (!named.has(row.parentCode))
        report(row.line, parentColumn, 'unknown_unit', say.unknownUnit(row.parentCode));
      continue;
    }
    const loop = cycleFrom(row.code, nodes);
    if (loop) report(row.line, parentColumn, 'cycle', say.cycle(loop));
    else if (!allowedParentKinds[row.kind].includes(parent.kind))
      report(row.line, parentColumn, 'parent_kind', say.parentKind(row.kind, parent.kind));
  }
  // A kept unit that the file does not list may no longer fit under a parent whose kind the
  // file changes; the fault is on the parent's row.
  for (const node of nodes.values()) {
    if (node.row || !node.unit || node.parentCode === null) continue;
    const parentRow = nodes.get(node.parentCode)?.row;
    if (parentRow && !allowedParentKinds[node.kind].includes(parentRow.kind))
      report(
        parentRow.line,
        kindColumn,
        'parent_kind',
        say.childNoLongerFits(node.unit, parentRow.kind),
      );
  }
}

/** The codes around the loop that `code` is on, starting and ending with it; null if none. */
function cycleFrom(code: string, nodes: ReadonlyMap<string, UnitNode>): string[] | null {
  const path = [code];
  const seen = new Set(path);
  for (let at = nodes.get(code)?.parentCode; at; at = nodes.get(at)?.parentCode) {
    path.push(at);
    if (at === code) return path;
    if (seen.has(at)) return null;
    seen.add(at);
  }
  return null;
}

// ---- the plan ----

export function planHrImport(current: Organisation, files: HrImportFiles): HrImportPlan {
  const errors: HrImportError[] = [];
  const reporter =
    (file: HrFile): Report =>
    (line, column, code, message) =>
      errors.push({ file, line, column, code, message });

  const unitsTable =
    files.units === undefined
      ? undefined
      : readTable('units', files.units, unitColumns, reporter('units'));
  const peopleTable = readTable('people', files.people, peopleColumns, reporter('people'));

  const unitByCode = new Map(current.units.map((u) => [u.code, u]));
  const unitIds = new Set(current.units.map((u) => u.id));
  const { rows: unitRows, named } = unitsTable
    ? readUnitRows(unitsTable, reporter('units'))
    : { rows: [], named: new Map<string, number>() };
  if (unitsTable) {
    checkTree(current.units, unitRows, named, unitsTable.headings, reporter('units'));
    for (const row of unitRows)
      if (!unitByCode.has(row.code) && unitIds.has(`u${row.code}`))
        reporter('units')(
          row.line,
          unitsTable.headings.code ?? null,
          'id_taken',
          say.idTaken(`u${row.code}`),
        );
  }

  const personByNumber = new Map(current.people.map((p) => [p.staffNumber, p]));
  const personIds = new Set(current.people.map((p) => p.id));
  const personRows = peopleTable ? readPersonRows(peopleTable, reporter('people')) : [];
  if (peopleTable) {
    const report = reporter('people');
    const unitColumn = peopleTable.headings.unitCode ?? null;
    // When the units file could not be read, its codes are unknown and would only cascade.
    const unitsKnown = files.units === undefined || unitsTable !== null;
    for (const row of personRows) {
      if (unitsKnown && !unitByCode.has(row.unitCode) && !named.has(row.unitCode))
        report(row.line, unitColumn, 'unknown_unit', say.unknownUnit(row.unitCode));
      const id = `p-${row.staffNumber}`;
      if (!personByNumber.has(row.staffNumber) && personIds.has(id))
        report(row.line, peopleTable.headings.staffNumber ?? null, 'id_taken', say.idTaken(id));
    }
  }

  if (errors.length > 0 || !peopleTable) return { ok: false, errors: sortErrors(errors) };

  const units = planUnits(current.units, unitRows);
  const people = planPeople(current.people, personRows, units.idOfCode);
  const next: Organisation = { units: units.next, people: people.next, seals: current.seals };

  const checked = organisationSchema.safeParse(next);
  if (!checked.success) {
    const lines = {
      units: new Map(unitRows.map((r) => [r.code, r.line])),
      people: new Map(personRows.map((r) => [r.staffNumber, r.line])),
    };
    for (const issue of checked.error.issues) {
      const [list, index] = issue.path;
      const unit = list === 'units' && typeof index === 'number' ? next.units[index] : undefined;
      const person =
        list === 'people' && typeof index === 'number' ? next.people[index] : undefined;
      const file: HrFile = unit ? 'units' : 'people';
      const line =
        (unit && lines.units.get(unit.code)) ??
        (person && lines.people.get(person.staffNumber)) ??
        (unit ? unitsTable?.headingLine : peopleTable.headingLine) ??
        1;
      errors.push({
        file,
        line,
        column: null,
        code: 'organisation',
        message: say.organisation(formatPath(issue.path), issue.message),
      });
    }
    return { ok: false, errors: sortErrors(errors) };
  }

  // Nobody could run the next import (or reset a password) after this one.
  const hasAdmin = (org: Organisation) =>
    org.people.some((p) => p.active && p.roles.includes('admin'));
  if (hasAdmin(current) && !hasAdmin(next))
    return {
      ok: false,
      errors: [
        {
          file: 'people',
          line: peopleTable.headingLine,
          column: peopleTable.headings.roles ?? null,
          code: 'no_admin_left',
          message: say.noAdminLeft(),
        },
      ],
    };

  const changes: HrChanges = {
    newUnits: units.added,
    changedUnits: units.changed,
    ...people.changes,
  };
  return { ok: true, next, changes, warnings: warningsFor(current, next, changes) };
}

function sortErrors(errors: HrImportError[]): HrImportError[] {
  const fileOrder: Record<HrFile, number> = { units: 0, people: 1 };
  return errors.sort((a, b) => fileOrder[a.file] - fileOrder[b.file] || a.line - b.line);
}

function planUnits(current: readonly Unit[], rows: readonly UnitRow[]) {
  const byCode = new Map(current.map((u) => [u.code, u]));
  const rowByCode = new Map(rows.map((r) => [r.code, r]));
  const idOfCode = (code: string) => byCode.get(code)?.id ?? `u${code}`;

  const build = (row: UnitRow, before: Unit | undefined): Unit => {
    const nameEn = row.nameEn === undefined ? before?.nameEn : (row.nameEn ?? undefined);
    return {
      id: idOfCode(row.code),
      code: row.code,
      name: row.name,
      ...(nameEn === undefined ? {} : { nameEn }),
      kind: row.kind,
      parentId: row.parentCode === null ? null : idOfCode(row.parentCode),
    };
  };

  const changed: HrChanges['changedUnits'] = [];
  const next = current.map((before) => {
    const row = rowByCode.get(before.code);
    if (!row) return before;
    const after = build(row, before);
    const changes: UnitChange[] = [];
    if (after.name !== before.name)
      changes.push({ field: 'name', before: before.name, after: after.name });
    if (after.nameEn !== before.nameEn)
      changes.push({ field: 'nameEn', before: before.nameEn, after: after.nameEn });
    if (after.kind !== before.kind)
      changes.push({ field: 'kind', before: before.kind, after: after.kind });
    if (after.parentId !== before.parentId)
      changes.push({ field: 'parentId', before: before.parentId, after: after.parentId });
    if (changes.length === 0) return before;
    changed.push({ unit: after, changes });
    return after;
  });

  const added: Unit[] = [];
  const placed = new Set<string>();
  const place = (row: UnitRow) => {
    if (placed.has(row.code)) return;
    placed.add(row.code);
    const parentRow = row.parentCode === null ? undefined : rowByCode.get(row.parentCode);
    if (parentRow && !byCode.has(parentRow.code)) place(parentRow);
    added.push(build(row, undefined));
  };
  for (const row of rows) if (!byCode.has(row.code)) place(row);

  return { next: [...next, ...added], added, changed, idOfCode };
}

function planPeople(
  current: readonly Person[],
  rows: readonly PersonRow[],
  idOfCode: (code: string) => string,
) {
  const rowByNumber = new Map(rows.map((r) => [r.staffNumber, r]));
  const changes: Omit<HrChanges, 'newUnits' | 'changedUnits'> = {
    newPeople: [],
    moves: [],
    leavers: [],
    returning: [],
    roleChanges: [],
    otherChanges: [],
    unchanged: 0,
  };

  const next = current.map((before) => {
    const row = rowByNumber.get(before.staffNumber);
    if (!row) {
      if (!before.active) return before;
      const after = { ...before, active: false };
      changes.leavers.push(after);
      return after;
    }
    const after: Person = {
      ...before,
      name: row.name,
      unitId: idOfCode(row.unitCode),
      position: row.position,
      employmentType: row.employmentType,
      ageBand: row.ageBand,
      // The stored order is kept when the set is the same, so nothing is rewritten for it.
      roles: sameRoles(before.roles, row.roles) ? before.roles : row.roles,
      active: true,
    };
    const fields: PersonChange[] = [];
    if (after.name !== before.name)
      fields.push({ field: 'name', before: before.name, after: after.name });
    if (after.position !== before.position)
      fields.push({ field: 'position', before: before.position, after: after.position });
    if (after.employmentType !== before.employmentType)
      fields.push({
        field: 'employmentType',
        before: before.employmentType,
        after: after.employmentType,
      });
    if (after.ageBand !== before.ageBand)
      fields.push({ field: 'ageBand', before: before.ageBand, after: after.ageBand });
    const moved = after.unitId !== before.unitId;
    const rolesChanged = after.roles !== before.roles;
    if (!before.active) changes.returning.push(after);
    if (moved)
      changes.moves.push({ person: after, fromUnitId: before.unitId, toUnitId: after.unitId });
    if (rolesChanged)
      changes.roleChanges.push({ person: after, before: before.roles, after: after.roles });
    if (fields.length > 0) changes.otherChanges.push({ person: after, changes: fields });
    if (before.active && !moved && !rolesChanged && fields.length === 0) {
      changes.unchanged++;
      return before;
    }
    return after;
  });

  const known = new Set(current.map((p) => p.staffNumber));
  for (const row of rows) {
    if (known.has(row.staffNumber)) continue;
    changes.newPeople.push({
      id: `p-${row.staffNumber}`,
      staffNumber: row.staffNumber,
      name: row.name,
      unitId: idOfCode(row.unitCode),
      position: row.position,
      employmentType: row.employmentType,
      ageBand: row.ageBand,
      roles: row.roles,
      active: true,
    });
  }
  return { next: [...next, ...changes.newPeople], changes };
}

function warningsFor(current: Organisation, next: Organisation, changes: HrChanges) {
  const warnings: HrImportWarning[] = [];
  const leaving = new Set(changes.leavers.map((p) => p.id));
  const losingSeals = new Set(
    changes.roleChanges
      .filter((c) => c.before.includes('seal_custodian') && !c.after.includes('seal_custodian'))
      .map((c) => c.person.id),
  );
  const nextPeople = new Map(next.people.map((p) => [p.id, p]));
  for (const seal of current.seals) {
    const custodian = nextPeople.get(seal.custodianId);
    if (!seal.active || !custodian) continue;
    if (leaving.has(custodian.id))
      warnings.push({
        code: 'custodian_leaving',
        personId: custodian.id,
        sealId: seal.id,
        message: say.custodianLeaving(custodian, seal),
      });
    else if (losingSeals.has(custodian.id))
      warnings.push({
        code: 'custodian_role_removed',
        personId: custodian.id,
        sealId: seal.id,
        message: say.custodianRoleRemoved(custodian, seal),
      });
  }

  const chiefsIn = (org: Organisation) =>
    new Set(org.people.filter((p) => p.active && p.roles.includes('chief')).map((p) => p.unitId));
  const before = chiefsIn(current);
  const after = chiefsIn(next);
  for (const unit of next.units)
    if (before.has(unit.id) && !after.has(unit.id))
      warnings.push({
        code: 'unit_without_chief',
        unitId: unit.id,
        message: say.unitWithoutChief(unit),
      });
  return warnings;
}
