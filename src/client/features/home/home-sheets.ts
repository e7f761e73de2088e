// How the home screen sorts the person's sheets: only those they may fill in (a chief's
// staff's sheets are theirs to sign off, not to fill), by whose they are (the person's own,
// the seals they keep, their workplace's), then by where each stands.
import { sheetAccess, type Actor } from '@/shared/permissions.ts';
import type { SheetOwner } from '@/shared/schemas/sheet.ts';
import type { SheetEvent } from '@/shared/schemas/sheet.ts';
import type { SheetOverview, StoredSheet } from '../../db/person-db.ts';

/** Where a sheet stands, as the home screen groups it. */
export const homeGroups = ['to_do', 'in_progress', 'returned', 'submitted', 'approved'] as const;
export type HomeGroup = (typeof homeGroups)[number];

/** Whose sheets, each under its own heading. */
export const homeSections = [
  'person',
  'seal',
  'workplace',
] as const satisfies readonly SheetOwner['kind'][];
export type HomeSection = (typeof homeSections)[number];

// Filling needs no unit tree: the person's own sheets, their seals' and their unit's.
const noUnits = { units: new Map() };

/** May the person fill this sheet in (and so see it on their home screen)? */
export function mayFill(person: Actor, sheet: Pick<StoredSheet, 'owner' | 'unitId'>): boolean {
  return sheetAccess(person, sheet, noUnits).fill;
}

export function homeGroupOf({
  sheet,
  answers,
}: {
  sheet: Pick<StoredSheet, 'state'>;
  answers: Readonly<Record<string, unknown>>;
}): HomeGroup {
  switch (sheet.state) {
    case 'returned':
      return 'returned';
    case 'submitted':
      return 'submitted';
    case 'approved':
      return 'approved';
    case 'draft':
      return Object.keys(answers).length > 0 ? 'in_progress' : 'to_do';
  }
}

/** Past its due date (a calendar date in Japan) while still with the person. */
export function isOverdue(sheet: Pick<StoredSheet, 'state' | 'dueDate'>, today: string): boolean {
  return (sheet.state === 'draft' || sheet.state === 'returned') && sheet.dueDate < today;
}

/** The chief's comment of the latest return, and when; null when never returned. */
export function latestReturn(events: readonly SheetEvent[]): SheetEvent | null {
  let latest: SheetEvent | null = null;
  for (const event of events)
    if (event.type === 'returned' && (!latest || event.seq > latest.seq)) latest = event;
  return latest;
}

export type HomeLayout = Record<HomeSection, Record<HomeGroup, SheetOverview[]>>;

/** The sheets under their section and group, each list in due-date order as given. */
export function layOut(overviews: readonly SheetOverview[]): HomeLayout {
  const empty = () =>
    Object.fromEntries(homeGroups.map((g) => [g, [] as SheetOverview[]])) as Record<
      HomeGroup,
      SheetOverview[]
    >;
  const layout: HomeLayout = { person: empty(), seal: empty(), workplace: empty() };
  for (const overview of overviews)
    layout[overview.sheet.owner.kind][homeGroupOf(overview)].push(overview);
  return layout;
}
