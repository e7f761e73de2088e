// The words for the register's coded values: positions, employment types, age bands and
// kinds of unit, shown by the administrator's screens and the auditor's breakdowns alike.
import type { AgeBand, EmploymentType, Position, UnitKind } from '@/shared/schemas/organisation.ts';
import type { MessageKey } from './messages-ja.ts';

export const positionKeys: Record<Position, MessageKey> = {
  staff: 'positionStaff',
  senior_staff: 'positionSeniorStaff',
  chief_senior_staff: 'positionChiefSeniorStaff',
  subsection_chief: 'positionSubsectionChief',
  section_chief: 'positionSectionChief',
  department_head: 'positionDepartmentHead',
  bureau_head: 'positionBureauHead',
};

export const employmentKeys: Record<EmploymentType, MessageKey> = {
  regular: 'employmentRegular',
  reappointed: 'employmentReappointed',
  fiscal_year: 'employmentFiscalYear',
};

export const ageBandKeys: Record<AgeBand, MessageKey> = {
  under_30: 'ageUnder30',
  '30s': 'age30s',
  '40s': 'age40s',
  '50s': 'age50s',
  '60_and_over': 'age60AndOver',
};

export const unitKindKeys: Record<UnitKind, MessageKey> = {
  bureau: 'unitKindBureau',
  ward: 'unitKindWard',
  department: 'unitKindDepartment',
  section: 'unitKindSection',
  office: 'unitKindOffice',
  subsection: 'unitKindSubsection',
};
