// Which sheets wait for this person's sign-off, from what the device holds: the sheets the
// server has as submitted, that the permission table lets the person sign off and that the
// approver rule gives to them (the directory the device keeps names the units' chiefs),
// oldest submission first, each with its flags and whether a decision waits to be sent.
// The server decides again when the decision arrives. Pure.
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { dateInJapan } from '@/shared/fiscal-year.ts';
import { sheetAccess } from '@/shared/permissions.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { SheetEvent } from '@/shared/schemas/sheet.ts';
import { answersOfContent } from '@/shared/sheet-content.ts';
import { sheetFlags, type SheetFlag } from '@/shared/sheet-flags.ts';
import { approversOf, buildOrgView, responsiblePeople, type OrgView } from '@/shared/workflow.ts';
import type { KeptDirectory, SheetOverview, StoredEvent, StoredSheet } from '../../db/person-db.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';

/**
 * The organisation as the device knows it, with the acting chiefs in force on today's Japan
 * day: those of the stored directory (as the server decides), or, from a directory stored
 * before it carried appointments, only the person's own from the session.
 */
export function reviewerOrg(person: SessionPerson, directory: KeptDirectory | null): OrgView {
  const today = dateInJapan(new Date());
  const self = { id: person.id, unitId: person.unitId, roles: person.roles, active: true };
  const people = directory?.people ?? [];
  return buildOrgView(
    directory?.units ?? [],
    people.some((p) => p.id === person.id) ? people : [...people, self],
    {
      appointments:
        directory?.actingAppointments ??
        // The session says where the person acts as chief today; the server keeps the record.
        (person.actingUnitIds ?? []).map((unitId) => ({
          unitId,
          personId: person.id,
          startsOn: today,
          endsOn: today,
          endedAt: null,
        })),
      today,
    },
  );
}

const submissions = (events: readonly SheetEvent[]) => events.filter((e) => e.type === 'submitted');

/** Is this person among those who sign the sheet off, by the table and the approver rule? */
export function mayDecide(
  person: SessionPerson,
  sheet: StoredSheet,
  events: readonly SheetEvent[],
  org: OrgView,
): boolean {
  if (!sheetAccess(person, sheet, org).signOff) return false;
  const submitters = [...new Set(submissions(events).map((e) => e.actorId))];
  // Before the directory first arrives the units' chiefs are unknown: the person's reach
  // and segregation of duties alone decide, and the server decides for good.
  if (org.units.size === 0) return !responsiblePeople(sheet, submitters).has(person.id);
  return approversOf(sheet, submitters, org)?.chiefIds.includes(person.id) ?? false;
}

export interface ReviewEntry {
  overview: SheetOverview;
  flags: SheetFlag[];
  /** When the server received the latest submission. */
  submittedAt: string | null;
  /** Submitted again after a return. */
  resubmitted: boolean;
  /** This device's decision that the server has not taken yet. */
  decided: 'approved' | 'returned' | null;
}

/** A sheet waiting for the person's decision on the server, with what the device adds. */
export function reviewEntryOf(overview: SheetOverview): ReviewEntry {
  const { sheet, template, answers, events } = overview;
  const submitted = submissions(events);
  return {
    overview,
    flags: template ? sheetFlags(template, answers) : [],
    submittedAt: submitted.at(-1)?.at ?? null,
    resubmitted: submitted.length > 1,
    decided: sheet.state === 'approved' || sheet.state === 'returned' ? sheet.state : null,
  };
}

/** The sheets waiting for this person's sign-off, oldest submission first. */
export function reviewEntries(
  overviews: readonly SheetOverview[],
  person: SessionPerson,
  org: OrgView,
): ReviewEntry[] {
  return overviews
    .filter(
      ({ sheet, events }) =>
        sheet.server.state === 'submitted' && mayDecide(person, sheet, events, org),
    )
    .map(reviewEntryOf)
    .sort(
      (a, b) =>
        (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') ||
        a.overview.sheet.id.localeCompare(b.overview.sheet.id),
    );
}

/** Whether approving together may include this sheet: nothing flagged and nothing decided. */
export const bulkApprovable = (entry: ReviewEntry) =>
  entry.flags.length === 0 && entry.decided === null && entry.overview.template !== null;

/**
 * The answers of the submission before the latest, as kept with its event; null when the
 * device holds none (a first submission, or one made before contents were kept).
 */
export function previousAnswers(events: readonly StoredEvent[]): Record<string, Answer> | null {
  const previous = submissions(events).at(-2) as StoredEvent | undefined;
  return previous?.content === undefined ? null : answersOfContent(previous.content);
}

/** Who fills the sheet in, by name where the directory knows them. */
export function ownerOf(
  sheet: StoredSheet,
  directory: KeptDirectory | null,
):
  | { kind: 'person'; name: string }
  | { kind: 'seal'; seal: string; custodian: string }
  | {
      kind: 'workplace';
    } {
  const name = (id: string) => directory?.people.find((p) => p.id === id)?.name ?? id;
  switch (sheet.owner.kind) {
    case 'person':
      return { kind: 'person', name: name(sheet.owner.personId) };
    case 'seal': {
      const { sealId, custodianId } = sheet.owner;
      return {
        kind: 'seal',
        seal: directory?.seals.find((s) => s.id === sealId)?.name ?? sealId,
        custodian: name(custodianId),
      };
    }
    case 'workplace':
      return { kind: 'workplace' };
  }
}

/** The unit's name in the person's language, where the directory knows it. */
export function unitName(
  unitId: string,
  directory: KeptDirectory | null,
  person: SessionPerson,
  locale: 'ja' | 'en',
): string {
  const unit = directory?.units.find((u) => u.id === unitId);
  if (unit) return (locale === 'en' && unit.nameEn) || unit.name;
  return unitId === person.unitId ? person.unitName : unitId;
}

/** The owner as one line: a person's name, a seal and its custodian, or the workplace. */
export function ownerText(
  t: (key: MessageKey, values?: Record<string, string>) => string,
  owner: ReturnType<typeof ownerOf>,
): string {
  switch (owner.kind) {
    case 'person':
      return owner.name;
    case 'seal':
      return t('reviewOwnerSeal', { seal: owner.seal, custodian: owner.custodian });
    case 'workplace':
      return t('reviewOwnerWorkplace');
  }
}
