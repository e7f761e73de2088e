// 集計・報告 (for auditors): completion across the city, what the answers say, the risk
// register and a round's evidence, one address each, with the fiscal year, round and unit
// chosen once for all of them. Reports are made by the server; the last of each kind is kept
// on the device, so offline the screen shows those, saying when they were made.
import { useEffect, useMemo, useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { RoundListing } from '@/shared/api/schemas.ts';
import { dateInJapan, fiscalYearOf, formatFiscalYear, formatPeriod } from '@/shared/fiscal-year.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { callApi } from '../../api/api-client.ts';
import { useStoredTemplates } from '../../db/person-db.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { Link } from '../../navigation/link.tsx';
import { reportTabs, type ReportTab } from '../../navigation/router.ts';
import { useAppStore } from '../../store/app-store.ts';
import { AnswersView } from './answers-view.tsx';
import { CompletionView } from './completion-view.tsx';
import { EvidenceView } from './evidence-view.tsx';
import {
  fiscalYearsOf,
  hasAgreementStatements,
  hasCountedAnswers,
  roundsOfYear,
  unitTree,
  type RoundChoice,
} from './report-selection.ts';
import { unitName } from './report-text.ts';
import { RiskView } from './risk-view.tsx';

const tabLabels: Record<ReportTab, MessageKey> = {
  completion: 'reportsTabCompletion',
  answers: 'reportsTabAnswers',
  risks: 'reportsTabRisks',
  evidence: 'reportsTabEvidence',
};

/** What each report is chosen by, besides the fiscal year. */
const choices: Record<ReportTab, { round: 'optional' | 'required' | null; unit: boolean }> = {
  completion: { round: 'optional', unit: false },
  answers: { round: 'required', unit: true },
  risks: { round: null, unit: true },
  evidence: { round: 'required', unit: true },
};

export function ReportsScreen({ tab }: { tab: ReportTab }) {
  const { t, locale } = useT();
  const online = useAppStore((s) => s.online);
  const templates = useStoredTemplates();
  const [currentYear] = useState(() => fiscalYearOf(dateInJapan(new Date())));
  const [fiscalYear, setFiscalYear] = useState(currentYear);
  /** The round chosen (roundKey); '' for every round of the year, where a report allows it. */
  const [chosenRound, setChosenRound] = useState('');
  const [unitId, setUnitId] = useState('');
  const [rounds, setRounds] = useState<RoundListing[] | null>(null);
  const [units, setUnits] = useState<Unit[] | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    // Without them only this fiscal year and the whole city can be chosen; each report says
    // for itself when the server cannot be reached.
    callApi(operations.listRounds).then(
      (answer) => {
        if (current) setRounds(answer.rounds);
      },
      () => undefined,
    );
    callApi(operations.listUnits).then(
      (answer) => {
        if (current) setUnits(answer.units);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [online]);

  const templateOf = (id: string) => templates?.find((s) => s.id === id)?.template;
  const templateTitle = (id: string) => templateOf(id)?.title[locale] ?? id;
  const yearRounds = useMemo(() => roundsOfYear(rounds ?? [], fiscalYear), [rounds, fiscalYear]);
  const answerRounds = useMemo(
    () =>
      yearRounds.filter((r) =>
        hasCountedAnswers(templates?.find((s) => s.id === r.templateId)?.template),
      ),
    [yearRounds, templates],
  );
  const roundChoices = tab === 'answers' ? answerRounds : yearRounds;
  const firstRound =
    (tab === 'answers'
      ? roundChoices.find((r) => hasAgreementStatements(templateOf(r.templateId)))
      : undefined) ?? roundChoices[0];
  const round: RoundChoice | null =
    roundChoices.find((r) => r.key === chosenRound) ??
    (choices[tab].round === 'required' ? (firstRound ?? null) : null);
  const completionRound = tab === 'completion' ? round : null;
  const roundsShown = useMemo(
    () => (completionRound ? [completionRound] : yearRounds),
    [completionRound, yearRounds],
  );
  const years = fiscalYearsOf(rounds ?? [], currentYear);
  const tree = useMemo(() => unitTree(units ?? []), [units]);
  const unitLabel = (id: string) => {
    const unit = units?.find((u) => u.id === id);
    return unit ? unitName(unit, locale) : id;
  };
  const unit = choices[tab].unit && unitId !== '' ? unitId : null;

  return (
    <section className="reports" aria-labelledby="reports-title" data-testid="reports">
      <h2 id="reports-title">{t('reportsTitle')}</h2>
      <nav className="report-tabs" aria-label={t('reportsTabsLabel')}>
        {reportTabs.map((id) => (
          <Link
            key={id}
            to={{ name: 'reports', tab: id }}
            aria-current={id === tab ? 'page' : undefined}
          >
            {t(tabLabels[id])}
          </Link>
        ))}
      </nav>
      <div className="report-panel">
        <div className="report-controls" role="group" aria-label={t('reportsChoicesLabel')}>
          <label>
            {t('reportsFiscalYear')}
            <select
              value={fiscalYear}
              disabled={!online}
              onChange={(e) => setFiscalYear(Number(e.target.value))}
            >
              {years.map((year) => (
                <option key={year} value={year}>
                  {formatFiscalYear(year, locale)}
                </option>
              ))}
            </select>
          </label>
          {choices[tab].round && (
            <label>
              {t('reportsRound')}
              <select
                value={round?.key ?? ''}
                disabled={!online}
                onChange={(e) => setChosenRound(e.target.value)}
              >
                {choices[tab].round === 'optional' && (
                  <option value="">{t('reportsAllRounds')}</option>
                )}
                {roundChoices.map((r) => (
                  <option key={r.key} value={r.key}>
                    {t('reportsRoundName', {
                      title: templateTitle(r.templateId),
                      period: formatPeriod(r.period, locale),
                    })}
                  </option>
                ))}
              </select>
            </label>
          )}
          {choices[tab].unit && (
            <label>
              {t('reportsUnit')}
              <select value={unitId} disabled={!online} onChange={(e) => setUnitId(e.target.value)}>
                <option value="">{t('reportsCity')}</option>
                {tree.map(({ unit: u, depth }) => (
                  <option key={u.id} value={u.id}>
                    {`${'\u3000'.repeat(depth)}${unitName(u, locale)}`}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {!online && <p className="hint">{t('reportsChoicesOffline')}</p>}
        {tab === 'completion' && (
          <CompletionView
            fiscalYear={fiscalYear}
            round={round}
            roundsShown={roundsShown}
            templateTitle={templateTitle}
            online={online}
          />
        )}
        {tab === 'answers' && (
          <AnswersView
            fiscalYear={fiscalYear}
            round={round}
            unitId={unit}
            unitLabel={unitLabel}
            templateTitle={templateTitle}
            online={online}
            onNarrow={setUnitId}
          />
        )}
        {tab === 'risks' && (
          <RiskView fiscalYear={fiscalYear} unitId={unit} unitLabel={unitLabel} online={online} />
        )}
        {tab === 'evidence' && (
          <EvidenceView
            fiscalYear={fiscalYear}
            round={round}
            unitId={unit}
            templateTitle={templateTitle}
            online={online}
          />
        )}
      </div>
    </section>
  );
}
