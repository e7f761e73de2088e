// The meeting view's summary: counts per statement from handed-in sheets only, each person
// once, free text never, nothing at all under five people, and no counts for a statement
// fewer than five answered.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meetingSummarySchema } from '@/shared/api/schemas.ts';
import {
  MEETING_MIN_RESPONDENTS,
  meetingSummary,
  positiveRate,
  type MeetingSheet,
} from '@/shared/meeting-summary.ts';
import { percent } from '@/shared/metrics/tenths.ts';
import { sheetStates } from '@/shared/schemas/sheet.ts';
import { templateSchema } from '@/shared/schemas/template.ts';

const text = (ja: string, en: string) => ({ ja, en });

const template = templateSchema.parse({
  id: 'ethics-sample',
  version: 1,
  kind: 'ethics',
  assignment: 'person',
  title: text('倫理', 'Ethics'),
  description: text('見本', 'Sample'),
  sections: [
    {
      id: 'gifts',
      title: text('贈答', 'Gifts'),
      items: [
        { id: 'refuse', kind: 'agreement4', label: text('断る', 'Refuse') },
        { id: 'report', kind: 'yes_no_na', label: text('報告', 'Report') },
        { id: 'optional', kind: 'yes_no_na', label: text('任意', 'Optional'), required: false },
      ],
    },
    {
      id: 'free',
      title: text('自由記述', 'Notes'),
      items: [{ id: 'notes', kind: 'long_text', label: text('気付き', 'Notes'), required: false }],
    },
  ],
});

const handedIn = (ownerId: string, values: Record<string, unknown>): MeetingSheet => ({
  ownerId,
  state: 'submitted',
  values,
});

describe('meetingSummary', () => {
  it('counts each scale value and yes/no per statement across the handed-in sheets', () => {
    const sheets = [
      handedIn('p1', { refuse: 1, report: 'yes', notes: 'I once took a bribe' }),
      handedIn('p2', { refuse: 1, report: 'no' }),
      { ...handedIn('p3', { refuse: 2, report: 'yes' }), state: 'approved' as const },
      handedIn('p4', { refuse: 4, report: 'na' }),
      handedIn('p5', { refuse: 3, report: 'yes', optional: 'yes' }),
    ];
    const summary = meetingSummary(template, sheets);
    expect(meetingSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toEqual({
      shown: true,
      minimum: MEETING_MIN_RESPONDENTS,
      respondents: 5,
      sections: [
        {
          id: 'gifts',
          title: text('贈答', 'Gifts'),
          items: [
            {
              kind: 'agreement4',
              itemId: 'refuse',
              label: text('断る', 'Refuse'),
              counts: [2, 1, 1, 1],
            },
            {
              kind: 'yes_no_na',
              itemId: 'report',
              label: text('報告', 'Report'),
              counts: { yes: 3, no: 1, na: 1 },
            },
            // One person answered it: its counts would tell who.
            {
              kind: 'yes_no_na',
              itemId: 'optional',
              label: text('任意', 'Optional'),
              counts: null,
            },
          ],
        },
      ],
    });
    // Nothing anyone wrote, and nobody's id, is in the summary.
    const json = JSON.stringify(summary);
    expect(json).not.toContain('bribe');
    for (const s of sheets) expect(json).not.toContain(s.ownerId);
  });

  it('shows nothing, not even how many answered, when fewer than five people handed theirs in', () => {
    const four = ['p1', 'p2', 'p3', 'p4'].map((id) => handedIn(id, { refuse: 1, report: 'yes' }));
    expect(meetingSummary(template, four)).toEqual({ shown: false, minimum: 5 });
    expect(meetingSummary(template, [])).toEqual({ shown: false, minimum: 5 });
  });

  it('leaves out drafts and returned sheets, and counts a person once', () => {
    const sheets: MeetingSheet[] = [
      ...['p1', 'p2', 'p3', 'p4'].map((id) => handedIn(id, { refuse: 1 })),
      handedIn('p4', { refuse: 4 }),
      { ownerId: 'p5', state: 'draft', values: { refuse: 4 } },
      { ownerId: 'p6', state: 'returned', values: { refuse: 4 } },
    ];
    expect(meetingSummary(template, sheets)).toEqual({ shown: false, minimum: 5 });
    const withFifth = meetingSummary(template, [...sheets, handedIn('p7', { refuse: 2 })]);
    expect(withFifth.shown && withFifth.respondents).toBe(5);
    expect(withFifth.shown && withFifth.sections[0]?.items[0]?.counts).toEqual([4, 1, 0, 0]);
  });

  it('ignores values that are not answers of the item', () => {
    const sheets = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id, i) =>
      handedIn(id, { refuse: i === 0 ? 7 : 2, report: i === 0 ? 1 : 'no' }),
    );
    const summary = meetingSummary(template, sheets);
    expect(summary.shown && summary.sections[0]?.items.map((i) => i.counts)).toEqual([
      [0, 5, 0, 0],
      { yes: 0, no: 5, na: 0 },
      null,
    ]);
  });

  it('is hidden exactly when fewer than five distinct people handed in, and never counts more than them', () => {
    const sheet = fc.record({
      ownerId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'),
      state: fc.constantFrom(...sheetStates),
      values: fc.record({
        refuse: fc.constantFrom(1, 2, 3, 4),
        report: fc.constantFrom('yes', 'no', 'na'),
      }),
    });
    fc.assert(
      fc.property(fc.array(sheet, { maxLength: 20 }), (sheets) => {
        const people = new Set(
          sheets
            .filter((s) => s.state === 'submitted' || s.state === 'approved')
            .map((s) => s.ownerId),
        );
        const summary = meetingSummary(template, sheets);
        expect(summary.shown).toBe(people.size >= MEETING_MIN_RESPONDENTS);
        if (!summary.shown) return;
        const refuse = summary.sections[0]?.items[0]?.counts as number[];
        expect(refuse.reduce((a, b) => a + b, 0)).toBe(people.size);
      }),
    );
  });
});

describe('positiveRate', () => {
  it('is the share of ① and ② in percent, one decimal', () => {
    expect(positiveRate([2, 1, 1, 1])).toBe(60);
    expect(positiveRate([1, 1, 1, 0])).toBe(66.7);
    expect(positiveRate([0, 0, 0, 0])).toBeNull();
  });

  it('rounds once from the counts, half away from zero, like the reports', () => {
    // 23 of 80 is exactly 28.75 %.
    expect(positiveRate([20, 3, 40, 17])).toBe(28.8);
    expect(positiveRate([20, 3, 40, 17])).toBe(percent(23, 80));
    // 201 of 400 is exactly 50.25 %; (201 / 400) * 1000 in floating point falls just below
    // 502.5, so rounding the double would give 50.2.
    expect(positiveRate([200, 1, 150, 49])).toBe(50.3);
    fc.assert(
      fc.property(fc.tuple(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500)), (counts) => {
        expect(positiveRate(counts)).toBe(
          percent(counts[0] + counts[1], counts[0] + counts[1] + counts[2] + counts[3]),
        );
      }),
    );
  });
});
