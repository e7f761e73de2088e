// 職員: the register as the server has it, searched there by name or staff number as the
// administrator types and shown a page at a time (a city has tens of thousands of people),
// with a password reset and deactivation for each person. Both end the person's sessions at
// once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { operations } from '@/shared/api/operations.ts';
import { PASSWORD_MIN_LENGTH } from '@/shared/api/schemas.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import { callApi } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { problemOf, rolesText, unitText, type UnitNames } from './admin-text.ts';
import { LoadProblem, ProblemLine, StatusLine } from '../../components/notices.tsx';

/** A pause in typing this long sends the search, so a name typed quickly is one request. */
const SEARCH_DELAY_MS = 250;

/** The pages of one search loaded so far, and how many people it matches in all. */
interface Found {
  people: Person[];
  total: number;
}

/** The server folds widths and spaces itself; a blank search asks for everyone. */
const pageQuery = (search: string, offset: number) =>
  search === '' ? { offset } : { q: search, offset };

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
  return (
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
          {people.map((p) => (
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
  const [found, setFound] = useState<Found | null>(null);
  const [loadProblem, setLoadProblem] = useState<MessageKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreProblem, setMoreProblem] = useState<MessageKey | null>(null);
  // Counts the first pages asked for: a further page of an earlier search is not added.
  const searchRun = useRef(0);
  const countLine = useRef<HTMLParagraphElement>(null);
  const focusCountLine = useRef(false);
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [dialogProblem, setDialogProblem] = useState<MessageKey | null>(null);
  const [dialogBusy, setDialogBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (!online || !visible) return;
    let current = true;
    searchRun.current += 1;
    callApi(operations.listPeople, { query: pageQuery(search, 0) }).then(
      (answer) => {
        if (!current) return;
        setFound({ people: answer.people, total: answer.total });
        setLoadProblem(null);
        setMoreProblem(null);
      },
      (error: unknown) => {
        if (current) setLoadProblem(problemOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [online, visible, reloadKey, attempt, search]);

  // The button is gone once the last page is in; focus goes to the count it changed.
  useEffect(() => {
    if (!focusCountLine.current) return;
    focusCountLine.current = false;
    countLine.current?.focus();
  }, [found]);

  // Deactivating cannot be undone here, so the dialog opens with focus on Cancel.
  useEffect(() => {
    if (!action || !dialog.current || dialog.current.open) return;
    dialog.current.showModal();
    if (action.kind === 'deactivate') cancelButton.current?.focus();
  }, [action]);

  async function showMore() {
    if (!found) return;
    const run = searchRun.current;
    const offset = found.people.length;
    setMoreBusy(true);
    setMoreProblem(null);
    try {
      const answer = await callApi(operations.listPeople, { query: pageQuery(search, offset) });
      if (run !== searchRun.current) return;
      focusCountLine.current = offset + answer.people.length >= answer.total;
      setFound(
        (before) => before && { people: [...before.people, ...answer.people], total: answer.total },
      );
    } catch (error) {
      if (run === searchRun.current) setMoreProblem(problemOf(error));
    } finally {
      setMoreBusy(false);
    }
  }

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
        setFound(
          (before) =>
            before && {
              ...before,
              people: before.people.map((p) => (p.id === person.id ? { ...p, active: false } : p)),
            },
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
      {found === null && !loadProblem && online && <p>{t('loading')}</p>}
      {found !== null && (
        <>
          <p className="meta" aria-live="polite" ref={countLine} tabIndex={-1}>
            {found.total === 0
              ? t('peopleNoMatch')
              : t('peopleShowing', {
                  total: found.total.toLocaleString(locale),
                  from: 1,
                  to: found.people.length.toLocaleString(locale),
                })}
          </p>
          {found.people.length > 0 && (
            <PeopleTable
              people={found.people}
              selfId={selfId}
              online={online}
              unitNames={unitNames}
              onAction={open}
            />
          )}
          {found.people.length < found.total && (
            <div className="actions show-all" aria-busy={moreBusy}>
              <button type="button" disabled={!online || moreBusy} onClick={() => void showMore()}>
                {t('peopleShowMore')}
              </button>
            </div>
          )}
          <ProblemLine>{moreProblem && t(moreProblem)}</ProblemLine>
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
