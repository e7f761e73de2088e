// What changed between two submissions of a sheet: items before and after, table rows added,
// removed and changed (matched by id), and a kept content read back from its canonical text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '@/shared/schemas/answer.ts';
import { templateSchema } from '@/shared/schemas/template.ts';
import { answersOfContent, canonicalSheetContent } from '@/shared/sheet-content.ts';
import { sheetDiff } from '@/shared/sheet-diff.ts';

const text = (ja: string, en: string) => ({ ja, en });
const template = templateSchema.parse({
  id: 'diff-check',
  version: 1,
  kind: 'risk',
  assignment: 'workplace',
  title: text('差分', 'Diff'),
  description: text('差分の見本', 'Diff sample'),
  sections: [
    {
      id: 'only',
      title: text('一', 'One'),
      items: [
        { id: 'fair', kind: 'agreement4', label: text('公平', 'Fair') },
        { id: 'notes', kind: 'long_text', label: text('備考', 'Notes'), required: false },
        {
          id: 'risks',
          kind: 'table',
          label: text('リスク', 'Risks'),
          columns: [
            { id: 'process', kind: 'text', label: text('業務', 'Process') },
            { id: 'owner', kind: 'text', label: text('担当', 'Owner') },
          ],
        },
      ],
    },
  ],
});
const row = (id: string, process: string, owner = '山田') => ({ id, cells: { process, owner } });

describe('sheet diff', () => {
  it('lists the items whose answer changed, in reading order, with before and after', () => {
    const before: Record<string, Answer> = { fair: { value: 4 }, notes: { value: 'あ' } };
    const after: Record<string, Answer> = { fair: { value: 1, comment: '見直した' } };
    expect(sheetDiff(template, before, after)).toEqual([
      {
        kind: 'answer',
        itemId: 'fair',
        before: { value: 4 },
        after: { value: 1, comment: '見直した' },
      },
      { kind: 'answer', itemId: 'notes', before: { value: 'あ' }, after: null },
    ]);
  });

  it('matches table rows by id: added, removed, and changed with the columns that differ', () => {
    const before = { risks: { value: [row('a', '収受'), row('b', '発送'), row('c', '廃棄')] } };
    const after = {
      risks: { value: [row('c', '廃棄'), row('a', '収受', '佐藤'), row('d', '保存')] },
    };
    expect(sheetDiff(template, before, after)).toEqual([
      {
        kind: 'table',
        itemId: 'risks',
        added: [row('d', '保存')],
        removed: [row('b', '発送')],
        changed: [
          {
            rowId: 'a',
            before: row('a', '収受'),
            after: row('a', '収受', '佐藤'),
            columns: ['owner'],
          },
        ],
      },
    ]);
  });

  it('shows rows only put in another order as the whole table before and after', () => {
    const before = { risks: { value: [row('a', '収受'), row('b', '発送')] } };
    const after = { risks: { value: [row('b', '発送'), row('a', '収受')] } };
    expect(sheetDiff(template, before, after)).toEqual([
      { kind: 'answer', itemId: 'risks', before: before.risks, after: after.risks },
    ]);
  });

  it('finds nothing between a content and itself, whatever the key order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.string(), (fair, notes) => {
        const answers = { notes: { value: notes }, fair: { value: fair } };
        const reordered = { fair: { value: fair }, notes: { value: notes } };
        expect(sheetDiff(template, answers, reordered)).toEqual([]);
      }),
    );
  });

  it('reads the answers back from a kept canonical content, and nothing else', () => {
    const answers: Record<string, Answer> = {
      fair: { value: 2, comment: 'とくに' },
      risks: { value: [row('a', '収受')] },
    };
    const content = canonicalSheetContent(
      { id: 's1', templateId: template.id, templateVersion: 1 },
      answers,
    );
    expect(answersOfContent(content)).toEqual(answers);
    expect(answersOfContent('not json')).toBeNull();
    expect(answersOfContent('{"answers":{}}')).toBeNull();
  });
});
