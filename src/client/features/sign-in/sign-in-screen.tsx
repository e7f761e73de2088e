// The first screen on a device nobody is signed in on; it also names the people whose
// unsent work is kept on this device, so they know to sign in here to send it.
import { useDeviceAccounts } from '../../db/device-db.ts';
import { useT } from '../../i18n/use-t.ts';
import { SignInForm } from './sign-in-form.tsx';

export function SignInScreen() {
  const { t } = useT();
  const kept = useDeviceAccounts();
  return (
    <section className="panel narrow" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('signInTitle')}</h2>
      <p>{t('signInIntro')}</p>
      <SignInForm />
      {kept && kept.length > 0 && (
        <div className="notice" data-testid="kept-accounts">
          <p>{t('keptWorkIntro')}</p>
          <ul>
            {kept.map((a) => (
              <li key={a.personId}>
                {a.person.name}（{a.person.staffNumber}）
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
