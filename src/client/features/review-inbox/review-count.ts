// How many sheets wait for the person's decision: the navigation's count, shown on every
// screen. Apart from the inbox's screens, which load only when opened.
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { useDirectory, useSheetsInState } from '../../db/person-db.ts';
import { mayDecide, reviewerOrg } from './review-sheets.ts';

export function useReviewCount(person: SessionPerson): number {
  const stored = useDirectory();
  // Locally still submitted: not yet decided on this device.
  const submitted = useSheetsInState('submitted');
  if (!submitted || stored === undefined) return 0;
  const org = reviewerOrg(person, stored?.directory ?? null);
  return submitted.filter(
    ({ sheet, events }) =>
      sheet.server.state === 'submitted' && mayDecide(person, sheet, events, org),
  ).length;
}
