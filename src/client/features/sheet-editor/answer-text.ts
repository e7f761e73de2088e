// Answers in words, in the person's language: the labels of the fixed scales, the chosen
// options, numbers with their unit, dates in 和暦 (Western in English), derived priorities.
import { formatDate } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import { riskPriority, type RiskPriority } from '@/shared/risk-priority.ts';
import type { TableRow } from '@/shared/schemas/answer.ts';
import {
  agreementValues,
  yesNoValues,
  type AgreementValue,
  type Column,
  type Item,
  type YesNoValue,
} from '@/shared/schemas/template.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const yesNoKeys: Record<YesNoValue, MessageKey> = {
  yes: 'editorYes',
  no: 'editorNo',
  na: 'editorNa',
};
const agreementKeys: Record<AgreementValue, MessageKey> = {
  1: 'editorAgree1',
  2: 'editorAgree2',
  3: 'editorAgree3',
  4: 'editorAgree4',
};
const priorityKeys: Record<RiskPriority, MessageKey> = {
  high: 'editorPriorityHigh',
  medium: 'editorPriorityMedium',
  low: 'editorPriorityLow',
};

export const yesNoOptions = (t: Translate) =>
  yesNoValues.map((value) => ({ value, label: t(yesNoKeys[value]) }));

export const agreementOptions = (t: Translate) =>
  agreementValues.map((value) => ({ value, label: t(agreementKeys[value]) }));

export const priorityLabel = (t: Translate, priority: RiskPriority) => t(priorityKeys[priority]);

/** The derived priority of a row, or null while likelihood or impact is missing. */
export function rowPriority(
  column: Extract<Column, { kind: 'priority' }>,
  row: TableRow,
): RiskPriority | null {
  const [a, b] = column.from.map((id) => row.cells[id]);
  return typeof a === 'number' && typeof b === 'number' ? riskPriority(a, b) : null;
}

/** A single value of an item or a cell in words; '' for nothing. */
export function valueText(
  t: Translate,
  locale: Locale,
  field: Item | Column,
  value: unknown,
): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.kind) {
    case 'yes_no_na':
      return typeof value === 'string' && value in yesNoKeys
        ? t(yesNoKeys[value as YesNoValue])
        : String(value);
    case 'agreement4':
      return typeof value === 'number' && value in agreementKeys
        ? t(agreementKeys[value as AgreementValue])
        : String(value);
    case 'single_choice':
    case 'choice':
      return field.options.find((o) => o.id === value)?.label[locale] ?? String(value);
    case 'multi_choice':
      return (Array.isArray(value) ? value : [])
        .map((v) => field.options.find((o) => o.id === v)?.label[locale] ?? String(v))
        .join(t('listSeparator'));
    case 'number': {
      const unit = field.unit?.[locale];
      return unit ? `${String(value)} ${unit}` : String(value);
    }
    case 'date':
      try {
        return typeof value === 'string' ? formatDate(value, locale) : String(value);
      } catch {
        return String(value);
      }
    case 'text':
    case 'long_text':
      return String(value);
    case 'table':
    case 'priority':
      return '';
  }
}
