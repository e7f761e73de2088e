// Every workflow command through sync with every role: submitSheet, approveSheet and
// returnSheet (with a comment, and without one) pushed by each demo account (staff, chief,
// seal custodian, auditor, administrator) and, where it decides something, by the chiefs
// above the demo section and beside it, on a sheet chosen so that the case means something.
// Each case brings its sheet to the state it needs through real pushes first (the owner
// fills in and submits, the approver returns or approves), then pushes the one command and
// asserts the exact outcome: applied, with the sheet's new state and revision and the new
// event's actor on the server, or rejected with the exact code, recorded, and the sheet
// (state, revision, version, events) left exactly as it was.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { startRoundResponseSchema } from '@/shared/api/schemas.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import type { Item, Template } from '@/shared/schemas/template.ts';
import type { Mutation, RejectionCode } from '@/shared/sync/mutations.ts';
import type { MutationResult } from '@/shared/sync/protocol.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { SyncDevice } from './support/sync-device.ts';
import { testDatabases } from './support/test-databases.ts';

// The demo section 総務課 (u101010): its chief p00014 (100014), its seal custodian p00015
// (100015, keeper of the seal seal-101010-1), the staff account p00016 (100016) and staff
// p00017–p00023. It sits in 総務部 (u1010, headed by p00002) in 総務局 (u10, headed by
// p00001, a top unit). The auditor p00037 (100037) works in the sibling section u101030;
// the administrator p00116 (100116) in u103020. Both also hold the staff role.
const SECTION = 'u101010';
const SIBLING = 'u101020';
const STAFF = 'p00016';
const CHIEF = 'p00014';
const CUSTODIAN = 'p00015';
const DEPARTMENT_HEAD = 'p00002';
const BUREAU_HEAD = 'p00001';
const SEAL = 'seal-101010-1';
const NOW = new Date('2026-11-25T01:00:00Z');
const COMMENT = '贈答品の項目を見直してください。';

const demoRoles = ['staff', 'chief', 'seal_custodian', 'auditor', 'admin'] as const;
type DemoRole = (typeof demoRoles)[number];
/** Who pushes: a demo account, a chief around the section, or the subject sheet's owner. */
type ActorName = DemoRole | 'department_head' | 'bureau_head' | 'sibling_chief' | 'owner';

const ethics = (personId: string) => `ethics-self-check.2026.annual.${personId}`;
const documents = (personId: string) => `document-management-self-check.2026.annual.${personId}`;

interface Subject {
  label: string;
  sheetId: string;
  /** Who fills it in and submits it. */
  owner: string;
  /** Who signs it off (to return or approve it while setting a case up); null: nobody. */
  approver: string | null;
}

const subjects = {
  staffOwn: {
    label: "the staff member's own ethics sheet",
    sheetId: ethics(STAFF),
    owner: STAFF,
    approver: CHIEF,
  },
  staffOwnEmpty: {
    label: "the staff member's own document sheet",
    sheetId: documents(STAFF),
    owner: STAFF,
    approver: CHIEF,
  },
  member: {
    label: "a section member's ethics sheet",
    sheetId: ethics('p00017'),
    owner: 'p00017',
    approver: CHIEF,
  },
  memberUntouched: {
    label: "a section member's document sheet",
    sheetId: documents('p00017'),
    owner: 'p00017',
    approver: CHIEF,
  },
  memberToApprove: {
    label: "another section member's ethics sheet",
    sheetId: ethics('p00018'),
    owner: 'p00018',
    approver: CHIEF,
  },
  memberApproved: {
    label: "a third section member's ethics sheet",
    sheetId: ethics('p00019'),
    owner: 'p00019',
    approver: CHIEF,
  },
  chiefOwn: {
    label: "the chief's own ethics sheet",
    sheetId: ethics(CHIEF),
    owner: CHIEF,
    approver: DEPARTMENT_HEAD,
  },
  chiefOwnToApprove: {
    label: "the chief's own document sheet",
    sheetId: documents(CHIEF),
    owner: CHIEF,
    approver: DEPARTMENT_HEAD,
  },
  seal: {
    label: 'the seal checklist of the annual round',
    sheetId: `official-seal-checklist.2026.annual.${SEAL}`,
    owner: CUSTODIAN,
    approver: CHIEF,
  },
  sealToApprove: {
    label: 'the seal checklist of the second-half round',
    sheetId: `official-seal-checklist.2026.second_half.${SEAL}`,
    owner: CUSTODIAN,
    approver: CHIEF,
  },
  bureauHeadOwn: {
    label: "the bureau head's own ethics sheet (a top unit)",
    sheetId: ethics(BUREAU_HEAD),
    owner: BUREAU_HEAD,
    approver: null,
  },
} satisfies Record<string, Subject>;
type SubjectName = keyof typeof subjects;

type Command =
  | 'submitSheet'
  | 'approveSheet'
  | 'returnSheet'
  | 'returnSheet without a comment'
  | 'returnSheet with a blank comment'
  | 'returnSheet with the comment left out';
/** The four commands every demo role is tried with. */
const baseCommands: readonly Command[] = [
  'submitSheet',
  'approveSheet',
  'returnSheet',
  'returnSheet without a comment',
];

/**
 * The state the case needs first: `open` is with its owner and complete (draft or
 * returned), `untouched` a draft nobody answered.
 */
type Given = 'open' | 'untouched' | 'submitted' | 'returned' | 'approved';
type Expected = 'applied' | RejectionCode;

interface Case {
  command: Command;
  subject: SubjectName;
  given: Given;
  actor: ActorName;
  expected: Expected;
  /** The revision the command names: the sheet's own unless one behind or ahead. */
  revision?: 'behind' | 'ahead';
}

/** One command on one subject, with the outcome for each actor tried. */
const tried = (
  command: Command,
  subject: SubjectName,
  given: Given,
  outcomes: Partial<Record<ActorName, Expected>>,
  revision?: Case['revision'],
): Case[] =>
  Object.entries(outcomes).map(([actor, expected]) => ({
    command,
    subject,
    given,
    actor: actor as ActorName,
    expected: expected as Expected,
    ...(revision ? { revision } : {}),
  }));

const cases: Case[] = [
  // Submitting: only the owner, never anyone else, not even the chief who signs it off.
  ...tried('submitSheet', 'staffOwn', 'open', {
    staff: 'applied',
    chief: 'forbidden',
    seal_custodian: 'forbidden',
    auditor: 'forbidden',
    admin: 'forbidden',
  }),
  // Approving a section member's submitted sheet: the section's chief, nobody else (the
  // department head reaches it but is not its approver; a sibling chief does not reach it).
  ...tried('approveSheet', 'member', 'submitted', {
    staff: 'forbidden',
    seal_custodian: 'forbidden',
    auditor: 'forbidden',
    admin: 'forbidden',
    department_head: 'not_permitted',
    sibling_chief: 'forbidden',
  }),
  ...tried('approveSheet', 'memberToApprove', 'submitted', { chief: 'applied' }),
  // Returning it with a comment: the same.
  ...tried('returnSheet', 'member', 'submitted', {
    staff: 'forbidden',
    chief: 'applied',
    seal_custodian: 'forbidden',
    auditor: 'forbidden',
    admin: 'forbidden',
    department_head: 'not_permitted',
    sibling_chief: 'forbidden',
  }),
  // Without a comment the arguments do not fit returnSheet, which is checked before anything
  // else: `invalid` for everybody, the chief included.
  ...tried('returnSheet without a comment', 'member', 'submitted', {
    staff: 'invalid',
    chief: 'invalid',
    seal_custodian: 'invalid',
    auditor: 'invalid',
    admin: 'invalid',
  }),
  ...tried('returnSheet with a blank comment', 'member', 'submitted', { chief: 'invalid' }),
  ...tried('returnSheet with the comment left out', 'member', 'submitted', { chief: 'invalid' }),

  // The chief's own sheet goes to the parent unit's chief: not to the chief, not above it.
  ...tried('approveSheet', 'chiefOwn', 'submitted', {
    staff: 'forbidden',
    chief: 'not_permitted',
    seal_custodian: 'forbidden',
    auditor: 'forbidden',
    admin: 'forbidden',
    bureau_head: 'not_permitted',
    sibling_chief: 'forbidden',
  }),
  ...tried('approveSheet', 'chiefOwnToApprove', 'submitted', { department_head: 'applied' }),
  ...tried('returnSheet', 'chiefOwn', 'submitted', {
    staff: 'forbidden',
    chief: 'not_permitted',
    seal_custodian: 'forbidden',
    auditor: 'forbidden',
    admin: 'forbidden',
    bureau_head: 'not_permitted',
    department_head: 'applied',
  }),

  // The seal checklist: its custodian submits it, the chief signs it off.
  ...tried('submitSheet', 'seal', 'open', {
    staff: 'forbidden',
    chief: 'forbidden',
    seal_custodian: 'applied',
    auditor: 'forbidden',
    admin: 'forbidden',
  }),
  ...tried('approveSheet', 'seal', 'submitted', {
    staff: 'forbidden',
    seal_custodian: 'forbidden',
    auditor: 'forbidden',
    admin: 'forbidden',
  }),
  ...tried('approveSheet', 'sealToApprove', 'submitted', { chief: 'applied' }),
  ...tried('returnSheet', 'seal', 'submitted', {
    seal_custodian: 'forbidden',
    chief: 'applied',
  }),

  // A revision the sheet no longer has (or never had) is stale for whoever may act; someone
  // out of reach is told that first.
  ...tried('submitSheet', 'staffOwn', 'open', { staff: 'stale_revision' }, 'behind'),
  ...tried('submitSheet', 'staffOwn', 'open', { staff: 'stale_revision' }, 'ahead'),
  ...tried(
    'approveSheet',
    'member',
    'submitted',
    { chief: 'stale_revision', auditor: 'forbidden' },
    'behind',
  ),
  ...tried('approveSheet', 'member', 'submitted', { chief: 'stale_revision' }, 'ahead'),
  ...tried('returnSheet', 'member', 'submitted', { chief: 'stale_revision' }, 'behind'),

  // A command the sheet's state does not allow.
  ...tried('approveSheet', 'memberApproved', 'approved', {
    chief: 'invalid_state',
    department_head: 'invalid_state',
  }),
  ...tried('returnSheet', 'memberApproved', 'approved', { chief: 'invalid_state' }),
  ...tried('submitSheet', 'memberApproved', 'approved', { owner: 'invalid_state' }),
  ...tried('approveSheet', 'memberUntouched', 'untouched', { chief: 'invalid_state' }),
  ...tried('returnSheet', 'member', 'returned', { chief: 'invalid_state' }),
  ...tried('submitSheet', 'staffOwn', 'submitted', { staff: 'invalid_state' }),
  // Submitting needs every required answer.
  ...tried('submitSheet', 'staffOwnEmpty', 'untouched', { staff: 'incomplete' }),
  // A top unit's chief has nobody above: their own sheet has no approver at all.
  ...tried('approveSheet', 'bureauHeadOwn', 'submitted', {
    bureau_head: 'no_approver',
    department_head: 'forbidden',
  }),
];

const nextState: Partial<Record<Command, { state: SheetState; event: string }>> = {
  submitSheet: { state: 'submitted', event: 'submitted' },
  approveSheet: { state: 'approved', event: 'approved' },
  returnSheet: { state: 'returned', event: 'returned' },
};

/** A valid answer to a required item, following no follow-up rule. */
function answerFor(item: Item): { value: unknown } {
  switch (item.kind) {
    case 'agreement4':
      return { value: 2 };
    case 'yes_no_na':
      return { value: 'yes' };
    case 'date':
      return { value: '2026-11-20' };
    case 'number':
      return { value: 3 };
    default:
      throw new Error(`no test answer for a required ${item.kind} item (${item.id})`);
  }
}

describe.each(testDatabases())('every workflow command through sync on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  const staffNumbers = new Map<string, string>();
  const actorIds = new Map<Exclude<ActorName, 'owner'>, string>();
  const devices = new Map<string, SyncDevice>();

  async function device(personId: string): Promise<SyncDevice> {
    const known = devices.get(personId);
    if (known) return known;
    const staffNumber = staffNumbers.get(personId);
    if (!staffNumber) throw new Error(`no staff number for ${personId}`);
    const signedIn = await SyncDevice.signIn(app, staffNumber, city.password);
    devices.set(personId, signedIn);
    return signedIn;
  }
  const idOf = (actor: ActorName, subject: Subject): string => {
    if (actor === 'owner') return subject.owner;
    const id = actorIds.get(actor);
    if (!id) throw new Error(`no person for ${actor}`);
    return id;
  };

  /** What a rejected command must leave as it was. */
  async function sheetNow(sheetId: string) {
    const [row] = await city.db.query<{
      state: SheetState;
      revision: number;
      version: string;
      events: number;
      answers: number;
    }>(
      `select state, revision, version::text as version,
         (select count(*)::int from sheet_events e where e.sheet_id = s.id) as events,
         (select count(*)::int from answers a where a.sheet_id = s.id) as answers
       from sheets s where s.id = $1`,
      [sheetId],
    );
    if (!row) throw new Error(`there is no sheet ${sheetId}`);
    return row;
  }
  const lastEvent = async (sheetId: string) =>
    (
      await city.db.query<{
        seq: number;
        type: string;
        actor_id: string;
        at: Date;
        comment: string | null;
      }>(
        `select seq, type, actor_id, at, comment from sheet_events where sheet_id = $1
         order by seq desc limit 1`,
        [sheetId],
      )
    )[0];
  const recorded = async (d: SyncDevice, seq: number) =>
    (
      await city.db.query<{ status: string; code: string | null }>(
        'select status, code from mutation_results where client_id = $1 and seq = $2',
        [d.clientId, seq],
      )
    )[0];

  function commandMutation(
    d: SyncDevice,
    command: Command,
    sheetId: string,
    expectedRevision: number,
  ): Mutation {
    const args = { sheetId, expectedRevision };
    switch (command) {
      case 'submitSheet':
        return d.mutation('submitSheet', args);
      case 'approveSheet':
        return d.mutation('approveSheet', args);
      case 'returnSheet':
        return d.mutation('returnSheet', { ...args, comment: COMMENT });
      case 'returnSheet without a comment':
        return d.mutation('returnSheet', { ...args, comment: '' });
      case 'returnSheet with a blank comment':
        return d.mutation('returnSheet', { ...args, comment: ' \n\u3000 ' });
      case 'returnSheet with the comment left out':
        return { ...d.mutation('returnSheet', { ...args, comment: COMMENT }), args } as Mutation;
    }
  }

  /** Pushes what sets a case up, as the given person; every mutation must apply. */
  async function setUp(personId: string, mutations: (d: SyncDevice) => Mutation[]) {
    const d = await device(personId);
    const results = await d.push(mutations(d));
    const refused = results.filter((r) => r.status !== 'applied');
    if (refused.length > 0)
      throw new Error(`setting up as ${personId} was refused: ${JSON.stringify(refused)}`);
  }
  async function fill(subject: Subject) {
    const [row] = await city.db.query<{ body: Template }>(
      `select t.body from templates t join sheets s
         on s.template_id = t.id and s.template_version = t.version where s.id = $1`,
      [subject.sheetId],
    );
    if (!row) throw new Error(`no template for ${subject.sheetId}`);
    const items = row.body.sections.flatMap((s) => s.items).filter((i) => i.required);
    await setUp(subject.owner, (d) =>
      items.map((item) =>
        d.mutation('setAnswer', {
          sheetId: subject.sheetId,
          itemId: item.id,
          answer: answerFor(item),
          baseVersion: 0,
        }),
      ),
    );
  }
  async function decideAs(personId: string | null, command: Command, sheetId: string) {
    if (!personId) throw new Error(`nobody signs ${sheetId} off`);
    const { revision } = await sheetNow(sheetId);
    await setUp(personId, (d) => [commandMutation(d, command, sheetId, revision)]);
  }

  /** Brings the subject to the state the case needs, through the owner and the approver. */
  async function bringTo(subject: Subject, given: Given): Promise<void> {
    const { state, answers } = await sheetNow(subject.sheetId);
    switch (given) {
      case 'untouched':
        if (state !== 'draft' || answers > 0)
          throw new Error(`${subject.sheetId} is no longer an untouched draft`);
        return;
      case 'open':
        if (state === 'approved') throw new Error(`${subject.sheetId} is approved already`);
        if (state === 'submitted') await decideAs(subject.approver, 'returnSheet', subject.sheetId);
        if (answers === 0) await fill(subject);
        return;
      case 'submitted':
        if (state === 'approved') throw new Error(`${subject.sheetId} is approved already`);
        if (state === 'submitted') return;
        if (answers === 0) await fill(subject);
        await decideAs(subject.owner, 'submitSheet', subject.sheetId);
        return;
      case 'returned':
        if (state === 'returned') return;
        await bringTo(subject, 'submitted');
        await decideAs(subject.approver, 'returnSheet', subject.sheetId);
        return;
      case 'approved':
        if (state === 'approved') return;
        await bringTo(subject, 'submitted');
        await decideAs(subject.approver, 'approveSheet', subject.sheetId);
        return;
    }
  }

  beforeAll(async () => {
    city = await openDemoCity(kind);
    app = createApp({ db: city.db, clock: () => NOW });
    for (const p of await city.db.query<{ id: string; staff_number: string }>(
      'select id, staff_number from people',
    ))
      staffNumbers.set(p.id, p.staff_number);
    // The demo accounts are the people this file is written about.
    const expectedAccounts: Record<DemoRole, [string, string]> = {
      staff: [STAFF, '100016'],
      chief: [CHIEF, '100014'],
      seal_custodian: [CUSTODIAN, '100015'],
      auditor: ['p00037', '100037'],
      admin: ['p00116', '100116'],
    };
    for (const role of demoRoles) {
      const account = city.accounts[role];
      expect([account.id, account.staffNumber]).toEqual(expectedAccounts[role]);
      actorIds.set(role, account.id);
    }
    expect(city.accounts.chief.unitId).toBe(SECTION);
    expect(city.org.seals.find((s) => s.id === SEAL)?.custodianId).toBe(CUSTODIAN);
    const [siblingChief] = await city.db.query<{ id: string }>(
      `select id from people where unit_id = $1 and 'chief' = any(roles) order by id limit 1`,
      [SIBLING],
    );
    if (!siblingChief) throw new Error(`${SIBLING} has no chief`);
    actorIds.set('sibling_chief', siblingChief.id);
    actorIds.set('department_head', DEPARTMENT_HEAD);
    actorIds.set('bureau_head', BUREAU_HEAD);
    for (const id of [DEPARTMENT_HEAD, BUREAU_HEAD])
      expect(city.org.people.find((p) => p.id === id)?.roles).toContain('chief');

    // A second round of seal checklists, so that one can be approved (final) while the
    // annual one keeps going round.
    const chief = await device(CHIEF);
    const seal = city.seeds.templates.find((t) => t.id === 'official-seal-checklist');
    const started = await chief.caller.request('POST', '/api/rounds', {
      templateId: seal?.id,
      templateVersion: seal?.version,
      fiscalYear: 2026,
      period: 'second_half',
      dueDate: '2027-03-15',
      unitIds: [SECTION],
    });
    expect(started.status, await started.clone().text()).toBe(200);
    expect(startRoundResponseSchema.parse(await started.json()).created).toBeGreaterThan(0);
    await sheetNow(subjects.sealToApprove.sheetId);
  });
  afterAll(() => city.db.close());

  it('tries every workflow command with every demo role', () => {
    for (const command of baseCommands)
      for (const role of demoRoles)
        expect(
          cases.some((c) => c.command === command && c.actor === role),
          `${command} by ${role}`,
        ).toBe(true);
  });

  const titleOf = (c: Case) =>
    `${c.command} by ${c.actor} on ${subjects[c.subject].label} (${c.given}${
      c.revision ? `, revision ${c.revision}` : ''
    }): ${c.expected}`;

  for (const c of cases)
    it(titleOf(c), async () => {
      const { command, subject: name, given, actor, expected, revision } = c;
      const subject: Subject = subjects[name];
      await bringTo(subject, given);
      const before = await sheetNow(subject.sheetId);
      const expectedRevision =
        before.revision + (revision === 'behind' ? -1 : revision === 'ahead' ? 1 : 0);
      const actorId = idOf(actor, subject);
      const d = await device(actorId);
      const mutation = commandMutation(d, command, subject.sheetId, expectedRevision);
      const results: MutationResult[] = await d.push([mutation]);
      expect(results).toHaveLength(1);
      const [result] = results;
      const after = await sheetNow(subject.sheetId);

      if (expected === 'applied') {
        expect(result).toEqual({ seq: mutation.seq, status: 'applied' });
        const next = nextState[command];
        if (!next) throw new Error(`${command} cannot apply`);
        expect(after).toMatchObject({
          state: next.state,
          revision: before.revision + 1,
          events: before.events + 1,
          answers: before.answers,
        });
        expect(after.version).not.toBe(before.version);
        const event = await lastEvent(subject.sheetId);
        expect(event).toMatchObject({
          seq: after.events,
          type: next.event,
          actor_id: actorId,
          comment: command === 'returnSheet' ? COMMENT : null,
        });
        expect(event?.at.toISOString()).toBe(NOW.toISOString());
        expect(await recorded(d, mutation.seq)).toEqual({ status: 'applied', code: null });
      } else {
        expect(result).toMatchObject({ seq: mutation.seq, status: 'rejected', code: expected });
        expect(result?.message).toBeTruthy();
        if (expected === 'invalid') expect(result?.message).toMatch(/^comment: /);
        expect(after).toEqual(before);
        expect(await recorded(d, mutation.seq)).toEqual({ status: 'rejected', code: expected });
      }
    });
});
