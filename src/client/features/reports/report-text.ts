// What the report screens say for the server's coded values (unit kinds, sheet states, the
// attributes of a breakdown, priorities, countermeasure states, deficiency types), unit names
// in the person's language, and a failed request in the person's words.
import type { Locale } from '@/shared/locale.ts';
import type { Breakdown, RoleGroup } from '@/shared/metrics/answer-trends.ts';
import type { CountermeasureStatus, DeficiencyType } from '@/shared/metrics/risk-register.ts';
import { formatRate, NOT_SHOWN } from '@/shared/metrics/tenths.ts';
import type {
  AgeBand,
  EmploymentType,
  Position,
  Unit,
  UnitKind,
} from '@/shared/schemas/organisation.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';

export const unitKindKeys: Record<UnitKind, MessageKey> = {
  bureau: 'unitKindBureau',
  ward: 'unitKindWard',
  department: 'unitKindDepartment',
  section: 'unitKindSection',
  office: 'unitKindOffice',
  subsection: 'unitKindSubsection',
};

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
  ageBand: {
    under_30: 'ageUnder30',
    '30s': 'age30s',
    '40s': 'age40s',
    '50s': 'age50s',
    '60_and_over': 'age60AndOver',
  },
  employmentType: {
    regular: 'employmentRegular',
    reappointed: 'employmentReappointed',
    fiscal_year: 'employmentFiscalYear',
  },
  position: {
    staff: 'positionStaff',
    senior_staff: 'positionSeniorStaff',
    chief_senior_staff: 'positionChiefSeniorStaff',
    subsection_chief: 'positionSubsectionChief',
    section_chief: 'positionSectionChief',
    department_head: 'positionDepartmentHead',
    bureau_head: 'positionBureauHead',
  },
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
