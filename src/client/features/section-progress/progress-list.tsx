// A round's sheets in the chief's unit, as the server has them now: the counts, then each
// sheet under where it stands, overdue marked, with a reminder for those still with their
// people. Reminders go through the server, so they need the network; offline says so.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { operations } from '@/shared/api/operations.ts';
import {
  REMINDER_MESSAGE_MAX,
  type RoundProgress,
  type RoundProgressSheet,
  type RoundQuery,
} from '@/shared/api/schemas.ts';
import { formatDate } from '@/shared/fiscal-year.ts';
import { mayRemind, type ProgressGroup } from '@/shared/round-progress.ts';
import { callApi } from '../../api/api-client.ts';
import { instantText } from '../../i18n/answer-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { roundSheetOwnerText } from '../../i18n/round-sheet-owner.ts';
import { useT } from '../../i18n/use-t.ts';
import { groupRows, problemOf } from './progress-rounds.ts';
import {
  LoadProblem,
  NeedsNetworkNotice,
  ProblemLine,
  StatusLine,
} from '../../components/notices.tsx';
import { useKeptText } from '../../components/use-kept-text.ts';

const groupTitles: Record<ProgressGroup, MessageKey> = {
  not_started: 'progressGroupNotStarted',
  draft: 'progressGroupDraft',
  returned: 'progressGroupReturned',
  submitted: 'progressGroupSubmitted',
  approved: 'progressGroupApproved',
};

function Summary({ summary }: { summary: RoundProgress['summary'] }) {
  const { t } = useT();
  const cells: [MessageKey, number][] = [
    ['progressTotal', summary.total],
    ['progressGroupNotStarted', summary.notStarted],
    ['progressGroupDraft', summary.draft],
    ['progressGroupReturned', summary.returned],
    ['progressGroupSubmitted', summary.submitted],
    ['progressGroupApproved', summary.approved],
    ['progressOverdue', summary.overdue],
  ];
  return (
    <dl className="progress-summary" data-testid="progress-summary">
      {cells.map(([label, count]) => (
        <div key={label} className={label === 'progressOverdue' && count > 0 ? 'overdue' : ''}>
          <dt>{t(label)}</dt>
          <dd>{t('countItems', { count })}</dd>
        </div>
      ))}
    </dl>
  );
}

function Row({
  row,
  chiefUnitId,
  online,
  onRemind,
}: {
  row: RoundProgressSheet;
  chiefUnitId: string;
  online: boolean;
  onRemind(row: RoundProgressSheet): void;
}) {
  const { t, locale } = useT();
  const owner = roundSheetOwnerText(row, locale);
  return (
    <li className={`card progress-row${row.overdue ? ' overdue' : ''}`} data-testid="progress-row">
      <p className="progress-owner">
        <strong>{owner}</strong>
        {row.unitId !== chiefUnitId && row.owner.kind !== 'workplace' && (
          <span className="meta"> {row.unitName}</span>
        )}
      </p>
      <p className="due">
        {t('homeDue', { date: formatDate(row.dueDate, locale) })}
        {row.overdue && <strong className="badge overdue-badge">{t('homeOverdue')}</strong>}
      </p>
      {row.submittedAt && (
        <p className="meta">
          {t('progressSubmittedAt', { time: instantText(row.submittedAt, locale) })}
        </p>
      )}
      {row.lastReminderAt && (
        <p className="meta">
          {t('progressLastReminder', { time: instantText(row.lastReminderAt, locale) })}
        </p>
      )}
      {mayRemind(row.state) && (
        <p className="card-actions">
          <button
            type="button"
            disabled={!online}
            aria-label={t('progressRemindLabel', { name: owner })}
            onClick={() => onRemind(row)}
          >
            {t('progressRemind')}
          </button>
        </p>
      )}
    </li>
  );
}

export function ProgressList({ round, online }: { round: RoundQuery; online: boolean }) {
  const { t, locale } = useT();
  const [progress, setProgress] = useState<RoundProgress | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [target, setTarget] = useState<RoundProgressSheet | null>(null);
  const [message, setMessage] = useKeptText(target ? `reminder/${target.sheetId}` : null);
  const [busy, setBusy] = useState(false);
  const [dialogProblem, setDialogProblem] = useState<MessageKey | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const { templateId, fiscalYear, period, unitId } = round;

  useEffect(() => {
    if (!online) return;
    let current = true;
    callApi(operations.getRoundProgress, {
      query: { templateId, fiscalYear, period, unitId },
    }).then(
      (answer) => {
        if (!current) return;
        setProgress(answer);
        setProblem(null);
      },
      (error: unknown) => {
        if (current) setProblem(problemOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [online, templateId, fiscalYear, period, unitId, reloadKey]);

  useEffect(() => {
    if (target && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [target]);

  function open(row: RoundProgressSheet) {
    setSent(null);
    setDialogProblem(null);
    setTarget(row);
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    setBusy(true);
    setDialogProblem(null);
    try {
      const answer = await callApi(operations.sendReminder, {
        params: { id: target.sheetId },
        body: message.trim() === '' ? {} : { message: message.trim() },
      });
      setMessage('');
      setSent(
        t('progressRemindSent', {
          names: answer.recipients.map((r) => r.name).join(t('listSeparator')),
        }),
      );
      dialog.current?.close();
      setReloadKey((n) => n + 1);
    } catch (error) {
      setDialogProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  // The answer for the round shown: another round's stays hidden while this one loads.
  const current =
    progress &&
    progress.round.templateId === templateId &&
    progress.round.fiscalYear === fiscalYear &&
    progress.round.period === period &&
    progress.round.unitId === unitId
      ? progress
      : null;
  const targetName = target ? roundSheetOwnerText(target, locale) : '';

  return (
    <div className="progress-list">
      <NeedsNetworkNotice online={online} message="progressNeedsNetwork" />
      <StatusLine testId="remind-status">{sent ?? ''}</StatusLine>
      <LoadProblem problem={problem} online={online} onRetry={() => setReloadKey((n) => n + 1)} />
      {online && !current && !problem && <p>{t('loading')}</p>}
      {current && (
        <>
          <p className="meta">
            {t('progressToday', { date: formatDate(current.today, locale) })}{' '}
            <button type="button" disabled={!online} onClick={() => setReloadKey((n) => n + 1)}>
              {t('progressReload')}
            </button>
          </p>
          <Summary summary={current.summary} />
          {current.sheets.length === 0 && <p>{t('progressEmpty')}</p>}
          {groupRows(current.sheets).map(({ group, rows }) => (
            <section
              key={group}
              className={`home-group group-${group}`}
              aria-labelledby={`progress-${group}`}
              data-testid={`progress-group-${group}`}
            >
              <h3 id={`progress-${group}`}>
                {t(groupTitles[group])}{' '}
                <span className="count">{t('countItems', { count: rows.length })}</span>
              </h3>
              <ul className="card-list">
                {rows.map((row) => (
                  <Row
                    key={row.sheetId}
                    row={row}
                    chiefUnitId={unitId}
                    online={online}
                    onRemind={open}
                  />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
      {!online && current && <p className="hint">{t('progressRemindOffline')}</p>}

      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="remind-dialog-title"
        onClose={() => setTarget(null)}
      >
        {target && (
          <form className="form" noValidate onSubmit={(e) => void send(e)} aria-busy={busy}>
            <h2 id="remind-dialog-title">{t('progressRemindTitle', { name: targetName })}</h2>
            <p>{t('progressRemindExplain')}</p>
            {target.owner.kind === 'workplace' && <p>{t('progressRemindWorkplace')}</p>}
            <label>
              {t('progressRemindMessage', { max: REMINDER_MESSAGE_MAX })}
              <textarea
                value={message}
                maxLength={REMINDER_MESSAGE_MAX}
                rows={3}
                onChange={(e) => setMessage(e.target.value)}
              />
            </label>
            {!online && <p className="notice">{t('progressRemindOffline')}</p>}
            <ProblemLine>{dialogProblem && t(dialogProblem)}</ProblemLine>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy || !online}>
                {t('progressRemindSend')}
              </button>
              <button type="button" onClick={() => dialog.current?.close()}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </div>
  );
}
