// What the progress screen works out before it draws: the rounds a chief can pick (from the
// sheets the device holds, so the choice is there offline, and the rounds the server lists),
// the units they may follow up, the server's rows under their groups, and the words for a
// request that went wrong.
import type { RoundProgressSheet } from '@/shared/api/schemas.ts';
import type { Period } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import type { Actor } from '@/shared/permissions.ts';
import {
  mayFollowUp,
  progressGroupOf,
  progressGroups,
  type ProgressGroup,
} from '@/shared/round-progress.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';

export interface RoundChoice {
  key: string;
  templateId: string;
  fiscalYear: number;
  period: Period;
}

type RoundFacts = Pick<Sheet, 'templateId' | 'fiscalYear' | 'period'>;

/**
 * The rounds among these sheets and the rounds the server listed (each once), newest fiscal
 * year first, then by template.
 */
export function roundsOf(sheets: readonly RoundFacts[], listed: readonly RoundFacts[] = []) {
  const rounds = new Map<string, RoundChoice>();
  for (const { templateId, fiscalYear, period } of [...sheets, ...listed]) {
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

/** A unit the person may follow up; the code is unknown when the device knows no units. */
export interface UnitChoice {
  id: string;
  name: string;
  nameEn?: string | undefined;
  code: string | null;
}

/** The person as the session has them: the rules' actor and the name of their own unit. */
export type FollowUpPerson = Actor & { unitName: string };

/**
 * The units whose rounds the person may follow up, by the rule the server decides with, in
 * the order of the units given (the register's). When the device knows no units (or none of
 * them is the person's), the person's own unit and the units they act for, as the session
 * names them, are all there is to offer.
 */
export function followUpUnits(
  person: FollowUpPerson,
  units: readonly Unit[] | null | undefined,
): UnitChoice[] {
  if (units && units.length > 0) {
    const org = { units: new Map(units.map((u) => [u.id, u])) };
    const known = units
      .filter((u) => mayFollowUp(person, u.id, org))
      .map(({ id, name, nameEn, code }) => ({ id, name, nameEn, code }));
    if (known.length > 0) return known;
  }
  const org = { units: new Map<string, Unit>() };
  return [...new Set([person.unitId, ...(person.actingUnitIds ?? [])])]
    .filter((id) => mayFollowUp(person, id, org))
    .map((id) => ({ id, name: id === person.unitId ? person.unitName : id, code: null }));
}

/**
 * The unit shown first: the person's own when they follow it up in their own right (a chief,
 * an auditor), otherwise the first unit they act as chief of, otherwise the first offered.
 */
export function defaultUnitId(person: FollowUpPerson, choices: readonly UnitChoice[]): string {
  const offered = (id: string) => choices.some((c) => c.id === id);
  const org = { units: new Map<string, Unit>() };
  if (offered(person.unitId) && mayFollowUp({ ...person, actingUnitIds: [] }, person.unitId, org))
    return person.unitId;
  return (
    (person.actingUnitIds ?? []).find(offered) ??
    (offered(person.unitId) ? person.unitId : choices[0]?.id) ??
    person.unitId
  );
}

/** A unit's name in the person's language. */
export function unitChoiceName(unit: UnitChoice, locale: Locale): string {
  return locale === 'en' && unit.nameEn ? unit.nameEn : unit.name;
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
