// How far a sheet is filled: which required items are missing and which answers still
// lack the comment or corrective action that a follow-up rule asks for.
import type { Answer, TableRow } from './schemas/answer.ts';
import { templateItems, type Item, type Template } from './schemas/template.ts';

export interface SheetProgress {
  total: number;
  answered: number;
  /** Required items with no answer, in reading order. */
  missing: string[];
  /** Items whose answer needs a comment or corrective action that is not there. */
  followUpMissing: string[];
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function isAnswered(item: Item, answer: Answer | undefined): boolean {
  if (!answer || isBlank(answer.value)) return false;
  if (item.kind !== 'table') return true;
  const rows = answer.value as TableRow[];
  const requiredColumns = item.columns.filter((c) => c.required && c.kind !== 'priority');
  return (
    rows.length >= Math.max(item.minRows, 1) &&
    rows.every((row) => requiredColumns.every((c) => !isBlank(row.cells[c.id])))
  );
}

/** True when the answer triggers the item's follow-up and the asked-for text is missing. */
export function needsFollowUp(item: Item, answer: Answer | undefined): boolean {
  if ((item.kind !== 'yes_no_na' && item.kind !== 'agreement4') || !item.followUp || !answer)
    return false;
  if (!(item.followUp.when as readonly unknown[]).includes(answer.value)) return false;
  const text = item.followUp.require === 'comment' ? answer.comment : answer.action;
  return isBlank(text);
}

export function sheetProgress(
  template: Template,
  answers: Readonly<Record<string, Answer>>,
): SheetProgress {
  const progress: SheetProgress = { total: 0, answered: 0, missing: [], followUpMissing: [] };
  for (const item of templateItems(template)) {
    const answer = answers[item.id];
    progress.total += 1;
    if (isAnswered(item, answer)) progress.answered += 1;
    else if (item.required) progress.missing.push(item.id);
    if (needsFollowUp(item, answer)) progress.followUpMissing.push(item.id);
  }
  return progress;
}
