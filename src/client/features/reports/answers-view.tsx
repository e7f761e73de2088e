// What the answers say, for a round in the city or a unit: each agreement statement's
// positive rate (① and ②) this year and last, the difference in points (△ for a decrease in
// Japanese) and, chosen, by age band, employment type, position or chiefs against staff; a
// group too small to show is "—" and a fall of 5 points or more is marked in words and
// colour. Below, the share of "no" for each yes/no check, by the units directly below.
import { useMemo, useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { AnswerTrendsReport, NoSharesReport } from '@/shared/api/schemas.ts';
import { formatFiscalYear, formatPeriod } from '@/shared/fiscal-year.ts';
import { breakdowns, type Breakdown } from '@/shared/metrics/answer-trends.ts';
import { formatPoints, formatRate, NOT_SHOWN } from '@/shared/metrics/tenths.ts';
import { callApi, downloadUrl } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { DownloadLinks } from './download-links.tsx';
import type { RoundChoice } from './report-selection.ts';
import { ReportStatus } from './report-status.tsx';
import { breakdownKeys, groupKeys, unitName } from './report-text.ts';
import { useReport } from './use-report.ts';

type TrendItem = AnswerTrendsReport['items'][number];
type Cells = TrendItem['all'];

/** One line of the trends table: the whole round's figures, or one group's. */
function Figures({ cells }: { cells: Cells }) {
  const { t, locale } = useT();
  return (
    <>
      <td className="number">{formatRate(cells.lastYear?.rate ?? null)}</td>
      <td className="number">{formatRate(cells.thisYear?.rate ?? null)}</td>
      <td className="number" data-testid="trend-difference">
        {formatPoints(cells.difference, locale)}
        {cells.drop && (
          <strong className="badge drop-badge" data-testid="trend-drop">
            {t('reportsDropBadge')}
          </strong>
        )}
      </td>
      <td className="number">{cells.thisYear ? cells.thisYear.answered : NOT_SHOWN}</td>
    </>
  );
}

function groupsOf(
  item: TrendItem,
  breakdown: Breakdown,
): { group: string; label: MessageKey | undefined; cells: Cells }[] {
  const keys: Record<string, MessageKey> = groupKeys[breakdown];
  return item.breakdowns[breakdown].map((g) => ({
    group: g.group,
    label: keys[g.group],
    cells: g,
  }));
}

function TrendsTable({
  report,
  breakdown,
  dropsOnly,
}: {
  report: AnswerTrendsReport;
  breakdown: Breakdown | null;
  dropsOnly: boolean;
}) {
  const { t, locale } = useT();
  const items = report.items.filter(
    (item) =>
      !dropsOnly ||
      item.all.drop ||
      (breakdown !== null && item.breakdowns[breakdown].some((g) => g.drop)),
  );
  const year = (fy: number) => formatFiscalYear(fy, locale);
  return (
    <div className="table-scroll">
      <table className="data-table report-table trends-table" data-testid="trends-table">
        <caption>{t('reportsTrendsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="number">
              {t('reportsColNo')}
            </th>
            <th scope="col">{t('reportsColStatement')}</th>
            {breakdown && <th scope="col">{t(breakdownKeys[breakdown])}</th>}
            <th scope="col" className="number">
              {t('reportsColRateOf', { year: year(report.lastFiscalYear) })}
            </th>
            <th scope="col" className="number">
              {t('reportsColRateOf', { year: year(report.round.fiscalYear) })}
            </th>
            <th scope="col" className="number">
              {t('reportsColDifference')}
            </th>
            <th scope="col" className="number">
              {t('reportsColAnswered')}
            </th>
          </tr>
        </thead>
        {items.length === 0 && (
          <tbody>
            <tr>
              <td colSpan={breakdown ? 7 : 6}>{t('reportsNoDrops')}</td>
            </tr>
          </tbody>
        )}
        {items.map((item) => {
          const groups = breakdown ? groupsOf(item, breakdown) : [];
          const span = groups.length + 1;
          return (
            <tbody key={item.itemId} data-testid="trend-item">
              <tr className={item.all.drop ? 'drop' : undefined}>
                <th scope={breakdown ? 'rowgroup' : 'row'} rowSpan={span} className="number">
                  {item.no}
                </th>
                <th scope={breakdown ? 'rowgroup' : 'row'} rowSpan={span} className="long-text">
                  {item.label[locale]}
                </th>
                {breakdown && <th scope="row">{t('reportsGroupAll')}</th>}
                <Figures cells={item.all} />
              </tr>
              {groups.map((g) => (
                <tr
                  key={g.group}
                  className={g.cells.drop ? 'drop' : undefined}
                  data-testid="trend-group"
                >
                  <th scope="row">{g.label ? t(g.label) : g.group}</th>
                  <Figures cells={g.cells} />
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

function NoSharesTable({
  report,
  onNarrow,
}: {
  report: NoSharesReport;
  onNarrow: ((unitId: string) => void) | null;
}) {
  const { t, locale } = useT();
  const whole = report.unit ? unitName(report.unit, locale) : t('reportsCity');
  return (
    <div className="table-scroll">
      <table className="data-table report-table" data-testid="no-shares-table">
        <caption>{t('reportsNoSharesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="number">
              {t('reportsColNo')}
            </th>
            <th scope="col">{t('reportsColCheck')}</th>
            <th scope="col" className="number">
              {whole}
            </th>
            <th scope="col" className="number">
              {t('reportsColYesNoAnswered')}
            </th>
            {report.columns.map(({ unit, own }) => (
              <th key={`${unit.id}-${own}`} scope="col" className="number">
                {own || !onNarrow ? (
                  <>
                    {unitName(unit, locale)}
                    {own && <span className="meta">{t('reportsOwnSheets')}</span>}
                  </>
                ) : (
                  <button type="button" className="link-button" onClick={() => onNarrow(unit.id)}>
                    {unitName(unit, locale)}
                    <span className="visually-hidden">{t('reportsNarrowToUnit')}</span>
                  </button>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.items.map((item) => (
            <tr key={item.itemId} data-testid="no-share-item">
              <th scope="row" className="number">
                {item.no}
              </th>
              <th scope="row" className="long-text">
                {item.label[locale]}
              </th>
              <td className="number">{formatRate(item.total?.noShare ?? null)}</td>
              <td className="number">{item.total ? item.total.yes + item.total.no : NOT_SHOWN}</td>
              {item.units.map((cell, i) => (
                <td key={i} className="number">
                  {formatRate(cell?.noShare ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AnswersView({
  fiscalYear,
  round,
  unitId,
  unitLabel,
  templateTitle,
  online,
  onNarrow,
}: {
  fiscalYear: number;
  round: RoundChoice | null;
  /** The unit chosen; null for the whole city. */
  unitId: string | null;
  /** A unit's name by id, as far as the device knows it. */
  unitLabel(unitId: string): string;
  templateTitle(templateId: string): string;
  online: boolean;
  onNarrow(unitId: string): void;
}) {
  const { t, locale } = useT();
  const [breakdown, setBreakdown] = useState<Breakdown | null>(null);
  const [dropsOnly, setDropsOnly] = useState(false);
  const templateId = round?.templateId;
  const period = round?.period;
  const query = useMemo(
    () =>
      templateId && period
        ? { templateId, fiscalYear, period, ...(unitId ? { unitId } : {}) }
        : null,
    [templateId, fiscalYear, period, unitId],
  );
  const loadTrends = useMemo(
    () => (query ? () => callApi(operations.getAnswerTrends, { query }) : null),
    [query],
  );
  const loadNoShares = useMemo(
    () => (query ? () => callApi(operations.getNoShares, { query }) : null),
    [query],
  );
  const trendsView = useReport('answerTrends', loadTrends, online);
  const noSharesView = useReport('noShares', loadNoShares, online);
  const trends = trendsView.report;
  const shares = noSharesView.report;

  const covers = (r: AnswerTrendsReport['round']) =>
    t('reportsAnswersCovers', {
      year: formatFiscalYear(r.fiscalYear, locale),
      round: t('reportsRoundName', {
        title: templateTitle(r.templateId),
        period: formatPeriod(r.period, locale),
      }),
      unit: r.unitId ? unitLabel(r.unitId) : t('reportsCity'),
    });

  // Offline there is no list of rounds: the kept reports, or the word that there are none.
  if (online && !round && !trends && !shares)
    return <p className="notice">{t('reportsChooseRound')}</p>;
  return (
    <div className="answers-view" data-testid="answers-view">
      <section aria-labelledby="trends-title" className="report-section">
        <h3 id="trends-title">{t('reportsTrendsTitle')}</h3>
        <ReportStatus view={trendsView} generatedAt={trends?.generatedAt ?? null} online={online} />
        {trends && (
          <>
            <p className="report-covers">{covers(trends.round)}</p>
            {trends.items.length === 0 ? (
              <p>{t('reportsNoStatements')}</p>
            ) : (
              <>
                <p className="meta">
                  {t('reportsRespondents', {
                    thisYear: formatFiscalYear(trends.round.fiscalYear, locale),
                    lastYear: formatFiscalYear(trends.lastFiscalYear, locale),
                    thisCount: trends.respondents.thisYear,
                    lastCount: trends.respondents.lastYear,
                  })}
                </p>
                <p className="hint">
                  {t('reportsHiddenHint', { minimum: trends.minimumGroup })}{' '}
                  {t('reportsDropHint', { points: trends.dropPoints })}
                </p>
                <div className="report-controls">
                  <label>
                    {t('reportsBreakdown')}
                    <select
                      value={breakdown ?? ''}
                      onChange={(e) =>
                        setBreakdown(e.target.value === '' ? null : (e.target.value as Breakdown))
                      }
                    >
                      <option value="">{t('reportsBreakdownNone')}</option>
                      {breakdowns.map((b) => (
                        <option key={b} value={b}>
                          {t(breakdownKeys[b])}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={dropsOnly}
                      onChange={(e) => setDropsOnly(e.target.checked)}
                    />
                    {t('reportsDropsOnly', { points: trends.dropPoints })}
                  </label>
                </div>
                <TrendsTable report={trends} breakdown={breakdown} dropsOnly={dropsOnly} />
              </>
            )}
          </>
        )}
        {query && (
          <DownloadLinks
            what={t('reportsTrendsTitle')}
            online={online}
            downloads={(['csv', 'xlsx'] as const).map((format) => ({
              format,
              href: downloadUrl(operations.getAnswerTrends, { ...query, format, lang: locale }),
            }))}
          />
        )}
      </section>
      <section aria-labelledby="no-shares-title" className="report-section">
        <h3 id="no-shares-title">{t('reportsNoSharesTitle')}</h3>
        <ReportStatus
          view={noSharesView}
          generatedAt={shares?.generatedAt ?? null}
          online={online}
        />
        {shares && (
          <>
            <p className="report-covers">{covers(shares.round)}</p>
            {shares.items.length === 0 ? (
              <p>{t('reportsNoChecks')}</p>
            ) : (
              <>
                <p className="hint">{t('reportsNoSharesHint', { minimum: shares.minimumGroup })}</p>
                <NoSharesTable
                  report={shares}
                  onNarrow={online && !noSharesView.kept ? onNarrow : null}
                />
              </>
            )}
          </>
        )}
        {query && (
          <DownloadLinks
            what={t('reportsNoSharesTitle')}
            online={online}
            downloads={(['csv', 'xlsx'] as const).map((format) => ({
              format,
              href: downloadUrl(operations.getNoShares, { ...query, format, lang: locale }),
            }))}
          />
        )}
      </section>
    </div>
  );
}
