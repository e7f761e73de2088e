// The HTTP application: /api routes and the built PWA, from one origin.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MIN_SYNC_SCHEMA_VERSION } from '@/shared/sync/mutations.ts';
import { defaultSessionPolicy } from './auth/sessions.ts';
import { defaultThrottlePolicy } from './auth/sign-in-throttle.ts';
import { apiError } from './http-errors.ts';
import { actingRoutes } from './routes/acting-routes.ts';
import { followUpRoutes } from './routes/follow-up-routes.ts';
import { healthRoutes } from './routes/health.ts';
import { hrImportRoutes } from './routes/hr-import-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
import { peopleRoutes } from './routes/people-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { reviewRoutes } from './routes/review-routes.ts';
import { roundRoutes } from './routes/round-routes.ts';
import { sealRoutes } from './routes/seal-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { sheetRoutes } from './routes/sheet-routes.ts';
import { syncRoutes } from './routes/sync-routes.ts';
import { templateRoutes } from './routes/templates.ts';
import type { ServerContext } from './server-context.ts';
import { staticRoutes } from './static.ts';

/** Large enough for an HR export of a big city, small enough to refuse abuse early. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface AppOptions extends Partial<Omit<ServerContext, 'db'>> {
  db: ServerContext['db'];
  /** The built PWA; omitted when only the API is served (tests, development). */
  staticDir?: string;
}

export function createApp({ staticDir, ...options }: AppOptions): Hono {
  const ctx: ServerContext = {
    clock: () => new Date(),
    sessionPolicy: defaultSessionPolicy,
    throttlePolicy: defaultThrottlePolicy,
    trustProxy: false,
    minSyncSchemaVersion: MIN_SYNC_SCHEMA_VERSION,
    ...options,
  };
  const app = new Hono();
  const api = new Hono();
  api.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => apiError(c, 413, 'too_large', 'the request is too large'),
    }),
  );
  for (const mount of [
    healthRoutes,
    openApiRoutes,
    sessionRoutes,
    templateRoutes,
    sheetRoutes,
    roundRoutes,
    followUpRoutes,
    peopleRoutes,
    sealRoutes,
    actingRoutes,
    reviewRoutes,
    reportRoutes,
    hrImportRoutes,
    syncRoutes,
  ])
    mount(api, ctx);
  // A sub-app's notFound is not used once mounted, so unknown API paths are caught here,
  // before the app's deep-link fallback could answer them with HTML.
  api.all('*', (c) =>
    apiError(c, 404, 'not_found', `no such API route: ${c.req.method} ${c.req.path}`),
  );
  app.route('/api', api);
  if (staticDir) app.route('/', staticRoutes(staticDir));
  app.onError((error, c) => {
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return apiError(c, 500, 'internal', 'the server failed to answer; please try again');
  });
  return app;
}
