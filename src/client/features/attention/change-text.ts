// A refused change in words: which sheet and item, what the person entered, and why the
// server refused it.
import type { Locale } from '@/shared/locale.ts';
import type { TableRow } from '@/shared/schemas/answer.ts';
import { templateItems, type Item, type Template } from '@/shared/schemas/template.ts';
import type { Mutation, RejectionCode } from '@/shared/sync/mutations.ts';
import { answerValueText, rowText } from '../../i18n/answer-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { translate } from '../../i18n/use-t.ts';

const reasonKeys: Partial<Record<RejectionCode, MessageKey>> = {
  not_editable: 'attentionReasonNotEditable',
  invalid_answer: 'attentionReasonInvalidAnswer',
  stale_revision: 'attentionReasonStaleRevision',
  forbidden: 'attentionReasonForbidden',
  incomplete: 'attentionReasonIncomplete',
  not_found: 'attentionReasonNotFound',
  invalid: 'attentionReasonInvalid',
  unknown_mutation: 'attentionReasonUnknownMutation',
  invalid_state: 'attentionReasonInvalidState',
  comment_required: 'attentionReasonCommentRequired',
  not_permitted: 'attentionReasonNotPermitted',
  no_approver: 'attentionReasonNoApprover',
};

/** Why the server refused a change, in the person's language; its own words when unknown. */
export function reasonText(code: RejectionCode | null, message: string, locale: Locale): string {
  const key = code ? reasonKeys[code] : undefined;
  if (key) return translate(locale, key);
  return message || translate(locale, 'attentionReasonUnknown');
}

export function findItem(template: Template | null | undefined, itemId: string): Item | null {
  return template ? (templateItems(template).find((i) => i.id === itemId) ?? null) : null;
}

/** What the person asked for, as they would read it; the item's label is shown apart. */
export function changeText(mutation: Mutation, item: Item | null, locale: Locale): string {
  const t = (key: MessageKey, values?: Record<string, string | number>) =>
    translate(locale, key, values);
  const columns = item?.kind === 'table' ? item.columns : [];
  switch (mutation.name) {
    case 'setAnswer': {
      const { answer } = mutation.args;
      const parts = [
        item ? answerValueText(item, answer.value, locale) : JSON.stringify(answer.value),
      ];
      if (answer.comment) parts.push(t('attentionChangeComment', { text: answer.comment }));
      if (answer.action) parts.push(t('attentionChangeAction', { text: answer.action }));
      return parts.join(t('listSeparator'));
    }
    case 'clearAnswer':
      return t('attentionChangeClear');
    case 'addRow':
      return t('attentionChangeAddRow', {
        cells: rowText(columns, mutation.args.row, locale) || t('answerTextNone'),
      });
    case 'updateRow': {
      const row: TableRow = { id: mutation.args.rowId, cells: mutation.args.cells };
      return t('attentionChangeUpdateRow', {
        cells: rowText(columns, row, locale) || t('attentionChangeEmptyCells'),
      });
    }
    case 'removeRow':
      return t('attentionChangeRemoveRow');
    case 'moveRow':
      return t('attentionChangeMoveRow', { position: mutation.args.toIndex + 1 });
    case 'submitSheet':
      return t('attentionChangeSubmit');
    case 'approveSheet':
      return t('attentionChangeApprove');
    case 'returnSheet':
      return t('attentionChangeReturn', { text: mutation.args.comment });
  }
}

/** The item a change is about, if it is about one. */
export function itemIdOf(mutation: Mutation): string | null {
  return 'itemId' in mutation.args ? mutation.args.itemId : null;
}
