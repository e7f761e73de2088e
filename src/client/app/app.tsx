// The app's frame and what it shows: the sign-in screen, a required password change, or the
// signed-in person's work. Features are composed here and nowhere else.
import { useEffect, useState, type ReactNode } from 'react';
import type { SessionPerson } from '@/shared/api/schemas.ts';
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
import type { MessageKey } from '../i18n/messages-ja.ts';
import { useT } from '../i18n/use-t.ts';
import { Link } from '../navigation/link.tsx';
import { useRoute, type Route } from '../navigation/router.ts';
import { startConnectionWatch } from '../session/connection-watch.ts';
import { restoreSession } from '../session/session-manager.ts';
import { useAppStore } from '../store/app-store.ts';

/** The screens a person can go to, in the order of the bar. */
function NavigationBar({ person }: { person: SessionPerson }) {
  const { t } = useT();
  const route = useRoute();
  const items: { to: Route; label: MessageKey }[] = [{ to: { name: 'home' }, label: 'navHome' }];
  if (can(person, 'manageOrganisation')) items.push({ to: { name: 'admin' }, label: 'navAdmin' });
  return (
    <nav className="app-nav" aria-label={t('navLabel')}>
      {items.map(({ to, label }) => (
        <Link key={label} to={to} aria-current={route.name === to.name ? 'page' : undefined}>
          {t(label)}
        </Link>
      ))}
    </nav>
  );
}

/** The header, the navigation (once someone is signed in) and the page. */
function Frame({
  person,
  status,
  children,
}: {
  person?: SessionPerson;
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
        {person && <AccountMenu />}
        <button
          type="button"
          aria-label={t('languageLabel')}
          onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
        >
          {t('language')}
        </button>
      </header>
      {person && <NavigationBar person={person} />}
      <main>
        {status}
        <UpdatePrompt />
        {children}
      </main>
    </>
  );
}

/** The screen for an address; a screen the person may not use is answered as not found. */
function Screen({ route, person }: { route: Route; person: SessionPerson }) {
  const { t } = useT();
  switch (route.name) {
    case 'home':
      return (
        <>
          <MySheets />
          <TemplateList />
        </>
      );
    case 'admin':
      if (can(person, 'manageOrganisation')) return <AdminScreen />;
      break;
    default:
      break;
  }
  return (
    <section aria-labelledby="not-found-title">
      <h2 id="not-found-title">{t('notFoundTitle')}</h2>
      <p>
        <Link to={{ name: 'home' }}>{t('backToHome')}</Link>
      </p>
    </section>
  );
}

export function App() {
  const { t, locale } = useT();
  const [restored, setRestored] = useState(false);
  const person = useAppStore((s) => s.person);
  const route = useRoute();
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
    <Frame key={person.id} person={person} status={<SyncStatusLine />}>
      {mustChangePassword ? (
        <PasswordChangeForm forced />
      ) : (
        <>
          <SessionExpiredBanner />
          <Screen route={route} person={person} />
        </>
      )}
    </Frame>
  );
}
