// The HTTP application: /api routes and the built PWA, from one origin.
import { Hono } from 'hono';
import type { Database } from './db/database.ts';
import { apiError } from './http-errors.ts';
import { healthRoutes } from './routes/health.ts';
import { templateRoutes } from './routes/templates.ts';
import { staticRoutes } from './static.ts';

export interface AppOptions {
  db: Database;
  /** The built PWA; omitted when only the API is served (tests, development). */
  staticDir?: string;
}

export function createApp({ db, staticDir }: AppOptions): Hono {
  const app = new Hono();
  const api = new Hono();
  api.route('/', healthRoutes(db));
  api.route('/', templateRoutes(db));
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
