// The words the acting chief screen shows for an appointment's status, its period, and what
// went wrong with a request to the server.
import type { AppointmentStatus } from '@/shared/acting-chiefs.ts';
import { formatDate } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';

export const statusKeys: Record<AppointmentStatus, MessageKey> = {
  scheduled: 'actingStatusScheduled',
  in_force: 'actingStatusInForce',
  over: 'actingStatusOver',
  ended: 'actingStatusEnded',
};

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** 令和8年12月1日〜令和8年12月10日 */
export function periodText(
  period: { startsOn: string; endsOn: string },
  t: Translate,
  locale: Locale,
): string {
  return t('actingPeriod', {
    from: formatDate(period.startsOn, locale),
    to: formatDate(period.endsOn, locale),
  });
}

/** What to tell the person when a request failed; the server's code says what it refused. */
export function problemOf(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'actingNeedsNetwork';
  if (!(error instanceof ApiError)) return 'adminFailed';
  if (error.status === 401) return 'adminSessionEnded';
  switch (error.code) {
    case 'overlap':
      return 'actingOverlap';
    case 'not_eligible':
      return 'actingNotEligible';
    case 'starts_in_the_past':
      return 'actingStartsInPast';
    case 'invalid_request':
      return 'actingDatesReversed';
    case 'already_ended':
    case 'already_over':
      return 'actingAlreadyEnded';
    case 'forbidden':
      return 'adminForbidden';
    default:
      return 'adminFailed';
  }
}
