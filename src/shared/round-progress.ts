// Following up a round (実施回) in a unit: where each sheet stands, which are overdue, the
// counts a chief follows up, who may follow up a unit, and who a reminder about a sheet
// goes to. The server decides with these; the progress screen groups with the same ones.
import { can, sheetAccess, type Actor } from './permissions.ts';
import type { Person } from './schemas/organisation.ts';
import type { Sheet, SheetState } from './schemas/sheet.ts';
import type { OrgView } from './workflow.ts';

/** Where a sheet of a round stands, in the order a chief works through them. */
export const progressGroups = [
  'not_started',
  'draft',
  'returned',
  'submitted',
  'approved',
] as const;
export type ProgressGroup = (typeof progressGroups)[number];

/**
 * A draft nobody has edited yet (rows carried forward from last year are no edit) is
 * "not started"; otherwise its state.
 */
export function progressGroupOf(sheet: { state: SheetState; started: boolean }): ProgressGroup {
  return sheet.state === 'draft' && !sheet.started ? 'not_started' : sheet.state;
}

/**
 * Past its due date (a calendar date in Japan, the server's day when the server decides)
 * while still with the person: a submitted or approved sheet is never overdue.
 */
export function isOverdue(sheet: { state: SheetState; dueDate: string }, today: string): boolean {
  return (sheet.state === 'draft' || sheet.state === 'returned') && sheet.dueDate < today;
}

/** The counts of a round: the five groups add up to the total; overdue cuts across them. */
export interface ProgressSummary {
  total: number;
  notStarted: number;
  draft: number;
  returned: number;
  submitted: number;
  approved: number;
  overdue: number;
}

const summaryKey: Record<ProgressGroup, Exclude<keyof ProgressSummary, 'total' | 'overdue'>> = {
  not_started: 'notStarted',
  draft: 'draft',
  returned: 'returned',
  submitted: 'submitted',
  approved: 'approved',
};

export function summarizeProgress(
  sheets: readonly { state: SheetState; started: boolean; dueDate: string }[],
  today: string,
): ProgressSummary {
  const summary: ProgressSummary = {
    total: 0,
    notStarted: 0,
    draft: 0,
    returned: 0,
    submitted: 0,
    approved: 0,
    overdue: 0,
  };
  for (const sheet of sheets) {
    summary.total += 1;
    summary[summaryKey[progressGroupOf(sheet)]] += 1;
    if (isOverdue(sheet, today)) summary.overdue += 1;
  }
  return summary;
}

/**
 * May this person follow up a unit's rounds (its progress and its meeting summary)? Those
 * who sign off the unit's sheets, asked through the permission table as for a sheet of the
 * unit (so every way of reaching a unit to sign off counts), and those who read reports.
 */
export function mayFollowUp(actor: Actor, unitId: string, org: Pick<OrgView, 'units'>): boolean {
  return (
    can(actor, 'readReports') ||
    sheetAccess(actor, { owner: { kind: 'workplace' }, unitId }, org).signOff
  );
}

/** Reminders go only about sheets still with the people who fill them. */
export function mayRemind(state: SheetState): boolean {
  return state === 'draft' || state === 'returned';
}

/**
 * Who a reminder about a sheet goes to: the person it belongs to, the seal's custodian, or,
 * for a workplace's sheet (filled together, submitted by any member), every active member
 * of the workplace's own unit. Never the sender, and never a person who has left.
 * `people` holds at least those people (the server loads the owner and the unit's members).
 */
export function reminderRecipients(
  sheet: Pick<Sheet, 'owner' | 'unitId'>,
  people: readonly Pick<Person, 'id' | 'unitId' | 'active'>[],
  senderId: string,
): string[] {
  const mustAct = (p: Pick<Person, 'id' | 'unitId'>): boolean => {
    switch (sheet.owner.kind) {
      case 'person':
        return p.id === sheet.owner.personId;
      case 'seal':
        return p.id === sheet.owner.custodianId;
      case 'workplace':
        return p.unitId === sheet.unitId;
    }
  };
  return [
    ...new Set(people.filter((p) => p.active && p.id !== senderId && mustAct(p)).map((p) => p.id)),
  ].sort();
}
