// The risk register across all workplaces, read from their internal-control risk sheets
// (seeds/templates/risk.json): every risk with its likelihood × impact priority and the
// state of its countermeasure, every deficiency (不備) by type with its cause and response,
// and the counts per unit that the yearly internal-control evaluation report
// (内部統制評価報告書) needs, rolled up the organisation.
import { riskPriority, type RiskPriority } from '../risk-priority.ts';
import type { SheetState } from '../schemas/sheet.ts';
import { countSum, rollUp, type RollupUnit } from './unit-rollup.ts';

/** The two tables of the risk sheet and the columns read from them. */
export const RISK_TABLE = 'risks';
export const DEFICIENCY_TABLE = 'deficiencies';

export const countermeasureStatuses = ['not_started', 'in_progress', 'done'] as const;
export type CountermeasureStatus = (typeof countermeasureStatuses)[number];

/** 整備上の不備 (design), 運用上の不備 (operation), 重大な不備 (material). */
export const deficiencyTypes = ['design', 'operation', 'material'] as const;
export type DeficiencyType = (typeof deficiencyTypes)[number];

/** A workplace's risk sheet as stored: the two tables' answer values, unchecked. */
export interface RiskSheetInput {
  sheetId: string;
  unitId: string;
  state: SheetState;
  risks: unknown;
  deficiencies: unknown;
}

export interface RiskRow {
  sheetId: string;
  sheetState: SheetState;
  unitId: string;
  rowId: string;
  process: string | null;
  risk: string | null;
  cause: string | null;
  likelihood: number | null;
  impact: number | null;
  /** From likelihood × impact (risk-priority.ts); null until both are given. */
  priority: RiskPriority | null;
  currentControls: string | null;
  countermeasure: string | null;
  owner: string | null;
  dueDate: string | null;
  status: CountermeasureStatus | null;
  /** The countermeasure's due date has passed and it is not done. */
  overdue: boolean;
}

export interface DeficiencyRow {
  sheetId: string;
  sheetState: SheetState;
  unitId: string;
  rowId: string;
  whatHappened: string | null;
  occurredOn: string | null;
  type: DeficiencyType | null;
  causeAnalysis: string | null;
  response: string | null;
  prevention: string | null;
  status: CountermeasureStatus | null;
}

export const riskCountKeys = [
  'sheets',
  'risks',
  'high',
  'medium',
  'low',
  'overdue',
  'deficiencies',
  'design',
  'operation',
  'material',
  'openDeficiencies',
] as const;
export type RiskCounts = Record<(typeof riskCountKeys)[number], number>;

type Cells = Record<string, unknown>;

/** The rows of a table answer; anything that is not one (never written, or damaged) has none. */
function tableRows(value: unknown): { id: string; cells: Cells }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((row: unknown) => {
    if (row === null || typeof row !== 'object') return [];
    const { id, cells } = row as { id?: unknown; cells?: unknown };
    if (typeof id !== 'string' || cells === null || typeof cells !== 'object') return [];
    return [{ id, cells: cells as Cells }];
  });
}

const text = (cells: Cells, key: string) => {
  const v = cells[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};
const level = (cells: Cells, key: string) => {
  const v = cells[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3 ? v : null;
};
function oneOf<T extends string>(options: readonly T[], cells: Cells, key: string): T | null {
  const v = cells[key];
  return typeof v === 'string' && (options as readonly string[]).includes(v) ? (v as T) : null;
}

export function riskRows(sheet: RiskSheetInput, today: string): RiskRow[] {
  return tableRows(sheet.risks).map(({ id, cells }) => {
    const likelihood = level(cells, 'likelihood');
    const impact = level(cells, 'impact');
    const dueDate = text(cells, 'due-date');
    const status = oneOf(countermeasureStatuses, cells, 'status');
    return {
      sheetId: sheet.sheetId,
      sheetState: sheet.state,
      unitId: sheet.unitId,
      rowId: id,
      process: text(cells, 'process'),
      risk: text(cells, 'risk'),
      cause: text(cells, 'cause'),
      likelihood,
      impact,
      priority: likelihood !== null && impact !== null ? riskPriority(likelihood, impact) : null,
      currentControls: text(cells, 'current-controls'),
      countermeasure: text(cells, 'countermeasure'),
      owner: text(cells, 'owner'),
      dueDate,
      status,
      overdue: dueDate !== null && dueDate < today && status !== 'done',
    };
  });
}

export function deficiencyRows(sheet: RiskSheetInput): DeficiencyRow[] {
  return tableRows(sheet.deficiencies).map(({ id, cells }) => ({
    sheetId: sheet.sheetId,
    sheetState: sheet.state,
    unitId: sheet.unitId,
    rowId: id,
    whatHappened: text(cells, 'what-happened'),
    occurredOn: text(cells, 'occurred-on'),
    type: oneOf(deficiencyTypes, cells, 'type'),
    causeAnalysis: text(cells, 'cause-analysis'),
    response: text(cells, 'response'),
    prevention: text(cells, 'prevention'),
    status: oneOf(countermeasureStatuses, cells, 'status'),
  }));
}

const riskSum = countSum(riskCountKeys);

/**
 * The register of the given sheets, and the counts per unit rolled up the given units' tree
 * (units without a risk sheet in or below them are left out) and in total.
 */
export function riskRegister(
  units: readonly RollupUnit[],
  sheets: readonly RiskSheetInput[],
  today: string,
) {
  const risks: RiskRow[] = [];
  const deficiencies: DeficiencyRow[] = [];
  const own = new Map<string, RiskCounts>();
  for (const sheet of sheets) {
    const counts = own.get(sheet.unitId) ?? riskSum.empty();
    own.set(sheet.unitId, counts);
    counts.sheets += 1;
    for (const r of riskRows(sheet, today)) {
      risks.push(r);
      counts.risks += 1;
      if (r.priority) counts[r.priority] += 1;
      if (r.overdue) counts.overdue += 1;
    }
    for (const d of deficiencyRows(sheet)) {
      deficiencies.push(d);
      counts.deficiencies += 1;
      if (d.type) counts[d.type] += 1;
      if (d.status !== 'done') counts.openDeficiencies += 1;
    }
  }
  const rolled = rollUp(units, own, riskSum);
  return {
    risks,
    deficiencies,
    units: rolled.units
      .filter((r) => r.total.sheets > 0)
      .map((r) => ({ unit: r.unit, depth: r.depth, counts: r.total })),
    total: rolled.city,
  };
}
