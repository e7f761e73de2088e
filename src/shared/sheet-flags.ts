// What a reviewer should look at first on a sheet: negative answers, follow-ups the template
// asks for that are not there, and deficiencies reported. The same list marks a sheet in the
// chief's inbox and keeps it out of approving several at once.
import type { Answer, TableRow } from './schemas/answer.ts';
import { templateItems, type Item, type Template, type TemplateKind } from './schemas/template.ts';
import { needsFollowUp } from './sheet-progress.ts';

export type SheetFlag =
  /** An answer the template treats as a concern (its follow-up rule), or ③/④ on the scale. */
  | { kind: 'negative_answer'; itemId: string; value: unknown }
  /** The answer needs a comment or corrective action that is not there. */
  | { kind: 'follow_up_missing'; itemId: string }
  /** Rows in a table of deficiencies (不備) that occurred. */
  | { kind: 'deficiency_reported'; itemId: string; rows: number };

export type SheetFlagKind = SheetFlag['kind'];

/**
 * The tables whose every row reports a deficiency, by template kind. Templates are stored
 * versions that never change, so this is said here rather than added to the template data.
 */
const deficiencyTables: Partial<Record<TemplateKind, readonly string[]>> = {
  risk: ['deficiencies'],
};

/** ①そう思う and ②まあそう思う are positive; ③ and ④ are not. */
const negativeAgreement: readonly unknown[] = [3, 4];

function isNegative(item: Item, answer: Answer): boolean {
  if (item.kind !== 'yes_no_na' && item.kind !== 'agreement4') return false;
  if (item.followUp && (item.followUp.when as readonly unknown[]).includes(answer.value))
    return true;
  return item.kind === 'agreement4' && negativeAgreement.includes(answer.value);
}

/** The sheet's flags in reading order; an empty list for a sheet with nothing to look at. */
export function sheetFlags(
  template: Template,
  answers: Readonly<Record<string, Answer>>,
): SheetFlag[] {
  const flags: SheetFlag[] = [];
  const deficiencies = deficiencyTables[template.kind] ?? [];
  for (const item of templateItems(template)) {
    const answer = answers[item.id];
    if (!answer) continue;
    if (isNegative(item, answer))
      flags.push({ kind: 'negative_answer', itemId: item.id, value: answer.value });
    if (needsFollowUp(item, answer)) flags.push({ kind: 'follow_up_missing', itemId: item.id });
    if (item.kind === 'table' && deficiencies.includes(item.id)) {
      const rows = Array.isArray(answer.value) ? (answer.value as TableRow[]).length : 0;
      if (rows > 0) flags.push({ kind: 'deficiency_reported', itemId: item.id, rows });
    }
  }
  return flags;
}
