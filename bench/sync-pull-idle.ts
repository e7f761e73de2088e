// Idle pulls: many signed-in devices, already up to date, each pulling in a loop with
// nothing new, against the same loops asking for /api/health (public, one `select 1`).
import type { PullResponse } from '@/shared/sync/protocol.ts';
import type { BenchConfig } from './support/config.ts';
import { BenchDevice } from './support/device.ts';
import { ApiSession, HttpClient, demoPerson, type HttpResponse } from './support/http.ts';
import type { Section } from './support/report.ts';
import { startServer } from './support/server.ts';
import {
  count,
  mapLimit,
  ms,
  perSecond,
  seconds,
  summarize,
  time,
  type LatencySummary,
} from './support/stats.ts';
import { storagesFor, type Storage } from './support/storage.ts';

/** Sign-ins at once: failed-or-pending attempts per address are limited (20 in 15 minutes). */
const SIGN_IN_CONCURRENCY = 4;

interface LoopResult {
  ms: number;
  requests: number;
  latency: LatencySummary;
  errors: Map<string, number>;
  notIdle: number;
}

/** Nothing new: no reset, nothing more, and every list in the answer empty (whatever lists it has). */
function isIdle(page: PullResponse): boolean {
  return (
    !page.reset &&
    !page.more &&
    Object.values(page).every((value) => !Array.isArray(value) || value.length === 0)
  );
}

/** Every device sends one request after another until the time is up. */
async function runLoops(
  devices: readonly BenchDevice[],
  durationMs: number,
  send: (device: BenchDevice) => Promise<HttpResponse>,
  check: (device: BenchDevice, response: HttpResponse) => boolean,
): Promise<LoopResult> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const fail = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
  let notIdle = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    devices.map(async (device) => {
      while (performance.now() < end) {
        const sent = performance.now();
        let response: HttpResponse;
        try {
          response = await send(device);
        } catch (error) {
          latencies.push(performance.now() - sent);
          fail((error as { code?: string }).code ?? (error as Error).message);
          continue;
        }
        latencies.push(performance.now() - sent);
        if (response.status !== 200) fail(`HTTP ${response.status}`);
        else
          try {
            if (!check(device, response)) notIdle++;
          } catch (error) {
            fail(`unreadable answer (${(error as Error).message})`);
          }
      }
    }),
  );
  return {
    ms: performance.now() - start,
    requests: latencies.length,
    latency: summarize(latencies),
    errors,
    notIdle,
  };
}

interface Measured {
  storage: Storage;
  signInMs: number;
  firstPullMs: number;
  firstPullSheets: number;
  pull: LoopResult;
  health: LoopResult;
}

async function measure(storage: Storage, config: BenchConfig): Promise<Measured> {
  const server = await startServer(storage, { profileDir: config.serverProfileDir });
  const http = new HttpClient(server.base);
  try {
    const people = Array.from({ length: config.pullDevices }, (_, i) => demoPerson(i + 1));
    const [sessions, signInMs] = await time(() =>
      mapLimit(people, SIGN_IN_CONCURRENCY, (p) => ApiSession.signIn(http, p.staffNumber)),
    );
    const devices = sessions.map((s) => new BenchDevice(s, `bench-idle-${s.personId}`));
    const [firstPages, firstPullMs] = await time(() => mapLimit(devices, 8, (d) => d.pullAll()));
    const firstPullSheets = firstPages.flat().reduce((n, p) => n + p.sheets.length, 0);

    const pullOnce = (d: BenchDevice) => d.session.get(d.pullPath());
    const pullIsIdle = (d: BenchDevice, r: HttpResponse) => isIdle(d.accept(r));
    const health = (d: BenchDevice) => d.session.http.request('GET', '/api/health');
    const healthy = (_: BenchDevice, r: HttpResponse) =>
      (JSON.parse(r.body) as { status?: string }).status === 'ok';
    const durationMs = config.pullSeconds * 1000;
    const warmUpMs = Math.min(3000, durationMs / 10);

    console.error(`sync-pull-idle: ${storage.label}: ${devices.length} devices pulling…`);
    await runLoops(devices, warmUpMs, pullOnce, pullIsIdle);
    const pull = await runLoops(devices, durationMs, pullOnce, pullIsIdle);
    console.error(`sync-pull-idle: ${storage.label}: the same loops on /api/health…`);
    await runLoops(devices, warmUpMs, health, healthy);
    const healthResult = await runLoops(devices, durationMs, health, healthy);
    return { storage, signInMs, firstPullMs, firstPullSheets, pull, health: healthResult };
  } finally {
    http.close();
    await server.stop();
  }
}

const errorText = (r: LoopResult) =>
  r.errors.size === 0 ? '0' : [...r.errors].map(([kind, n]) => `${count(n)} × ${kind}`).join(', ');

export async function benchSyncPullIdle(config: BenchConfig): Promise<Section> {
  const results: Measured[] = [];
  for (const make of storagesFor(config.postgresUrl, 'pull')) {
    const storage = await make();
    try {
      results.push(await measure(storage, config));
    } finally {
      await storage.drop();
    }
  }
  const row = (label: string, what: string, r: LoopResult) =>
    `| ${label} | ${what} | ${count(r.requests)} | **${perSecond(r.requests, r.ms)}** | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${errorText(r)} |`;
  const rows = results.flatMap(({ storage, pull, health }) => [
    row(storage.label, 'idle pull', pull),
    row(storage.label, 'baseline: GET /api/health', health),
  ]);
  const notes = results.flatMap(
    ({ storage, pull, health, signInMs, firstPullMs, firstPullSheets }) => [
      `${storage.label}: idle pulls are answered at ${((100 * (pull.requests / pull.ms)) / (health.requests / health.ms)).toFixed(0)}% of the health check's rate, with ${(pull.latency.p50 / health.latency.p50).toFixed(1)}× its median latency.`,
      `${storage.label}: setting up, ${config.pullDevices} sign-ins (${SIGN_IN_CONCURRENCY} at a time, scrypt) took ${seconds(signInMs)} and the first full pulls (8 at a time, ${count(firstPullSheets)} sheets in all) ${seconds(firstPullMs)}; neither is in the figures above.`,
      ...(pull.notIdle > 0
        ? [`${storage.label}: ${count(pull.notIdle)} pulls were not empty.`]
        : []),
    ],
  );
  const totalErrors = results.reduce(
    (n, r) => n + [...r.pull.errors.values()].reduce((a, b) => a + b, 0) + r.pull.notIdle,
    0,
  );
  return {
    title: 'Idle sync pulls',
    measures: `${config.pullDevices} simulated devices (the demo city's people p00001…, each signed in with its own session and its own device id, so chiefs with wide reach are among them), first brought up to date by a full pull, then each pulling in a loop — one request after another, no pause — for ${config.pullSeconds} s with nothing new, against a server on loopback (a separate Node process, demo city loaded). Requests/s over the whole run, latency percentiles of every request, errors (a failed connection, a status other than 200, an answer that cannot be read) and pulls that were not empty. A warm-up of ${seconds(Math.min(3000, config.pullSeconds * 100))} precedes each measured loop.`,
    baseline: `the same ${config.pullDevices} loops for the same duration on GET /api/health (public, answers after one \`select 1\`), right after the pulls, on the same server.`,
    target: '0 errors (and 0 non-empty pulls); requests/s and latency are reported.',
    body: `| database | what | requests | requests/s | p50 | p95 | p99 | max | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

${notes.map((l) => `- ${l}`).join('\n')}`,
    summary: {
      result: results
        .map(
          (r) =>
            `${r.storage.label} ${perSecond(r.pull.requests, r.pull.ms)} req/s, p99 ${ms(r.pull.latency.p99)}, ${errorText(r.pull)} errors (health ${perSecond(r.health.requests, r.health.ms)} req/s)`,
        )
        .join('; '),
      met: totalErrors === 0,
    },
  };
}
