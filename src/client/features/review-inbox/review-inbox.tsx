// The review inbox: the submitted sheets this person signs off, oldest submission first, each
// with its owner, unit and flags; the sheets with nothing flagged can be selected and
// approved together. Read from the person's database, so it works offline: decisions wait
// in the outbox, shown as such, until the server takes them.
import { useState } from 'react';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import type { SheetFlagKind } from '@/shared/sheet-flags.ts';
import { approveSheet } from '../../db/local-changes.ts';
import {
  currentPersonDb,
  useDirectory,
  type KeptDirectory,
  useSheetOverviews,
} from '../../db/person-db.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { instantText } from '../../i18n/answer-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { Link } from '../../navigation/link.tsx';
import {
  bulkApprovable,
  ownerOf,
  ownerText,
  reviewEntries,
  reviewerOrg,
  unitName,
  type ReviewEntry,
} from './review-sheets.ts';
import { ProblemLine, StatusLine } from '../../components/notices.tsx';

const flagCountKeys: Record<SheetFlagKind, MessageKey> = {
  negative_answer: 'reviewFlagNegative',
  follow_up_missing: 'reviewFlagFollowUp',
  deficiency_reported: 'reviewFlagDeficiency',
};

/** The sheets waiting for this person's sign-off, live; undefined while loading. */
export function useReviewEntries(person: SessionPerson): ReviewEntry[] | undefined {
  const stored = useDirectory();
  const overviews = useSheetOverviews(
    (sheet) => sheet.server.state === 'submitted',
    `review|${person.id}`,
  );
  if (overviews === undefined || stored === undefined) return undefined;
  return reviewEntries(overviews, person, reviewerOrg(person, stored?.directory ?? null));
}

function FlagSummary({ entry }: { entry: ReviewEntry }) {
  const { t } = useT();
  if (entry.flags.length === 0) return <p className="review-flags none">{t('reviewNoFlags')}</p>;
  const counts = new Map<SheetFlagKind, number>();
  for (const flag of entry.flags) counts.set(flag.kind, (counts.get(flag.kind) ?? 0) + 1);
  return (
    <ul className="review-flags" aria-label={t('reviewFlagsLabel')} data-testid="review-flags">
      {[...counts].map(([kind, count]) => (
        <li key={kind} className={`badge flag-${kind}`}>
          {t(flagCountKeys[kind], { count })}
        </li>
      ))}
    </ul>
  );
}

function ReviewCard({
  entry,
  person,
  directory,
  selected,
  onSelect,
}: {
  entry: ReviewEntry;
  person: SessionPerson;
  directory: KeptDirectory | null;
  selected: boolean;
  onSelect: (selected: boolean) => void;
}) {
  const { t, locale } = useT();
  const { sheet, template } = entry.overview;
  const title = template?.title[locale] ?? sheet.templateId;
  const owner = ownerText(t, ownerOf(sheet, directory));
  const titleId = `review-title-${sheet.id}`;
  const approvable = bulkApprovable(entry);
  return (
    <li className="card sheet-card review-card" aria-labelledby={titleId} data-testid="review-card">
      <h4 id={titleId}>
        <Link
          to={{ name: 'reviewSheet', sheetId: sheet.id }}
          aria-label={t('reviewOpenLabel', { title, owner })}
        >
          {title}
        </Link>
      </h4>
      <p className="review-owner">
        <strong>{owner}</strong> {unitName(sheet.unitId, directory, person, locale)}
      </p>
      <p className="meta">
        {formatFiscalPeriod(sheet.fiscalYear, sheet.period, locale)}
        {entry.submittedAt && (
          <> · {t('reviewSubmittedAt', { date: instantText(entry.submittedAt, locale) })}</>
        )}
        {entry.resubmitted && <strong className="badge">{t('reviewResubmitted')}</strong>}
      </p>
      <FlagSummary entry={entry} />
      {entry.decided && (
        <p className="pending-note" data-testid="review-decided">
          {t(entry.decided === 'approved' ? 'reviewDecidedApproved' : 'reviewDecidedReturned')}
        </p>
      )}
      {entry.decided === null && (
        <p className="card-actions">
          {approvable ? (
            <label className="check-label">
              <input
                type="checkbox"
                checked={selected}
                onChange={(event) => onSelect(event.target.checked)}
                aria-label={t('reviewSelectLabel', { title, owner })}
              />
              {t('reviewSelect')}
            </label>
          ) : (
            <span className="hint">{t('reviewSelectFlagged')}</span>
          )}
        </p>
      )}
    </li>
  );
}

export function ReviewInbox({ person }: { person: SessionPerson }) {
  const { t } = useT();
  const entries = useReviewEntries(person);
  const stored = useDirectory();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (entries === undefined) return <p>{t('loading')}</p>;
  const waiting = entries.filter((e) => e.decided === null);
  const decided = entries.filter((e) => e.decided !== null);
  // Only what is still on screen and approvable counts, whatever was ticked before.
  const chosen = waiting.filter((e) => selected.has(e.overview.sheet.id) && bulkApprovable(e));

  const approveChosen = async () => {
    const db = currentPersonDb();
    if (!db || chosen.length === 0) return;
    setBusy(true);
    setMessage(null);
    setProblem(null);
    let done = 0;
    try {
      // One queued decision per sheet, each checked by the server on its own.
      for (const entry of chosen) {
        await approveSheet(db, { sheetId: entry.overview.sheet.id });
        done += 1;
      }
      setMessage(t('reviewBulkDone', { count: done }));
      setSelected(new Set());
    } catch (error) {
      if (done > 0) setMessage(t('reviewBulkDone', { count: done }));
      setProblem(t(error instanceof StorageFullError ? 'syncErrorStorageFull' : 'reviewFailed'));
    } finally {
      setBusy(false);
    }
  };

  const list = (items: ReviewEntry[]) => (
    <ul className="card-list">
      {items.map((entry) => (
        <ReviewCard
          key={entry.overview.sheet.id}
          entry={entry}
          person={person}
          directory={stored?.directory ?? null}
          selected={selected.has(entry.overview.sheet.id)}
          onSelect={(on) => {
            const next = new Set(selected);
            if (on) next.add(entry.overview.sheet.id);
            else next.delete(entry.overview.sheet.id);
            setSelected(next);
          }}
        />
      ))}
    </ul>
  );

  return (
    <section className="review-inbox" aria-labelledby="review-title" data-testid="review-inbox">
      <h2 id="review-title">{t('reviewTitle')}</h2>
      <p className="hint">{t('reviewIntro')}</p>
      {stored === null && <p className="notice">{t('reviewNoDirectory')}</p>}
      <StatusLine>{message}</StatusLine>
      <ProblemLine>{problem}</ProblemLine>
      {entries.length === 0 && <p>{t('reviewEmpty')}</p>}
      {waiting.length > 0 && (
        <section className="home-group" aria-labelledby="review-waiting">
          <h3 id="review-waiting">
            {t('reviewWaitingTitle')}{' '}
            <span className="count">{t('countItems', { count: waiting.length })}</span>
          </h3>
          {waiting.some(bulkApprovable) && (
            <div className="actions review-bulk">
              <p className="hint">{t('reviewBulkHint')}</p>
              <button
                type="button"
                className="primary"
                disabled={busy || chosen.length === 0}
                onClick={() => void approveChosen()}
              >
                {t('reviewApproveSelected', { count: chosen.length })}
              </button>
            </div>
          )}
          {list(waiting)}
        </section>
      )}
      {decided.length > 0 && (
        <section className="home-group" aria-labelledby="review-decided">
          <h3 id="review-decided">
            {t('reviewDecidedTitle')}{' '}
            <span className="count">{t('countItems', { count: decided.length })}</span>
          </h3>
          {list(decided)}
        </section>
      )}
    </section>
  );
}
