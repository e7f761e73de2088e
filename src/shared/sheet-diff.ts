// What changed between two contents of a sheet, e.g. its last submission and the one now
// waiting for sign-off: items whose answer changed (before and after), and for tables the
// rows added, removed and changed (matched by row id, so a moved row is not a change).
import type { Answer, TableRow } from './schemas/answer.ts';
import { templateItems, type Template } from './schemas/template.ts';
import { canonicalJson } from './sheet-content.ts';

export interface RowChange {
  rowId: string;
  before: TableRow;
  after: TableRow;
  /** The columns whose cell differs, in the template's order. */
  columns: string[];
}

export type ItemChange =
  | { kind: 'answer'; itemId: string; before: Answer | null; after: Answer | null }
  | {
      kind: 'table';
      itemId: string;
      added: TableRow[];
      removed: TableRow[];
      changed: RowChange[];
    };

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

const rowsOf = (answer: Answer | null): TableRow[] =>
  Array.isArray(answer?.value) ? (answer.value as TableRow[]) : [];

function tableChange(
  itemId: string,
  columns: readonly string[],
  before: Answer | null,
  after: Answer | null,
): ItemChange | null {
  const old = new Map(rowsOf(before).map((r) => [r.id, r]));
  const now = new Map(rowsOf(after).map((r) => [r.id, r]));
  const added = [...now.values()].filter((r) => !old.has(r.id));
  const removed = [...old.values()].filter((r) => !now.has(r.id));
  const changed: RowChange[] = [];
  for (const row of now.values()) {
    const previous = old.get(row.id);
    if (!previous) continue;
    const differ = columns.filter((c) => !same(previous.cells[c], row.cells[c]));
    if (differ.length > 0)
      changed.push({ rowId: row.id, before: previous, after: row, columns: differ });
  }
  if (added.length + removed.length + changed.length === 0) return null;
  return { kind: 'table', itemId, added, removed, changed };
}

/** The items whose answer differs between `before` and `after`, in reading order. */
export function sheetDiff(
  template: Template,
  before: Readonly<Record<string, Answer>>,
  after: Readonly<Record<string, Answer>>,
): ItemChange[] {
  const changes: ItemChange[] = [];
  for (const item of templateItems(template)) {
    const a = before[item.id] ?? null;
    const b = after[item.id] ?? null;
    if (same(a, b)) continue;
    if (item.kind === 'table') {
      const rows = tableChange(
        item.id,
        item.columns.map((c) => c.id),
        a,
        b,
      );
      // Rows only reordered, or a note beside the table changed: shown as the whole answer.
      changes.push(rows ?? { kind: 'answer', itemId: item.id, before: a, after: b });
    } else changes.push({ kind: 'answer', itemId: item.id, before: a, after: b });
  }
  return changes;
}
