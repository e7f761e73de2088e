// How far a sheet is filled, and the priority of a risk.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '@/shared/schemas/answer.ts';
import { templateItems, templateSchema } from '@/shared/schemas/template.ts';
import { riskPriority } from '@/shared/risk-priority.ts';
import { needsFollowUp, sheetProgress } from '@/shared/sheet-progress.ts';

const text = (ja: string, en: string) => ({ ja, en });

const template = templateSchema.parse({
  id: 'progress-check',
  version: 1,
  kind: 'documents',
  assignment: 'person',
  title: text('進捗', 'Progress'),
  description: text('進捗の見本', 'Progress sample'),
  sections: [
    {
      id: 'first',
      title: text('一', 'One'),
      items: [
        {
          id: 'filed',
          kind: 'yes_no_na',
          label: text('綴っている', 'Filed'),
          followUp: { when: ['no'], require: 'action', prompt: text('改善策', 'Action') },
        },
        {
          id: 'fair',
          kind: 'agreement4',
          label: text('公平', 'Fair'),
          followUp: { when: [3, 4], require: 'comment', prompt: text('理由', 'Why') },
        },
        { id: 'plain', kind: 'yes_no_na', label: text('単純', 'Plain') },
        { id: 'notes', kind: 'long_text', label: text('備考', 'Notes'), required: false },
      ],
    },
    {
      id: 'second',
      title: text('二', 'Two'),
      items: [
        { id: 'count', kind: 'number', label: text('件数', 'Count'), min: 0 },
        {
          id: 'methods',
          kind: 'multi_choice',
          label: text('方法', 'Methods'),
          options: [
            { id: 'a', label: text('甲', 'A') },
            { id: 'b', label: text('乙', 'B') },
          ],
        },
        {
          id: 'risks',
          kind: 'table',
          label: text('リスク', 'Risks'),
          minRows: 2,
          columns: [
            { id: 'process', kind: 'text', required: true, label: text('業務', 'Process') },
            {
              id: 'likelihood',
              kind: 'number',
              required: true,
              label: text('可能性', 'Likelihood'),
              min: 1,
              max: 3,
              integer: true,
            },
            {
              id: 'impact',
              kind: 'number',
              label: text('影響', 'Impact'),
              min: 1,
              max: 3,
              integer: true,
            },
            {
              id: 'priority',
              kind: 'priority',
              required: true,
              label: text('優先度', 'Priority'),
              from: ['likelihood', 'impact'],
            },
            { id: 'memo', kind: 'text', label: text('メモ', 'Memo') },
          ],
        },
        {
          id: 'extra',
          kind: 'table',
          label: text('追加', 'Extra'),
          required: false,
          columns: [{ id: 'what', kind: 'text', required: true, label: text('内容', 'What') }],
        },
      ],
    },
  ],
});

const requiredIds = ['filed', 'fair', 'plain', 'count', 'methods', 'risks'];
const row = (id: string, cells: Record<string, unknown>) => ({ id, cells });
const goodRisks = [
  row('r1', { process: '現金収納', likelihood: 2, impact: null }),
  row('r2', { process: '契約', likelihood: 3 }),
];
const complete: Record<string, Answer> = {
  filed: { value: 'yes' },
  fair: { value: 1 },
  plain: { value: 'na' },
  count: { value: 0 },
  methods: { value: ['a'] },
  risks: { value: goodRisks },
};

describe('sheetProgress', () => {
  it('an empty sheet misses every required item, in reading order', () => {
    expect(sheetProgress(template, {})).toEqual({
      total: 8,
      answered: 0,
      missing: requiredIds,
      followUpMissing: [],
    });
  });

  it('a complete sheet misses nothing; 0 is an answer; optional items may stay empty', () => {
    expect(sheetProgress(template, complete)).toEqual({
      total: 8,
      answered: 6,
      missing: [],
      followUpMissing: [],
    });
  });

  it('counts optional answers too', () => {
    const progress = sheetProgress(template, {
      ...complete,
      notes: { value: 'メモ' },
      extra: { value: [row('e1', { what: '棚卸し' })] },
    });
    expect(progress).toMatchObject({ answered: 8, missing: [] });
  });

  it.each([
    ['an empty string', 'plain', ''],
    ['blank text', 'plain', ' \u3000'],
    ['null', 'count', null],
    ['an empty choice', 'methods', []],
    ['no rows', 'risks', []],
  ])('treats %s as unanswered', (_, id, value) => {
    const progress = sheetProgress(template, { ...complete, [id]: { value } });
    expect(progress.missing).toEqual([id]);
    expect(progress.answered).toBe(5);
  });

  it('a table needs at least its minimum rows', () => {
    const progress = sheetProgress(template, {
      ...complete,
      risks: { value: [goodRisks[0]] },
    });
    expect(progress.missing).toEqual(['risks']);
  });

  it('a table needs every required cell of every row, but never the derived priority', () => {
    const withGap = (cells: Record<string, unknown>) =>
      sheetProgress(template, { ...complete, risks: { value: [goodRisks[0], row('r2', cells)] } });
    expect(withGap({ process: '契約' }).missing).toEqual(['risks']);
    expect(withGap({ process: '', likelihood: 1 }).missing).toEqual(['risks']);
    expect(withGap({ process: '契約', likelihood: null }).missing).toEqual(['risks']);
    // Optional cells (impact, memo) and the derived priority may stay empty.
    expect(withGap({ process: '契約', likelihood: 1 }).missing).toEqual([]);
  });

  it('an optional table with rows that lack required cells is not filled, but not missing', () => {
    const progress = sheetProgress(template, {
      ...complete,
      extra: { value: [row('e1', { what: ' ' })] },
    });
    expect(progress).toMatchObject({ answered: 6, missing: [] });
  });

  it('a "no" without the corrective action is a follow-up gap, though answered', () => {
    const progress = sheetProgress(template, { ...complete, filed: { value: 'no' } });
    expect(progress).toMatchObject({ answered: 6, missing: [], followUpMissing: ['filed'] });
  });

  it('the follow-up gap closes with the text asked for, and only with that', () => {
    const with_ = (answer: Answer) =>
      sheetProgress(template, { ...complete, filed: answer }).followUpMissing;
    expect(with_({ value: 'no', action: '今月中に綴り直す' })).toEqual([]);
    expect(with_({ value: 'no', action: '  ' })).toEqual(['filed']);
    expect(with_({ value: 'no', comment: '忙しかった' })).toEqual(['filed']);
    expect(with_({ value: 'yes' })).toEqual([]);
    expect(with_({ value: 'na' })).toEqual([]);
  });

  it('an agreement answer of 3 or 4 needs a comment', () => {
    const gaps = (answer: Answer) =>
      sheetProgress(template, { ...complete, fair: answer }).followUpMissing;
    expect(gaps({ value: 3 })).toEqual(['fair']);
    expect(gaps({ value: 4, action: '改善する' })).toEqual(['fair']);
    expect(gaps({ value: 4, comment: '窓口が混雑している' })).toEqual([]);
    expect(gaps({ value: 2 })).toEqual([]);
  });

  it('lists several gaps in reading order', () => {
    const progress = sheetProgress(template, {
      fair: { value: 4 },
      filed: { value: 'no' },
      methods: { value: ['b'] },
    });
    expect(progress).toEqual({
      total: 8,
      answered: 3,
      missing: ['plain', 'count', 'risks'],
      followUpMissing: ['filed', 'fair'],
    });
  });
});

describe('needsFollowUp', () => {
  const item = (id: string) => {
    const found = templateItems(template).find((i) => i.id === id);
    if (!found) throw new Error(id);
    return found;
  };

  it('is false without an answer or without a follow-up rule', () => {
    expect(needsFollowUp(item('filed'), undefined)).toBe(false);
    expect(needsFollowUp(item('plain'), { value: 'no' })).toBe(false);
  });

  it('is true only for a triggering answer without the text', () => {
    expect(needsFollowUp(item('filed'), { value: 'no' })).toBe(true);
    expect(needsFollowUp(item('filed'), { value: 'no', action: '是正する' })).toBe(false);
  });
});

describe('riskPriority', () => {
  it.each([
    [1, 1, 'low'],
    [1, 2, 'low'],
    [2, 1, 'low'],
    [1, 3, 'medium'],
    [3, 1, 'medium'],
    [2, 2, 'medium'],
    [2, 3, 'high'],
    [3, 2, 'high'],
    [3, 3, 'high'],
  ] as const)('likelihood %i × impact %i is %s', (likelihood, impact, band) => {
    expect(riskPriority(likelihood, impact)).toBe(band);
  });

  it('never falls when likelihood or impact rises, and does not depend on the order', () => {
    const rank = { low: 0, medium: 1, high: 2 } as const;
    const level = fc.integer({ min: 1, max: 3 });
    fc.assert(
      fc.property(level, level, level, (l, i, more) => {
        expect(riskPriority(l, i)).toBe(riskPriority(i, l));
        if (more >= l)
          expect(rank[riskPriority(more, i)]).toBeGreaterThanOrEqual(rank[riskPriority(l, i)]);
      }),
    );
  });
});
