// A sheet's flags, from the four real templates: negative answers as each template defines
// them, follow-ups asked for and missing, and deficiencies reported on the risk sheet.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Answer } from '@/shared/schemas/answer.ts';
import { templateSchema, type Template } from '@/shared/schemas/template.ts';
import { sheetFlags } from '@/shared/sheet-flags.ts';

const template = (file: string): Template =>
  templateSchema.parse(
    JSON.parse(
      readFileSync(new URL(`../../seeds/templates/${file}.json`, import.meta.url), 'utf8'),
    ),
  );
const ethics = template('ethics');
const documents = template('documents');
const seal = template('seal');
const risk = template('risk');

describe('sheet flags', () => {
  it('flags ③ and ④ on the agreement scale, never ① or ②', () => {
    const answers: Record<string, Answer> = {
      'gifts-refuse': { value: 1 },
      'gifts-report': { value: 2 },
      'private-invitations': { value: 3 },
      'conflict-declare': { value: 4 },
      'reflection-notes': { value: '特になし' },
    };
    expect(sheetFlags(ethics, answers)).toEqual([
      { kind: 'negative_answer', itemId: 'private-invitations', value: 3 },
      { kind: 'negative_answer', itemId: 'conflict-declare', value: 4 },
    ]);
  });

  it('flags a "no" the template asks a follow-up for, and the follow-up when it is missing', () => {
    expect(
      sheetFlags(documents, {
        'receipt-register': { value: 'no', action: '収受簿を見直す。' },
        'receipt-handling': { value: 'no' },
        'draft-in-writing': { value: 'yes' },
        'approval-authority': { value: 'na' },
      }),
    ).toEqual([
      { kind: 'negative_answer', itemId: 'receipt-register', value: 'no' },
      { kind: 'negative_answer', itemId: 'receipt-handling', value: 'no' },
      { kind: 'follow_up_missing', itemId: 'receipt-handling' },
    ]);
    expect(sheetFlags(seal, { 'no-loss': { value: 'no', comment: '  ' } })).toEqual([
      { kind: 'negative_answer', itemId: 'no-loss', value: 'no' },
      { kind: 'follow_up_missing', itemId: 'no-loss' },
    ]);
  });

  it('flags the deficiencies reported on the risk sheet, not its risks', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `r${i}`, cells: { 'what-happened': '誤送付' } }));
    expect(
      sheetFlags(risk, { risks: { value: rows(3) }, deficiencies: { value: rows(2) } }),
    ).toEqual([{ kind: 'deficiency_reported', itemId: 'deficiencies', rows: 2 }]);
    expect(sheetFlags(risk, { risks: { value: rows(3) }, deficiencies: { value: [] } })).toEqual(
      [],
    );
  });

  it('has nothing to say about an unanswered sheet', () => {
    for (const t of [ethics, documents, seal, risk]) expect(sheetFlags(t, {})).toEqual([]);
  });
});
