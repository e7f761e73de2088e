// An answer as the person reads it, in their language: the option's label rather than its
// id, dates in 和暦 (Western in English), numbers with their unit, a derived priority.
// Used wherever a stored value is shown (editor, needs attention, print), and for the
// labelled choices of the fixed scales.
import { dateInJapan, formatDate } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import { riskPriority, type RiskPriority } from '@/shared/risk-priority.ts';
import type { TableRow } from '@/shared/schemas/answer.ts';
import {
  agreementValues,
  yesNoValues,
  type AgreementValue,
  type ChoiceOption,
  type Column,
  type Item,
  type YesNoValue,
} from '@/shared/schemas/template.ts';
import type { MessageKey } from './messages-ja.ts';
import { translate } from './use-t.ts';

const yesNoKeys: Record<YesNoValue, MessageKey> = {
  yes: 'answerTextYes',
  no: 'answerTextNo',
  na: 'answerTextNa',
};

const agreementKeys: Record<AgreementValue, MessageKey> = {
  1: 'answerTextAgree1',
  2: 'answerTextAgree2',
  3: 'answerTextAgree3',
  4: 'answerTextAgree4',
};

const priorityKeys: Record<RiskPriority, MessageKey> = {
  high: 'answerTextPriorityHigh',
  medium: 'answerTextPriorityMedium',
  low: 'answerTextPriorityLow',
};

/** The choices of a yes / no / not applicable item, labelled. */
export const yesNoOptions = (locale: Locale) =>
  yesNoValues.map((value) => ({ value, label: translate(locale, yesNoKeys[value]) }));

/** The choices of a four-step agreement item, labelled. */
export const agreementOptions = (locale: Locale) =>
  agreementValues.map((value) => ({ value, label: translate(locale, agreementKeys[value]) }));

export const priorityLabel = (priority: RiskPriority, locale: Locale) =>
  translate(locale, priorityKeys[priority]);

/** The derived priority of a row, or null while likelihood or impact is missing. */
export function rowPriority(
  column: Extract<Column, { kind: 'priority' }>,
  row: TableRow,
): RiskPriority | null {
  const [a, b] = column.from.map((id) => row.cells[id]);
  return typeof a === 'number' && typeof b === 'number' ? riskPriority(a, b) : null;
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function optionText(options: readonly ChoiceOption[], id: unknown, locale: Locale): string {
  return options.find((o) => o.id === id)?.label[locale] ?? String(id);
}

function numberText(
  value: unknown,
  unit: { ja: string; en: string } | undefined,
  locale: Locale,
): string {
  const text = typeof value === 'number' ? value.toLocaleString(locale) : String(value);
  if (!unit) return text;
  return locale === 'ja' ? `${text}${unit.ja}` : `${text} ${unit.en}`;
}

function dateText(value: unknown, locale: Locale): string {
  try {
    return formatDate(String(value), locale);
  } catch {
    return String(value);
  }
}

/** What an unanswered item or an empty cell shows. */
export function noAnswerText(locale: Locale): string {
  return translate(locale, 'answerTextNone');
}

/** One cell of a table row; a priority column is worked out from its two source columns. */
export function cellText(column: Column, row: TableRow, locale: Locale): string {
  if (column.kind === 'priority') {
    const priority = rowPriority(column, row);
    return priority ? priorityLabel(priority, locale) : '';
  }
  const value = row.cells[column.id];
  if (isBlank(value)) return '';
  switch (column.kind) {
    case 'choice':
      return optionText(column.options, value, locale);
    case 'number':
      return numberText(value, column.unit, locale);
    case 'date':
      return dateText(value, locale);
    default:
      return String(value);
  }
}

/** A table row on one line: "column: value" for each filled cell. */
export function rowText(columns: readonly Column[], row: TableRow, locale: Locale): string {
  return columns
    .map((column) => [column.label[locale], cellText(column, row, locale)] as const)
    .filter(([, text]) => text !== '')
    .map(([label, text]) => translate(locale, 'answerTextCell', { label, value: text }))
    .join(translate(locale, 'listSeparator'));
}

/** The value of an answer to an item, as one line of text (a table: its rows, one by one). */
export function answerValueText(item: Item, value: unknown, locale: Locale): string {
  if (isBlank(value)) return noAnswerText(locale);
  switch (item.kind) {
    case 'yes_no_na':
      return yesNoOptions(locale).find((o) => o.value === String(value))?.label ?? String(value);
    case 'agreement4':
      return (
        agreementOptions(locale).find((o) => o.value === Number(value))?.label ?? String(value)
      );
    case 'single_choice':
      return optionText(item.options, value, locale);
    case 'multi_choice':
      return (Array.isArray(value) ? value : [value])
        .map((id) => optionText(item.options, id, locale))
        .join(translate(locale, 'listSeparator'));
    case 'number':
      return numberText(value, item.unit, locale);
    case 'date':
      return dateText(value, locale);
    case 'text':
    case 'long_text':
      return String(value);
    case 'table':
      return (Array.isArray(value) ? (value as TableRow[]) : [])
        .map((row, i) =>
          translate(locale, 'answerTextRow', {
            number: i + 1,
            cells: rowText(item.columns, row, locale),
          }),
        )
        .join(' / ');
  }
}

/** An instant as a date and time in Japan, where the city hall is, whatever the device's zone. */
export function instantText(iso: string, locale: Locale): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
  return `${formatDate(dateInJapan(instant), locale)} ${time}`;
}
