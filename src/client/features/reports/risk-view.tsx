// The risk register of a fiscal year, as the internal-control evaluation report needs it:
// every workplace's risks with likelihood × impact and the state of the countermeasure (those
// past their due date marked), the deficiencies by type (整備上 / 運用上 / 重大) with their
// cause and response, and the counts per unit. Long lists show their first rows at first.
import { useCallback, useState, type ReactNode } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { RiskRegisterReport } from '@/shared/api/schemas.ts';
import { formatDate, formatFiscalYear } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import { deficiencyTypes, riskCountKeys } from '@/shared/metrics/risk-register.ts';
import { NOT_SHOWN } from '@/shared/metrics/tenths.ts';
import { callApi, downloadUrl } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { DownloadLinks } from './download-links.tsx';
import { ReportStatus } from './report-status.tsx';
import {
  deficiencyTypeKeys,
  priorityKeys,
  stateKeys,
  statusKeys,
  unitName,
} from './report-text.ts';
import { unitKindKeys } from '../../i18n/organisation-text.ts';
import { useReport } from './use-report.ts';

/** Rows a list shows before "show all". */
const FIRST_ROWS = 100;

type Counts = RiskRegisterReport['total'];
const countText: Record<keyof Counts, MessageKey> = {
  sheets: 'reportsRiskSheets',
  risks: 'reportsRiskRisks',
  high: 'reportsRiskHigh',
  medium: 'reportsRiskMedium',
  low: 'reportsRiskLow',
  overdue: 'reportsRiskOverdue',
  deficiencies: 'reportsRiskDeficiencies',
  design: 'reportsDeficiencyDesign',
  operation: 'reportsDeficiencyOperation',
  material: 'reportsDeficiencyMaterial',
  openDeficiencies: 'reportsRiskOpenDeficiencies',
};

const priorityOrder = { high: 0, medium: 1, low: 2 } as const;

/** A date typed into a sheet, in the person's calendar; as typed when it is no date. */
function dateText(value: string | null, locale: Locale): string {
  if (value === null) return NOT_SHOWN;
  try {
    return formatDate(value, locale);
  } catch {
    return value;
  }
}

const text = (value: string | null) => value ?? NOT_SHOWN;

/** A list's first rows, and a button for the rest. */
function FirstRows<T>({
  rows,
  render,
}: {
  rows: readonly T[];
  render(rows: readonly T[]): ReactNode;
}) {
  const { t } = useT();
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <>
      {render(shown)}
      {shown.length < rows.length && (
        <p className="show-all">
          <button type="button" onClick={() => setAll(true)}>
            {t('reportsShowAll', { count: rows.length })}
          </button>
        </p>
      )}
    </>
  );
}

export function RiskView({
  fiscalYear,
  unitId,
  unitLabel,
  online,
}: {
  fiscalYear: number;
  unitId: string | null;
  unitLabel(unitId: string): string;
  online: boolean;
}) {
  const { t, locale } = useT();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const load = useCallback(
    () =>
      callApi(operations.getRiskRegister, {
        query: { fiscalYear, ...(unitId ? { unitId } : {}) },
      }),
    [fiscalYear, unitId],
  );
  const view = useReport('riskRegister', load, online);
  const report = view.report;
  const fileQuery = { fiscalYear, ...(unitId ? { unitId } : {}) };
  const files = (table: 'risks' | 'deficiencies' | 'units', what: string) => (
    <DownloadLinks
      what={what}
      online={online}
      downloads={[
        {
          format: 'csv',
          href: downloadUrl(operations.getRiskRegister, {
            ...fileQuery,
            table,
            format: 'csv',
            lang: locale,
          }),
        },
        {
          format: 'xlsx',
          href: downloadUrl(operations.getRiskRegister, {
            ...fileQuery,
            format: 'xlsx',
            lang: locale,
          }),
        },
      ]}
    />
  );

  const names = new Map(report?.units.map((u) => [u.unit.id, unitName(u.unit, locale)]));
  const nameOf = (id: string) => names.get(id) ?? unitLabel(id);
  const risks = (report?.risks ?? [])
    .filter((r) => !overdueOnly || r.overdue)
    .sort(
      (a, b) =>
        (a.priority ? priorityOrder[a.priority] : 3) - (b.priority ? priorityOrder[b.priority] : 3),
    );

  return (
    <div className="risk-view" data-testid="risk-view">
      <ReportStatus view={view} generatedAt={report?.generatedAt ?? null} online={online} />
      {report && (
        <>
          <p className="report-covers">
            {t('reportsRiskCovers', {
              year: formatFiscalYear(report.fiscalYear, locale),
              unit: report.unitId ? nameOf(report.unitId) : t('reportsCity'),
            })}
          </p>
          <dl className="report-summary" data-testid="risk-summary">
            {riskCountKeys.map((key) => (
              <div
                key={key}
                className={key === 'overdue' && report.total.overdue > 0 ? 'overdue' : ''}
              >
                <dt>{t(countText[key])}</dt>
                <dd>{report.total[key]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}

      <section className="report-section" aria-labelledby="risk-list-title">
        <h3 id="risk-list-title">{t('reportsRiskListTitle')}</h3>
        {report && (
          <>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={overdueOnly}
                onChange={(e) => setOverdueOnly(e.target.checked)}
              />
              {t('reportsRiskOverdueOnly')}
            </label>
            {risks.length === 0 ? (
              <p>{t(overdueOnly ? 'reportsRiskNoOverdue' : 'reportsRiskNone')}</p>
            ) : (
              <FirstRows
                key={`${overdueOnly}`}
                rows={risks}
                render={(shown) => (
                  <div className="table-scroll">
                    <table className="data-table report-table" data-testid="risk-table">
                      <caption className="visually-hidden">{t('reportsRiskListTitle')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('reportsColUnit')}</th>
                          <th scope="col">{t('reportsColProcess')}</th>
                          <th scope="col">{t('reportsColRisk')}</th>
                          <th scope="col">{t('reportsColLikelihoodImpact')}</th>
                          <th scope="col">{t('reportsColPriority')}</th>
                          <th scope="col">{t('reportsColCountermeasure')}</th>
                          <th scope="col">{t('reportsColOwner')}</th>
                          <th scope="col">{t('reportsColDue')}</th>
                          <th scope="col">{t('reportsColStatus')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {shown.map((r) => (
                          <tr key={`${r.sheetId}-${r.rowId}`} data-testid="risk-row">
                            <th scope="row">
                              {nameOf(r.unitId)}
                              <span className="meta"> {t(stateKeys[r.sheetState])}</span>
                            </th>
                            <td>{text(r.process)}</td>
                            <td className="long-text">{text(r.risk)}</td>
                            <td className="number">
                              {t('reportsLikelihoodImpact', {
                                likelihood: r.likelihood ?? NOT_SHOWN,
                                impact: r.impact ?? NOT_SHOWN,
                              })}
                            </td>
                            <td>
                              {r.priority ? (
                                <span className={`priority priority-${r.priority}`}>
                                  {t(priorityKeys[r.priority])}
                                </span>
                              ) : (
                                NOT_SHOWN
                              )}
                            </td>
                            <td className="long-text">{text(r.countermeasure)}</td>
                            <td>{text(r.owner)}</td>
                            <td>
                              {dateText(r.dueDate, locale)}
                              {r.overdue && (
                                <strong className="badge overdue-badge">
                                  {t('reportsOverdueBadge')}
                                </strong>
                              )}
                            </td>
                            <td>{r.status ? t(statusKeys[r.status]) : NOT_SHOWN}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              />
            )}
          </>
        )}
        {files('risks', t('reportsRiskListTitle'))}
      </section>

      <section className="report-section" aria-labelledby="deficiency-title">
        <h3 id="deficiency-title">{t('reportsDeficiencyTitle')}</h3>
        {report && report.deficiencies.length === 0 && <p>{t('reportsDeficiencyNone')}</p>}
        {report &&
          [...deficiencyTypes, null].map((type) => {
            const rows = report.deficiencies.filter((d) => d.type === type);
            if (rows.length === 0) return null;
            const title = t(type ? deficiencyTypeKeys[type] : 'reportsDeficiencyUntyped');
            const id = `deficiency-${type ?? 'untyped'}`;
            return (
              <section key={id} aria-labelledby={id} data-testid={id}>
                <h4 id={id}>
                  {title} <span className="count">{t('countItems', { count: rows.length })}</span>
                </h4>
                <FirstRows
                  rows={rows}
                  render={(shown) => (
                    <div className="table-scroll">
                      <table className="data-table report-table">
                        <caption className="visually-hidden">{title}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('reportsColUnit')}</th>
                            <th scope="col">{t('reportsColWhatHappened')}</th>
                            <th scope="col">{t('reportsColOccurredOn')}</th>
                            <th scope="col">{t('reportsColCause')}</th>
                            <th scope="col">{t('reportsColResponse')}</th>
                            <th scope="col">{t('reportsColPrevention')}</th>
                            <th scope="col">{t('reportsColStatus')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {shown.map((d) => (
                            <tr key={`${d.sheetId}-${d.rowId}`}>
                              <th scope="row">{nameOf(d.unitId)}</th>
                              <td className="long-text">{text(d.whatHappened)}</td>
                              <td>{dateText(d.occurredOn, locale)}</td>
                              <td className="long-text">{text(d.causeAnalysis)}</td>
                              <td className="long-text">{text(d.response)}</td>
                              <td className="long-text">{text(d.prevention)}</td>
                              <td>{d.status ? t(statusKeys[d.status]) : NOT_SHOWN}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                />
              </section>
            );
          })}
        {files('deficiencies', t('reportsDeficiencyTitle'))}
      </section>
      <section className="report-section" aria-labelledby="risk-units-title">
        <h3 id="risk-units-title">{t('reportsRiskUnitsTitle')}</h3>
        {report &&
          (report.units.length === 0 ? (
            <p>{t('reportsRiskNone')}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table report-table" data-testid="risk-units-table">
                <caption className="visually-hidden">{t('reportsRiskUnitsTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reportsColUnit')}</th>
                    {riskCountKeys.map((key) => (
                      <th key={key} scope="col" className="number">
                        {t(countText[key])}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.units.map(({ unit, depth, counts }) => (
                    <tr key={unit.id}>
                      <th scope="row" style={{ paddingInlineStart: `${0.75 + depth * 1.25}rem` }}>
                        {unitName(unit, locale)}
                        <span className="meta"> {t(unitKindKeys[unit.kind])}</span>
                      </th>
                      {riskCountKeys.map((key) => (
                        <td key={key} className="number">
                          {counts[key]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        {files('units', t('reportsRiskUnitsTitle'))}
      </section>
    </div>
  );
}
