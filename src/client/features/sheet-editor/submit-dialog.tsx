// The confirmation before submitting: what is still missing (each a link to it; submitting
// waits until nothing is), the answers worth a second look (the sheet's flags, the same a
// reviewer sees), and a word when offline.
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '@/shared/locale.ts';
import type { SheetFlag } from '@/shared/sheet-flags.ts';
import type { SheetProgress } from '@/shared/sheet-progress.ts';
import type { Item } from '@/shared/schemas/template.ts';
import { flagText } from '../../i18n/flag-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { ProblemLine } from '../../components/notices.tsx';

interface SubmitDialogProps {
  open: boolean;
  progress: SheetProgress;
  /** The sheet's flags (sheetFlags). */
  flags: readonly SheetFlag[];
  items: ReadonlyMap<string, Item>;
  online: boolean;
  /** Submits; resolves with the reason when it could not. */
  onSubmit(): Promise<MessageKey | null>;
  onClose(): void;
  onJump(itemId: string, followUp: boolean): void;
}

export function SubmitDialog({
  open,
  progress,
  flags,
  items,
  online,
  onSubmit,
  onClose,
  onJump,
}: SubmitDialogProps) {
  const { t, locale } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setProblem(null);
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);
  const blocked = progress.missing.length > 0 || progress.followUpMissing.length > 0;
  // A missing follow-up is listed above, and blocks submitting until it is written.
  const reviewFlags = flags.filter((flag) => flag.kind !== 'follow_up_missing');
  const label = (itemId: string) => itemLabel(items, itemId, locale);
  const link = (itemId: string, followUp: boolean, text: string) => (
    <a
      href={`#item-${itemId}`}
      onClick={(event) => {
        event.preventDefault();
        onJump(itemId, followUp);
      }}
    >
      {text}
    </a>
  );

  return (
    <dialog
      ref={dialog}
      className="dialog submit-dialog"
      aria-labelledby="submit-title"
      onClose={onClose}
    >
      <h2 id="submit-title">{t('editorSubmitTitle')}</h2>
      {progress.missing.length > 0 && (
        <section aria-labelledby="submit-missing">
          <h3 id="submit-missing">
            {t('editorSubmitMissing', { count: progress.missing.length })}
          </h3>
          <ul className="review-list" data-testid="submit-missing">
            {progress.missing.map((id) => (
              <li key={id}>{link(id, false, label(id))}</li>
            ))}
          </ul>
        </section>
      )}
      {progress.followUpMissing.length > 0 && (
        <section aria-labelledby="submit-follow-up">
          <h3 id="submit-follow-up">
            {t('editorSubmitFollowUp', { count: progress.followUpMissing.length })}
          </h3>
          <ul className="review-list" data-testid="submit-follow-up">
            {progress.followUpMissing.map((id) => (
              <li key={id}>{link(id, true, label(id))}</li>
            ))}
          </ul>
        </section>
      )}
      {blocked && <p className="error">{t('editorSubmitBlocked')}</p>}
      {reviewFlags.length > 0 && (
        <section aria-labelledby="submit-flagged">
          <h3 id="submit-flagged">{t('editorSubmitFlagged', { count: reviewFlags.length })}</h3>
          <p className="hint">{t('editorSubmitFlaggedHint')}</p>
          <ul className="review-list" data-testid="submit-flagged">
            {reviewFlags.map((flag) => (
              <li key={`${flag.kind}-${flag.itemId}`}>
                {link(flag.itemId, false, label(flag.itemId))}
                <span className="flag-answer">
                  {flagText(flag, items.get(flag.itemId), locale)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!blocked && <p>{t('editorSubmitReady')}</p>}
      {!blocked && !online && <p className="notice">{t('editorSubmitOffline')}</p>}
      <ProblemLine>{problem && t(problem)}</ProblemLine>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={blocked || busy}
          onClick={() => {
            setBusy(true);
            void onSubmit()
              .then(setProblem)
              .finally(() => setBusy(false));
          }}
        >
          {t('editorSubmitConfirm')}
        </button>
        <button type="button" onClick={onClose}>
          {blocked ? t('editorClose') : t('cancel')}
        </button>
      </div>
    </dialog>
  );
}

/** An item's label, shortened for a list. */
export function itemLabel(items: ReadonlyMap<string, Item>, itemId: string, locale: Locale) {
  const text = items.get(itemId)?.label[locale] ?? itemId;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
