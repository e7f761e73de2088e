// The offer of a new version, made only when updating cannot lose anything: no typing
// mid-edit (the store's `editing`, set by the sheet editor), nothing waiting to be sent and
// no refused change awaiting a decision. Until then the person is told why it waits.
//
// One exception: when the server refuses this version (update_required), the waiting changes
// cannot be sent until the app is updated; they stay in the outbox across the update.
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';

/** Whether an update may reload the page now, and if not, why. */
export function useUpdateGate(): 'ready' | 'editing' | 'unsent' {
  const editing = useAppStore((s) => s.editing);
  const unsent = useAppStore((s) => s.sync.pending > 0 || s.sync.attention > 0);
  const required = useAppStore((s) => s.sync.state === 'update_required');
  if (editing) return 'editing';
  if (unsent && !required) return 'unsent';
  return 'ready';
}

export function UpdateOffer({ needRefresh, update }: { needRefresh: boolean; update: () => void }) {
  const { t } = useT();
  const gate = useUpdateGate();
  if (!needRefresh) return null;
  if (gate !== 'ready')
    return (
      <p className="update-waiting" role="status" data-testid="update-waiting">
        {t(gate === 'editing' ? 'updateWaitingEditing' : 'updateWaitingUnsent')}
      </p>
    );
  return (
    <div className="update-banner" role="status" data-testid="update-offer">
      <span>{t('updateAvailable')}</span>
      <button type="button" onClick={update}>
        {t('updateNow')}
      </button>
    </div>
  );
}
