// The meeting view (朝礼): a round's answers in a unit counted per statement, for the
// section to discuss together, with nothing that could name a person. Only the answers
// people have handed in count: submitted and approved sheets (a submitted sheet can no
// longer change unless it is returned; a returned one is being corrected, so it waits).
// With fewer than MEETING_MIN_RESPONDENTS people nothing is shown at all, and a statement
// fewer than that many answered is shown without its counts.
import type { MeetingItem, MeetingSummary } from './api/schemas.ts';
import { percent } from './metrics/tenths.ts';
import { handedInStates, type SheetState } from './schemas/sheet.ts';
import type { Item, Template } from './schemas/template.ts';

export const MEETING_MIN_RESPONDENTS = 5;

export interface MeetingSheet {
  /** The person the sheet belongs to: each person counts once. */
  ownerId: string;
  state: SheetState;
  /** Answer values by item id. */
  values: Readonly<Record<string, unknown>>;
}

function itemSummary(
  item: Item,
  values: readonly Readonly<Record<string, unknown>>[],
): MeetingItem | null {
  const answered = values.map((v) => v[item.id]);
  switch (item.kind) {
    case 'agreement4': {
      const tally = { 1: 0, 2: 0, 3: 0, 4: 0 };
      for (const value of answered)
        if (value === 1 || value === 2 || value === 3 || value === 4) tally[value] += 1;
      const counts: [number, number, number, number] = [tally[1], tally[2], tally[3], tally[4]];
      const total = counts[0] + counts[1] + counts[2] + counts[3];
      return {
        kind: item.kind,
        itemId: item.id,
        label: item.label,
        counts: total < MEETING_MIN_RESPONDENTS ? null : counts,
      };
    }
    case 'yes_no_na': {
      const counts = { yes: 0, no: 0, na: 0 };
      for (const value of answered)
        if (value === 'yes' || value === 'no' || value === 'na') counts[value] += 1;
      const total = counts.yes + counts.no + counts.na;
      return {
        kind: item.kind,
        itemId: item.id,
        label: item.label,
        counts: total < MEETING_MIN_RESPONDENTS ? null : counts,
      };
    }
    default:
      // Free text, numbers, dates, choices and tables could say who wrote them: never shown.
      return null;
  }
}

/**
 * The summary of one round in one unit. `sheets` are the unit's sheets of the round in any
 * state; those not handed in (`handedInStates`, which the route also uses to load only
 * their answers) are left out here.
 */
export function meetingSummary(
  template: Template,
  sheets: readonly MeetingSheet[],
): MeetingSummary {
  const counted = new Map<string, MeetingSheet>();
  for (const sheet of sheets)
    if (handedInStates.includes(sheet.state) && !counted.has(sheet.ownerId))
      counted.set(sheet.ownerId, sheet);
  if (counted.size < MEETING_MIN_RESPONDENTS)
    return { shown: false, minimum: MEETING_MIN_RESPONDENTS };
  const values = [...counted.values()].map((s) => s.values);
  return {
    shown: true,
    minimum: MEETING_MIN_RESPONDENTS,
    respondents: counted.size,
    sections: template.sections.flatMap((section) => {
      const items = section.items.flatMap((item) => itemSummary(item, values) ?? []);
      return items.length === 0 ? [] : [{ id: section.id, title: section.title, items }];
    }),
  };
}

/**
 * The share of ① and ② among a statement's answers, in percent with one decimal, rounded
 * once from the counts as the reports round their rates (`percent`).
 */
export function positiveRate(counts: readonly [number, number, number, number]): number | null {
  return percent(counts[0] + counts[1], counts[0] + counts[1] + counts[2] + counts[3]);
}
