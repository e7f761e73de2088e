// Serves the built PWA. Hashed assets are cached for good; everything else (index.html,
// the service worker, the manifest) is revalidated so that updates reach installed apps.
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { Hono } from 'hono';

function cacheHeaders(path: string, c: Context) {
  c.header(
    'Cache-Control',
    /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

export function staticRoutes(staticDir: string): Hono {
  const app = new Hono();
  app.use('*', serveStatic({ root: staticDir, onFound: cacheHeaders }));
  // Deep links (/sheets/…) load the app, which routes on the client.
  app.get('*', serveStatic({ root: staticDir, path: 'index.html', onFound: cacheHeaders }));
  return app;
}
