// What the rounds screens say: a failed request in the person's words (with what a refused
// start names of the round it collides with), unit names in the person's language, and the
// fiscal years a round can be started for.
import type { ExistingRound } from '@/shared/api/schemas.ts';
import { dateInJapan, fiscalYearOf } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import type { RoundConflict } from '@/shared/rounds.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';

const refusals: Record<string, MessageKey> = {
  due_date_past: 'roundsErrorDuePast',
  due_date_outside_year: 'roundsErrorDueOutside',
  round_other_due_date: 'roundsErrorOtherDue',
  round_other_version: 'roundsErrorOtherVersion',
  units_out_of_reach: 'roundsErrorOutOfReach',
  no_sheets: 'roundsErrorNoSheets',
  template_not_found: 'roundsErrorNotFound',
  unit_not_found: 'roundsErrorNotFound',
  not_found: 'roundsErrorNotFound',
  custodian_not_in_unit: 'sealsErrorCustodian',
  seal_not_found: 'sealsErrorNotFound',
  invalid_request: 'roundsErrorInvalid',
  forbidden: 'roundsForbidden',
};

/** What to tell the person when a request of these screens failed. */
export function problemOf(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'roundsNeedsNetwork';
  if (!(error instanceof ApiError)) return 'roundsFailed';
  if (error.status === 401) return 'roundsSessionEnded';
  return refusals[error.code] ?? 'roundsFailed';
}

/**
 * A start refused because the round exists with another due date or version, with what it
 * exists with; null for any other failure, or when the answer does not say (older servers).
 */
export function roundConflictOf(
  error: unknown,
): { code: RoundConflict; round: ExistingRound } | null {
  if (!(error instanceof ApiError) || !error.round) return null;
  if (error.code !== 'round_other_due_date' && error.code !== 'round_other_version') return null;
  return { code: error.code, round: error.round };
}

export function unitName(unit: Pick<Unit, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}

/** This fiscal year (by the calendar in Japan) and the next, which may be prepared ahead. */
export function fiscalYearChoices(now: Date): number[] {
  const current = fiscalYearOf(dateInJapan(now));
  return [current, current + 1];
}
