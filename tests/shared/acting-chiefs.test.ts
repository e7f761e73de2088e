// Acting chiefs (代理): when an appointment is in force (by Japan calendar day, both ends
// included, never after an early end), whom it may name, and when two appointments clash.
import { describe, expect, it } from 'vitest';
import {
  actingAppointmentSchema,
  appointmentsInForce,
  appointmentsOverlap,
  appointmentStatus,
  mayActFor,
  mayBeAppointed,
  type AppointmentFacts,
} from '@/shared/acting-chiefs.ts';
import type { Person, Role, Unit, UnitKind } from '@/shared/schemas/organisation.ts';

function unit(id: string, kind: UnitKind, parentId: string | null): Unit {
  return { id, code: id.toUpperCase(), name: id, kind, parentId };
}

// Department d → sections s and t; s has subsection ss.
const units = new Map(
  [
    unit('d', 'department', null),
    unit('s', 'section', 'd'),
    unit('ss', 'subsection', 's'),
    unit('t', 'section', 'd'),
  ].map((u) => [u.id, u]),
);

const person = (unitId: string, roles: Role[], active = true) => ({ unitId, roles, active });

const period = (
  startsOn: string,
  endsOn: string,
  endedAt: string | null = null,
): Pick<AppointmentFacts, 'startsOn' | 'endsOn' | 'endedAt'> => ({ startsOn, endsOn, endedAt });

describe('appointmentStatus', () => {
  const april = period('2026-04-01', '2026-04-30');

  it('is in force from the first day to the last, both included', () => {
    expect(appointmentStatus(april, '2026-03-31')).toBe('scheduled');
    expect(appointmentStatus(april, '2026-04-01')).toBe('in_force');
    expect(appointmentStatus(april, '2026-04-30')).toBe('in_force');
    expect(appointmentStatus(april, '2026-05-01')).toBe('over');
  });

  it('is ended, whatever the day, once ended early', () => {
    const ended = period('2026-04-01', '2026-04-30', '2026-04-10T01:00:00.000Z');
    for (const day of ['2026-03-31', '2026-04-01', '2026-04-10', '2026-04-30', '2026-05-01'])
      expect(appointmentStatus(ended, day)).toBe('ended');
  });

  it('a one-day appointment holds that day only', () => {
    const one = period('2026-04-01', '2026-04-01');
    expect(
      ['2026-03-31', '2026-04-01', '2026-04-02'].map((d) => appointmentStatus(one, d)),
    ).toEqual(['scheduled', 'in_force', 'over']);
  });
});

describe('appointmentsOverlap', () => {
  it('clashes when the periods share a day, ends included', () => {
    const april = period('2026-04-01', '2026-04-30');
    expect(appointmentsOverlap(april, period('2026-04-30', '2026-05-10'))).toBe(true);
    expect(appointmentsOverlap(april, period('2026-03-01', '2026-04-01'))).toBe(true);
    expect(appointmentsOverlap(april, period('2026-04-10', '2026-04-11'))).toBe(true);
    expect(appointmentsOverlap(april, period('2026-05-01', '2026-05-10'))).toBe(false);
    expect(appointmentsOverlap(april, period('2026-03-01', '2026-03-31'))).toBe(false);
  });

  it('an appointment ended early clashes with nothing', () => {
    const ended = period('2026-04-01', '2026-04-30', '2026-04-05T00:00:00.000Z');
    expect(appointmentsOverlap(ended, period('2026-04-10', '2026-04-20'))).toBe(false);
    expect(appointmentsOverlap(period('2026-04-10', '2026-04-20'), ended)).toBe(false);
  });
});

describe('whom an appointment may name', () => {
  it('an active person of the unit or below, who is not already its chief', () => {
    expect(mayBeAppointed(person('s', ['staff']), 's', units)).toBe(true);
    expect(mayBeAppointed(person('ss', ['staff', 'chief']), 's', units)).toBe(true);
    expect(mayBeAppointed(person('s', ['staff', 'seal_custodian']), 's', units)).toBe(true);
  });

  it('not the unit’s own chief, anyone above or beside it, a leaver or an administrator', () => {
    expect(mayBeAppointed(person('s', ['staff', 'chief']), 's', units)).toBe(false);
    expect(mayBeAppointed(person('d', ['staff', 'chief']), 's', units)).toBe(false);
    expect(mayBeAppointed(person('t', ['staff']), 's', units)).toBe(false);
    expect(mayBeAppointed(person('s', ['staff'], false), 's', units)).toBe(false);
    expect(mayBeAppointed(person('s', ['staff', 'admin']), 's', units)).toBe(false);
  });

  it('a chief who was appointed and later made its chief still acts for it (no harm done)', () => {
    expect(mayActFor(person('s', ['staff', 'chief']), 's', units)).toBe(true);
  });
});

describe('appointmentsInForce', () => {
  const people = new Map<string, Pick<Person, 'unitId' | 'roles' | 'active'>>([
    ['s-staff', person('s', ['staff'])],
    ['ss-staff', person('ss', ['staff'])],
    ['moved', person('t', ['staff'])],
    ['leaver', person('s', ['staff'], false)],
    ['made-admin', person('s', ['staff', 'admin'])],
  ]);
  const appointment = (personId: string, unitId = 's', startsOn = '2026-04-01') => ({
    personId,
    unitId,
    startsOn,
    endsOn: '2026-04-30',
    endedAt: null,
  });

  it('keeps those in force today whose person still fits', () => {
    const all = [
      appointment('s-staff'),
      appointment('ss-staff', 's', '2026-04-20'),
      appointment('ss-staff', 'ss'),
      appointment('moved'),
      appointment('leaver'),
      appointment('made-admin'),
      appointment('unknown'),
    ];
    expect(appointmentsInForce(all, '2026-04-10', people, units)).toEqual([all[0], all[2]]);
    expect(appointmentsInForce(all, '2026-05-01', people, units)).toEqual([]);
  });
});

describe('the appointment record', () => {
  it('keeps who appointed, when, and who ended it', () => {
    const record = {
      id: '3b7f1c7e-4d5b-4f7e-9c1a-2a8e5f0b6d11',
      unitId: 's',
      personId: 's-staff',
      startsOn: '2026-04-01',
      endsOn: '2026-04-30',
      appointedBy: 's-chief',
      appointedAt: '2026-03-25T00:00:00.000Z',
      endedAt: null,
      endedBy: null,
    };
    expect(actingAppointmentSchema.parse(record)).toEqual(record);
    expect(actingAppointmentSchema.safeParse({ ...record, startsOn: '2026-02-30' }).success).toBe(
      false,
    );
  });
});
