// What every route needs: the database, the clock (injected so tests can move time), and
// the sign-in policies.
import type { SessionPolicy } from './auth/sessions.ts';
import type { ThrottlePolicy } from './auth/sign-in-throttle.ts';
import type { Database } from './db/database.ts';

export interface ServerContext {
  db: Database;
  clock: () => Date;
  sessionPolicy: SessionPolicy;
  throttlePolicy: ThrottlePolicy;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Devices with an older mutation format are asked to update before they sync. */
  minSyncSchemaVersion: number;
}
