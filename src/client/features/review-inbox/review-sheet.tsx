// One submitted sheet as its reviewer sees it: who and where it is from, its flags, what
// changed since the last submission (for a sheet returned and submitted again), every
// answer read-only, and the decision: approve, or return with a required comment. The
// decision is written to the device and queued; the server checks it when it arrives. The
// sheet's history can be verified on the server (online only).
import { useState, type FormEvent } from 'react';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import type { Answer, TableRow } from '@/shared/schemas/answer.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import { templateItems, type Item, type Template } from '@/shared/schemas/template.ts';
import { sheetDiff, type ItemChange } from '@/shared/sheet-diff.ts';
import { approveSheet, ChangeRefusedError, returnSheet } from '../../db/local-changes.ts';
import {
  currentPersonDb,
  useDirectory,
  type KeptDirectory,
  useSheetOverview,
} from '../../db/person-db.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { answerValueText, cellText, instantText, rowText } from '../../i18n/answer-text.ts';
import { flagText } from '../../i18n/flag-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { Link } from '../../navigation/link.tsx';
import { HistoryCheck } from '../../components/history-check.tsx';
import { SheetAnswers } from '../../components/sheet-answers.tsx';
import {
  mayDecide,
  ownerOf,
  ownerText,
  previousAnswers,
  reviewEntryOf,
  reviewerOrg,
  unitName,
} from './review-sheets.ts';
import { ProblemLine } from '../../components/notices.tsx';
import { useKeptText } from '../../components/use-kept-text.ts';

type T = ReturnType<typeof useT>['t'];

const stateLabels: Record<SheetState, MessageKey> = {
  draft: 'stateDraft',
  submitted: 'stateSubmitted',
  returned: 'stateReturned',
  approved: 'stateApproved',
};

function itemOf(template: Template, itemId: string): Item | undefined {
  return templateItems(template).find((i) => i.id === itemId);
}

function itemLabel(template: Template, itemId: string, locale: Locale): string {
  return itemOf(template, itemId)?.label[locale] ?? itemId;
}

/** An answer in words, with the comment or action it carries. */
function answerLines(t: T, item: Item, answer: Answer | null, locale: Locale): string {
  const lines = [answerValueText(item, answer?.value, locale)];
  if (answer?.comment) lines.push(t('printComment', { text: answer.comment }));
  if (answer?.action) lines.push(t('printAction', { text: answer.action }));
  return lines.join(' / ');
}

function Change({ change, template }: { change: ItemChange; template: Template }) {
  const { t, locale } = useT();
  const item = templateItems(template).find((i) => i.id === change.itemId);
  if (!item) return null;
  const label = item.label[locale];
  if (change.kind === 'answer')
    return (
      <li data-testid="review-change">
        <p className="change-item">{label}</p>
        <p className="before-after">
          <span className="visually-hidden">{t('reviewBefore')}</span>
          <del>{answerLines(t, item, change.before, locale)}</del>
          {' → '}
          <span className="visually-hidden">{t('reviewAfter')}</span>
          <ins>{answerLines(t, item, change.after, locale)}</ins>
        </p>
      </li>
    );
  const columns = item.kind === 'table' ? item.columns : [];
  const rows = (key: MessageKey, list: TableRow[], mark: 'ins' | 'del') =>
    list.length === 0 ? null : (
      <li>
        {t(key)}
        <ul>
          {list.map((row) => (
            <li key={row.id} className="before-after">
              {mark === 'ins' ? (
                <ins>{rowText(columns, row, locale)}</ins>
              ) : (
                <del>{rowText(columns, row, locale)}</del>
              )}
            </li>
          ))}
        </ul>
      </li>
    );
  return (
    <li data-testid="review-change">
      <p className="change-item">{label}</p>
      <ul className="change-rows">
        {rows('reviewRowsAdded', change.added, 'ins')}
        {rows('reviewRowsRemoved', change.removed, 'del')}
        {change.changed.length > 0 && (
          <li>
            {t('reviewRowsChanged')}
            <ul>
              {change.changed.map((row) => (
                <li key={row.rowId}>
                  {columns
                    .filter((c) => row.columns.includes(c.id))
                    .map((column) => (
                      <p key={column.id} className="before-after">
                        {column.label[locale]}: <del>{cellText(column, row.before, locale)}</del>
                        {' → '}
                        <ins>{cellText(column, row.after, locale)}</ins>
                      </p>
                    ))}
                </li>
              ))}
            </ul>
          </li>
        )}
      </ul>
    </li>
  );
}

function Answers({
  template,
  answers,
  flagged,
}: {
  template: Template;
  answers: Record<string, Answer>;
  flagged: ReadonlySet<string>;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="review-answers-title">
      <h3 id="review-answers-title">{t('reviewAnswersTitle')}</h3>
      <SheetAnswers
        template={template}
        answers={answers}
        idPrefix="rs"
        headingLevel={4}
        itemId={(id) => `review-item-${id}`}
        flagged={flagged}
        scrollTables
      />
    </section>
  );
}

function Decision({ sheetId }: { sheetId: string }) {
  const { t } = useT();
  const [comment, setComment] = useKeptText(`return-comment/${sheetId}`);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const decide = async (returning: boolean) => {
    const db = currentPersonDb();
    if (!db) return;
    if (returning && comment.trim() === '') {
      setProblem(t('reviewReturnNeedsComment'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      if (returning) await returnSheet(db, { sheetId, comment: comment.trim() });
      else await approveSheet(db, { sheetId });
      setComment('');
    } catch (error) {
      setProblem(
        t(
          error instanceof StorageFullError
            ? 'syncErrorStorageFull'
            : error instanceof ChangeRefusedError && error.reason === 'comment_required'
              ? 'reviewReturnNeedsComment'
              : 'reviewFailed',
        ),
      );
    } finally {
      setBusy(false);
    }
  };
  const onReturn = (event: FormEvent) => {
    event.preventDefault();
    void decide(true);
  };
  return (
    <section className="panel review-decision" aria-labelledby="review-decision-title">
      <h3 id="review-decision-title">{t('reviewDecisionTitle')}</h3>
      <p className="hint">{t('reviewDecisionRefusedHint')}</p>
      <ProblemLine>{problem}</ProblemLine>
      <p className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void decide(false)}
        >
          {t('reviewApprove')}
        </button>
      </p>
      <form className="form" onSubmit={onReturn}>
        <label htmlFor="review-return-comment">{t('reviewReturnComment')}</label>
        <textarea
          id="review-return-comment"
          value={comment}
          maxLength={4000}
          rows={4}
          aria-required="true"
          aria-invalid={problem === t('reviewReturnNeedsComment') ? true : undefined}
          onChange={(event) => setComment(event.target.value)}
        />
        <p className="actions">
          <button type="submit" className="danger" disabled={busy}>
            {t('reviewReturn')}
          </button>
        </p>
      </form>
    </section>
  );
}

function Facts({ rows }: { rows: readonly [label: MessageKey, value: string, testId?: string][] }) {
  const { t } = useT();
  return (
    <dl className="facts">
      {rows.map(([label, value, testId]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ReviewSheet({ sheetId, person }: { sheetId: string; person: SessionPerson }) {
  const { t, locale } = useT();
  const overview = useSheetOverview(sheetId);
  const stored = useDirectory();
  if (overview === undefined || stored === undefined) return <p>{t('loading')}</p>;
  const back = (
    <p>
      <Link className="button-link" to={{ name: 'review' }}>
        {t('reviewBack')}
      </Link>
    </p>
  );
  if (overview === null || !overview.template)
    return (
      <section aria-labelledby="review-missing-title">
        <h2 id="review-missing-title">{t('reviewMissingTitle')}</h2>
        {back}
      </section>
    );
  const directory: KeptDirectory | null = stored?.directory ?? null;
  const { sheet, template, answers, events } = overview;
  const entry = reviewEntryOf(overview);
  const may = mayDecide(person, sheet, events, reviewerOrg(person, directory));
  const waiting = sheet.server.state === 'submitted';
  const previous = entry.resubmitted ? previousAnswers(events) : null;
  const changes = previous ? sheetDiff(template, previous, answers) : [];
  const lastReturn = events.filter((e) => e.type === 'returned').at(-1);
  return (
    <article className="review-sheet" aria-labelledby="review-sheet-title">
      {back}
      <h2 id="review-sheet-title">{template.title[locale]}</h2>
      <Facts
        rows={[
          ['reviewOwner', ownerText(t, ownerOf(sheet, directory)), 'review-owner'],
          ['reviewUnit', unitName(sheet.unitId, directory, person, locale)],
          ['reviewPeriod', formatFiscalPeriod(sheet.fiscalYear, sheet.period, locale)],
          ['reviewSubmitted', entry.submittedAt ? instantText(entry.submittedAt, locale) : ''],
        ]}
      />
      {entry.decided && waiting && (
        <p className="notice" role="status" data-testid="review-decided">
          {t(entry.decided === 'approved' ? 'reviewApprovedPending' : 'reviewReturnedPending')}
        </p>
      )}
      {!waiting && (
        <p className="notice" role="status">
          {t('reviewNotWaiting', { state: t(stateLabels[sheet.server.state]) })}
        </p>
      )}
      {waiting && !may && <p className="notice">{t('reviewNotYours')}</p>}

      <section aria-labelledby="review-flags-title" data-testid="review-flag-list">
        <h3 id="review-flags-title">{t('reviewFlagsLabel')}</h3>
        {entry.flags.length === 0 ? (
          <p>{t('reviewNoFlags')}</p>
        ) : (
          <ul className="entry-list">
            {entry.flags.map((flag) => (
              <li key={`${flag.kind}-${flag.itemId}`}>
                <a className="button-link" href={`#review-item-${flag.itemId}`}>
                  {itemLabel(template, flag.itemId, locale)}
                </a>
                : {flagText(flag, itemOf(template, flag.itemId), locale)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {entry.resubmitted && (
        <section aria-labelledby="review-changes-title" data-testid="review-changes">
          <h3 id="review-changes-title">{t('reviewChangesTitle')}</h3>
          {lastReturn?.comment && (
            <div className="return-comment">
              <p className="return-comment-label">
                {t('reviewLastReturn', { date: instantText(lastReturn.at, locale) })}
              </p>
              <p className="return-comment-text">{lastReturn.comment}</p>
            </div>
          )}
          {previous === null ? (
            <p>{t('reviewChangesUnknown')}</p>
          ) : changes.length === 0 ? (
            <p>{t('reviewChangesNone')}</p>
          ) : (
            <ul className="change-list">
              {changes.map((change) => (
                <Change key={change.itemId} change={change} template={template} />
              ))}
            </ul>
          )}
        </section>
      )}

      {waiting && may && entry.decided === null && <Decision sheetId={sheet.id} />}

      <HistoryCheck sheetId={sheet.id} events={events} />

      <Answers
        template={template}
        answers={answers}
        flagged={new Set(entry.flags.map((f) => f.itemId))}
      />
    </article>
  );
}
