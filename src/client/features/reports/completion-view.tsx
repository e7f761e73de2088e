// The completion dashboard: for a fiscal year (or one round of it), the city's figures, then
// the units directly below the one looked at with a chart and a sortable table; a unit opens
// the units below it, and a section lists its sheets. The last dashboard fetched is kept on
// the device and shown, with when it was made, when the server cannot be reached.
import { useCallback, useEffect, useRef, useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { CompletionReport } from '@/shared/api/schemas.ts';
import { formatFiscalYear, formatPeriod } from '@/shared/fiscal-year.ts';
import { cellText, type CellFormat } from '@/shared/metrics/report-tables.ts';
import { callApi, downloadUrl } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { CompletionChart } from './completion-chart.tsx';
import {
  chartOrder,
  childrenOf,
  completionColumns,
  nextSort,
  pathTo,
  sortRows,
  type CompletionColumn,
  type CompletionRow,
  type Sort,
  type SortKey,
} from './completion-rows.ts';
import { DownloadLinks } from './download-links.tsx';
import type { RoundChoice } from './report-selection.ts';
import { ReportStatus } from './report-status.tsx';
import { unitName } from './report-text.ts';
import { unitKindKeys } from '../../i18n/organisation-text.ts';
import { UnitSheets } from './unit-sheets.tsx';
import { useReport } from './use-report.ts';

const columnText: Record<CompletionColumn, { label: MessageKey; format: CellFormat }> = {
  assigned: { label: 'reportsColAssigned', format: 'count' },
  draft: { label: 'reportsColDraft', format: 'count' },
  submitted: { label: 'reportsColSubmitted', format: 'count' },
  returned: { label: 'reportsColReturned', format: 'count' },
  approved: { label: 'reportsColApproved', format: 'count' },
  overdue: { label: 'reportsColOverdue', format: 'count' },
  completionRate: { label: 'reportsColCompletionRate', format: 'rate' },
  approvalRate: { label: 'reportsColApprovalRate', format: 'rate' },
  medianDaysToApproval: { label: 'reportsColMedianDays', format: 'days' },
};

/** Units whose sheets are listed when opened: sections, offices, subsections, and any leaf. */
const listsSheets = (row: CompletionRow, children: readonly CompletionRow[]) =>
  children.length === 0 || ['section', 'office', 'subsection'].includes(row.unit.kind);

type Figures = CompletionReport['city'];

function Summary({ figures }: { figures: Figures }) {
  const { t, locale } = useT();
  return (
    <dl className="report-summary" data-testid="completion-summary">
      {completionColumns.map((key) => (
        <div key={key} className={key === 'overdue' && figures.overdue > 0 ? 'overdue' : ''}>
          <dt>{t(columnText[key].label)}</dt>
          <dd data-testid={`summary-${key}`}>
            {cellText(figures[key], columnText[key].format, locale)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function CompletionView({
  fiscalYear,
  round,
  roundsShown,
  templateTitle,
  online,
}: {
  fiscalYear: number;
  /** One round of the year, or null for all of them. */
  round: RoundChoice | null;
  /** The rounds the figures count, to list a section's sheets by; kept stable. */
  roundsShown: readonly RoundChoice[];
  templateTitle(templateId: string): string;
  online: boolean;
}) {
  const { t, locale } = useT();
  const templateId = round?.templateId;
  const period = round?.period;
  const load = useCallback(
    () =>
      callApi(operations.getCompletionReport, {
        query: { fiscalYear, ...(templateId && period ? { templateId, period } : {}) },
      }),
    [fiscalYear, templateId, period],
  );
  const view = useReport('completion', load, online);
  const report = view.report;
  const [focusId, setFocusId] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>(chartOrder);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = false;
  }, [focusId]);

  function open(unitId: string | null) {
    moved.current = true;
    setFocusId(unitId);
  }

  const path = report ? pathTo(report, focusId) : [];
  const focus = path.at(-1) ?? null;
  const children = report ? childrenOf(report, focus?.unit.id ?? null) : [];
  const rows = sortRows(children, sort);
  const levelName = focus ? unitName(focus.unit, locale) : t('reportsCity');
  const covers = report
    ? t('reportsCompletionCovers', {
        year: formatFiscalYear(report.fiscalYear, locale),
        round:
          report.templateId && report.period
            ? t('reportsRoundName', {
                title: templateTitle(report.templateId),
                period: formatPeriod(report.period, locale),
              })
            : t('reportsAllRounds'),
      })
    : null;
  const fileQuery = { fiscalYear, ...(templateId && period ? { templateId, period } : {}) };

  return (
    <div className="completion-view" data-testid="completion-view">
      <ReportStatus view={view} generatedAt={report?.generatedAt ?? null} online={online} />
      {report && (
        <>
          <p className="report-covers" data-testid="report-covers">
            {covers}
          </p>
          <nav className="report-path" aria-label={t('reportsPathLabel')}>
            <ol>
              <li>
                {focus ? (
                  <button type="button" onClick={() => open(null)}>
                    {t('reportsCity')}
                  </button>
                ) : (
                  <span aria-current="location">{t('reportsCity')}</span>
                )}
              </li>
              {path.map((row) => (
                <li key={row.unit.id}>
                  {row === focus ? (
                    <span aria-current="location">{unitName(row.unit, locale)}</span>
                  ) : (
                    <button type="button" onClick={() => open(row.unit.id)}>
                      {unitName(row.unit, locale)}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          </nav>
          <h3 ref={heading} tabIndex={-1} id="completion-level">
            {t('reportsLevelTitle', { unit: levelName })}
          </h3>
          <Summary figures={focus ?? report.city} />
          {report.units.length === 0 && <p>{t('reportsCompletionEmpty')}</p>}
          {rows.length > 0 && (
            <>
              <CompletionChart rows={rows} title={t('reportsChartTitle', { unit: levelName })} />
              <div className="table-scroll">
                <table className="data-table report-table" data-testid="completion-table">
                  <caption>{t('reportsTableTitle', { unit: levelName })}</caption>
                  <thead>
                    <tr>
                      <SortHeader
                        column="unit"
                        label={t('reportsColUnit')}
                        sort={sort}
                        onSort={setSort}
                      />
                      {completionColumns.map((key) => (
                        <SortHeader
                          key={key}
                          column={key}
                          label={t(columnText[key].label)}
                          sort={sort}
                          onSort={setSort}
                          numeric
                        />
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.unit.id} data-testid="completion-row" data-unit={row.unit.code}>
                        <th scope="row">
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => open(row.unit.id)}
                          >
                            {unitName(row.unit, locale)}
                            <span className="visually-hidden">{t('reportsOpenUnit')}</span>
                          </button>
                          <span className="meta"> {t(unitKindKeys[row.unit.kind])}</span>
                        </th>
                        {completionColumns.map((key) => (
                          <td
                            key={key}
                            className={`number${key === 'overdue' && row.overdue > 0 ? ' overdue' : ''}`}
                            data-testid={`cell-${key}`}
                          >
                            {cellText(row[key], columnText[key].format, locale)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {focus && listsSheets(focus, children) && (
            <UnitSheets
              unit={focus.unit}
              fiscalYear={report.fiscalYear}
              rounds={roundsShown}
              templateTitle={templateTitle}
              online={online && !view.kept}
            />
          )}
        </>
      )}
      <DownloadLinks
        what={t('reportsCompletionFile')}
        online={online}
        downloads={(['csv', 'xlsx'] as const).map((format) => ({
          format,
          href: downloadUrl(operations.getCompletionReport, { ...fileQuery, format, lang: locale }),
        }))}
      />
    </div>
  );
}

function SortHeader({
  column,
  label,
  sort,
  onSort,
  numeric = false,
}: {
  column: SortKey;
  label: string;
  sort: Sort;
  onSort(next: Sort): void;
  numeric?: boolean;
}) {
  const { t } = useT();
  const active = sort.key === column;
  return (
    <th
      scope="col"
      className={numeric ? 'number' : undefined}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, column))}>
        {label}
        <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        <span className="visually-hidden">{t('reportsSortHint')}</span>
      </button>
    </th>
  );
}
