// What the report screens say for the server's coded values (unit kinds, sheet states, the
// attributes of a breakdown, priorities, countermeasure states, deficiency types), unit names
// in the person's language, and a failed request in the person's words.
import type { Locale } from '@/shared/locale.ts';
import type { Breakdown, RoleGroup } from '@/shared/metrics/answer-trends.ts';
import type { CountermeasureStatus, DeficiencyType } from '@/shared/metrics/risk-register.ts';
import { formatRate, NOT_SHOWN } from '@/shared/metrics/tenths.ts';
import type { AgeBand, EmploymentType, Position, Unit } from '@/shared/schemas/organisation.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { ageBandKeys, employmentKeys, positionKeys } from '../../i18n/organisation-text.ts';

export const stateKeys: Record<SheetState, MessageKey> = {
  draft: 'stateDraft',
  submitted: 'stateSubmitted',
  returned: 'stateReturned',
  approved: 'stateApproved',
};

export const breakdownKeys: Record<Breakdown, MessageKey> = {
  ageBand: 'reportsBreakdownAgeBand',
  employmentType: 'reportsBreakdownEmploymentType',
  position: 'reportsBreakdownPosition',
  role: 'reportsBreakdownRole',
};

/** The groups of every breakdown, by breakdown. */
export const groupKeys: {
  ageBand: Record<AgeBand, MessageKey>;
  employmentType: Record<EmploymentType, MessageKey>;
  position: Record<Position, MessageKey>;
  role: Record<RoleGroup, MessageKey>;
} = {
  ageBand: ageBandKeys,
  employmentType: employmentKeys,
  position: positionKeys,
  role: { chief: 'reportsGroupChiefs', staff: 'reportsGroupStaff' },
};

export const priorityKeys: Record<'high' | 'medium' | 'low', MessageKey> = {
  high: 'answerTextPriorityHigh',
  medium: 'answerTextPriorityMedium',
  low: 'answerTextPriorityLow',
};

export const statusKeys: Record<CountermeasureStatus, MessageKey> = {
  not_started: 'reportsStatusNotStarted',
  in_progress: 'reportsStatusInProgress',
  done: 'reportsStatusDone',
};

export const deficiencyTypeKeys: Record<DeficiencyType, MessageKey> = {
  design: 'reportsDeficiencyDesign',
  operation: 'reportsDeficiencyOperation',
  material: 'reportsDeficiencyMaterial',
};

/** A rate with its sign (85.6%); "—" when there was nothing to divide by, or it is hidden. */
export function percentText(value: number | null): string {
  return value === null ? NOT_SHOWN : `${formatRate(value)}%`;
}

export function unitName(unit: Pick<Unit, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}

/** What to tell the person when a report could not be fetched. */
export function problemOf(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'reportsUnreachable';
  if (error instanceof ApiError) {
    if (error.status === 401) return 'reportsSessionEnded';
    if (error.status === 403) return 'reportsForbidden';
    if (error.status === 404) return 'reportsNotFound';
  }
  return 'reportsFailed';
}
