// 職員: the register as the server has it, searchable by name or staff number, with a
// password reset and deactivation for each person. Both end the person's sessions at once.
import { useDeferredValue, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { operations } from '@/shared/api/operations.ts';
import { PASSWORD_MIN_LENGTH } from '@/shared/api/schemas.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import { callApi } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { problemOf, rolesText, unitText, type UnitNames } from './admin-text.ts';
import { useShowAll } from './show-all.tsx';
import { LoadProblem, ProblemLine, StatusLine } from '../../components/notices.tsx';

/** Full-width digits and spaces (as in names) do not stop a match. */
function searchable(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

type Action = { kind: 'reset' | 'deactivate'; person: Person };
type Done = { key: MessageKey; name: string };

function PeopleTable({
  people,
  selfId,
  online,
  unitNames,
  onAction,
}: {
  people: readonly Person[];
  selfId: string;
  online: boolean;
  unitNames: UnitNames;
  onAction(action: Action): void;
}) {
  const { t, locale } = useT();
  const { visible, toggle } = useShowAll(people);
  return (
    <>
      <div className="table-scroll">
        <table className="data-table people-table" data-testid="people-table">
          <caption>{t('peopleCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffNumber')}</th>
              <th scope="col">{t('peopleName')}</th>
              <th scope="col">{t('peopleUnit')}</th>
              <th scope="col">{t('peopleRoles')}</th>
              <th scope="col">{t('peopleState')}</th>
              <th scope="col">{t('peopleActions')}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((p) => (
              <tr key={p.id} className={p.active ? undefined : 'inactive'}>
                <td className="number">{p.staffNumber}</td>
                <th scope="row">{p.name}</th>
                <td>{unitText(unitNames, p.unitId, locale)}</td>
                <td>{rolesText(p.roles, t)}</td>
                <td>{p.active ? t('personActive') : t('personInactive')}</td>
                <td>
                  {p.id === selfId ? (
                    <span className="meta">{t('personIsYou')}</span>
                  ) : (
                    <div className="row-actions">
                      <button
                        type="button"
                        disabled={!online}
                        aria-label={t('resetPasswordFor', { name: p.name })}
                        onClick={() => onAction({ kind: 'reset', person: p })}
                      >
                        {t('resetPassword')}
                      </button>
                      {p.active && (
                        <button
                          type="button"
                          className="danger"
                          disabled={!online}
                          aria-label={t('deactivateFor', { name: p.name })}
                          onClick={() => onAction({ kind: 'deactivate', person: p })}
                        >
                          {t('deactivate')}
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {toggle}
    </>
  );
}

export function PeoplePanel({
  online,
  selfId,
  unitNames,
  reloadKey,
  visible,
}: {
  online: boolean;
  /** The list is loaded when the tab is shown, and again each time it is shown. */
  visible: boolean;
  selfId: string;
  unitNames: UnitNames;
  /** Changes when the register changed elsewhere (an HR import), to load it again. */
  reloadKey: number;
}) {
  const { t, locale } = useT();
  const [people, setPeople] = useState<Person[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<MessageKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [dialogProblem, setDialogProblem] = useState<MessageKey | null>(null);
  const [dialogBusy, setDialogBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!online || !visible) return;
    let current = true;
    callApi(operations.listPeople).then(
      (answer) => {
        if (!current) return;
        setPeople(answer.people);
        setLoadProblem(null);
      },
      (error: unknown) => {
        if (current) setLoadProblem(problemOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [online, visible, reloadKey, attempt]);

  // Deactivating cannot be undone here, so the dialog opens with focus on Cancel.
  useEffect(() => {
    if (!action || !dialog.current || dialog.current.open) return;
    dialog.current.showModal();
    if (action.kind === 'deactivate') cancelButton.current?.focus();
  }, [action]);

  const index = useMemo(
    () =>
      (people ?? []).map((p) => ({ person: p, text: searchable(`${p.name} ${p.staffNumber}`) })),
    [people],
  );
  const matches = useMemo(() => {
    const q = searchable(deferredQuery);
    return q === ''
      ? index.map((e) => e.person)
      : index.filter((e) => e.text.includes(q)).map((e) => e.person);
  }, [index, deferredQuery]);

  function open(next: Action) {
    setDone(null);
    setPassword('');
    setRepeat('');
    setDialogProblem(null);
    setAction(next);
  }

  function close() {
    dialog.current?.close();
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!action) return;
    const { person } = action;
    if (action.kind === 'reset') {
      if (password.length < PASSWORD_MIN_LENGTH) return setDialogProblem('passwordTooShort');
      if (password !== repeat) return setDialogProblem('passwordMismatch');
    }
    setDialogBusy(true);
    setDialogProblem(null);
    try {
      if (action.kind === 'reset') {
        await callApi(operations.resetPassword, {
          params: { id: person.id },
          body: { newPassword: password },
        });
        setDone({ key: 'resetDone', name: person.name });
      } else {
        await callApi(operations.deactivatePerson, { params: { id: person.id } });
        setPeople((list) =>
          (list ?? []).map((p) => (p.id === person.id ? { ...p, active: false } : p)),
        );
        setDone({ key: 'deactivateDone', name: person.name });
      }
      close();
    } catch (error) {
      setDialogProblem(problemOf(error));
    } finally {
      setDialogBusy(false);
    }
  }

  const who = action
    ? t('personLabel', { name: action.person.name, staffNumber: action.person.staffNumber })
    : '';

  return (
    <div className="people">
      <StatusLine testId="people-status">{done ? t(done.key, { name: done.name }) : ''}</StatusLine>
      <div className="search">
        <label htmlFor="people-search">{t('peopleSearch')}</label>
        <input
          id="people-search"
          type="search"
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <LoadProblem problem={loadProblem} online={online} onRetry={() => setAttempt((n) => n + 1)} />
      {people === null && !loadProblem && online && <p>{t('loading')}</p>}
      {people !== null && (
        <>
          <p className="meta" aria-live="polite">
            {t('peopleMatches', { count: matches.length.toLocaleString(locale) })}
          </p>
          {matches.length === 0 ? (
            <p>{t('peopleNoMatch')}</p>
          ) : (
            <PeopleTable
              people={matches}
              selfId={selfId}
              online={online}
              unitNames={unitNames}
              onAction={open}
            />
          )}
        </>
      )}

      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="people-dialog-title"
        onClose={() => setAction(null)}
      >
        {action && (
          <form
            className="form"
            noValidate
            onSubmit={(e) => void confirm(e)}
            aria-busy={dialogBusy}
          >
            <h2 id="people-dialog-title">
              {action.kind === 'reset'
                ? t('resetTitle', { person: who })
                : t('deactivateTitle', { person: who })}
            </h2>
            <p>{action.kind === 'reset' ? t('resetExplain') : t('deactivateExplain')}</p>
            {action.kind === 'reset' && (
              <>
                <label>
                  {t('passwordNew', { min: PASSWORD_MIN_LENGTH })}
                  <input
                    type="password"
                    autoComplete="new-password"
                    required
                    minLength={PASSWORD_MIN_LENGTH}
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                </label>
                <label>
                  {t('passwordRepeat')}
                  <input
                    type="password"
                    autoComplete="new-password"
                    required
                    value={repeat}
                    onChange={(e) => setRepeat(e.target.value)}
                  />
                </label>
              </>
            )}
            <ProblemLine>
              {dialogProblem && t(dialogProblem, { min: PASSWORD_MIN_LENGTH })}
            </ProblemLine>
            <div className="actions">
              <button
                type="submit"
                className={action.kind === 'reset' ? 'primary' : 'primary danger'}
                disabled={dialogBusy || !online}
              >
                {action.kind === 'reset' ? t('resetSubmit') : t('deactivateConfirm')}
              </button>
              <button type="button" ref={cancelButton} onClick={close}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </div>
  );
}
