// The optimistic effect of each mutation on the device's view, pure: what the person sees
// before the server decides, and what an outbox entry of any shape touches.
import { describe, expect, it } from 'vitest';
import { effectOf, targetsOf, type ViewReader } from '@/client/db/mutation-effects.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';

const sheet: Sheet = {
  id: 's-1',
  templateId: 't',
  templateVersion: 1,
  unitId: 'u-1',
  owner: { kind: 'workplace' },
  fiscalYear: 2026,
  period: 'annual',
  dueDate: '2027-03-31',
  state: 'submitted',
  revision: 4,
};

function view(answers: Record<string, Answer> = {}, sheets: Sheet[] = [sheet]): ViewReader {
  return {
    answer: (_sheetId, itemId) => answers[itemId] ?? null,
    sheet: (id) => sheets.find((s) => s.id === id),
  };
}

describe('mutation effects', () => {
  it('name what an entry touches, whatever its shape', () => {
    expect(targetsOf({ name: 'setAnswer', args: { sheetId: 's-1', itemId: 'a' } })).toEqual([
      { kind: 'answer', sheetId: 's-1', itemId: 'a' },
      { kind: 'sheet', sheetId: 's-1' },
    ]);
    expect(targetsOf({ name: 'approveSheet', args: { sheetId: 's-1' } })).toEqual([
      { kind: 'sheet', sheetId: 's-1' },
    ]);
    expect(targetsOf({ name: 'setAnswer', args: {} })).toEqual([]);
    expect(targetsOf({ name: 'setAnswer', args: null })).toEqual([]);
  });

  it('change nothing for arguments that do not fit or an unknown name', () => {
    expect(effectOf({ name: 'setAnswer', args: {} }, view())).toEqual({
      kind: 'refused',
      reason: 'invalid',
    });
    expect(effectOf({ name: 'toString', args: { sheetId: 's-1' } }, view())).toEqual({
      kind: 'refused',
      reason: 'invalid',
    });
  });

  it('follow the workflow, raising the revision as the server does', () => {
    const approve = { name: 'approveSheet', args: { sheetId: 's-1', expectedRevision: 4 } };
    expect(effectOf(approve, view())).toEqual({
      kind: 'sheet',
      sheet: { ...sheet, state: 'approved', revision: 5 },
    });
    const submit = { name: 'submitSheet', args: { sheetId: 's-1', expectedRevision: 4 } };
    expect(effectOf(submit, view())).toEqual({ kind: 'refused', reason: 'invalid_state' });
    const edit = {
      name: 'setAnswer',
      args: { sheetId: 's-1', itemId: 'a', answer: { value: 1 }, baseVersion: 0 },
    };
    expect(effectOf(edit, view())).toEqual({ kind: 'refused', reason: 'not_editable' });
  });

  it('edit table rows, keeping the answer’s comment', () => {
    const draft = { ...sheet, state: 'draft' as const };
    const before = { risks: { value: [{ id: 'r1', cells: {} }], comment: 'note' } };
    const add = {
      name: 'addRow',
      args: { sheetId: 's-1', itemId: 'risks', row: { id: 'r0', cells: {} }, index: 0 },
    };
    expect(effectOf(add, view(before, [draft]))).toEqual({
      kind: 'answer',
      sheetId: 's-1',
      itemId: 'risks',
      answer: {
        value: [
          { id: 'r0', cells: {} },
          { id: 'r1', cells: {} },
        ],
        comment: 'note',
      },
    });
    const remove = { name: 'removeRow', args: { sheetId: 's-1', itemId: 'risks', rowId: 'x' } };
    expect(effectOf(remove, view(before, [draft]))).toEqual({
      kind: 'refused',
      reason: 'row_not_found',
    });
  });
});
