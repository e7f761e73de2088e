// The app's frame and what it shows: the sign-in screen, a required password change, or the
// signed-in person's work. Features are composed here and nowhere else.
import { useEffect, useState, type ReactNode } from 'react';
import { can } from '@/shared/permissions.ts';
import { AccountMenu } from '../features/account/account-menu.tsx';
import { PasswordChangeForm } from '../features/account/password-change-form.tsx';
import { AdminScreen } from '../features/admin/admin-screen.tsx';
import { MySheets } from '../features/my-sheets/my-sheets.tsx';
import { SessionExpiredBanner } from '../features/sign-in/session-expired-banner.tsx';
import { SignInScreen } from '../features/sign-in/sign-in-screen.tsx';
import { SyncStatusLine } from '../features/sync-status/sync-status-line.tsx';
import { TemplateList } from '../features/templates/template-list.tsx';
import { UpdatePrompt } from '../features/update-prompt/update-prompt.tsx';
import { useT } from '../i18n/use-t.ts';
import { startConnectionWatch } from '../session/connection-watch.ts';
import { restoreSession } from '../session/session-manager.ts';
import { useAppStore } from '../store/app-store.ts';

function Frame({
  account,
  status,
  children,
}: {
  account?: ReactNode;
  status?: ReactNode;
  children: ReactNode;
}) {
  const { t, locale } = useT();
  const online = useAppStore((s) => s.online);
  const setLocale = useAppStore((s) => s.setLocale);
  return (
    <>
      <header className="app-header">
        <h1>
          {t('appName')} <small>{t('appSubtitle')}</small>
        </h1>
        <span
          className={online ? 'status online' : 'status offline'}
          role="status"
          data-testid="connection"
        >
          {online ? t('online') : t('offline')}
        </span>
        {account}
        <button
          type="button"
          aria-label={t('languageLabel')}
          onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
        >
          {t('language')}
        </button>
      </header>
      <main>
        {status}
        <UpdatePrompt />
        {children}
      </main>
    </>
  );
}

export function App() {
  const { t, locale } = useT();
  const [restored, setRestored] = useState(false);
  const person = useAppStore((s) => s.person);
  const mustChangePassword = useAppStore(
    (s) => s.serverSession === 'active' && s.mustChangePassword,
  );
  useEffect(() => {
    const stop = startConnectionWatch();
    void restoreSession().finally(() => setRestored(true));
    return stop;
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  if (!restored)
    return (
      <Frame>
        <p>{t('loading')}</p>
      </Frame>
    );
  if (!person)
    return (
      <Frame>
        <SignInScreen />
      </Frame>
    );
  // Keyed by person, so every live query reopens on the new person's database.
  return (
    <Frame key={person.id} account={<AccountMenu />} status={<SyncStatusLine />}>
      {mustChangePassword ? (
        <PasswordChangeForm forced />
      ) : (
        <>
          <SessionExpiredBanner />
          <MySheets />
          <TemplateList />
          {can(person, 'manageOrganisation') && <AdminScreen />}
        </>
      )}
    </Frame>
  );
}
