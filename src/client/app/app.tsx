// The app's frame: header with connection state and language switch, and the features.
import { useEffect } from 'react';
import { TemplateList } from '../features/templates/template-list.tsx';
import { UpdatePrompt } from '../features/update-prompt/update-prompt.tsx';
import { useT } from '../i18n/use-t.ts';
import { useAppStore } from '../store/app-store.ts';
import { startTemplateRefresh } from '../sync/template-refresh.ts';

export function App() {
  const { t, locale } = useT();
  const online = useAppStore((s) => s.online);
  const setLocale = useAppStore((s) => s.setLocale);
  useEffect(() => startTemplateRefresh(), []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
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
        <button
          type="button"
          aria-label={t('languageLabel')}
          onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
        >
          {t('language')}
        </button>
      </header>
      <main>
        <UpdatePrompt />
        <TemplateList />
      </main>
    </>
  );
}
