// What the person should look at before submitting: the required items still unanswered and
// the answers that still lack their comment or corrective action. (The answers worth a second
// look are the sheet's flags, src/shared/sheet-flags.ts, the same a reviewer sees.) Pure.
import type { Answer } from '@/shared/schemas/answer.ts';
import { templateItems, type Item, type Template } from '@/shared/schemas/template.ts';
import type { SheetProgress } from '@/shared/sheet-progress.ts';

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
