// A unit's sheets, read-only: for each round shown on the dashboard, who fills each sheet in,
// where it stands, its due date and last submission, as the server has them now (so only
// online). A sheet this device holds links to its print view; the others are listed only.
import { useEffect, useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { RoundProgressSheet } from '@/shared/api/schemas.ts';
import { formatDate, formatPeriod } from '@/shared/fiscal-year.ts';
import { NOT_SHOWN } from '@/shared/metrics/tenths.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { callApi } from '../../api/api-client.ts';
import { LoadProblem } from '../../components/notices.tsx';
import { useHeldSheetIds } from '../../db/report-cache.ts';
import { instantText } from '../../i18n/answer-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { roundSheetOwnerText } from '../../i18n/round-sheet-owner.ts';
import { useT } from '../../i18n/use-t.ts';
import { Link } from '../../navigation/link.tsx';
import type { RoundChoice } from './report-selection.ts';
import { problemOf, stateKeys, unitName } from './report-text.ts';

interface Listed extends RoundProgressSheet {
  round: RoundChoice;
}

export function UnitSheets({
  unit,
  fiscalYear,
  rounds,
  templateTitle,
  online,
}: {
  unit: Unit;
  fiscalYear: number;
  /** The rounds the dashboard counts (the one chosen, or every round of the year); kept stable. */
  rounds: readonly RoundChoice[];
  templateTitle(templateId: string): string;
  online: boolean;
}) {
  const { t, locale } = useT();
  const key = `${unit.id}|${fiscalYear}|${rounds.map((r) => r.key).join(',')}`;
  const [listed, setListed] = useState<{ key: string; rows: Listed[] } | null>(null);
  const [problem, setProblem] = useState<{ key: string; problem: MessageKey } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const held = useHeldSheetIds(listed?.key === key ? listed.rows.map((r) => r.sheetId) : []);

  useEffect(() => {
    if (!online) return;
    let current = true;
    Promise.all(
      rounds.map(async (round) => {
        const progress = await callApi(operations.getRoundProgress, {
          query: {
            templateId: round.templateId,
            fiscalYear,
            period: round.period,
            unitId: unit.id,
          },
        });
        return progress.sheets.map((sheet): Listed => ({ ...sheet, round }));
      }),
    ).then(
      (lists) => {
        if (current) setListed({ key, rows: lists.flat() });
      },
      (error: unknown) => {
        if (current) setProblem({ key, problem: problemOf(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [key, unit.id, fiscalYear, rounds, online, attempt]);

  const rows = listed?.key === key ? listed.rows : null;
  const failed = problem?.key === key ? problem.problem : null;
  const titleId = `unit-sheets-${unit.id}`;
  return (
    <section className="unit-sheets" aria-labelledby={titleId} data-testid="unit-sheets">
      <h4 id={titleId}>{t('reportsSheetsTitle', { unit: unitName(unit, locale) })}</h4>
      {!online ? (
        <p className="notice">{t('reportsSheetsNeedNetwork')}</p>
      ) : failed ? (
        <LoadProblem problem={failed} online={online} onRetry={() => setAttempt((n) => n + 1)} />
      ) : rows === null ? (
        <p>{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('reportsSheetsNone')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table report-table">
            <thead>
              <tr>
                <th scope="col">{t('reportsSheetOwner')}</th>
                <th scope="col">{t('reportsSheetRound')}</th>
                <th scope="col">{t('reportsSheetState')}</th>
                <th scope="col">{t('reportsSheetDue')}</th>
                <th scope="col">{t('reportsSheetSubmitted')}</th>
                <th scope="col">{t('reportsSheetPrint')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const owner = roundSheetOwnerText(row, locale);
                return (
                  <tr key={row.sheetId} data-testid="unit-sheet">
                    <th scope="row">
                      {owner}
                      {row.unitId !== unit.id && row.owner.kind !== 'workplace' && (
                        <span className="meta"> {row.unitName}</span>
                      )}
                    </th>
                    <td>
                      {t('reportsRoundName', {
                        title: templateTitle(row.round.templateId),
                        period: formatPeriod(row.round.period, locale),
                      })}
                    </td>
                    <td>{t(stateKeys[row.state])}</td>
                    <td>
                      {formatDate(row.dueDate, locale)}
                      {row.overdue && (
                        <strong className="badge overdue-badge">{t('reportsOverdueBadge')}</strong>
                      )}
                    </td>
                    <td>{row.submittedAt ? instantText(row.submittedAt, locale) : NOT_SHOWN}</td>
                    <td>
                      {held?.has(row.sheetId) ? (
                        <Link
                          className="button-link"
                          to={{ name: 'print', sheetId: row.sheetId }}
                          aria-label={t('reportsSheetPrintLabel', { owner })}
                        >
                          {t('reportsSheetPrintLink')}
                        </Link>
                      ) : (
                        <span className="meta">{t('reportsSheetNotHeld')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
