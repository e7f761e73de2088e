// Sends a person's outbox to the server and brings the server's changes down: one pass
// pushes every queued change in order, in batches, then pulls from the stored cursor until
// nothing more waits. Plain TypeScript, no React: it reports its status through a callback.
//
// Passes run at start, when the network returns, shortly after local changes, on a timer
// and when the tab becomes visible; after a transient failure (network, 5xx) the next one
// waits longer each time, with jitter. One tab of a browser syncs a database at a time
// (Web Locks); the others see the changes through their live queries.
//
// Everything it touches is passed in (the database, the API client, locks, the clock), so
// tests run several devices, each with its own engine, in one process.
import { operations } from '@/shared/api/operations.ts';
import { SYNC_SCHEMA_VERSION, type Mutation } from '@/shared/sync/mutations.ts';
import { MAX_PUSH_MUTATIONS } from '@/shared/sync/protocol.ts';
import { ApiError, NetworkError, type ApiClient } from '../api/api-client.ts';
import { unsentWork, watchSyncInfo, type PersonDb } from '../db/person-db.ts';
import {
  applyPullPage,
  applyPushResults,
  readOutbox,
  readSyncMeta,
  recordSyncEnd,
} from '../db/server-changes.ts';
import { StorageFullError } from '../db/storage-errors.ts';
import {
  asSyncErrorKey,
  initialSyncStatus,
  type SyncErrorKey,
  type SyncState,
  type SyncStatus,
} from './sync-status.ts';

/**
 * How a pass ended. 'signed_out': the server ended the session, and passes wait for
 * resume(); 'update_required': nothing is sent until the app is updated; 'busy': another
 * tab holds the lock; 'paused': no session to send with.
 */
export type SyncOutcome =
  'synced' | 'offline' | 'failed' | 'signed_out' | 'update_required' | 'busy' | 'paused';

/** The part of the Web Locks API the engine uses. */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

export interface SyncEngineOptions {
  db: PersonDb;
  api: ApiClient;
  onStatus?: (status: SyncStatus) => void;
  /** navigator.locks in a browser; without one, this engine is the only one syncing. */
  locks?: LockManagerLike | null;
  now?: () => Date;
  random?: () => number;
  /** Start paused: no pass runs until resume(), e.g. before the session is confirmed. */
  paused?: boolean;
}

export const syncTiming = {
  /** How long after the last local change a pass starts. */
  debounceMs: 1000,
  intervalMs: 60_000,
  backoffBaseMs: 2000,
  backoffMaxMs: 5 * 60_000,
};

/** The wait before retry number `attempt` (1, 2, …): doubling, capped, with jitter. */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(
    syncTiming.backoffMaxMs,
    syncTiming.backoffBaseMs * 2 ** Math.max(0, attempt - 1),
  );
  // Between half and all of the ceiling, so devices that failed together spread out.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Only the envelope fields go out, whatever an older version stored: a malformed entry
 * must be refused by the server on its own (and land on the attention list), never make
 * the whole batch invalid and block the queue.
 */
function envelope(entry: Mutation) {
  const loose = entry as { name: unknown; schemaVersion: unknown; madeAt: unknown };
  return {
    seq: entry.seq,
    name: typeof loose.name === 'string' ? loose.name.slice(0, 50) : '',
    args: entry.args,
    schemaVersion:
      typeof loose.schemaVersion === 'number' && loose.schemaVersion >= 1
        ? Math.floor(loose.schemaVersion)
        : 1,
    madeAt: typeof loose.madeAt === 'string' ? loose.madeAt.slice(0, 40) : '',
  };
}

export class SyncEngine {
  private readonly db: PersonDb;
  private readonly api: ApiClient;
  private readonly onStatus: (status: SyncStatus) => void;
  private readonly locks: LockManagerLike | null;
  private readonly now: () => Date;
  private readonly random: () => number;
  private paused: boolean;
  /** After 426: nothing is sent until the app is updated. */
  private updateRequired = false;
  private current: SyncStatus = initialSyncStatus;
  private running: Promise<SyncOutcome> | null = null;
  private queued: Promise<SyncOutcome> | null = null;
  private failures = 0;
  /** Timed passes (the interval, debounced local changes) wait for the backoff until then. */
  private notBefore = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopTriggers: (() => void) | null = null;

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.api = options.api;
    this.onStatus = options.onStatus ?? (() => undefined);
    this.locks = options.locks ?? null;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.paused = options.paused ?? false;
  }

  get status(): SyncStatus {
    return this.current;
  }

  /**
   * Runs one pass and resolves when it has ended. While a pass runs, the next one is
   * queued once (every caller waiting for it), so a change made meanwhile is sent too.
   */
  syncOnce(): Promise<SyncOutcome> {
    this.clearTimer();
    if (!this.running) return this.launch();
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.launch();
    });
    return this.queued;
  }

  /** Attaches the triggers and runs a first pass. */
  start(): void {
    if (this.stopTriggers) return;
    let seenPending: number | null = null;
    const unwatch = watchSyncInfo(this.db, (info) => {
      // A longer outbox means a local change, in this tab or another: send it soon.
      if (seenPending !== null && info.pending > seenPending) this.soon();
      seenPending = info.pending;
      this.report({
        pending: info.pending,
        attention: info.attention,
        // Written by whichever tab syncs, so every tab shows how the last pass ended.
        lastSuccessAt: info.meta?.lastSuccessAt ?? null,
        lastError: asSyncErrorKey(info.meta?.lastError),
      });
    });
    const interval = setInterval(() => {
      if (this.now().getTime() >= this.notBefore) void this.syncOnce();
    }, syncTiming.intervalMs);
    const now = () => void this.syncOnce();
    const onVisible = () => {
      if (document.visibilityState === 'visible') now();
    };
    const hasWindow = typeof window !== 'undefined';
    if (hasWindow) {
      window.addEventListener('online', now);
      document.addEventListener('visibilitychange', onVisible);
    }
    this.stopTriggers = () => {
      unwatch();
      clearInterval(interval);
      if (hasWindow) {
        window.removeEventListener('online', now);
        document.removeEventListener('visibilitychange', onVisible);
      }
    };
    void this.syncOnce();
  }

  /** Detaches the triggers and waits for a running pass, e.g. before the database closes. */
  async stop(): Promise<void> {
    this.stopTriggers?.();
    this.stopTriggers = null;
    this.clearTimer();
    await this.queued;
    await this.running;
  }

  /** Stops sending until resume(), e.g. when the server has ended the session. */
  pause(): void {
    this.paused = true;
  }

  /** Sends again, e.g. after a new sign-in; the caller runs the pass it needs. */
  resume(): void {
    this.paused = false;
    this.failures = 0;
    this.notBefore = 0;
  }

  /** A pass shortly after local changes, once the backoff allows. */
  private soon(): void {
    if (!this.stopTriggers) return;
    const wait = Math.max(syncTiming.debounceMs, this.notBefore - this.now().getTime());
    this.schedule(wait);
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncOnce();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private launch(): Promise<SyncOutcome> {
    const pass = this.pass().finally(() => {
      if (this.running === pass) this.running = null;
    });
    this.running = pass;
    return pass;
  }

  private async pass(): Promise<SyncOutcome> {
    if (this.updateRequired) return 'update_required';
    if (this.paused) return 'paused';
    try {
      const { clientId } = await readSyncMeta(this.db);
      if (!this.locks) return await this.exchange(clientId);
      // Per database (its client id), so each tab of the browser waits its turn while
      // simulated devices in one test process never wait for each other.
      return await this.locks.request(`tenken-sync-${clientId}`, { ifAvailable: true }, (lock) =>
        lock ? this.exchange(clientId) : Promise.resolve<SyncOutcome>('busy'),
      );
    } catch (error) {
      return this.failed(error);
    }
  }

  private async exchange(clientId: string): Promise<SyncOutcome> {
    this.report({ state: 'syncing' });
    try {
      await this.push(clientId);
      await this.pull(clientId);
    } catch (error) {
      return this.failed(error);
    }
    const at = this.now();
    this.failures = 0;
    this.notBefore = 0;
    await recordSyncEnd(this.db, { at, error: null }).catch(() => undefined);
    this.report({ state: 'idle', lastError: null, lastSuccessAt: at.toISOString() });
    await this.reportCounts();
    return 'synced';
  }

  private async push(clientId: string): Promise<void> {
    for (;;) {
      const batch = await readOutbox(this.db, MAX_PUSH_MUTATIONS);
      const [first] = batch;
      if (!first) return;
      const { results } = await this.api.call(operations.syncPush, {
        body: { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations: batch.map(envelope) },
      });
      await applyPushResults(this.db, results, this.now());
      await this.reportCounts();
      // The server answers for every mutation it has processed, retries included; without
      // an answer for the first one, pushing again would send the same batch forever.
      if (!results.some((r) => r.seq === first.seq))
        throw new Error(`the server did not answer for mutation ${first.seq}`);
    }
  }

  private async pull(clientId: string): Promise<void> {
    for (;;) {
      const { cursor, scope } = await readSyncMeta(this.db);
      const page = await this.api.call(operations.syncPull, {
        query: {
          clientId,
          cursor,
          schemaVersion: SYNC_SCHEMA_VERSION,
          ...(scope === null ? {} : { scope }),
        },
      });
      await applyPullPage(this.db, page, cursor, this.now());
      if (!page.more) return;
      if (page.cursor <= cursor)
        throw new Error(`the server paged without moving the cursor from ${cursor}`);
    }
  }

  private async failed(error: unknown): Promise<SyncOutcome> {
    let outcome: SyncOutcome;
    let state: SyncState = 'error';
    let message: SyncErrorKey;
    if (error instanceof ApiError && error.status === 401) {
      // The outbox stays; the session manager asks the person to sign in again.
      this.paused = true;
      [outcome, message] = ['signed_out', 'syncErrorSignIn'];
    } else if (error instanceof ApiError && error.status === 426) {
      this.updateRequired = true;
      [outcome, state, message] = ['update_required', 'update_required', 'syncErrorUpdate'];
    } else if (
      error instanceof NetworkError ||
      (error instanceof ApiError && error.status >= 500)
    ) {
      this.failures += 1;
      const wait = backoffDelay(this.failures, this.random);
      this.notBefore = this.now().getTime() + wait;
      if (this.stopTriggers) this.schedule(wait);
      const offline = error instanceof NetworkError;
      [outcome, state, message] = offline
        ? ['offline', 'offline', 'syncErrorOffline']
        : ['failed', 'error', 'syncErrorServer'];
    } else {
      // Not expected to pass by itself (a refused batch, full storage): the regular
      // triggers try again, without hurrying.
      [outcome, message] = [
        'failed',
        error instanceof StorageFullError ? 'syncErrorStorageFull' : 'syncErrorFailed',
      ];
    }
    await recordSyncEnd(this.db, { error: message }).catch(() => undefined);
    this.report({ state, lastError: message });
    await this.reportCounts();
    return outcome;
  }

  private async reportCounts(): Promise<void> {
    const counts = await unsentWork(this.db).catch(() => null);
    if (counts) this.report({ pending: counts.outbox, attention: counts.attention });
  }

  private report(change: Partial<SyncStatus>): void {
    this.current = { ...this.current, ...change };
    this.onStatus(this.current);
  }
}
