// The editor's controls, shared by items and table cells: text typed into a field, a number
// (full-width digits from a Japanese keyboard accepted), a date, and a group of large radio
// buttons or checkboxes.
import { useState, type ReactNode } from 'react';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';

interface TextProps {
  id: string;
  value: string;
  multiline?: boolean;
  maxLength: number;
  onType(text: string): void;
  onDone(): void;
  describedBy?: string | undefined;
  required?: boolean;
  invalid?: boolean;
  /** Marks an empty required field, for "go to the first missing item". */
  missing?: boolean;
}

/** A text field; every change is passed on (and saved after a pause), and on blur. */
export function TextField({
  id,
  value,
  multiline = false,
  maxLength,
  onType,
  onDone,
  describedBy,
  required = false,
  invalid = false,
  missing = false,
}: TextProps) {
  const common = {
    id,
    value,
    maxLength,
    onBlur: onDone,
    'aria-describedby': describedBy,
    'aria-required': required || undefined,
    'aria-invalid': invalid || undefined,
    'data-required-empty': missing || undefined,
  };
  return multiline ? (
    <textarea rows={4} {...common} onChange={(e) => onType(e.target.value)} />
  ) : (
    <input type="text" {...common} onChange={(e) => onType(e.target.value)} />
  );
}

export interface NumberBounds {
  min?: number | undefined;
  max?: number | undefined;
  integer: boolean;
}

export type NumberReading =
  | { kind: 'empty' }
  | { kind: 'ok'; value: number }
  | { kind: 'problem'; message: MessageKey; values: Record<string, number> };

const fullWidth = /[０-９．，－ー−＋]/g;
const halfWidth: Record<string, string> = {
  '．': '.',
  '，': ',',
  '－': '-',
  ー: '-',
  '−': '-',
  '＋': '+',
};

/** Reads what was typed as a number within the bounds. */
export function readNumber(text: string, bounds: NumberBounds): NumberReading {
  const plain = text
    .replace(fullWidth, (c) =>
      c >= '０' && c <= '９' ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : (halfWidth[c] ?? c),
    )
    .replace(/[,\s]/g, '');
  if (plain === '') return { kind: 'empty' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(plain))
    return { kind: 'problem', message: 'editorNumberInvalid', values: {} };
  const value = Number(plain);
  if (bounds.integer && !Number.isInteger(value))
    return { kind: 'problem', message: 'editorNumberNotWhole', values: {} };
  if (bounds.min !== undefined && value < bounds.min)
    return { kind: 'problem', message: 'editorNumberTooSmall', values: { min: bounds.min } };
  if (bounds.max !== undefined && value > bounds.max)
    return { kind: 'problem', message: 'editorNumberTooLarge', values: { max: bounds.max } };
  return { kind: 'ok', value };
}

/** The accepted range in words, e.g. "1〜3の整数". */
export function useBoundsText(bounds: NumberBounds): string {
  const { t } = useT();
  const { min, max, integer } = bounds;
  const range =
    min !== undefined && max !== undefined
      ? t('editorNumberRange', { min, max })
      : min !== undefined
        ? t('editorNumberMin', { min })
        : max !== undefined
          ? t('editorNumberMax', { max })
          : '';
  return integer ? t('editorNumberWholeRange', { range }) : range;
}

interface NumberProps {
  id: string;
  value: number | undefined;
  bounds: NumberBounds;
  unit?: string | undefined;
  onNumber(value: number | null): void;
  onDone(): void;
  describedBy?: string | undefined;
  required?: boolean;
  missing?: boolean;
}

/**
 * A number typed as text (the numeric keyboard on a tablet, no wheel that changes it by
 * accident); a value outside the bounds is shown with the reason and not saved.
 */
export function NumberField({
  id,
  value,
  bounds,
  unit,
  onNumber,
  onDone,
  describedBy,
  required = false,
  missing = false,
}: NumberProps) {
  const { t } = useT();
  // What is being typed; null shows the saved value.
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === undefined ? '' : String(value));
  const reading = readNumber(shown, bounds);
  const errorId = `${id}-error`;
  return (
    <span className="number-field">
      <span className="number-input">
        <input
          id={id}
          type="text"
          inputMode={bounds.integer && (bounds.min ?? 0) >= 0 ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={shown}
          aria-describedby={
            [describedBy, reading.kind === 'problem' ? errorId : null].filter(Boolean).join(' ') ||
            undefined
          }
          aria-invalid={reading.kind === 'problem' || undefined}
          aria-required={required || undefined}
          data-required-empty={missing || undefined}
          onFocus={() => setText(shown)}
          onChange={(e) => {
            setText(e.target.value);
            const next = readNumber(e.target.value, bounds);
            if (next.kind === 'empty') onNumber(null);
            if (next.kind === 'ok') onNumber(next.value);
          }}
          onBlur={() => {
            onDone();
            if (reading.kind !== 'problem') setText(null);
          }}
        />
        {unit && <span className="unit">{unit}</span>}
      </span>
      {reading.kind === 'problem' && (
        <span id={errorId} className="error field-error">
          {t(reading.message, reading.values)} {t('editorNotSaved')}
        </span>
      )}
    </span>
  );
}

interface DateProps {
  id: string;
  value: string | undefined;
  onDate(value: string | null): void;
  onDone(): void;
  describedBy?: string | undefined;
  required?: boolean;
  missing?: boolean;
}

export function DateField({
  id,
  value,
  onDate,
  onDone,
  describedBy,
  required = false,
  missing = false,
}: DateProps) {
  return (
    <input
      id={id}
      type="date"
      value={value ?? ''}
      aria-describedby={describedBy}
      aria-required={required || undefined}
      data-required-empty={missing || undefined}
      onChange={(e) => onDate(/^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : null)}
      onBlur={onDone}
    />
  );
}

export interface ChoiceOption<V> {
  value: V;
  label: string;
}

interface ChoiceGroupProps<V> {
  /** The radio group's name (unique on the page). */
  name: string;
  legend: ReactNode;
  options: readonly ChoiceOption<V>[];
  multiple?: boolean;
  /** The chosen values. */
  chosen: readonly V[];
  onChoose(values: V[]): void;
  describedBy?: string | undefined;
  missing?: boolean;
  /** Lay the options side by side (short labels). */
  inline?: boolean;
  children?: ReactNode;
}

/** Large radio buttons (one answer) or checkboxes (several) in a fieldset with its legend. */
export function ChoiceGroup<V extends string | number>({
  name,
  legend,
  options,
  multiple = false,
  chosen,
  onChoose,
  describedBy,
  missing = false,
  inline = false,
  children,
}: ChoiceGroupProps<V>) {
  return (
    <fieldset className="choice-group" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {children}
      <div className={inline ? 'choices inline' : 'choices'}>
        {options.map((option, i) => {
          const checked = chosen.includes(option.value);
          return (
            <label key={String(option.value)} className="choice">
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={name}
                value={String(option.value)}
                checked={checked}
                data-required-empty={(missing && i === 0) || undefined}
                onChange={() => {
                  if (!multiple) onChoose([option.value]);
                  else
                    onChoose(
                      options
                        .map((o) => o.value)
                        .filter((v) => (v === option.value ? !checked : chosen.includes(v))),
                    );
                }}
              />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
