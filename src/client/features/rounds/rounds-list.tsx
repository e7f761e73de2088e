// 開始済みの実施回: each round with its sheet, year and period (in 和暦), due date, how many
// units it reaches, who started it, and its sheets by state in the units the person sees.
import type { RoundListing } from '@/shared/api/schemas.ts';
import { dateInJapan, formatDate, formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import type { Template } from '@/shared/schemas/template.ts';
import { useT } from '../../i18n/use-t.ts';

export function RoundsList({
  rounds,
  templates,
}: {
  rounds: readonly RoundListing[];
  templates: readonly Template[];
}) {
  const { t, locale } = useT();
  const titleOf = (id: string) => templates.find((x) => x.id === id)?.title[locale] ?? id;
  return (
    <section className="rounds-list" aria-labelledby="rounds-list-title">
      <h3 id="rounds-list-title">{t('roundsListTitle')}</h3>
      {rounds.length === 0 ? (
        <p>{t('roundsListEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="rounds-table">
            <caption className="visually-hidden">{t('roundsListTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roundsColumnSheet')}</th>
                <th scope="col">{t('roundsColumnPeriod')}</th>
                <th scope="col">{t('dueDate')}</th>
                <th scope="col">{t('roundsColumnUnits')}</th>
                <th scope="col">{t('roundsColumnStartedBy')}</th>
                <th scope="col">{t('roundsColumnProgress')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map(({ round, startedByName, counts }) => (
                <tr key={round.id}>
                  <th scope="row">{titleOf(round.templateId)}</th>
                  <td>{formatFiscalPeriod(round.fiscalYear, round.period, locale)}</td>
                  <td>{formatDate(round.dueDate, locale)}</td>
                  <td className="number">
                    {t('roundsUnitCount', { count: round.unitIds.length })}
                  </td>
                  <td>
                    {t('roundsStartedBy', {
                      name: startedByName ?? t('roundsStartedUnknown'),
                      date: formatDate(dateInJapan(new Date(round.startedAt)), locale),
                    })}
                  </td>
                  <td>{t('roundsProgress', counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
