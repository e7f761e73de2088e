// The sheet screen (/sheets/:id): header, sections with quick navigation, every item, the
// progress, the autosave indicator, undo, and submitting. Reads the sheet live from the
// person's database; every change is written through the local-change functions at once
// (typed text after a pause, on blur and when the screen is left), so nothing typed is lost.
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { dateInJapan, formatDate, formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import { templateItems, type Template } from '@/shared/schemas/template.ts';
import { sheetFlags } from '@/shared/sheet-flags.ts';
import { sheetProgress } from '@/shared/sheet-progress.ts';
import { isEditable } from '@/shared/workflow.ts';
import { ChangeRefusedError, submitSheet } from '../../db/local-changes.ts';
import {
  currentPersonDb,
  useSheetEvents,
  useSheetView,
  type PersonDb,
  type SheetView,
} from '../../db/person-db.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { Link } from '../../navigation/link.tsx';
import { useAppStore } from '../../store/app-store.ts';
import { followUpFieldId, itemElementId, ItemField } from './item-field.tsx';
import { firstMissing } from './review.ts';
import { SheetSaver, type SaveProblem } from './sheet-saver.ts';
import { itemLabel, SubmitDialog } from './submit-dialog.tsx';
import { unsavedBackup } from '../../db/unsaved-backup.ts';
import { isOp } from './answer-ops.ts';

const stateLabels: Record<SheetState, MessageKey> = {
  draft: 'stateDraft',
  submitted: 'stateSubmitted',
  returned: 'stateReturned',
  approved: 'stateApproved',
};

export function SheetScreen({ sheetId }: { sheetId: string }) {
  const { t } = useT();
  const view = useSheetView(sheetId);
  const db = currentPersonDb();
  if (view === undefined || !db) return <p>{t('loading')}</p>;
  if (view === null)
    return (
      <Missing title={t('editorNotFoundTitle')}>
        <p>{t('editorNotFoundBody')}</p>
      </Missing>
    );
  if (!view.template)
    return (
      <Missing title={t('editorTemplateMissingTitle')}>
        <p>{t('editorTemplateMissingBody')}</p>
      </Missing>
    );
  return <SheetEditor db={db} view={view} template={view.template} />;
}

function Missing({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useT();
  return (
    <section aria-labelledby="sheet-missing-title" className="panel">
      <h2 id="sheet-missing-title">{title}</h2>
      {children}
      <p>
        <Link to={{ name: 'home' }}>{t('backToHome')}</Link>
      </p>
    </section>
  );
}

/** Moves to an item: scrolls it into view and puts the focus on what is missing there. */
function jumpTo(itemId: string, followUp: boolean): void {
  const element = document.getElementById(itemElementId(itemId));
  if (!element) return;
  const target =
    (followUp ? document.getElementById(followUpFieldId(itemId)) : null) ??
    element.querySelector<HTMLElement>('[data-required-empty]') ??
    element.querySelector<HTMLElement>(
      'input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled])',
    );
  element.scrollIntoView?.({ block: 'center' });
  target?.focus({ preventScroll: true });
}

function SheetEditor({
  db,
  view,
  template,
}: {
  db: PersonDb;
  view: SheetView;
  template: Template;
}) {
  const { t, locale } = useT();
  const { sheet } = view;
  const [saver] = useState(
    () => new SheetSaver(db, sheet.id, unsavedBackup(db.name, sheet.id, isOp)),
  );
  useSyncExternalStore(saver.subscribe, saver.getVersion);
  useLayoutEffect(() => {
    saver.showing(view);
  });
  // Typed text is written when the person leaves the screen or the page is hidden; what an
  // earlier visit could not write (the page was closed first) is written now.
  useEffect(() => {
    saver.recover();
    const flush = () => saver.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saver.flush();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      saver.flush();
    };
  }, [saver]);

  const online = useAppStore((s) => s.online);
  const events = useSheetEvents(sheet.id);
  const [reviewing, setReviewing] = useState(false);
  const [submitOpen, setSubmitOpen] = useState(false);
  const pendingJump = useRef<{ itemId: string; followUp: boolean } | null>(null);
  const [jumps, setJumps] = useState(0);

  const items = useMemo(() => templateItems(template), [template]);
  const itemsById = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  const answers: Record<string, Answer> = {};
  for (const item of items) {
    const shown = saver.shown(item.id, view.answers[item.id] ?? null, view);
    if (shown) answers[item.id] = shown;
  }
  const progress = sheetProgress(template, answers);
  const flags = sheetFlags(template, answers);
  const missing = new Set(progress.missing);
  const followUpMissing = new Set(progress.followUpMissing);
  // A missing follow-up is marked as missing, not as an answer worth a second look.
  const flagged = new Set(flags.filter((f) => f.kind !== 'follow_up_missing').map((f) => f.itemId));
  const editable = isEditable(sheet.state);
  const first = firstMissing(template, progress);

  // A jump waits for the render that marks what is missing (and closes the dialog).
  useEffect(() => {
    const jump = pendingJump.current;
    pendingJump.current = null;
    if (jump) jumpTo(jump.itemId, jump.followUp);
  }, [jumps]);
  const goTo = (itemId: string, followUp: boolean) => {
    setSubmitOpen(false);
    setReviewing(true);
    pendingJump.current = { itemId, followUp };
    setJumps((n) => n + 1);
  };

  const submit = async (): Promise<MessageKey | null> => {
    await saver.settle();
    if (saver.problem) return 'editorSubmitSaveFirst';
    try {
      await submitSheet(db, { sheetId: sheet.id });
      saver.forgetUndo();
      setSubmitOpen(false);
      // The dialog goes with the controls: the focus goes to the top, where the state is said.
      setTimeout(() => document.getElementById('sheet-title')?.focus(), 0);
      return null;
    } catch (error) {
      if (error instanceof StorageFullError) return 'editorReasonStorageFull';
      if (error instanceof ChangeRefusedError) return 'editorSubmitRefused';
      return 'editorReasonFailed';
    }
  };

  const returned =
    sheet.state === 'returned' ? events?.findLast((e) => e.type === 'returned') : undefined;
  const today = dateInJapan(new Date());
  const overdue = editable && sheet.dueDate < today;

  return (
    <article className="sheet-editor" aria-labelledby="sheet-title">
      <header className="sheet-head">
        <h2 id="sheet-title" tabIndex={-1}>
          {template.title[locale]}
        </h2>
        <p className="meta">
          <span>{formatFiscalPeriod(sheet.fiscalYear, sheet.period, locale)}</span>
          <span>
            {t('dueDate')} {formatDate(sheet.dueDate, locale)}
          </span>
          {overdue && <strong className="overdue">{t('editorOverdue')}</strong>}
          <span className={`state-badge state-${sheet.state}`}>
            {t('editorStateLabel', { state: t(stateLabels[sheet.state]) })}
          </span>
        </p>
        {returned && (
          <div className="notice returned-comment" role="note" aria-labelledby="returned-title">
            <h3 id="returned-title">{t('editorReturnedTitle')}</h3>
            <p className="comment">{returned.comment}</p>
          </div>
        )}
        <StateNotice state={sheet.state} pending={view.pending} />
        <details className="sheet-description">
          <summary>{t('editorAboutSheet')}</summary>
          <p>{template.description[locale]}</p>
        </details>
      </header>

      <div className="sheet-toolbar">
        <div className="sheet-progress">
          <label htmlFor="sheet-progress-bar">
            {t('editorProgress', { answered: progress.answered, total: progress.total })}
          </label>
          <progress id="sheet-progress-bar" value={progress.answered} max={progress.total} />
        </div>
        {editable && (
          <SaveStatus
            saving={saver.saving}
            problem={saver.problem}
            pending={view.pending}
            onRetry={() => void saver.retry()}
          />
        )}
        {editable && (
          <div className="toolbar-actions">
            <button type="button" disabled={!saver.canUndo} onClick={() => void saver.undo()}>
              {t('editorUndo')}
            </button>
            {first ? (
              <button type="button" onClick={() => goTo(first.itemId, first.followUp)}>
                {t('editorGoToMissing', {
                  count: progress.missing.length + progress.followUpMissing.length,
                })}
              </button>
            ) : (
              <span className="success">{t('editorAllAnswered')}</span>
            )}
          </div>
        )}
        <p className="undo-status" role="status">
          {saver.lastUndone &&
            t('editorUndone', { item: itemLabel(itemsById, saver.lastUndone, locale) })}
        </p>
      </div>

      <div className="sheet-layout">
        <nav className="sheet-nav" aria-label={t('editorSectionsNav')}>
          <ol>
            {template.sections.map((section) => {
              const total = section.items.length;
              const answered = section.items.filter(
                (i) => answers[i.id] !== undefined && !missing.has(i.id),
              ).length;
              const open = section.items.some(
                (i) => missing.has(i.id) || followUpMissing.has(i.id),
              );
              return (
                <li key={section.id}>
                  <a
                    href={`#section-${section.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      const heading = document.getElementById(`section-${section.id}`);
                      heading?.scrollIntoView?.({ block: 'start' });
                      heading?.focus({ preventScroll: true });
                    }}
                  >
                    <span>{section.title[locale]}</span>
                    <span className={open ? 'section-count open' : 'section-count done'}>
                      {t('editorSectionCount', { answered, total })}
                    </span>
                  </a>
                </li>
              );
            })}
          </ol>
        </nav>

        <div className="sheet-sections">
          {template.sections.map((section) => (
            <section
              key={section.id}
              className="sheet-section"
              aria-labelledby={`section-${section.id}`}
            >
              <h3 id={`section-${section.id}`} tabIndex={-1}>
                {section.title[locale]}
              </h3>
              {section.items.map((item) => (
                <ItemField
                  key={item.id}
                  item={item}
                  answer={answers[item.id] ?? null}
                  saver={saver}
                  readOnly={!editable}
                  reviewing={reviewing}
                  missing={missing.has(item.id)}
                  followUpMissing={followUpMissing.has(item.id)}
                  flagged={flagged.has(item.id)}
                />
              ))}
            </section>
          ))}
          {editable && (
            <div className="sheet-submit">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  saver.flush();
                  setReviewing(true);
                  setSubmitOpen(true);
                }}
              >
                {t('editorSubmit')}
              </button>
            </div>
          )}
        </div>
      </div>

      {editable && (
        <SubmitDialog
          open={submitOpen}
          progress={progress}
          flags={flags}
          items={itemsById}
          online={online}
          onSubmit={submit}
          onClose={() => setSubmitOpen(false)}
          onJump={goTo}
        />
      )}
    </article>
  );
}

/** Where the sheet is in its workflow, once it is out of the person's hands. */
function StateNotice({ state, pending }: { state: SheetState; pending: number }) {
  const { t } = useT();
  const key: MessageKey | null =
    state === 'submitted'
      ? pending > 0
        ? 'editorSubmittedPending'
        : 'editorSubmitted'
      : state === 'approved'
        ? 'editorApproved'
        : null;
  if (!key) return null;
  return (
    <p className={pending > 0 ? 'notice state-notice' : 'state-notice'} role="status">
      {t(key)}
    </p>
  );
}

const problemKeys: Record<SaveProblem['kind'], MessageKey> = {
  storage_full: 'editorReasonStorageFull',
  refused: 'editorReasonRefused',
  failed: 'editorReasonFailed',
};

/** "saved on this device", "sent", or why it could not be saved; never "saved" after a failure. */
function SaveStatus({
  saving,
  problem,
  pending,
  onRetry,
}: {
  saving: boolean;
  problem: SaveProblem | null;
  pending: number;
  onRetry(): void;
}) {
  const { t } = useT();
  let text: string;
  let className: string;
  if (problem) {
    const reason =
      problem.kind === 'refused' && problem.reason === 'not_editable'
        ? t('editorReasonNotEditable')
        : problem.kind === 'refused' && problem.reason === 'row_not_found'
          ? t('editorReasonRowGone')
          : t(problemKeys[problem.kind]);
    text = t('editorSaveFailed', { reason });
    className = 'save-status failed';
  } else if (saving) {
    text = t('editorSaving');
    className = 'save-status saving';
  } else if (pending > 0) {
    text = t('editorSavedLocal');
    className = 'save-status saved';
  } else {
    text = t('editorSent');
    className = 'save-status sent';
  }
  // The failure is said at once (an alert); the rest politely.
  return (
    <div className="save-status-box" data-testid="save-status">
      <p className={className} role="status">
        {problem ? '' : text}
      </p>
      <p className={className} role="alert">
        {problem ? text : ''}
      </p>
      {problem && (
        <button type="button" onClick={onRetry}>
          {t('editorRetry')}
        </button>
      )}
    </div>
  );
}
