// Following up a round: where each sheet stands, overdue against the day in Japan, the
// counts, who may follow up a unit, and who a reminder goes to.
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/shared/permissions.ts';
import {
  isOverdue,
  mayFollowUp,
  mayRemind,
  progressGroupOf,
  reminderRecipients,
  summarizeProgress,
} from '@/shared/round-progress.ts';
import type { Unit, UnitKind } from '@/shared/schemas/organisation.ts';

function unit(id: string, kind: UnitKind, parentId: string | null): Unit {
  return { id, code: id.toUpperCase(), name: id, kind, parentId };
}

// Department d → sections s and t; s has subsection ss.
const org = {
  units: new Map(
    [
      unit('d', 'department', null),
      unit('s', 'section', 'd'),
      unit('ss', 'subsection', 's'),
      unit('t', 'section', 'd'),
    ].map((u) => [u.id, u]),
  ),
};
const actor = (unitId: string, ...roles: Actor['roles']): Actor => ({ id: 'x', unitId, roles });

describe('progress of a round', () => {
  it('calls an unanswered draft not started, and groups the rest by state', () => {
    expect(progressGroupOf({ state: 'draft', started: false })).toBe('not_started');
    expect(progressGroupOf({ state: 'draft', started: true })).toBe('draft');
    expect(progressGroupOf({ state: 'returned', started: true })).toBe('returned');
    expect(progressGroupOf({ state: 'submitted', started: true })).toBe('submitted');
    expect(progressGroupOf({ state: 'approved', started: true })).toBe('approved');
  });

  it('is overdue only after the due day and only while the sheet is with its people', () => {
    expect(isOverdue({ state: 'draft', dueDate: '2027-01-29' }, '2027-01-29')).toBe(false);
    expect(isOverdue({ state: 'draft', dueDate: '2027-01-29' }, '2027-01-30')).toBe(true);
    expect(isOverdue({ state: 'returned', dueDate: '2027-01-29' }, '2027-01-30')).toBe(true);
    expect(isOverdue({ state: 'submitted', dueDate: '2027-01-29' }, '2027-02-28')).toBe(false);
    expect(isOverdue({ state: 'approved', dueDate: '2027-01-29' }, '2027-02-28')).toBe(false);
  });

  it('counts each group once, and overdue across them', () => {
    const due = '2027-01-29';
    expect(
      summarizeProgress(
        [
          { state: 'draft', started: false, dueDate: due },
          { state: 'draft', started: false, dueDate: '2027-03-01' },
          { state: 'draft', started: true, dueDate: due },
          { state: 'returned', started: true, dueDate: due },
          { state: 'submitted', started: true, dueDate: due },
          { state: 'approved', started: true, dueDate: due },
        ],
        '2027-02-01',
      ),
    ).toEqual({
      total: 6,
      notStarted: 2,
      draft: 1,
      returned: 1,
      submitted: 1,
      approved: 1,
      overdue: 3,
    });
  });
});

describe('who follows up a unit', () => {
  it('is whoever signs off its sheets, and auditors; never staff or administrators', () => {
    expect(mayFollowUp(actor('s', 'chief'), 's', org)).toBe(true);
    expect(mayFollowUp(actor('s', 'chief'), 'ss', org)).toBe(true);
    expect(mayFollowUp(actor('d', 'chief'), 's', org)).toBe(true);
    expect(mayFollowUp(actor('s', 'chief'), 't', org)).toBe(false);
    expect(mayFollowUp(actor('s', 'chief'), 'd', org)).toBe(false);
    expect(mayFollowUp(actor('t', 'auditor'), 's', org)).toBe(true);
    expect(mayFollowUp(actor('s', 'staff'), 's', org)).toBe(false);
    expect(mayFollowUp(actor('s', 'seal_custodian'), 's', org)).toBe(false);
    expect(mayFollowUp(actor('s', 'chief', 'admin'), 's', org)).toBe(false);
  });
});

describe('reminders', () => {
  const people = [
    { id: 'a', unitId: 's', active: true },
    { id: 'b', unitId: 's', active: true },
    { id: 'gone', unitId: 's', active: false },
    { id: 'chief', unitId: 's', active: true },
    { id: 'other', unitId: 'ss', active: true },
  ];

  it('go only about sheets still with their people', () => {
    expect(mayRemind('draft')).toBe(true);
    expect(mayRemind('returned')).toBe(true);
    expect(mayRemind('submitted')).toBe(false);
    expect(mayRemind('approved')).toBe(false);
  });

  it("go to the sheet's person or the seal's custodian", () => {
    expect(
      reminderRecipients(
        { unitId: 's', owner: { kind: 'person', personId: 'a' } },
        people,
        'chief',
      ),
    ).toEqual(['a']);
    expect(
      reminderRecipients(
        { unitId: 's', owner: { kind: 'seal', sealId: 'seal', custodianId: 'b' } },
        people,
        'chief',
      ),
    ).toEqual(['b']);
  });

  it("go to every active member of a workplace's own unit, but never to the sender", () => {
    expect(
      reminderRecipients({ unitId: 's', owner: { kind: 'workplace' } }, people, 'chief'),
    ).toEqual(['a', 'b']);
  });

  it('go to nobody for a leaver or for the sender’s own sheet', () => {
    expect(
      reminderRecipients(
        { unitId: 's', owner: { kind: 'person', personId: 'gone' } },
        people,
        'chief',
      ),
    ).toEqual([]);
    expect(
      reminderRecipients(
        { unitId: 's', owner: { kind: 'person', personId: 'chief' } },
        people,
        'chief',
      ),
    ).toEqual([]);
  });
});
