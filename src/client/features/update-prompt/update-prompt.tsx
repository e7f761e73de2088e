// Offers a new version of the app; it is installed only when the person agrees.
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useT } from '../../i18n/use-t.ts';

export function UpdatePrompt() {
  const { t } = useT();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="update-banner" role="status">
      <span>{t('updateAvailable')}</span>
      <button type="button" onClick={() => void updateServiceWorker(true)}>
        {t('updateNow')}
      </button>
    </div>
  );
}
