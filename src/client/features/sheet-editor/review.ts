// What the person should look at before submitting: the required items still unanswered,
// the answers that still lack their comment or corrective action, and the answers worth a
// second look (a "no", a disagreement, a deficiency that occurred). Pure.
import type { Answer } from '@/shared/schemas/answer.ts';
import {
  templateItems,
  type Item,
  type Template,
  type TemplateKind,
} from '@/shared/schemas/template.ts';
import type { SheetProgress } from '@/shared/sheet-progress.ts';
import { rowsOf } from './answer-ops.ts';

/** Tables that list things that went wrong: any row there is worth a second look. */
const deficiencyTables: Partial<Record<TemplateKind, readonly string[]>> = {
  risk: ['deficiencies'],
};

export type Flag =
  | { itemId: string; kind: 'no' }
  | { itemId: string; kind: 'disagree'; value: 3 | 4 }
  | { itemId: string; kind: 'deficiencies'; count: number };

export function flaggedItems(
  template: Template,
  answers: Readonly<Record<string, Answer>>,
): Flag[] {
  const flags: Flag[] = [];
  const deficiencies = deficiencyTables[template.kind] ?? [];
  for (const item of templateItems(template)) {
    const value = answers[item.id]?.value;
    if (item.kind === 'yes_no_na' && value === 'no') flags.push({ itemId: item.id, kind: 'no' });
    if (item.kind === 'agreement4' && (value === 3 || value === 4))
      flags.push({ itemId: item.id, kind: 'disagree', value });
    if (item.kind === 'table' && deficiencies.includes(item.id)) {
      const count = rowsOf(answers[item.id]).length;
      if (count > 0) flags.push({ itemId: item.id, kind: 'deficiencies', count });
    }
  }
  return flags;
}

/** Does this answer ask for its follow-up (whether or not it has been written)? */
export function followUpAsked(item: Item, answer: Answer | null | undefined): boolean {
  if ((item.kind !== 'yes_no_na' && item.kind !== 'agreement4') || !item.followUp || !answer)
    return false;
  return (item.followUp.when as readonly unknown[]).includes(answer.value);
}

/** The first item, in reading order, that blocks submitting. */
export function firstMissing(
  template: Template,
  progress: SheetProgress,
): { itemId: string; followUp: boolean } | null {
  const missing = new Set(progress.missing);
  const followUp = new Set(progress.followUpMissing);
  for (const item of templateItems(template)) {
    if (missing.has(item.id)) return { itemId: item.id, followUp: false };
    if (followUp.has(item.id)) return { itemId: item.id, followUp: true };
  }
  return null;
}
