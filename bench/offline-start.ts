// Starting the app offline on a slow device: the built app and API (src/server/main.ts) as
// the end-to-end tests run them, one online sign-in in Chromium, then reloads with the
// network cut, from the reload until the first sheet card is on screen, at 4× and 1× CPU.
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import playwrightConfig from '../playwright.config.ts';
import { appDistDir, buildApp } from './support/app-build.ts';
import { repoRoot } from './support/browser.ts';
import { DEMO_PASSWORD } from './support/http.ts';
import type { Section } from './support/report.ts';
import { ms, summarize } from './support/stats.ts';

const TARGET_MS = 1_500;
const RUNS = 7;
const SLOWDOWN = 4;
const STAFF = '100016';
const dataDir = join(repoRoot, '.tmp', 'bench-offline-start-data');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface AppServer {
  base: URL;
  stop(): Promise<void>;
}

/** `node --import tsx src/server/main.ts` on a fresh PGlite data folder, serving the build. */
async function startAppServer(): Promise<AppServer> {
  await rm(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'src', 'server', 'main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        STATIC_DIR: appDistDir,
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = new URL(`http://localhost:${port}`);
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app server exited (${child.exitCode})`);
    try {
      if ((await fetch(new URL('/api/health', base))).ok) return { base, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the app server did not answer /api/health within 2 minutes');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Records, from the document's time origin (the start of the navigation), the first frame
 * in which a sheet card is in the document and rendered. A string, not a function: tsx
 * would add its __name helper, which the page does not have.
 */
const watchFirstCard = `
  const observer = new MutationObserver(() => {
    const card = document.querySelector('[data-testid="sheet-card"]');
    if (!card || !card.checkVisibility()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.firstCardAt ??= performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
`;

interface Reload {
  ms: number;
  fromServiceWorker: boolean;
}

async function timedReload(page: Page, cdp: CDPSession, rate: number): Promise<Reload> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const response = await page.reload({ waitUntil: 'commit' });
  await page.getByTestId('sheet-card').first().waitFor({ state: 'visible', timeout: 60_000 });
  const at = await page.waitForFunction(
    () => (window as unknown as { firstCardAt?: number }).firstCardAt,
  );
  const value = (await at.jsonValue()) as number;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return { ms: value, fromServiceWorker: response?.fromServiceWorker() ?? false };
}

interface Measured {
  slow: Reload[];
  fast: Reload[];
  cards: number;
}

async function measure(base: URL, runs: number): Promise<Measured> {
  const profile = await mkdtemp(join(tmpdir(), 'tenken-bench-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      ...(playwrightConfig.use?.launchOptions ?? {}),
      headless: true,
      baseURL: base.toString(),
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await page.getByLabel('職員番号').fill(STAFF);
    await page.getByLabel('パスワード', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByTestId('signed-in-person').waitFor({ state: 'visible' });
    await page.getByTestId('sheet-card').first().waitFor({ state: 'visible' });
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);

    await context.setOffline(true);
    await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await context.addInitScript({ content: watchFirstCard });
    const cdp = await context.newCDPSession(page);
    // Not counted: one of each, so the caches and the database are warm as on a device.
    await timedReload(page, cdp, 1);
    await timedReload(page, cdp, SLOWDOWN);
    const slow: Reload[] = [];
    const fast: Reload[] = [];
    for (let n = 1; n <= runs; n++) {
      console.error(`offline-start: run ${n} of ${runs}…`);
      // A different one first each run.
      if (n % 2) {
        slow.push(await timedReload(page, cdp, SLOWDOWN));
        fast.push(await timedReload(page, cdp, 1));
      } else {
        fast.push(await timedReload(page, cdp, 1));
        slow.push(await timedReload(page, cdp, SLOWDOWN));
      }
    }
    const cards = await page.getByTestId('sheet-card').count();
    const notFromWorker = [...slow, ...fast].filter((r) => !r.fromServiceWorker).length;
    if (notFromWorker) throw new Error(`${notFromWorker} reloads were not answered by the worker`);
    return { slow, fast, cards };
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

export async function benchOfflineStart(): Promise<Section> {
  console.error('offline-start: building the app…');
  await buildApp();
  console.error('offline-start: starting the server (fresh database, demo city)…');
  const server = await startAppServer();
  let m: Measured;
  try {
    m = await measure(server.base, RUNS);
  } finally {
    await server.stop();
  }
  const slow = summarize(m.slow.map((r) => r.ms));
  const fast = summarize(m.fast.map((r) => r.ms));
  const met = slow.p50 <= TARGET_MS;
  const row = (what: string, reloads: Reload[]) => {
    const times = reloads.map((r) => r.ms);
    const s = summarize(times);
    return `| ${what} | ${s.count} | **${ms(s.p50)}** | ${ms(Math.min(...times))} | ${ms(s.max)} | ${(s.p50 / fast.p50).toFixed(2)}× |`;
  };
  return {
    title: `Offline start at ${SLOWDOWN}× CPU slowdown (Chromium)`,
    measures: `the built app and API as the end-to-end tests run them (\`node --import tsx src/server/main.ts\`, a fresh PGlite data folder with the demo city, the app from \`vite build\` into .tmp/bench-app/dist), in Debian's Chromium (headless, playwright.config.ts's executable and arguments, a profile on disk). The demo staff member ${STAFF} signs in once online and the home lists their sheets; once the service worker controls the page, the network is cut (\`context.setOffline(true)\` and every /api/ request aborted), and the page is reloaded with the renderer's CPU slowed ${SLOWDOWN}× (CDP \`Emulation.setCPUThrottlingRate\`; the service worker's own thread is not slowed). Time: from the navigation's start (the new document's time origin) to the first animation frame in which a sheet card (\`[data-testid="sheet-card"]\`) is in the document and rendered, read in the page with a MutationObserver installed before the app's scripts. ${RUNS} runs, after one not counted of each kind; every reload was checked to be answered by the service worker; ${m.cards} sheet cards on the page.`,
    baseline: `the same offline reload without CPU slowdown, interleaved with the slowed ones in the same browser and run.`,
    target: `median ≤ ${ms(TARGET_MS)} at ${SLOWDOWN}× slowdown; the max is reported.`,
    body: `| reload, offline | runs | median | min | max | × baseline |
| --- | ---: | ---: | ---: | ---: | ---: |
${row(`the app at ${SLOWDOWN}× CPU slowdown`, m.slow)}
${row('baseline: no CPU slowdown', m.fast)}

Each run, ${SLOWDOWN}×: ${m.slow.map((r) => ms(r.ms)).join(', ')}; 1×: ${m.fast.map((r) => ms(r.ms)).join(', ')}.
`,
    summary: {
      result: `first sheet card at ${SLOWDOWN}× CPU: median ${ms(slow.p50)}, max ${ms(slow.max)} vs ${ms(fast.p50)} unslowed`,
      met,
    },
  };
}
