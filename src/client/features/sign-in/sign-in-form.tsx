// The staff number and password form, used on the sign-in screen and, with the staff
// number fixed, when a session has ended and the same person signs in again.
import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import { signIn } from '../../session/session-manager.ts';
import { ProblemLine } from '../../components/notices.tsx';

function problemOf(error: unknown): { key: MessageKey; minutes?: number } {
  if (error instanceof NetworkError) return { key: 'signInNeedsNetwork' };
  if (error instanceof ApiError) {
    if (error.code === 'too_many_attempts')
      return { key: 'signInLocked', minutes: error.retryAfterMinutes ?? 15 };
    if (error.code === 'invalid_credentials') return { key: 'signInInvalid' };
  }
  return { key: 'signInFailed' };
}

export function SignInForm({ fixedStaffNumber }: { fixedStaffNumber?: string }) {
  const { t } = useT();
  const [staffNumber, setStaffNumber] = useState(fixedStaffNumber ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ key: MessageKey; minutes?: number } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(staffNumber.trim(), password);
    } catch (error) {
      setProblem(problemOf(error));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-busy={busy}>
      <label>
        {t('staffNumber')}
        <input
          name="staffNumber"
          inputMode="numeric"
          autoComplete="username"
          required
          value={staffNumber}
          readOnly={fixedStaffNumber !== undefined}
          onChange={(e) => setStaffNumber(e.target.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <ProblemLine>{problem && t(problem.key, { minutes: problem.minutes ?? 0 })}</ProblemLine>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
