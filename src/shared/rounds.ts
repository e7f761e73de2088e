// Rounds (実施回): which sheets a round of a template creates (one per person, per seal or
// per workplace, depending on the template), who may start one for which units, when a due
// date fits, which later arrivals still get a sheet, and what a new risk sheet carries
// forward from last year's approved one. The server decides with these; the screens too.
import { can, type Actor } from './permissions.ts';
import { answerValueSchemaFor, cellSchemaFor, type Answer } from './schemas/answer.ts';
import type { Person, Seal, Unit } from './schemas/organisation.ts';
import type { Round } from './schemas/round.ts';
import type { Sheet } from './schemas/sheet.ts';
import type { Item, Template } from './schemas/template.ts';
import { fiscalYearOf, type Period } from './fiscal-year.ts';

export interface RoundPlan {
  template: Pick<Template, 'id' | 'version' | 'assignment'>;
  fiscalYear: number;
  period: Period;
  dueDate: string;
  /** The units whose people, seals or workplaces get a sheet. */
  unitIds: readonly string[];
}

/** Units that are workplaces: sections, offices and subsections (not bureaus or departments). */
export function isWorkplace(unit: Pick<Unit, 'kind'>): boolean {
  return unit.kind === 'section' || unit.kind === 'office' || unit.kind === 'subsection';
}

type RoundKey = Pick<RoundPlan, 'fiscalYear' | 'period'> & { template: Pick<Template, 'id'> };

/** A template's round for a fiscal year and period; the prefix of every sheet id of the round. */
export function roundIdOf(plan: RoundKey): string {
  return `${plan.template.id}.${plan.fiscalYear}.${plan.period}`;
}

/** The sheet id is derived from what it is for, so creating a round twice creates nothing new. */
export function roundSheetId(plan: RoundKey, subject: string): string {
  return `${roundIdOf(plan)}.${subject}`;
}

export function sheetsForRound(
  plan: RoundPlan,
  org: { units: readonly Unit[]; people: readonly Person[]; seals: readonly Seal[] },
): Sheet[] {
  const targets = new Set(plan.unitIds);
  const base = {
    templateId: plan.template.id,
    templateVersion: plan.template.version,
    fiscalYear: plan.fiscalYear,
    period: plan.period,
    dueDate: plan.dueDate,
    state: 'draft' as const,
    revision: 0,
  };
  switch (plan.template.assignment) {
    case 'person':
      return org.people
        .filter((p) => p.active && targets.has(p.unitId))
        .map((p) => ({
          ...base,
          id: roundSheetId(plan, p.id),
          unitId: p.unitId,
          owner: { kind: 'person', personId: p.id },
        }));
    case 'seal':
      return org.seals
        .filter((s) => s.active && targets.has(s.unitId))
        .map((s) => ({
          ...base,
          id: roundSheetId(plan, s.id),
          unitId: s.unitId,
          owner: { kind: 'seal', sealId: s.id, custodianId: s.custodianId },
        }));
    case 'workplace':
      return org.units
        .filter((u) => targets.has(u.id) && isWorkplace(u))
        .map((u) => ({
          ...base,
          id: roundSheetId(plan, u.id),
          unitId: u.id,
          owner: { kind: 'workplace' },
        }));
  }
}

/** The units and every unit below them. */
export function unitTree(
  rootIds: readonly string[],
  units: readonly Pick<Unit, 'id' | 'parentId'>[],
): Set<string> {
  const tree = new Set(rootIds);
  // Units are few (hundreds); repeat until no unit joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units)
      if (u.parentId !== null && tree.has(u.parentId) && !tree.has(u.id)) {
        tree.add(u.id);
        grew = true;
      }
  }
  return tree;
}

/** The units a person heads as chief, or stands in for as acting chief (代理), and those below. */
function chiefReach(actor: Actor, units: readonly Pick<Unit, 'id' | 'parentId'>[]): Set<string> {
  const heads = actor.roles.includes('chief') ? [actor.unitId] : [];
  return unitTree([...heads, ...(actor.actingUnitIds ?? [])], units);
}

/** Whether the person starts rounds at all: administrators, chiefs and acting chiefs (代理). */
export function mayStartRounds(actor: Actor): boolean {
  return (
    can(actor, 'manageOrganisation') ||
    actor.roles.includes('chief') ||
    (actor.actingUnitIds ?? []).length > 0
  );
}

/**
 * The units a person may start rounds for: an administrator any unit, a chief (or an acting
 * chief) their unit and the units below it, anybody else none.
 */
export function roundReach(
  actor: Actor,
  units: readonly Pick<Unit, 'id' | 'parentId'>[],
): Set<string> {
  if (can(actor, 'manageOrganisation')) return new Set(units.map((u) => u.id));
  return chiefReach(actor, units);
}

/** Chiefs over the unit, its seal custodians, auditors and administrators read its seals. */
export function mayReadSeals(
  actor: Actor,
  unitId: string,
  units: readonly Pick<Unit, 'id' | 'parentId'>[],
): boolean {
  return (
    can(actor, 'readOrganisation') ||
    (actor.roles.includes('seal_custodian') && actor.unitId === unitId) ||
    chiefReach(actor, units).has(unitId)
  );
}

/** Chiefs over the unit (acting ones too) and administrators keep its seal register. */
export function mayEditSeals(
  actor: Actor,
  unitId: string,
  units: readonly Pick<Unit, 'id' | 'parentId'>[],
): boolean {
  return roundReach(actor, units).has(unitId);
}

export type DueDateProblem = 'due_date_past' | 'due_date_outside_year';

/**
 * A due date must not have passed (today: the calendar day in Japan) and must fall in the
 * round's fiscal year or the next one: the check of a year's last months may be due in April.
 */
export function dueDateProblem(
  plan: Pick<RoundPlan, 'fiscalYear' | 'dueDate'>,
  today: string,
): DueDateProblem | null {
  if (plan.dueDate < today) return 'due_date_past';
  const dueYear = fiscalYearOf(plan.dueDate);
  if (dueYear !== plan.fiscalYear && dueYear !== plan.fiscalYear + 1)
    return 'due_date_outside_year';
  return null;
}

export type RoundConflict = 'round_other_version' | 'round_other_due_date';

/**
 * Starting a round that exists adds units to it; its template version and due date stay
 * what they are, so a start that asks for others is refused rather than quietly changed.
 */
export function roundConflict(
  existing: Pick<Round, 'templateVersion' | 'dueDate'>,
  plan: Pick<RoundPlan, 'dueDate'> & { template: Pick<Template, 'version'> },
): RoundConflict | null {
  if (existing.templateVersion !== plan.template.version) return 'round_other_version';
  if (existing.dueDate !== plan.dueDate) return 'round_other_due_date';
  return null;
}

/** The round's units with those a new start adds, in order. */
export function mergedUnitIds(existing: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...existing, ...added])].sort();
}

/** A round of this fiscal year whose due date has not passed still gives newcomers a sheet. */
export function isOpenForNewcomers(
  round: Pick<Round, 'fiscalYear' | 'dueDate'>,
  today: string,
): boolean {
  return round.fiscalYear === fiscalYearOf(today) && round.dueDate >= today;
}

/** A stored round with what its template assigns sheets to. */
export type RoundWithAssignment = Pick<
  Round,
  'templateId' | 'templateVersion' | 'fiscalYear' | 'period' | 'dueDate' | 'unitIds'
> & { assignment: Template['assignment'] };

export function planOf(round: RoundWithAssignment): RoundPlan {
  return {
    template: {
      id: round.templateId,
      version: round.templateVersion,
      assignment: round.assignment,
    },
    fiscalYear: round.fiscalYear,
    period: round.period,
    dueDate: round.dueDate,
    unitIds: round.unitIds,
  };
}

/**
 * The sheets that people who joined or moved into a round's units, and seals added to its
 * register, get from the rounds still open to them. Their ids are those the round would have
 * given them at its start, so a person who already has their sheet gets nothing new.
 */
export function sheetsForNewcomers(
  rounds: readonly RoundWithAssignment[],
  org: { units: readonly Unit[]; people: readonly Person[]; seals: readonly Seal[] },
  newcomers: { personIds?: readonly string[]; sealIds?: readonly string[] },
  today: string,
): Sheet[] {
  const people = new Set(newcomers.personIds ?? []);
  const seals = new Set(newcomers.sealIds ?? []);
  const arrived = {
    units: org.units,
    people: org.people.filter((p) => people.has(p.id)),
    seals: org.seals.filter((s) => seals.has(s.id)),
  };
  return rounds
    .filter((r) => r.assignment !== 'workplace' && isOpenForNewcomers(r, today))
    .flatMap((r) => sheetsForRound(planOf(r), arrived));
}

/**
 * A table that rates its rows' likelihood and impact (it has a priority column) is a register
 * of standing risks, which the workplace reviews every year. Other tables record what
 * happened in the period (deficiencies), so they start empty.
 */
function carriesForward(item: Item): item is Extract<Item, { kind: 'table' }> {
  return item.kind === 'table' && item.columns.some((c) => c.kind === 'priority');
}

/**
 * The first answers of a new risk sheet, from last year's approved sheet of the same
 * template and workplace: the rows of its risk registers, with every cell the new template
 * version still has a column for and still accepts. Comments and other items start empty.
 */
export function carriedForwardAnswers(
  template: Pick<Template, 'sections'>,
  previous: Readonly<Record<string, Pick<Answer, 'value'>>>,
): Record<string, Answer> {
  const carried: Record<string, Answer> = {};
  for (const item of template.sections.flatMap((s) => s.items)) {
    if (!carriesForward(item)) continue;
    const before = previous[item.id]?.value;
    if (!Array.isArray(before)) continue;
    const columns = new Map(item.columns.map((c) => [c.id, c]));
    const seen = new Set<string>();
    const rows: { id: string; cells: Record<string, unknown> }[] = [];
    for (const row of before as unknown[]) {
      if (rows.length >= item.maxRows) break;
      if (typeof row !== 'object' || row === null) continue;
      const { id, cells } = row as { id?: unknown; cells?: unknown };
      if (typeof id !== 'string' || seen.has(id) || typeof cells !== 'object' || cells === null)
        continue;
      const kept: Record<string, unknown> = {};
      for (const [columnId, cell] of Object.entries(cells)) {
        const column = columns.get(columnId);
        if (column && cell !== null && cellSchemaFor(column).safeParse(cell).success)
          kept[columnId] = cell;
      }
      if (Object.keys(kept).length === 0) continue;
      seen.add(id);
      rows.push({ id, cells: kept });
    }
    if (rows.length > 0 && answerValueSchemaFor(item).safeParse(rows).success)
      carried[item.id] = { value: rows };
  }
  return carried;
}
