// Settings: keeping this device's data safe. Asks the browser to keep the storage
// (navigator.storage.persist), shows whether it does and how much space is used and left,
// explains "Add to Home Screen" on an iPad or iPhone (Safari may delete a site's data after
// seven days without use), and offers installation where the browser allows it.
import { useEffect, useState } from 'react';
import type { Locale } from '@/shared/locale.ts';
import { useT } from '../../i18n/use-t.ts';
import { install, isAppleMobile, useInstallState } from './device-install.ts';

interface StorageFigures {
  usage: number;
  quota: number;
}

/** Whether the storage is kept: null while unknown, 'unsupported' where the browser cannot say. */
type Persistence = boolean | 'unsupported' | null;

function megabytes(bytes: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / 1024 / 1024);
}

function StoragePanel() {
  const { t, locale } = useT();
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  const [persisted, setPersisted] = useState<Persistence>(() =>
    storage?.persisted ? null : 'unsupported',
  );
  const [figures, setFigures] = useState<StorageFigures | 'unsupported' | null>(() =>
    storage?.estimate ? null : 'unsupported',
  );
  const [refused, setRefused] = useState(false);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    let current = true;
    storage?.persisted?.().then(
      (value) => current && setPersisted(value),
      () => current && setPersisted('unsupported'),
    );
    storage?.estimate?.().then(
      ({ usage = 0, quota = 0 }) => current && setFigures({ usage, quota }),
      () => current && setFigures('unsupported'),
    );
    return () => {
      current = false;
    };
  }, [storage]);

  const ask = async () => {
    if (!storage?.persist) return;
    setAsking(true);
    try {
      const granted = await storage.persist();
      setPersisted(granted);
      setRefused(!granted);
    } catch {
      setRefused(true);
    } finally {
      setAsking(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="storage-title" data-testid="storage-panel">
      <h3 id="storage-title">{t('settingsStorageTitle')}</h3>
      <p className="hint">{t('settingsStorageIntro')}</p>
      <dl className="facts">
        <dt>{t('settingsPersistence')}</dt>
        <dd data-testid="storage-persisted">
          {persisted === null
            ? t('loading')
            : persisted === 'unsupported'
              ? t('settingsUnsupported')
              : persisted
                ? t('settingsPersisted')
                : t('settingsNotPersisted')}
        </dd>
        <dt>{t('settingsUsage')}</dt>
        <dd data-testid="storage-usage">
          {figures === null
            ? t('loading')
            : figures === 'unsupported'
              ? t('settingsUnsupported')
              : t('settingsMegabytes', { value: megabytes(figures.usage, locale) })}
        </dd>
        <dt>{t('settingsAvailable')}</dt>
        <dd data-testid="storage-available">
          {figures === null
            ? t('loading')
            : figures === 'unsupported'
              ? t('settingsUnsupported')
              : t('settingsMegabytes', {
                  value: megabytes(Math.max(figures.quota - figures.usage, 0), locale),
                })}
        </dd>
      </dl>
      {persisted === false && (
        <>
          <p>{t('settingsPersistExplain')}</p>
          <button type="button" className="primary" disabled={asking} onClick={() => void ask()}>
            {t('settingsPersistAsk')}
          </button>
        </>
      )}
      {refused && (
        <p className="notice" role="status">
          {t('settingsPersistRefused')}
        </p>
      )}
    </section>
  );
}

function InstallPanel() {
  const { t } = useT();
  const state = useInstallState();
  const apple = isAppleMobile();
  const [outcome, setOutcome] = useState<'accepted' | 'dismissed' | null>(null);
  const offer = async () => setOutcome((await install()) ? 'accepted' : 'dismissed');
  return (
    <section className="panel" aria-labelledby="install-title" data-testid="install-panel">
      <h3 id="install-title">{t('settingsInstallTitle')}</h3>
      {state === 'installed' ? (
        <p>{t('settingsInstalled')}</p>
      ) : apple ? (
        <div data-testid="ios-install">
          <p>{t('settingsIosWhy')}</p>
          <ol className="steps">
            <li>{t('settingsIosStep1')}</li>
            <li>{t('settingsIosStep2')}</li>
            <li>{t('settingsIosStep3')}</li>
          </ol>
          <p className="hint">{t('settingsIosAfter')}</p>
        </div>
      ) : (
        <>
          <p>{t('settingsInstallWhy')}</p>
          {state === 'available' ? (
            <button type="button" className="primary" onClick={() => void offer()}>
              {t('settingsInstallButton')}
            </button>
          ) : (
            <p className="hint">{t('settingsInstallUnavailable')}</p>
          )}
        </>
      )}
      {outcome && (
        <p role="status">
          {outcome === 'accepted' ? t('settingsInstallAccepted') : t('settingsInstallDismissed')}
        </p>
      )}
    </section>
  );
}

export function SettingsScreen() {
  const { t } = useT();
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settingsTitle')}</h2>
      <StoragePanel />
      <InstallPanel />
    </section>
  );
}
