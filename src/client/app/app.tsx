// The app's frame and what it shows: the sign-in screen, a required password change, or the
// signed-in person's work. Features are composed here and nowhere else.
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { can, mayAppointActingAny, maySignOffAny } from '@/shared/permissions.ts';
import { mayStartRounds } from '@/shared/rounds.ts';
import { useAttentionTotal } from '../db/person-db.ts';
import { AccountMenu } from '../features/account/account-menu.tsx';
import { PasswordChangeForm } from '../features/account/password-change-form.tsx';
import { AttentionScreen } from '../features/attention/attention-screen.tsx';
import { Home } from '../features/home/home.tsx';
import { useReviewCount } from '../features/review-inbox/review-count.ts';
import { SettingsScreen } from '../features/settings/settings-screen.tsx';
import { SheetPrint } from '../features/sheet-print/sheet-print.tsx';
import { SheetScreen } from '../features/sheet-editor/sheet-screen.tsx';
import { SessionExpiredBanner } from '../features/sign-in/session-expired-banner.tsx';
import { SignInScreen } from '../features/sign-in/sign-in-screen.tsx';
import { SyncStatusLine } from '../features/sync-status/sync-status-line.tsx';
import { UpdatePrompt } from '../features/update-prompt/update-prompt.tsx';
import type { MessageKey } from '../i18n/messages-ja.ts';
import { useT } from '../i18n/use-t.ts';
import { Link } from '../navigation/link.tsx';
import { useRoute, type Route } from '../navigation/router.ts';
import { startConnectionWatch } from '../session/connection-watch.ts';
import { restoreSession } from '../session/session-manager.ts';
import { useAppStore } from '../store/app-store.ts';

// The screens of chiefs, auditors and administrators load when first opened, so a staff
// member's tablet starts with the app shell alone; the service worker keeps them all
// for offline use.
const ActingScreen = lazy(() =>
  import('../features/acting-chiefs/acting-screen.tsx').then((m) => ({ default: m.ActingScreen })),
);
const AdminScreen = lazy(() =>
  import('../features/admin/admin-screen.tsx').then((m) => ({ default: m.AdminScreen })),
);
const ReviewInbox = lazy(() =>
  import('../features/review-inbox/review-inbox.tsx').then((m) => ({ default: m.ReviewInbox })),
);
const ReviewSheet = lazy(() =>
  import('../features/review-inbox/review-sheet.tsx').then((m) => ({ default: m.ReviewSheet })),
);
const ReportsScreen = lazy(() =>
  import('../features/reports/reports-screen.tsx').then((m) => ({ default: m.ReportsScreen })),
);
const RoundsScreen = lazy(() =>
  import('../features/rounds/rounds-screen.tsx').then((m) => ({ default: m.RoundsScreen })),
);
const ProgressScreen = lazy(() =>
  import('../features/section-progress/progress-screen.tsx').then((m) => ({
    default: m.ProgressScreen,
  })),
);

/** The screens a person can go to, in the order of the bar. */
function NavigationBar({ person }: { person: SessionPerson }) {
  const { t } = useT();
  const route = useRoute();
  const attention = useAttentionTotal();
  const reviewCount = useReviewCount(person);
  const items: { to: Route; label: MessageKey; count?: number }[] = [
    { to: { name: 'home' }, label: 'navHome' },
    { to: { name: 'attention' }, label: 'navAttention', count: attention },
    { to: { name: 'settings' }, label: 'navSettings' },
  ];
  if (maySignOffAny(person))
    items.splice(1, 0, { to: { name: 'review' }, label: 'navReview', count: reviewCount });
  if (maySignOffAny(person)) items.push({ to: { name: 'progress' }, label: 'navProgress' });
  if (mayStartRounds(person)) items.push({ to: { name: 'rounds' }, label: 'navRounds' });
  if (mayAppointActingAny(person)) items.push({ to: { name: 'acting' }, label: 'navActing' });
  if (can(person, 'readReports'))
    items.push({ to: { name: 'reports', tab: 'completion' }, label: 'navReports' });
  if (can(person, 'manageOrganisation')) items.push({ to: { name: 'admin' }, label: 'navAdmin' });
  return (
    <nav className="app-nav" aria-label={t('navLabel')}>
      {items.map(({ to, label, count }) => (
        <Link key={label} to={to} aria-current={route.name === to.name ? 'page' : undefined}>
          {t(label)}
          {count !== undefined && count > 0 && ' '}
          {count !== undefined && count > 0 && (
            <span className="nav-badge" data-testid={`${to.name}-count`}>
              {count}
              <span className="visually-hidden">{t('navCountSuffix')}</span>
            </span>
          )}
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
        <button type="button" onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}>
          <span lang={locale === 'ja' ? 'en' : 'ja'}>{t('language')}</span>
          <span className="visually-hidden">{t('languageLabel')}</span>
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
      return <Home person={person} />;
    case 'attention':
      return <AttentionScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'print':
      return <SheetPrint sheetId={route.sheetId} person={person} />;
    case 'sheet':
      return <SheetScreen key={route.sheetId} sheetId={route.sheetId} />;
    case 'admin':
      if (can(person, 'manageOrganisation')) return <AdminScreen />;
      break;
    case 'acting':
      if (mayAppointActingAny(person)) return <ActingScreen person={person} />;
      break;
    case 'review':
      if (maySignOffAny(person)) return <ReviewInbox person={person} />;
      break;
    case 'reviewSheet':
      if (maySignOffAny(person))
        return <ReviewSheet key={route.sheetId} sheetId={route.sheetId} person={person} />;
      break;
    case 'rounds':
      if (mayStartRounds(person)) return <RoundsScreen person={person} />;
      break;
    case 'progress':
      if (maySignOffAny(person)) return <ProgressScreen person={person} />;
      break;
    case 'reports':
      if (can(person, 'readReports')) return <ReportsScreen tab={route.tab} />;
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
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            <Screen route={route} person={person} />
          </Suspense>
        </>
      )}
    </Frame>
  );
}
