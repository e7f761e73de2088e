// The line above a report: when the numbers are from ("… 時点"), whether they are the copy
// kept on this device because the server cannot be reached, or that there is no such copy;
// a failed request with a retry, and fetching the numbers again.
import { LoadProblem } from '../../components/notices.tsx';
import { instantText } from '../../i18n/answer-text.ts';
import { useT } from '../../i18n/use-t.ts';
import type { ReportView } from './use-report.ts';

export function ReportStatus({
  view,
  generatedAt,
  online,
}: {
  view: ReportView<unknown>;
  /** When the server made the report shown. */
  generatedAt: string | null;
  online: boolean;
}) {
  const { t, locale } = useT();
  const { kept, loading, problem, nothingKept } = view;
  return (
    <div className="report-status">
      {generatedAt && (
        <p className="report-as-of" data-testid="report-as-of">
          <strong>{t('reportsAsOf', { time: instantText(generatedAt, locale) })}</strong>
          {online && (
            <button type="button" onClick={view.reload} disabled={loading}>
              {t('reportsRefresh')}
            </button>
          )}
        </p>
      )}
      {kept && (
        <p className="notice" role="status" data-testid="report-kept">
          {t(online ? 'reportsKeptUnreachable' : 'reportsKeptOffline')}
        </p>
      )}
      {nothingKept && (
        <p className="notice" role="status" data-testid="report-nothing-kept">
          {t(online ? 'reportsNothingKeptUnreachable' : 'reportsNothingKept')}
        </p>
      )}
      {online && problem === 'reportsUnreachable' && !generatedAt && (
        <button type="button" onClick={view.reload}>
          {t('retry')}
        </button>
      )}
      <LoadProblem
        problem={problem !== 'reportsUnreachable' ? problem : null}
        online={online}
        onRetry={view.reload}
      />
      {loading && !generatedAt && <p>{t('loading')}</p>}
    </div>
  );
}
