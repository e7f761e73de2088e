// One item of a sheet: its label, help and required mark, the control for its kind, the
// follow-up its answer asks for, and, on a sheet that can no longer change, the answer alone.
import { memo, type ReactNode } from 'react';
import type { Answer } from '@/shared/schemas/answer.ts';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '@/shared/schemas/answer.ts';
import type { Item } from '@/shared/schemas/template.ts';
import { agreementOptions, answerValueText, yesNoOptions } from '../../i18n/answer-text.ts';
import { useT } from '../../i18n/use-t.ts';
import { isBlank, type AnswerPatch } from './answer-ops.ts';
import { ChoiceGroup, DateField, NumberField, TextField, useBoundsText } from './inputs.tsx';
import { followUpAsked } from './review.ts';
import type { SheetSaver } from './sheet-saver.ts';
import { TableField } from './table-field.tsx';

export const itemElementId = (itemId: string) => `item-${itemId}`;
export const followUpFieldId = (itemId: string) => `item-${itemId}-followup`;

export interface ItemFieldProps {
  item: Item;
  answer: Answer | null;
  saver: SheetSaver;
  readOnly: boolean;
  /** The person asked to see what is missing: unanswered required items are marked. */
  reviewing: boolean;
  missing: boolean;
  followUpMissing: boolean;
  flagged: boolean;
}

/** The marks after a label: required, and unanswered once the person looks for it. */
function Marks({ required, missing }: { required: boolean; missing: boolean }) {
  const { t } = useT();
  return (
    <>
      {required && <span className="mark required-mark">{t('editorRequired')}</span>}
      {missing && <span className="mark missing-mark">{t('editorUnanswered')}</span>}
    </>
  );
}

export const ItemField = memo(function ItemField(props: ItemFieldProps) {
  const { item, answer, readOnly, reviewing, missing, flagged } = props;
  const { t, locale } = useT();
  const elementId = itemElementId(item.id);
  const helpId = item.help ? `${elementId}-help` : undefined;
  const showMissing = reviewing && missing;
  const className = [
    'item',
    showMissing || props.followUpMissing ? 'item-missing' : '',
    flagged ? 'item-flagged' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const help = item.help && (
    <p id={helpId} className="hint item-help">
      {item.help[locale]}
    </p>
  );

  if (item.kind === 'table')
    return (
      <div className={className} id={elementId}>
        <TableField
          item={item}
          answer={answer}
          saver={props.saver}
          readOnly={readOnly}
          reviewing={reviewing}
          marks={<Marks required={item.required} missing={showMissing} />}
          help={help}
          helpId={helpId}
        />
      </div>
    );

  if (readOnly)
    return (
      <div className={className} id={elementId}>
        <p className="item-label" id={`${elementId}-label`}>
          {item.label[locale]}
        </p>
        <p className="answer-value" aria-labelledby={`${elementId}-label`}>
          {isBlank(answer?.value) ? (
            <span className="no-answer">{t('editorUnanswered')}</span>
          ) : (
            answerValueText(item, answer?.value, locale)
          )}
        </p>
        <ReadOnlyFollowUp item={item} answer={answer} />
      </div>
    );

  return (
    <div className={className} id={elementId}>
      <Control {...props} help={help} helpId={helpId} showMissing={showMissing} />
      <FollowUp {...props} />
    </div>
  );
});

function Control({
  item,
  answer,
  saver,
  help,
  helpId,
  showMissing,
}: ItemFieldProps & { help: ReactNode; helpId: string | undefined; showMissing: boolean }) {
  const { locale } = useT();
  const elementId = itemElementId(item.id);
  const inputId = `${elementId}-input`;
  const key = `${item.id}#value`;
  const choose = (patch: AnswerPatch) =>
    saver.change({ kind: 'patch', itemId: item.id, patch }, answer);
  const type = (patch: AnswerPatch) =>
    saver.type(key, { kind: 'patch', itemId: item.id, patch }, answer);
  const done = () => saver.endTyping(key);
  const legend = (
    <>
      <span className="item-label">{item.label[locale]}</span>
      <Marks required={item.required} missing={showMissing} />
    </>
  );
  const label = (
    <label htmlFor={inputId} className="item-label-row">
      {legend}
    </label>
  );
  const boundsText = useBoundsText(item.kind === 'number' ? item : { integer: false });
  const value = answer?.value;
  const common = { name: `q-${item.id}`, legend, describedBy: helpId, missing: showMissing };

  switch (item.kind) {
    case 'yes_no_na':
      return (
        <ChoiceGroup
          {...common}
          inline
          options={yesNoOptions(locale)}
          chosen={typeof value === 'string' ? [value as 'yes'] : []}
          onChoose={([v]) => choose({ value: v })}
        >
          {help}
        </ChoiceGroup>
      );
    case 'agreement4':
      return (
        <ChoiceGroup
          {...common}
          inline
          options={agreementOptions(locale)}
          chosen={typeof value === 'number' ? [value as 1] : []}
          onChoose={([v]) => choose({ value: v })}
        >
          {help}
        </ChoiceGroup>
      );
    case 'single_choice':
    case 'multi_choice': {
      const multiple = item.kind === 'multi_choice';
      const chosen = multiple
        ? Array.isArray(value)
          ? (value as string[])
          : []
        : typeof value === 'string'
          ? [value]
          : [];
      return (
        <ChoiceGroup
          {...common}
          multiple={multiple}
          options={item.options.map((o) => ({ value: o.id, label: o.label[locale] }))}
          chosen={chosen}
          onChoose={(values) => choose({ value: multiple ? values : values[0] })}
        >
          {help}
        </ChoiceGroup>
      );
    }
    case 'number': {
      const boundsId = `${elementId}-bounds`;
      return (
        <>
          {label}
          {help}
          {boundsText && (
            <p id={boundsId} className="hint">
              {boundsText}
            </p>
          )}
          <NumberField
            id={inputId}
            value={typeof value === 'number' ? value : undefined}
            bounds={item}
            unit={item.unit?.[locale]}
            describedBy={
              [helpId, boundsText ? boundsId : null].filter(Boolean).join(' ') || undefined
            }
            required={item.required}
            missing={showMissing}
            onNumber={(n) => type({ value: n ?? undefined })}
            onDone={done}
          />
        </>
      );
    }
    case 'date':
      return (
        <>
          {label}
          {help}
          <DateField
            id={inputId}
            value={typeof value === 'string' ? value : undefined}
            describedBy={helpId}
            required={item.required}
            missing={showMissing}
            onDate={(d) => type({ value: d ?? undefined })}
            onDone={done}
          />
        </>
      );
    case 'text':
    case 'long_text':
      return (
        <>
          {label}
          {help}
          <TextField
            id={inputId}
            multiline={item.kind === 'long_text'}
            maxLength={item.kind === 'text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX}
            value={typeof value === 'string' ? value : ''}
            describedBy={helpId}
            required={item.required}
            missing={showMissing}
            onType={(text) => type({ value: text })}
            onDone={done}
          />
        </>
      );
    case 'table':
      return null;
  }
}

/** The comment or corrective action an answer asks for (kept on screen once written). */
function FollowUp({ item, answer, saver, followUpMissing }: ItemFieldProps) {
  const { t, locale } = useT();
  if ((item.kind !== 'yes_no_na' && item.kind !== 'agreement4') || !item.followUp) return null;
  const { require, prompt } = item.followUp;
  const text = (require === 'comment' ? answer?.comment : answer?.action) ?? '';
  const asked = followUpAsked(item, answer);
  if (!asked && text === '') return null;
  const fieldId = followUpFieldId(item.id);
  const promptId = `${fieldId}-prompt`;
  const key = `${item.id}#${require}`;
  return (
    <div className="follow-up">
      <p id={promptId} className="follow-up-prompt">
        {prompt[locale]}
      </p>
      <label htmlFor={fieldId} className="item-label-row">
        <span className="item-label">
          {t(require === 'comment' ? 'editorFollowUpComment' : 'editorFollowUpAction')}
        </span>
        {asked && <span className="mark required-mark">{t('editorRequired')}</span>}
        {followUpMissing && <span className="mark missing-mark">{t('editorFollowUpMissing')}</span>}
      </label>
      <TextField
        id={fieldId}
        multiline
        maxLength={LONG_TEXT_MAX}
        value={text}
        describedBy={promptId}
        required={asked}
        missing={followUpMissing}
        onType={(typed) =>
          saver.type(
            key,
            {
              kind: 'patch',
              itemId: item.id,
              patch: require === 'comment' ? { comment: typed } : { action: typed },
            },
            answer,
          )
        }
        onDone={() => saver.endTyping(key)}
      />
    </div>
  );
}

function ReadOnlyFollowUp({ item, answer }: { item: Item; answer: Answer | null }) {
  const { t } = useT();
  if (item.kind !== 'yes_no_na' && item.kind !== 'agreement4') return null;
  const parts = [
    answer?.comment ? ([t('editorFollowUpCommentShort'), answer.comment] as const) : null,
    answer?.action ? ([t('editorFollowUpActionShort'), answer.action] as const) : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return null;
  return (
    <dl className="follow-up read-only">
      {parts.map(([term, text]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}
