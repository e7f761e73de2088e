// Needs attention: the changes the server refused, with the person's value and the reason,
// each to make again or to let go (asked first); and the notices of overwrites between
// devices, with both values, to be read and dismissed.
import { useRef, useState } from 'react';
import { formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import type { Template } from '@/shared/schemas/template.ts';
import { ChangeRefusedError, discardRefused, reapplyRefused } from '../../db/local-changes.ts';
import {
  currentPersonDb,
  dismissOverwriteNotice,
  useAttentionEntries,
  useOverwriteNotices,
  useStoredSheets,
  useStoredTemplates,
  type AttentionEntry,
  type OverwriteNotice,
  type StoredSheet,
} from '../../db/person-db.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { answerValueText, instantText } from '../../i18n/answer-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';
import { changeText, findItem, itemIdOf, reasonText } from './change-text.ts';
import { ProblemLine, StatusLine } from '../../components/notices.tsx';

const refusalKeys: Record<string, MessageKey> = {
  not_editable: 'attentionReapplyNotEditable',
  sheet_not_found: 'attentionReapplySheetMissing',
  row_not_found: 'attentionReapplyRowMissing',
};

interface Context {
  sheets: Map<string, StoredSheet>;
  templates: Map<string, Template>;
}

/** The sheet and item a change or notice is about, as headings the person recognises. */
function useWhere(context: Context, sheetId: string, itemId: string | null) {
  const { t, locale } = useT();
  const sheet = context.sheets.get(sheetId);
  const template = sheet ? context.templates.get(sheet.templateId) : undefined;
  const item = itemId ? findItem(template, itemId) : null;
  const sheetTitle = sheet
    ? t('attentionSheetTitle', {
        title: template?.title[locale] ?? sheet.templateId,
        period: formatFiscalPeriod(sheet.fiscalYear, sheet.period, locale),
      })
    : t('attentionUnknownSheet');
  const itemLabel = itemId ? (item?.label[locale] ?? itemId) : null;
  return { item, sheetTitle, itemLabel };
}

function RefusedChange({
  entry,
  context,
  onAsk,
  onDone,
}: {
  entry: AttentionEntry;
  context: Context;
  onAsk: (entry: AttentionEntry) => void;
  onDone: (message: string) => void;
}) {
  const { t, locale } = useT();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sheetId = (entry.mutation.args as { sheetId: string }).sheetId;
  const { item, sheetTitle, itemLabel } = useWhere(context, sheetId, itemIdOf(entry.mutation));
  const titleId = `refused-${entry.seq}`;

  const reapply = async () => {
    const db = currentPersonDb();
    if (!db) return;
    setBusy(true);
    setProblem(null);
    try {
      await reapplyRefused(db, entry.seq);
      onDone(t('attentionReapplied'));
    } catch (error) {
      if (error instanceof ChangeRefusedError)
        setProblem(t(refusalKeys[error.reason] ?? 'attentionReapplyRefused'));
      else if (error instanceof StorageFullError) setProblem(t('syncErrorStorageFull'));
      else setProblem(t('attentionFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card attention-entry" aria-labelledby={titleId} data-testid="refused-change">
      <h4 id={titleId}>{itemLabel ?? sheetTitle}</h4>
      {itemLabel && <p className="meta">{sheetTitle}</p>}
      <dl className="facts">
        <dt>{t('attentionYourValue')}</dt>
        <dd className="value">{changeText(entry.mutation, item, locale)}</dd>
        <dt>{t('attentionReason')}</dt>
        <dd>
          {reasonText(entry.code, entry.message, locale)}
          {entry.message && entry.code && (
            <span className="meta detail">
              {t('attentionServerSays')} <span lang="en">{entry.message}</span>
            </span>
          )}
        </dd>
        <dt>{t('attentionMadeAt')}</dt>
        <dd>{instantText(entry.mutation.madeAt, locale)}</dd>
      </dl>
      <ProblemLine>{problem}</ProblemLine>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void reapply()}>
          {t('attentionReapply')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => onAsk(entry)}>
          {t('attentionDiscard')}
        </button>
      </div>
    </li>
  );
}

function Overwrite({
  notice,
  context,
  personId,
  onDone,
}: {
  notice: OverwriteNotice;
  context: Context;
  personId: string;
  onDone: (message: string) => void;
}) {
  const { t, locale } = useT();
  const { overwrite, direction } = notice;
  const { item, sheetTitle, itemLabel } = useWhere(context, overwrite.sheetId, overwrite.itemId);
  const titleId = `overwrite-${notice.id}`;
  const other = direction === 'theirs_replaced_mine' ? overwrite.by : overwrite.replacedBy;
  const valueText = (answer: typeof overwrite.value) => {
    if (!answer) return t('answerTextNone');
    const parts = [
      item ? answerValueText(item, answer.value, locale) : JSON.stringify(answer.value),
    ];
    if (answer.comment) parts.push(t('attentionChangeComment', { text: answer.comment }));
    if (answer.action) parts.push(t('attentionChangeAction', { text: answer.action }));
    return parts.join(t('listSeparator'));
  };
  const dismiss = async () => {
    const db = currentPersonDb();
    if (!db) return;
    await dismissOverwriteNotice(db, notice.id);
    onDone(t('attentionOverwriteDismissed'));
  };
  return (
    <li className="card attention-entry" aria-labelledby={titleId} data-testid="overwrite-notice">
      <h4 id={titleId}>{itemLabel ?? sheetTitle}</h4>
      <p className="meta">{sheetTitle}</p>
      <p>
        {t(
          direction === 'theirs_replaced_mine'
            ? other === personId
              ? 'attentionOverwriteTheirsOwnDevice'
              : 'attentionOverwriteTheirsOtherPerson'
            : other === personId
              ? 'attentionOverwriteMineOwnDevice'
              : 'attentionOverwriteMineOtherPerson',
        )}
      </p>
      <dl className="facts">
        <dt>{t('attentionOverwriteReplaced')}</dt>
        <dd className="value">{valueText(overwrite.replaced)}</dd>
        <dt>{t('attentionOverwriteValue')}</dt>
        <dd className="value">{valueText(overwrite.value)}</dd>
        <dt>{t('attentionOverwriteAt')}</dt>
        <dd>{instantText(overwrite.at, locale)}</dd>
      </dl>
      <div className="actions">
        <button type="button" onClick={() => void dismiss()}>
          {t('attentionOverwriteDismiss')}
        </button>
      </div>
    </li>
  );
}

export function AttentionScreen() {
  const { t, locale } = useT();
  const personId = useAppStore((s) => s.person?.id ?? '');
  const entries = useAttentionEntries();
  const notices = useOverwriteNotices();
  const sheets = useStoredSheets();
  const templates = useStoredTemplates();
  const [done, setDone] = useState('');
  const [asked, setAsked] = useState<AttentionEntry | null>(null);
  const [discardProblem, setDiscardProblem] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  const context: Context = {
    sheets: new Map(sheets?.map((s) => [s.id, s])),
    templates: new Map(templates?.map((s) => [s.id, s.template])),
  };

  const ask = (entry: AttentionEntry) => {
    setAsked(entry);
    setDiscardProblem(null);
    dialog.current?.showModal();
    // Letting a change go cannot be undone: the dialog opens on Cancel.
    cancel.current?.focus();
  };

  const discard = async () => {
    const db = currentPersonDb();
    if (!db || !asked) return;
    try {
      await discardRefused(db, asked.seq);
      dialog.current?.close();
      setDone(t('attentionDiscarded'));
    } catch {
      setDiscardProblem(t('attentionFailed'));
    }
  };

  const loading = entries === undefined || notices === undefined;
  const askedItem = asked
    ? findItem(
        context.templates.get(
          context.sheets.get((asked.mutation.args as { sheetId: string }).sheetId)?.templateId ??
            '',
        ),
        itemIdOf(asked.mutation) ?? '',
      )
    : null;

  return (
    <section className="attention" aria-labelledby="attention-title">
      <h2 id="attention-title">{t('attentionTitle')}</h2>
      <StatusLine testId="attention-status">{done}</StatusLine>
      {loading && <p>{t('loading')}</p>}
      {!loading && entries.length === 0 && notices.length === 0 && (
        <p data-testid="attention-empty">{t('attentionEmpty')}</p>
      )}
      {entries && entries.length > 0 && (
        <section aria-labelledby="refused-title">
          <h3 id="refused-title">{t('attentionRefusedTitle', { count: entries.length })}</h3>
          <p className="hint">{t('attentionRefusedIntro')}</p>
          <ul className="entry-list">
            {entries.map((entry) => (
              <RefusedChange
                key={entry.seq}
                entry={entry}
                context={context}
                onAsk={ask}
                onDone={setDone}
              />
            ))}
          </ul>
        </section>
      )}
      {notices && notices.length > 0 && (
        <section aria-labelledby="overwrites-title">
          <h3 id="overwrites-title">{t('attentionOverwritesTitle', { count: notices.length })}</h3>
          <p className="hint">{t('attentionOverwritesIntro')}</p>
          <ul className="entry-list">
            {notices.map((notice) => (
              <Overwrite
                key={notice.id}
                notice={notice}
                context={context}
                personId={personId}
                onDone={setDone}
              />
            ))}
          </ul>
        </section>
      )}
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="discard-title"
        onClose={() => setAsked(null)}
      >
        <h2 id="discard-title">{t('attentionDiscardTitle')}</h2>
        {asked && (
          <p>
            {t('attentionDiscardBody', { value: changeText(asked.mutation, askedItem, locale) })}
          </p>
        )}
        <ProblemLine>{discardProblem}</ProblemLine>
        <div className="actions">
          <button type="button" className="primary danger" onClick={() => void discard()}>
            {t('attentionDiscardConfirm')}
          </button>
          <button type="button" ref={cancel} onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
