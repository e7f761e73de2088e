// 代理: appointing someone to act as a unit's chief for a period, the appointments on record,
// and ending one early. The server keeps the record and decides, so this screen works only
// online and says so; the shared rules only shape what it offers.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { ActingAppointmentsResponse, ListedAppointment } from '@/shared/api/schemas.ts';
import { dateInJapan, formatDate } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import { mayAppointActing, type Actor } from '@/shared/permissions.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { callApi } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';
import { periodText, problemOf, statusKeys } from './acting-text.ts';
import {
  LoadProblem,
  NeedsNetworkNotice,
  ProblemLine,
  StatusLine,
} from '../../components/notices.tsx';

type Candidate = ActingAppointmentsResponse['candidates'][number];
/** What was just done, worded when shown (so it follows a change of language). */
type Notice = { kind: 'appointed' | 'ended'; appointment: ListedAppointment };

const unitName = (unit: Pick<Unit, 'name' | 'nameEn'>, locale: string) =>
  locale === 'en' && unit.nameEn ? unit.nameEn : unit.name;

function AppointForm({
  person,
  units,
  today,
  online,
  onAppointed,
}: {
  person: Actor;
  units: readonly Unit[];
  today: string;
  online: boolean;
  onAppointed(appointment: ListedAppointment): void;
}) {
  const { t, locale } = useT();
  const choices = useMemo(() => units.filter((u) => mayAppointActing(person, u)), [units, person]);
  const [unitId, setUnitId] = useState(() =>
    choices.some((u) => u.id === person.unitId) ? person.unitId : (choices[0]?.id ?? ''),
  );
  // Kept with the unit they belong to, so a change of unit shows none until its own arrive.
  const [loaded, setLoaded] = useState<{ unitId: string; list: Candidate[] } | null>(null);
  const candidates = loaded?.unitId === unitId ? loaded.list : null;
  const [personId, setPersonId] = useState('');
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(today);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!online || unitId === '') return;
    let current = true;
    callApi(operations.listActingAppointments, { query: { unitId } }).then(
      (answer) => {
        if (current) setLoaded({ unitId, list: answer.candidates });
      },
      (error: unknown) => {
        if (current) setProblem(problemOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [online, unitId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (startsOn < today) return setProblem('actingStartsInPast');
    if (endsOn < startsOn) return setProblem('actingDatesReversed');
    setBusy(true);
    setProblem(null);
    try {
      const { appointment } = await callApi(operations.appointActingChief, {
        body: { unitId, personId, startsOn, endsOn },
      });
      setPersonId('');
      onAppointed(appointment);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  if (choices.length === 0) return null;
  return (
    <form className="form panel" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy}>
      <h3>{t('actingFormTitle')}</h3>
      <label>
        {t('actingUnit')}
        <select
          value={unitId}
          onChange={(e) => {
            setUnitId(e.target.value);
            setPersonId('');
          }}
          disabled={!online}
        >
          {choices.map((u) => (
            <option key={u.id} value={u.id}>
              {t('unitLabel', { name: unitName(u, locale), code: u.code })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('actingPerson')}
        <select
          value={personId}
          required
          onChange={(e) => setPersonId(e.target.value)}
          disabled={!online || candidates === null || candidates.length === 0}
        >
          <option value="">{t('actingPersonChoose')}</option>
          {(candidates ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {t('personLabel', { name: c.name, staffNumber: c.staffNumber })}
            </option>
          ))}
        </select>
      </label>
      {candidates?.length === 0 && <p className="meta">{t('actingNoCandidates')}</p>}
      <label>
        {t('actingStartsOn')}
        <input
          type="date"
          required
          min={today}
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
        />
      </label>
      <label>
        {t('actingEndsOn')}
        <input
          type="date"
          required
          min={startsOn}
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
        />
      </label>
      <ProblemLine>{problem && t(problem)}</ProblemLine>
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={!online || busy || personId === '' || startsOn === '' || endsOn === ''}
        >
          {t('actingAppoint')}
        </button>
      </div>
    </form>
  );
}

function AppointmentRow({
  appointment: a,
  mayEnd,
  online,
  onEnded,
}: {
  appointment: ListedAppointment;
  mayEnd: boolean;
  online: boolean;
  onEnded(appointment: ListedAppointment): void;
}) {
  const { t, locale } = useT();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const dayOf = (at: string) => formatDate(dateInJapan(new Date(at)), locale);
  const open = a.status === 'scheduled' || a.status === 'in_force';

  async function end() {
    setBusy(true);
    setProblem(null);
    try {
      const { appointment } = await callApi(operations.endActingAppointment, {
        params: { id: a.id },
      });
      setConfirming(false);
      onEnded(appointment);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr data-testid="acting-row">
      <td>{a.unitName}</td>
      <th scope="row">
        {t('personLabel', { name: a.personName, staffNumber: a.personStaffNumber })}
      </th>
      <td>{periodText(a, t, locale)}</td>
      <td>{t(statusKeys[a.status])}</td>
      <td>
        <span className="meta">
          {t('actingAppointedBy', { name: a.appointedByName, date: dayOf(a.appointedAt) })}
        </span>
        {a.endedAt !== null && (
          <>
            <br />
            <span className="meta">
              {t('actingEndedBy', { name: a.endedByName ?? '', date: dayOf(a.endedAt) })}
            </span>
          </>
        )}
      </td>
      <td>
        {mayEnd && open && !confirming && (
          <button
            type="button"
            className="danger"
            disabled={!online}
            aria-label={t('actingEndFor', { name: a.personName })}
            onClick={() => setConfirming(true)}
          >
            {t('actingEnd')}
          </button>
        )}
        {confirming && (
          <div className="row-actions" role="group" aria-busy={busy}>
            <p>{t('actingEndExplain', { name: a.personName })}</p>
            <button
              type="button"
              className="primary danger"
              disabled={!online || busy}
              aria-label={t('actingEndConfirmFor', { name: a.personName })}
              onClick={() => void end()}
            >
              {t('actingEndConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        )}
        <ProblemLine>{problem && t(problem)}</ProblemLine>
      </td>
    </tr>
  );
}

function noticeText(notice: Notice, t: ReturnType<typeof useT>['t'], locale: Locale): string {
  const a = notice.appointment;
  return notice.kind === 'appointed'
    ? t('actingAppointed', {
        name: a.personName,
        unit: a.unitName,
        period: periodText(a, t, locale),
      })
    : t('actingEnded', { name: a.personName });
}

export function ActingScreen({ person }: { person: Actor }) {
  const { t, locale } = useT();
  const online = useAppStore((s) => s.online);
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [listing, setListing] = useState<ActingAppointmentsResponse | null>(null);
  const [loadProblem, setLoadProblem] = useState<MessageKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    Promise.all([
      callApi(operations.listUnits),
      callApi(operations.listActingAppointments, { query: {} }),
    ]).then(
      ([unitAnswer, listAnswer]) => {
        if (!current) return;
        setUnits(unitAnswer.units);
        setListing(listAnswer);
        setLoadProblem(null);
      },
      (error: unknown) => {
        if (current) setLoadProblem(problemOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [online, attempt]);

  const unitsById = useMemo(() => new Map((units ?? []).map((u) => [u.id, u])), [units]);
  const reload = () => setAttempt((n) => n + 1);

  return (
    <section className="acting" aria-labelledby="acting-title" data-testid="acting">
      <h2 id="acting-title">{t('actingTitle')}</h2>
      <p>{t('actingIntro')}</p>
      <NeedsNetworkNotice online={online} message="actingNeedsNetwork" />
      <StatusLine testId="acting-status">{notice ? noticeText(notice, t, locale) : ''}</StatusLine>
      <LoadProblem problem={loadProblem} online={online} onRetry={reload} />
      {online && !loadProblem && (units === null || listing === null) && <p>{t('loading')}</p>}
      {units !== null && listing !== null && (
        <>
          <AppointForm
            person={person}
            units={units}
            today={listing.today}
            online={online}
            onAppointed={(appointment) => {
              setNotice({ kind: 'appointed', appointment });
              reload();
            }}
          />
          <h3>{t('actingListTitle')}</h3>
          {listing.appointments.length === 0 ? (
            <p>{t('actingEmpty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="acting-table">
                <caption>{t('actingListCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('actingColUnit')}</th>
                    <th scope="col">{t('actingColPerson')}</th>
                    <th scope="col">{t('actingColPeriod')}</th>
                    <th scope="col">{t('actingColStatus')}</th>
                    <th scope="col">{t('actingColRecord')}</th>
                    <th scope="col">{t('actingColActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {listing.appointments.map((a) => {
                    const unit = unitsById.get(a.unitId);
                    return (
                      <AppointmentRow
                        key={a.id}
                        appointment={a}
                        mayEnd={unit !== undefined && mayAppointActing(person, unit)}
                        online={online}
                        onEnded={(appointment) => {
                          setNotice({ kind: 'ended', appointment });
                          reload();
                        }}
                      />
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
