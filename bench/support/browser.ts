// Benchmarks in the browser: a page bundled by Vite with the app's own client code, and
// Debian's Chromium driven by Playwright (playwright.config.ts's executable and arguments)
// with a profile on disk, as the app runs on a device.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import playwrightConfig from '../../playwright.config.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles `entry` (a page of bench/, with the app's client code it imports) as a production
 * build into `outDir`: page.js and an index.html that loads it.
 */
export async function buildBenchPage(entry: string, outDir: string, title: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    publicDir: false,
    resolve: { alias: { '@': join(repoRoot, 'src') } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => 'page.js' },
    },
  });
  await writeFile(
    join(outDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="/page.js"></script>\n`,
  );
}

export interface StaticServer {
  base: URL;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** Serves a built page's folder on a free loopback port (for pages that need no API). */
export function serveDirectory(dir: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        base: new URL(`http://127.0.0.1:${port}`),
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

export interface BenchBrowser {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Headless Chromium with a persistent profile on disk (a plain launch() context keeps
 * IndexedDB in memory), on `url`, once the page has set window.bench.
 */
export async function openBenchPage(url: URL): Promise<BenchBrowser> {
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  const profile = await mkdtemp(join(tmpdir(), 'tenken-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions,
    headless: true,
  });
  const close = async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url.toString());
    await page.waitForFunction(() => 'bench' in window);
    return { context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
