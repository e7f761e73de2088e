// Shown when the server has ended the session (expired, revoked, password changed): the
// person keeps working on the device and signs in again to send their changes.
import { useAppStore } from '../../store/app-store.ts';
import { useT } from '../../i18n/use-t.ts';
import { SignInForm } from './sign-in-form.tsx';

export function SessionExpiredBanner() {
  const { t } = useT();
  const person = useAppStore((s) => s.person);
  const expired = useAppStore((s) => s.serverSession === 'expired');
  if (!person || !expired) return null;
  return (
    <section className="notice" aria-labelledby="session-expired-title">
      <h2 id="session-expired-title">{t('sessionExpiredTitle')}</h2>
      <p>{t('sessionExpiredBody')}</p>
      <SignInForm fixedStaffNumber={person.staffNumber} />
    </section>
  );
}
