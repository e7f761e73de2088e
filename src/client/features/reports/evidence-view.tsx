// The evidence package of a round: its sheets with their sign-offs and every event of their
// histories, for Excel, and on request the result of verifying each sheet's hash chain and
// sealed content, with the sheets whose check failed named. Online only: it is made fresh.
import { useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { HistoryVerification, RoundEvidence } from '@/shared/api/schemas.ts';
import { formatFiscalYear, formatPeriod } from '@/shared/fiscal-year.ts';
import { callApi, downloadUrl } from '../../api/api-client.ts';
import { ProblemLine } from '../../components/notices.tsx';
import { instantText } from '../../i18n/answer-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { DownloadLinks } from './download-links.tsx';
import type { RoundChoice } from './report-selection.ts';
import { problemOf, unitName } from './report-text.ts';

type BrokenReason = Extract<HistoryVerification, { ok: false }>['brokenAt']['reason'];

const brokenKeys: Record<BrokenReason, MessageKey> = {
  event_changed: 'reportsBrokenEventChanged',
  link_broken: 'reportsBrokenLink',
  event_missing: 'reportsBrokenEventMissing',
  content_changed: 'reportsBrokenContentChanged',
  snapshot_changed: 'reportsBrokenSnapshotChanged',
};

export function EvidenceView({
  fiscalYear,
  round,
  unitId,
  templateTitle,
  online,
}: {
  fiscalYear: number;
  round: RoundChoice | null;
  unitId: string | null;
  templateTitle(templateId: string): string;
  online: boolean;
}) {
  const { t, locale } = useT();
  const [checked, setChecked] = useState<{ key: string; evidence: RoundEvidence } | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  if (!round)
    return (
      <p className="notice">{t(online ? 'reportsChooseRound' : 'reportsEvidenceNeedsNetwork')}</p>
    );
  const query = {
    templateId: round.templateId,
    fiscalYear,
    period: round.period,
    ...(unitId ? { unitId } : {}),
  };
  const key = JSON.stringify(query);
  const evidence = checked?.key === key ? checked.evidence : null;
  const what = t('reportsRoundName', {
    title: templateTitle(round.templateId),
    period: `${formatFiscalYear(fiscalYear, locale)} ${formatPeriod(round.period, locale)}`,
  });

  async function verify() {
    setBusy(true);
    setProblem(null);
    try {
      setChecked({ key, evidence: await callApi(operations.getRoundEvidence, { query }) });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  const names = new Map(evidence?.units.map((u) => [u.id, unitName(u, locale)]));
  const broken = evidence?.sheets.filter((s) => !s.verification.ok) ?? [];
  return (
    <div className="evidence-view" data-testid="evidence-view">
      <p>{t('reportsEvidenceIntro', { round: what })}</p>
      {!online && <p className="notice">{t('reportsEvidenceNeedsNetwork')}</p>}
      <h3>{t('reportsEvidenceFiles')}</h3>
      <DownloadLinks
        what={t('reportsEvidenceWorkbook')}
        online={online}
        downloads={[
          {
            format: 'xlsx',
            href: downloadUrl(operations.getRoundEvidence, {
              ...query,
              format: 'xlsx',
              lang: locale,
            }),
          },
        ]}
      />
      <DownloadLinks
        what={t('reportsEvidenceSheets')}
        online={online}
        downloads={[
          {
            format: 'csv',
            href: downloadUrl(operations.getRoundEvidence, {
              ...query,
              table: 'sheets',
              format: 'csv',
              lang: locale,
            }),
          },
        ]}
      />
      <DownloadLinks
        what={t('reportsEvidenceEvents')}
        online={online}
        downloads={[
          {
            format: 'csv',
            href: downloadUrl(operations.getRoundEvidence, {
              ...query,
              table: 'events',
              format: 'csv',
              lang: locale,
            }),
          },
        ]}
      />
      <h3>{t('reportsEvidenceCheckTitle')}</h3>
      <p className="hint">{t('reportsEvidenceCheckHint')}</p>
      <p>
        <button
          type="button"
          className="primary"
          disabled={!online || busy}
          onClick={() => void verify()}
        >
          {t('reportsEvidenceCheck')}
        </button>
      </p>
      {busy && <p role="status">{t('reportsEvidenceChecking')}</p>}
      <ProblemLine>{problem && t(problem)}</ProblemLine>
      {evidence && (
        <div data-testid="evidence-result">
          <p className="meta">
            {t('reportsAsOf', { time: instantText(evidence.generatedAt, locale) })}
          </p>
          <dl className="report-summary">
            <div>
              <dt>{t('reportsEvidenceSheetCount')}</dt>
              <dd>{evidence.summary.sheets}</dd>
            </div>
            <div>
              <dt>{t('reportsColApproved')}</dt>
              <dd>{evidence.summary.approved}</dd>
            </div>
            <div>
              <dt>{t('reportsEvidenceVerified')}</dt>
              <dd>{evidence.summary.verified}</dd>
            </div>
            <div className={evidence.summary.broken > 0 ? 'overdue' : ''}>
              <dt>{t('reportsEvidenceBroken')}</dt>
              <dd>{evidence.summary.broken}</dd>
            </div>
          </dl>
          {broken.length === 0 ? (
            <p className="success">{t('reportsEvidenceAllHold')}</p>
          ) : (
            <ul className="card-list" aria-label={t('reportsEvidenceBroken')}>
              {broken.map((s) => (
                <li key={s.sheetId} className="card">
                  <strong>{s.ownerName ?? names.get(s.unitId) ?? s.sheetId}</strong>{' '}
                  <span className="meta">{names.get(s.unitId) ?? s.unitId}</span>
                  {!s.verification.ok && (
                    <p>
                      {t('reportsEvidenceBrokenAt', {
                        seq: s.verification.brokenAt.seq,
                        reason: t(brokenKeys[s.verification.brokenAt.reason]),
                      })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
