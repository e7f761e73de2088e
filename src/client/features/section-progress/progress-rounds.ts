// What the progress screen works out before it draws: the rounds a chief can pick (from the
// sheets the device holds, so the choice is there offline), the server's rows under their
// groups, and the words for a request that went wrong.
import type { RoundProgressSheet } from '@/shared/api/schemas.ts';
import type { Period } from '@/shared/fiscal-year.ts';
import { progressGroupOf, progressGroups, type ProgressGroup } from '@/shared/round-progress.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';

export interface RoundChoice {
  key: string;
  templateId: string;
  fiscalYear: number;
  period: Period;
}

/** The rounds among these sheets, newest fiscal year first, then by template. */
export function roundsOf(sheets: readonly Pick<Sheet, 'templateId' | 'fiscalYear' | 'period'>[]) {
  const rounds = new Map<string, RoundChoice>();
  for (const { templateId, fiscalYear, period } of sheets) {
    const key = `${templateId}|${fiscalYear}|${period}`;
    if (!rounds.has(key)) rounds.set(key, { key, templateId, fiscalYear, period });
  }
  return [...rounds.values()].sort(
    (a, b) =>
      b.fiscalYear - a.fiscalYear ||
      a.templateId.localeCompare(b.templateId) ||
      a.period.localeCompare(b.period),
  );
}

/** The rows under their groups, in the order of the groups, each keeping the server's order. */
export function groupRows(
  rows: readonly RoundProgressSheet[],
): { group: ProgressGroup; rows: RoundProgressSheet[] }[] {
  return progressGroups
    .map((group) => ({ group, rows: rows.filter((r) => progressGroupOf(r) === group) }))
    .filter((g) => g.rows.length > 0);
}

/** What went wrong with a request, in the person's words. */
export function problemOf(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'progressNeedsNetwork';
  if (error instanceof ApiError) {
    if (error.status === 401) return 'progressSessionEnded';
    if (error.status === 403) return 'progressForbidden';
    if (error.code === 'invalid_state') return 'progressRemindNotOpen';
    if (error.code === 'no_recipient') return 'progressRemindNobody';
  }
  return 'progressFailed';
}
