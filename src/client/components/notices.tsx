// The lines a screen says about itself: that it works on the server only (shown offline),
// that its data could not be loaded (with a retry, online), that an action failed, and what
// an action did (a live region, there before anything is said in it).
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages-ja.ts';
import { useT } from '../i18n/use-t.ts';

/** Offline, the notice that the screen (or this part of it) needs the network. */
export function NeedsNetworkNotice({ online, message }: { online: boolean; message: MessageKey }) {
  const { t } = useT();
  if (online) return null;
  return (
    <p className="notice" role="status">
      {t(message)}
    </p>
  );
}

/** Why the data could not be loaded, with a retry (offline, the retry waits). */
export function LoadProblem({
  problem,
  online,
  onRetry,
}: {
  problem: MessageKey | null;
  online: boolean;
  onRetry(): void;
}) {
  const { t } = useT();
  if (!problem) return null;
  return (
    <div className="error" role="alert">
      <p>{t(problem)}</p>
      <button type="button" disabled={!online} onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}

/** Why an action failed, announced at once; nothing when there is nothing to say. */
export function ProblemLine({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === false || children === '')
    return null;
  return (
    <p className="error" role="alert">
      {children}
    </p>
  );
}

/** What an action did, in a live region that stays on the screen (empty until then). */
export function StatusLine({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <p role="status" className="success" data-testid={testId}>
      {children}
    </p>
  );
}
