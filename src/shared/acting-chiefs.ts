// Acting chiefs (代理): an appointment makes a person act as chief of a unit from one Japan
// calendar day to another, both included. When an appointment is in force, and whom it may
// name, is decided here, so the device and the server apply the same rule.
import { z } from 'zod';
import { unitWithin } from './permissions.ts';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './schemas/common.ts';
import type { Person, Unit } from './schemas/organisation.ts';

export const actingAppointmentSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  personId: idSchema,
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  appointedBy: idSchema,
  appointedAt: isoDateTimeSchema,
  /** Set when the appointment was ended before its last day (or before it began). */
  endedAt: isoDateTimeSchema.nullable(),
  endedBy: idSchema.nullable(),
});
export type ActingAppointment = z.infer<typeof actingAppointmentSchema>;

/** What the rules read of an appointment. */
export type AppointmentFacts = Pick<
  ActingAppointment,
  'unitId' | 'personId' | 'startsOn' | 'endsOn' | 'endedAt'
>;

/** 'ended' was ended early by someone; 'over' ran to its last day. */
export const appointmentStatuses = ['scheduled', 'in_force', 'over', 'ended'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** Where an appointment stands on a Japan calendar day (YYYY-MM-DD). */
export function appointmentStatus(
  appointment: Pick<AppointmentFacts, 'startsOn' | 'endsOn' | 'endedAt'>,
  today: string,
): AppointmentStatus {
  if (appointment.endedAt !== null) return 'ended';
  if (today < appointment.startsOn) return 'scheduled';
  if (today > appointment.endsOn) return 'over';
  return 'in_force';
}

/** Whether two periods share a day; an appointment ended early no longer holds any. */
export function appointmentsOverlap(
  a: Pick<AppointmentFacts, 'startsOn' | 'endsOn' | 'endedAt'>,
  b: Pick<AppointmentFacts, 'startsOn' | 'endsOn' | 'endedAt'>,
): boolean {
  if (a.endedAt !== null || b.endedAt !== null) return false;
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

/**
 * Whether a person can act as chief of a unit at all: active, able to sign off (an
 * administrator never does), and working in the unit or below it. An appointment whose
 * person no longer fits (moved away, left, made an administrator) lapses with it.
 */
export function mayActFor(
  person: Pick<Person, 'unitId' | 'roles' | 'active'>,
  unitId: string,
  units: ReadonlyMap<string, Unit>,
): boolean {
  return (
    person.active && !person.roles.includes('admin') && unitWithin(person.unitId, unitId, { units })
  );
}

/** Whom an appointment may name: someone who can act for the unit and is not already its chief. */
export function mayBeAppointed(
  person: Pick<Person, 'unitId' | 'roles' | 'active'>,
  unitId: string,
  units: ReadonlyMap<string, Unit>,
): boolean {
  const alreadyChief = person.unitId === unitId && person.roles.includes('chief');
  return !alreadyChief && mayActFor(person, unitId, units);
}

/** The appointments that make someone act as chief today. */
export function appointmentsInForce<A extends AppointmentFacts>(
  appointments: readonly A[],
  today: string,
  people: ReadonlyMap<string, Pick<Person, 'unitId' | 'roles' | 'active'>>,
  units: ReadonlyMap<string, Unit>,
): A[] {
  return appointments.filter((a) => {
    const person = people.get(a.personId);
    return (
      appointmentStatus(a, today) === 'in_force' &&
      person !== undefined &&
      mayActFor(person, a.unitId, units)
    );
  });
}
