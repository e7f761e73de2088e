// Which sheets a round (実施回) of a template creates: one per person, per seal or per
// workplace, depending on the template.
import type { Person, Seal, Unit } from './schemas/organisation.ts';
import type { Sheet } from './schemas/sheet.ts';
import type { Template } from './schemas/template.ts';
import type { Period } from './fiscal-year.ts';

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

/** The sheet id is derived from what it is for, so creating a round twice creates nothing new. */
export function roundSheetId(plan: RoundPlan, subject: string): string {
  return `${plan.template.id}.${plan.fiscalYear}.${plan.period}.${subject}`;
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
