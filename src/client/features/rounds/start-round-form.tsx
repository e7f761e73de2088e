// 実施回を開始する: the template, the fiscal year (in 和暦) and period, the due date and the
// units. A round that exists already keeps its due date, and the chosen units join it; when
// the person cannot see that round (it reaches only other units), the refusal names its due
// date and offers to take it.
import { useDeferredValue, useRef, useState, type FormEvent } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { ExistingRound, RoundListing } from '@/shared/api/schemas.ts';
import {
  dateInJapan,
  formatDate,
  formatFiscalYear,
  formatPeriod,
  periods,
  type Period,
} from '@/shared/fiscal-year.ts';
import type { RoundConflict } from '@/shared/rounds.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import type { Template } from '@/shared/schemas/template.ts';
import { callApi } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { fiscalYearChoices, problemOf, roundConflictOf, unitName } from './rounds-text.ts';
import { ProblemLine, StatusLine } from '../../components/notices.tsx';

/** Full-width letters and spaces do not stop a match. */
function searchable(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function StartRoundForm({
  templates,
  units,
  rounds,
  online,
  chooseAll,
  onStarted,
}: {
  templates: readonly Template[];
  /** The units the person may start rounds for. */
  units: readonly Unit[];
  rounds: readonly RoundListing[];
  online: boolean;
  /** A chief starts for their whole unit tree as a rule: every unit starts chosen. */
  chooseAll: boolean;
  onStarted(): void;
}) {
  const { t, locale } = useT();
  const today = dateInJapan(new Date());
  const years = fiscalYearChoices(new Date());
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [fiscalYear, setFiscalYear] = useState(years[0] ?? 0);
  const [period, setPeriod] = useState<Period>('annual');
  const [typedDue, setTypedDue] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(chooseAll ? units.map((u) => u.id) : []),
  );
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [conflict, setConflict] = useState<{
    selection: string;
    code: RoundConflict;
    round: ExistingRound;
  } | null>(null);
  const [done, setDone] = useState<{ created: number; carriedForward: number } | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);

  const template = templates.find((x) => x.id === templateId);
  const existing = rounds.find(
    ({ round }) =>
      round.templateId === templateId && round.fiscalYear === fiscalYear && round.period === period,
  )?.round;
  const dueDate = existing ? existing.dueDate : typedDue;
  const selection = `${templateId} ${fiscalYear} ${period}`;
  // Said of the round chosen when it was refused; once another is chosen it no longer applies.
  const refusal = conflict?.selection === selection ? conflict : null;
  // A due date already past would only be refused in turn (due_date_past).
  const offeredDue =
    refusal?.code === 'round_other_due_date' && !existing && refusal.round.dueDate >= today
      ? refusal.round.dueDate
      : null;
  const query = searchable(deferredFilter);
  const shown = units.filter(
    (u) => query === '' || searchable(`${u.name} ${u.nameEn ?? ''} ${u.code}`).includes(query),
  );

  function toggle(id: string, on: boolean) {
    setChosen((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function takeDueDate(date: string) {
    setTypedDue(date);
    setProblem(null);
    setConflict(null);
    // The offer goes away with the problem; the next step is to start again.
    startButton.current?.focus();
  }

  async function start(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setConflict(null);
    if (!template) return;
    if (chosen.size === 0) return setProblem('roundsNoUnits');
    if (dueDate === '') return setProblem('roundsNoDueDate');
    setBusy(true);
    setProblem(null);
    try {
      const answer = await callApi(operations.startRound, {
        body: {
          templateId: template.id,
          // A round keeps the version it started with; units join it on that version.
          templateVersion: existing?.templateVersion ?? template.version,
          fiscalYear,
          period,
          dueDate,
          // In the order of the list, whatever order they were ticked in.
          unitIds: units.filter((u) => chosen.has(u.id)).map((u) => u.id),
        },
      });
      setDone({ created: answer.created, carriedForward: answer.carriedForward });
      onStarted();
    } catch (error) {
      setProblem(problemOf(error));
      const named = roundConflictOf(error);
      setConflict(named && { selection, ...named });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form start-round"
      noValidate
      aria-labelledby="start-round-title"
      aria-busy={busy}
      onSubmit={(e) => void start(e)}
    >
      <h3 id="start-round-title">{t('roundsStartTitle')}</h3>
      <p className="hint">{t('roundsStartIntro')}</p>
      <label>
        {t('roundsTemplate')}
        <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {t('roundsTemplateOption', { title: x.title[locale], version: x.version })}
            </option>
          ))}
        </select>
      </label>
      <div className="field-row">
        <label>
          {t('roundsFiscalYear')}
          <select value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))}>
            {years.map((year) => (
              <option key={year} value={year}>
                {formatFiscalYear(year, locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('roundsPeriod')}
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {formatPeriod(p, locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dueDate')}
          <input
            type="date"
            required
            min={today}
            value={dueDate}
            readOnly={existing !== undefined}
            aria-describedby="start-round-due"
            onChange={(e) => setTypedDue(e.target.value)}
          />
        </label>
      </div>
      <p id="start-round-due" className="meta" aria-live="polite">
        {existing
          ? t('roundsExisting', { date: formatDate(existing.dueDate, locale) })
          : /^\d{4}-\d{2}-\d{2}$/.test(dueDate)
            ? t('roundsDueOn', { date: formatDate(dueDate, locale) })
            : ''}
      </p>
      <fieldset className="unit-choice">
        <legend>{t('roundsUnits')}</legend>
        {units.length > 8 && (
          <div className="search">
            <label htmlFor="start-round-filter">{t('roundsUnitsFilter')}</label>
            <input
              id="start-round-filter"
              type="search"
              autoComplete="off"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
        )}
        <div className="row-actions">
          <button
            type="button"
            onClick={() => setChosen((before) => new Set([...before, ...shown.map((u) => u.id)]))}
          >
            {t('roundsUnitsSelectShown')}
          </button>
          <button type="button" onClick={() => setChosen(new Set())}>
            {t('roundsUnitsClear')}
          </button>
        </div>
        <p className="meta" aria-live="polite">
          {t('roundsUnitsChosen', { count: chosen.size })}
        </p>
        {shown.length === 0 ? (
          <p>{t('roundsUnitsNoMatch')}</p>
        ) : (
          <ul className="unit-list">
            {shown.map((u) => (
              <li key={u.id}>
                <label className="check-label">
                  <input
                    type="checkbox"
                    checked={chosen.has(u.id)}
                    onChange={(e) => toggle(u.id, e.target.checked)}
                  />
                  {t('unitLabel', { name: unitName(u, locale), code: u.code })}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <ProblemLine>
        {refusal
          ? refusal.code === 'round_other_due_date'
            ? t('roundsErrorOtherDueOn', { date: formatDate(refusal.round.dueDate, locale) })
            : t('roundsErrorOtherVersionOf', { version: refusal.round.templateVersion })
          : problem && t(problem)}
      </ProblemLine>
      {offeredDue && (
        <div className="row-actions">
          <button type="button" onClick={() => takeDueDate(offeredDue)}>
            {t('roundsUseDueDate')}
          </button>
        </div>
      )}
      <StatusLine testId="start-round-status">
        {done
          ? [
              done.created > 0
                ? t('roundsCreated', { count: done.created })
                : t('roundsCreatedNone'),
              done.carriedForward > 0 ? t('roundsCarried', { count: done.carriedForward }) : '',
            ]
              .filter((text) => text !== '')
              .join(' ')
          : ''}
      </StatusLine>
      <div className="actions">
        <button
          ref={startButton}
          type="submit"
          className="primary"
          disabled={busy || !online || !template}
        >
          {t('roundsStart')}
        </button>
      </div>
    </form>
  );
}
