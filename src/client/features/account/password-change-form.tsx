// Changing one's password: required after an administrator's reset, otherwise on request.
import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@/shared/api/schemas.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { changePassword } from '../../session/session-manager.ts';
import { ProblemLine } from '../../components/notices.tsx';

function problemOf(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'passwordNeedsNetwork';
  if (error instanceof ApiError && error.code === 'wrong_password') return 'passwordWrongCurrent';
  if (error instanceof ApiError && error.code === 'same_password') return 'passwordSame';
  return 'passwordChangeFailed';
}

export function PasswordChangeForm({ forced }: { forced: boolean }) {
  const { t } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    if (next.length < PASSWORD_MIN_LENGTH) return setProblem('passwordTooShort');
    if (next !== repeat) return setProblem('passwordMismatch');
    setBusy(true);
    setProblem(null);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel narrow" aria-labelledby="password-title">
      <h2 id="password-title">{t('passwordTitle')}</h2>
      {forced && <p className="notice">{t('passwordMustChange')}</p>}
      <form className="form" onSubmit={(e) => void submit(e)} aria-busy={busy}>
        <label>
          {t('passwordCurrent')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          {t('passwordNew', { min: PASSWORD_MIN_LENGTH })}
          <input
            type="password"
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.target.value)}
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
        <ProblemLine>{problem && t(problem, { min: PASSWORD_MIN_LENGTH })}</ProblemLine>
        {done && <p role="status">{t('passwordChanged')}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {t('passwordSubmit')}
        </button>
      </form>
    </section>
  );
}
