// A repeatable table (risks, deficiencies, spot checks) as a list of cards, one per row:
// add a row, remove one after confirming, move one up or down, and edit its cells by the
// column's kind. The priority column is derived from likelihood × impact, never typed.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Answer, TableRow } from '@/shared/schemas/answer.ts';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '@/shared/schemas/answer.ts';
import type { Column, TableItem } from '@/shared/schemas/template.ts';
import { cellText, priorityLabel, rowPriority } from '../../i18n/answer-text.ts';
import { useT } from '../../i18n/use-t.ts';
import { isBlank, newRowId, rowsOf } from './answer-ops.ts';
import { ChoiceGroup, DateField, NumberField, TextField } from './inputs.tsx';
import type { SheetSaver } from './sheet-saver.ts';

interface TableFieldProps {
  item: TableItem;
  answer: Answer | null;
  saver: SheetSaver;
  readOnly: boolean;
  reviewing: boolean;
  marks: ReactNode;
  help: ReactNode;
  helpId: string | undefined;
}

const cellId = (itemId: string, rowId: string, columnId: string) =>
  `cell-${itemId}-${rowId}-${columnId}`;

/** A whole-number column with a handful of values (likelihood, impact) is chosen, not typed. */
function smallScale(column: Column): number[] | null {
  if (column.kind !== 'number' || !column.integer) return null;
  const { min, max } = column;
  if (min === undefined || max === undefined || max - min > 4) return null;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

export function TableField({
  item,
  answer,
  saver,
  readOnly,
  reviewing,
  marks,
  help,
  helpId,
}: TableFieldProps) {
  const { t, locale } = useT();
  const rows = rowsOf(answer);
  const labelId = `item-${item.id}-label`;
  const addId = `item-${item.id}-add`;
  // Where the focus goes after the rows change: the new row's first field, a moved row's
  // button, or the add button after a removal.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    const element = document.getElementById(focusNext.current);
    if (element) {
      element.focus();
      focusNext.current = null;
    }
  });
  const firstColumn = item.columns.find((c) => c.kind !== 'priority');

  const add = () => {
    const row: TableRow = { id: newRowId(), cells: {} };
    saver.change({ kind: 'addRow', itemId: item.id, row }, answer);
    if (firstColumn) focusNext.current = cellId(item.id, row.id, firstColumn.id);
  };

  return (
    <div role="group" aria-labelledby={labelId} aria-describedby={helpId} className="table-item">
      <p id={labelId} className="item-label-row">
        <span className="item-label">{item.label[locale]}</span>
        {marks}
      </p>
      {help}
      {!readOnly && item.minRows > 0 && (
        <p className="hint">{t('editorTableMinRows', { min: item.minRows })}</p>
      )}
      {rows.length === 0 && (
        <p className="table-empty">{t(readOnly ? 'editorTableNone' : 'editorTableEmpty')}</p>
      )}
      <ol className="row-list">
        {rows.map((row, index) => (
          <li key={row.id}>
            {readOnly ? (
              <ReadOnlyRow item={item} row={row} index={index} />
            ) : (
              <RowCard
                item={item}
                row={row}
                index={index}
                count={rows.length}
                answer={answer}
                saver={saver}
                reviewing={reviewing}
                onFocusNext={(id) => (focusNext.current = id)}
                addId={addId}
              />
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button
          type="button"
          id={addId}
          className="add-row"
          disabled={rows.length >= item.maxRows}
          onClick={add}
        >
          {t('editorAddRow', { label: item.label[locale] })}
        </button>
      )}
    </div>
  );
}

interface RowCardProps {
  item: TableItem;
  row: TableRow;
  index: number;
  count: number;
  answer: Answer | null;
  saver: SheetSaver;
  reviewing: boolean;
  onFocusNext(id: string): void;
  addId: string;
}

function RowCard({
  item,
  row,
  index,
  count,
  answer,
  saver,
  reviewing,
  onFocusNext,
  addId,
}: RowCardProps) {
  const { t, locale } = useT();
  const [confirming, setConfirming] = useState(false);
  const rowName = t('editorRowName', { label: item.label[locale], n: index + 1 });
  const upId = `row-${row.id}-up`;
  const downId = `row-${row.id}-down`;
  const confirmId = `row-${row.id}-confirm`;
  const move = (toIndex: number, buttonId: string, otherId: string) => {
    saver.change({ kind: 'moveRow', itemId: item.id, rowId: row.id, toIndex }, answer);
    // At the top or the bottom the button is disabled: the focus goes to the other one.
    const atEdge = toIndex === 0 || toIndex === count - 1;
    onFocusNext(atEdge ? otherId : buttonId);
  };
  return (
    <fieldset className="row-card">
      <legend>{rowName}</legend>
      <div className="cells">
        {item.columns.map((column) => (
          <Cell
            key={column.id}
            item={item}
            column={column}
            row={row}
            answer={answer}
            saver={saver}
            reviewing={reviewing}
          />
        ))}
      </div>
      <div className="row-actions">
        <button
          type="button"
          id={upId}
          disabled={index === 0}
          aria-label={t('editorRowMoveUpLabel', { row: rowName })}
          onClick={() => move(index - 1, upId, downId)}
        >
          {t('editorRowMoveUp')}
        </button>
        <button
          type="button"
          id={downId}
          disabled={index === count - 1}
          aria-label={t('editorRowMoveDownLabel', { row: rowName })}
          onClick={() => move(index + 1, downId, upId)}
        >
          {t('editorRowMoveDown')}
        </button>
        {!confirming && (
          <button
            type="button"
            className="danger"
            aria-label={t('editorRowRemoveLabel', { row: rowName })}
            onClick={() => {
              setConfirming(true);
              onFocusNext(confirmId);
            }}
          >
            {t('editorRowRemove')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="notice row-confirm" role="alertdialog" aria-labelledby={`${confirmId}-q`}>
          <p id={`${confirmId}-q`}>{t('editorRowRemoveConfirm', { row: rowName })}</p>
          <div className="actions">
            <button
              type="button"
              id={confirmId}
              className="primary danger"
              onClick={() => {
                setConfirming(false);
                saver.change({ kind: 'removeRow', itemId: item.id, rowId: row.id }, answer);
                onFocusNext(addId);
              }}
            >
              {t('editorRowRemoveYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}

interface CellProps {
  item: TableItem;
  column: Column;
  row: TableRow;
  answer: Answer | null;
  saver: SheetSaver;
  reviewing: boolean;
}

function Cell({ item, column, row, answer, saver, reviewing }: CellProps) {
  const { t, locale } = useT();
  const id = cellId(item.id, row.id, column.id);
  const value = row.cells[column.id];
  const missing = column.required && column.kind !== 'priority' && isBlank(value);
  const showMissing = reviewing && missing;
  const key = `${item.id}/${row.id}/${column.id}`;
  const cells = (v: unknown) => ({ [column.id]: isBlank(v) ? null : v });
  const type = (v: unknown) =>
    saver.type(key, { kind: 'updateRow', itemId: item.id, rowId: row.id, cells: cells(v) }, answer);
  const choose = (v: unknown) =>
    saver.change({ kind: 'updateRow', itemId: item.id, rowId: row.id, cells: cells(v) }, answer);
  const done = () => saver.endTyping(key);
  const label = (
    <>
      <span>{column.label[locale]}</span>
      {column.required && <span className="mark required-mark">{t('editorRequired')}</span>}
      {showMissing && <span className="mark missing-mark">{t('editorUnanswered')}</span>}
    </>
  );
  const wide = column.kind === 'long_text' ? ' wide' : '';

  switch (column.kind) {
    case 'priority': {
      const priority = rowPriority(column, row);
      const labelId = `${id}-label`;
      return (
        <div className={`cell priority-cell`}>
          <span id={labelId} className="cell-label">
            {column.label[locale]}
          </span>
          <output
            aria-labelledby={labelId}
            aria-describedby={`${id}-hint`}
            className={priority ? `priority priority-${priority}` : 'priority'}
            data-testid={`priority-${row.id}`}
          >
            {priority ? priorityLabel(priority, locale) : t('editorPriorityPending')}
          </output>
          <span id={`${id}-hint`} className="hint">
            {t('editorPriorityDerived')}
          </span>
        </div>
      );
    }
    case 'number': {
      const scale = smallScale(column);
      if (scale)
        return (
          <div className="cell">
            <ChoiceGroup
              name={id}
              legend={label}
              inline
              missing={missing}
              options={scale.map((n) => ({ value: n, label: String(n) }))}
              chosen={typeof value === 'number' ? [value] : []}
              onChoose={([n]) => choose(n)}
            />
          </div>
        );
      return (
        <div className="cell">
          <label htmlFor={id} className="cell-label">
            {label}
          </label>
          <NumberField
            id={id}
            value={typeof value === 'number' ? value : undefined}
            bounds={column}
            unit={column.unit?.[locale]}
            required={column.required}
            missing={missing}
            onNumber={(n) => type(n)}
            onDone={done}
          />
        </div>
      );
    }
    case 'choice':
      return (
        <div className="cell">
          <label htmlFor={id} className="cell-label">
            {label}
          </label>
          <select
            id={id}
            value={typeof value === 'string' ? value : ''}
            aria-required={column.required || undefined}
            data-required-empty={missing || undefined}
            onChange={(e) => choose(e.target.value)}
          >
            <option value="">{t('editorChoiceNone')}</option>
            {column.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label[locale]}
              </option>
            ))}
          </select>
        </div>
      );
    case 'date':
      return (
        <div className="cell">
          <label htmlFor={id} className="cell-label">
            {label}
          </label>
          <DateField
            id={id}
            value={typeof value === 'string' ? value : undefined}
            required={column.required}
            missing={missing}
            onDate={(d) => type(d)}
            onDone={done}
          />
        </div>
      );
    case 'text':
    case 'long_text':
      return (
        <div className={`cell${wide}`}>
          <label htmlFor={id} className="cell-label">
            {label}
          </label>
          <TextField
            id={id}
            multiline={column.kind === 'long_text'}
            maxLength={column.kind === 'text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX}
            value={typeof value === 'string' ? value : ''}
            required={column.required}
            missing={missing}
            onType={(text) => type(text)}
            onDone={done}
          />
        </div>
      );
  }
}

function ReadOnlyRow({ item, row, index }: { item: TableItem; row: TableRow; index: number }) {
  const { t, locale } = useT();
  return (
    <div className="row-card read-only">
      <p className="row-title">{t('editorRowName', { label: item.label[locale], n: index + 1 })}</p>
      <dl className="cells">
        {item.columns.map((column) => {
          const text = cellText(column, row, locale);
          return (
            <div key={column.id} className={column.kind === 'long_text' ? 'cell wide' : 'cell'}>
              <dt>{column.label[locale]}</dt>
              <dd>{text || <span className="no-answer">{t('editorValueNone')}</span>}</dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
