// One line under the header on how the person's changes travel: online or not, how many
// wait to be sent or need attention, when the device last synced, what went wrong last,
// and a button to sync now.
import { useState } from 'react';
import type { Locale } from '@/shared/locale.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';
import { syncNow } from '../../sync/app-sync.ts';
import type { SyncState } from '../../sync/sync-status.ts';

const stateLabels: Record<SyncState, MessageKey> = {
  idle: 'syncStateIdle',
  syncing: 'syncStateSyncing',
  offline: 'syncStateOffline',
  error: 'syncStateError',
  update_required: 'syncStateUpdateRequired',
};

/** Date and time in Japan, where the city hall is, whatever the device's zone. */
function formatInstant(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function SyncStatusLine() {
  const { t, locale } = useT();
  const online = useAppStore((s) => s.online);
  const sync = useAppStore((s) => s.sync);
  const [asked, setAsked] = useState(false);
  const state: SyncState = !online && sync.state !== 'update_required' ? 'offline' : sync.state;
  // "Up to date" only when it is: after a sync, with nothing waiting and nothing gone wrong.
  // Otherwise the counts, the error or "not synced yet" say what is going on.
  const upToDate = sync.pending === 0 && !sync.lastError && sync.lastSuccessAt !== null;
  const label = state !== 'idle' || upToDate ? state : null;
  const busy = asked || state === 'syncing';
  const runNow = async () => {
    setAsked(true);
    try {
      await syncNow();
    } finally {
      setAsked(false);
    }
  };
  return (
    <section className="sync-status" aria-label={t('syncStatusLabel')} data-testid="sync-status">
      <span role="status">{label && t(stateLabels[label])}</span>
      <span data-testid="sync-pending">
        {sync.pending > 0 ? t('syncPending', { count: sync.pending }) : t('syncNothingPending')}
      </span>
      {sync.attention > 0 && <span>{t('syncAttention', { count: sync.attention })}</span>}
      <span>
        {sync.lastSuccessAt
          ? t('syncLastSuccess', { time: formatInstant(sync.lastSuccessAt, locale) })
          : t('syncNeverSynced')}
      </span>
      {sync.lastError && state !== 'syncing' && (
        <span className="sync-error">{t(sync.lastError)}</span>
      )}
      <button
        type="button"
        disabled={busy || state === 'update_required'}
        onClick={() => void runNow()}
      >
        {t('syncNow')}
      </button>
    </section>
  );
}
