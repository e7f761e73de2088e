// 公印の登録: a unit's seals with their custodians and where they are kept, and a form to add
// one or change one. The server gives a new seal its checklists in the rounds still open.
import { useEffect, useState, type FormEvent } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { SealRegister as Register } from '@/shared/api/schemas.ts';
import type { Seal, Unit } from '@/shared/schemas/organisation.ts';
import { callApi } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { problemOf, unitName } from './rounds-text.ts';
import { LoadProblem, ProblemLine, StatusLine } from '../../components/notices.tsx';

interface Draft {
  /** Absent for a seal not yet in the register. */
  id?: string;
  name: string;
  custodianId: string;
  location: string;
  active: boolean;
}

const blank: Draft = { name: '', custodianId: '', location: '', active: true };

function draftOf(seal: Seal): Draft {
  return {
    id: seal.id,
    name: seal.name,
    custodianId: seal.custodianId,
    location: seal.location,
    active: seal.active,
  };
}

/** The form's own checks, before anything is sent. */
export function sealDraftProblem(draft: Draft): MessageKey | null {
  if (draft.name.trim() === '') return 'sealsNameRequired';
  if (draft.custodianId === '') return 'sealsCustodianRequired';
  if (draft.location.trim() === '') return 'sealsLocationRequired';
  return null;
}

export function SealRegister({
  units,
  defaultUnitId,
  online,
}: {
  /** The units whose register the person keeps. */
  units: readonly Unit[];
  defaultUnitId: string;
  online: boolean;
}) {
  const { t, locale } = useT();
  const [unitId, setUnitId] = useState(
    units.some((u) => u.id === defaultUnitId) ? defaultUnitId : (units[0]?.id ?? ''),
  );
  const [register, setRegister] = useState<Register | null>(null);
  const [loadProblem, setLoadProblem] = useState<MessageKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [draft, setDraft] = useState<Draft>(blank);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [done, setDone] = useState('');

  useEffect(() => {
    if (!online || unitId === '') return;
    let current = true;
    callApi(operations.listSeals, { params: { id: unitId } }).then(
      (answer) => {
        if (!current) return;
        setRegister(answer);
        setLoadProblem(null);
      },
      (error: unknown) => {
        if (current) setLoadProblem(problemOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [online, unitId, attempt]);

  const unit = units.find((u) => u.id === unitId);
  const custodianName = (id: string) => register?.custodians.find((p) => p.id === id)?.name ?? id;

  function chooseUnit(id: string) {
    setUnitId(id);
    setRegister(null);
    setDraft(blank);
    setProblem(null);
    setDone('');
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setDone('');
    const local = sealDraftProblem(draft);
    if (local) return setProblem(local);
    setBusy(true);
    setProblem(null);
    try {
      const answer = await callApi(operations.saveSeal, {
        params: { id: unitId },
        body: {
          ...(draft.id === undefined ? {} : { id: draft.id }),
          name: draft.name.trim(),
          custodianId: draft.custodianId,
          location: draft.location.trim(),
          active: draft.active,
        },
      });
      setDone(
        answer.created > 0
          ? t('sealsSavedWithSheets', { name: answer.seal.name, count: answer.created })
          : t('sealsSaved', { name: answer.seal.name }),
      );
      setDraft(blank);
      setAttempt((n) => n + 1);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  const editing = draft.id !== undefined;
  return (
    <section className="seal-register" aria-labelledby="seals-title">
      <h3 id="seals-title">{t('sealsTitle')}</h3>
      <p className="hint">{t('sealsIntro')}</p>
      {units.length > 1 && (
        <div className="round-picker">
          <label htmlFor="seals-unit">{t('sealsUnit')}</label>
          <select id="seals-unit" value={unitId} onChange={(e) => chooseUnit(e.target.value)}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {t('unitLabel', { name: unitName(u, locale), code: u.code })}
              </option>
            ))}
          </select>
        </div>
      )}
      <LoadProblem problem={loadProblem} online={online} onRetry={() => setAttempt((n) => n + 1)} />
      {register === null && !loadProblem && online && <p>{t('loading')}</p>}
      {register !== null && (
        <>
          {register.seals.length === 0 ? (
            <p>{t('sealsEmpty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="seals-table">
                <caption>
                  {t('sealsCaption', { unit: unit ? unitName(unit, locale) : unitId })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sealsName')}</th>
                    <th scope="col">{t('sealsCustodian')}</th>
                    <th scope="col">{t('sealsLocation')}</th>
                    <th scope="col">{t('sealsState')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('sealsEdit')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {register.seals.map((seal) => (
                    <tr key={seal.id} className={seal.active ? undefined : 'inactive'}>
                      <th scope="row">{seal.name}</th>
                      <td>{custodianName(seal.custodianId)}</td>
                      <td>{seal.location}</td>
                      <td>{seal.active ? t('sealsActive') : t('sealsInactive')}</td>
                      <td>
                        <button
                          type="button"
                          aria-label={t('sealsEditFor', { name: seal.name })}
                          onClick={() => {
                            setDraft(draftOf(seal));
                            setProblem(null);
                            setDone('');
                          }}
                        >
                          {t('sealsEdit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <form
            className="form seal-form"
            noValidate
            aria-labelledby="seal-form-title"
            aria-busy={busy}
            onSubmit={(e) => void save(e)}
          >
            <h4 id="seal-form-title">
              {editing ? t('sealsEditTitle', { name: draft.name }) : t('sealsAddTitle')}
            </h4>
            <label>
              {t('sealsName')}
              <input
                type="text"
                required
                maxLength={100}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            </label>
            <label>
              {t('sealsCustodian')}
              <select
                required
                value={draft.custodianId}
                onChange={(e) => setDraft({ ...draft, custodianId: e.target.value })}
              >
                <option value="">{t('sealsChooseCustodian')}</option>
                {register.custodians.map((p) => (
                  <option key={p.id} value={p.id}>
                    {t('personLabel', { name: p.name, staffNumber: p.staffNumber })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('sealsLocation')}
              <input
                type="text"
                required
                maxLength={200}
                value={draft.location}
                onChange={(e) => setDraft({ ...draft, location: e.target.value })}
              />
            </label>
            <label className="check-label">
              <input
                type="checkbox"
                checked={draft.active}
                onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
              />
              {t('sealsInUse')}
            </label>
            <ProblemLine>{problem && t(problem)}</ProblemLine>
            <StatusLine testId="seal-status">{done}</StatusLine>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy || !online}>
                {t('sealsSave')}
              </button>
              {editing && (
                <button type="button" onClick={() => setDraft(blank)}>
                  {t('cancel')}
                </button>
              )}
            </div>
          </form>
        </>
      )}
    </section>
  );
}
