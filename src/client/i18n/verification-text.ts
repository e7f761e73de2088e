// The verification of a sheet's history (`verifySheet`) as a person reads it, in their
// language: the chain intact with the number of records checked, or the first record that
// does not hold and what that means, named by its type and time when this device holds it;
// and why a verification could not be made. The same words on the chief's review screen and
// on the sheet's print view.
import type { HistoryVerification } from '@/shared/api/schemas.ts';
import type { Locale } from '@/shared/locale.ts';
import type { SheetEvent, SheetEventType } from '@/shared/schemas/sheet.ts';
import { ApiError, NetworkError } from '../api/api-client.ts';
import { instantText } from './answer-text.ts';
import type { MessageKey } from './messages-ja.ts';
import { translate } from './use-t.ts';

type BreakReason = Extract<HistoryVerification, { ok: false }>['brokenAt']['reason'];

const reasonKeys: Record<BreakReason, MessageKey> = {
  event_changed: 'verifyEventChanged',
  link_broken: 'verifyLinkBroken',
  event_missing: 'verifyEventMissing',
  content_changed: 'verifyContentChanged',
  snapshot_changed: 'verifySnapshotChanged',
};

const eventTypeKeys: Record<SheetEventType, MessageKey> = {
  created: 'verifyEventCreated',
  answered: 'verifyEventAnswered',
  submitted: 'verifyEventSubmitted',
  returned: 'verifyEventReturned',
  approved: 'verifyEventApproved',
};

export interface VerificationWording {
  /** True when every record holds. */
  intact: boolean;
  /** The finding, then (when broken) what to do; one paragraph each. */
  lines: string[];
}

/**
 * A verification in words. `events` are the sheet's events as this device holds them: they
 * name the broken record's type and time (the server answers only its number).
 */
export function verificationText(
  result: HistoryVerification,
  events: readonly Pick<SheetEvent, 'seq' | 'type' | 'at'>[],
  locale: Locale,
): VerificationWording {
  if (result.ok)
    return {
      intact: true,
      lines: [
        result.events === 0
          ? translate(locale, 'verifyIntactEmpty')
          : translate(locale, 'verifyIntact', { count: result.events }),
      ],
    };
  const { seq, reason } = result.brokenAt;
  const event = events.find((e) => e.seq === seq);
  const detail = event
    ? translate(locale, 'verifyEventDetail', {
        type: translate(locale, eventTypeKeys[event.type]),
        time: instantText(event.at, locale),
      })
    : '';
  return {
    intact: false,
    lines: [
      translate(locale, reasonKeys[reason], { seq, event: detail }),
      translate(locale, 'verifyBrokenNext', { count: result.events }),
    ],
  };
}

/** Why a verification could not be made: it needs the server, and the sheet within reach. */
export function verificationProblemKey(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'verifyNeedsNetwork';
  if (error instanceof ApiError) {
    if (error.status === 401) return 'verifySessionEnded';
    if (error.status === 403) return 'verifyForbidden';
    if (error.status === 404) return 'verifyNotFound';
  }
  return 'verifyFailed';
}
