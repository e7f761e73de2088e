// First pull of a 50-person section into IndexedDB in Chromium: the app's own code
// (applyPullPage on the real pull pages, and the whole sync pass) against the same records
// written with raw IndexedDB in one transaction, in the same browser and the same run.
import { join } from 'node:path';
import type { SectionFacts } from './first-pull/section.ts';
import type { BenchPage, FetchResult, RunResult } from './first-pull/protocol.ts';
import { buildBenchPage, openBenchPage, repoRoot as root } from './support/browser.ts';
import type { BenchConfig } from './support/config.ts';
import { DEMO_PASSWORD } from './support/http.ts';
import type { Section } from './support/report.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { count, ms, summarize } from './support/stats.ts';
import { pgliteStorage, postgresStorage, type Storage } from './support/storage.ts';

const TARGET_RATIO = 2;
const pageDir = join(root, '.tmp', 'bench-first-pull');

/** Bundles page.ts (the app's client code and all it imports) as a production build. */
const buildPage = () =>
  buildBenchPage(join(root, 'bench', 'first-pull', 'page.ts'), pageDir, 'first pull');

interface SectionServer extends RunningServer {
  section: SectionFacts;
}

/** bench/first-pull/server-main.ts, which grows the demo section and says what it made. */
async function startSectionServer(storage: Storage): Promise<SectionServer> {
  const server = await startServer(storage, {
    entry: join(root, 'bench', 'first-pull', 'server-main.ts'),
    env: { BENCH_STATIC_DIR: pageDir },
  });
  const section = /section (\{.*\})/.exec(server.output)?.[1];
  if (!section) throw new Error('the benchmark server did not say which section it grew');
  return { ...server, section: JSON.parse(section) as SectionFacts };
}

const median = (values: readonly number[]) => summarize(values).p50;

type Kind = 'app' | 'raw' | 'dexie' | 'engine';
const kinds: readonly Kind[] = ['raw', 'app', 'dexie', 'engine'];

interface Measured {
  section: SectionFacts;
  storage: string;
  fetched: FetchResult;
  runs: Record<Kind, RunResult[]>;
}

async function measure(server: SectionServer, storage: Storage, runs: number): Promise<Measured> {
  const browser = await openBenchPage(server.base);
  try {
    const { page } = browser;
    type Bench = { bench: BenchPage };
    await page.evaluate(
      ([staffNumber, password]) => (window as unknown as Bench).bench.signIn(staffNumber, password),
      [server.section.chief.staffNumber, DEMO_PASSWORD] as const,
    );
    const fetched = await page.evaluate(() => (window as unknown as Bench).bench.fetchPages());
    const expected = fetched.pages.reduce(
      (sum, p) => ({ sheets: sum.sheets + p.sheets, answers: sum.answers + p.answers }),
      { sheets: 0, answers: 0 },
    );
    const run = async (kind: Kind, n: number): Promise<RunResult> => {
      const result: RunResult & { outcome?: string } = await page.evaluate(
        ([k, i]) => (window as unknown as Bench).bench[k](i),
        [kind, n] as const,
      );
      if (result.sheets !== expected.sheets || result.answers !== expected.answers)
        throw new Error(
          `${kind} run ${n} stored ${result.sheets} sheets and ${result.answers} answers, not ${expected.sheets} and ${expected.answers}`,
        );
      if (result.outcome !== undefined && result.outcome !== 'synced')
        throw new Error(`the sync pass ended "${result.outcome}"`);
      return result;
    };
    // One of each first, not counted: the page's code and the browser's storage warm up.
    for (const kind of kinds) await run(kind, 0);
    const results: Record<Kind, RunResult[]> = { app: [], raw: [], dexie: [], engine: [] };
    for (let n = 1; n <= runs; n++) {
      console.error(`first-pull: run ${n} of ${runs}…`);
      // A different order each run, so no kind always follows another.
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(k + n) % kinds.length] as Kind;
        results[kind].push(await run(kind, n));
      }
    }
    return {
      section: server.section,
      storage: storage.label,
      fetched,
      runs: results,
    };
  } finally {
    await browser.close();
  }
}

export async function benchFirstPull(config: BenchConfig): Promise<Section> {
  console.error('first-pull: building the page…');
  await buildPage();
  const storage = config.postgresUrl
    ? await postgresStorage(config.postgresUrl, 'first_pull')
    : pgliteStorage();
  let m: Measured;
  try {
    const server = await startSectionServer(storage);
    try {
      m = await measure(server, storage, config.firstPullRuns);
    } finally {
      await server.stop();
    }
  } finally {
    await storage.drop();
  }
  return report(m, config.firstPullRuns);
}

function report(m: Measured, runs: number): Section {
  const med = (kind: Kind) => median(m.runs[kind].map((r) => r.ms));
  const raw = med('raw');
  const app = med('app');
  const ratio = app / raw;
  const met = ratio <= TARGET_RATIO;
  const sheets = m.fetched.pages.reduce((n, p) => n + p.sheets, 0);
  const answers = m.fetched.pages.reduce((n, p) => n + p.answers, 0);
  const s = m.section;
  const row = (what: string, kind: Kind) => {
    const times = m.runs[kind].map((r) => r.ms);
    return `| ${what} | ${times.length} | **${ms(med(kind))}** | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} | ${(med(kind) / raw).toFixed(2)}× |`;
  };
  const pairedRatio = median(m.runs.app.map((r, i) => r.ms / (m.runs.raw[i]?.ms ?? NaN)));
  const pages = m.fetched.pages
    .map(
      (p) =>
        `${count(p.sheets)} sheets and ${count(p.answers)} answers (${count(Math.round(p.bytes / 1024))} KiB of JSON)`,
    )
    .join('; ');

  const notes = [
    `The pull came in ${m.fetched.pages.length} pages (the server sends at most 200 sheets a page): ${pages}. Fetching them once (HTTP, the server on ${m.storage}, JSON and zod, before the runs) took ${ms(m.fetched.ms)}.`,
    `applyPullPage costs ${ratio.toFixed(2)}× the raw writes (target ≤ ${TARGET_RATIO}×; the median of the ratios within each run, where both ran back to back, is ${pairedRatio.toFixed(2)}×); Dexie's bulkPut of the same records alone costs ${(med('dexie') / raw).toFixed(2)}×, and the whole sync pass ${(med('engine') / raw).toFixed(2)}×.`,
    ...(met
      ? []
      : [
          'Where the time goes: look at what `applyPullPage` and `rebase` read and write per page (src/client/db/server-changes.ts, device-views.ts).',
        ]),
  ];

  return {
    title: 'First pull of a 50-person section into IndexedDB (Chromium)',
    measures: `the chief of a 50-person section (the demo section ${s.unitId}, whose chief's reach is the section) pulls for the first time into a fresh person database, in Debian's Chromium (headless, launched with playwright.config.ts's executable and arguments, a profile on disk). Data: the demo city, then, with SQL in the benchmark server's setup (bench/first-pull/section.ts), ${count(s.addedPeople)} more people in that section (${s.people} in all), each with four quarterly sheets of a 60-item template made of the real items of the ethics (23), documents (22) and seal (first 15) templates — the demo templates have 9–23 items, too few for the issue's 60 answers a sheet — every item answered with a valid value (mostly positive, the follow-up comment or action where asked), each answer with its own version: ${count(s.benchSheets)} answered sheets and ${count(s.answers)} answers, plus the ${s.seededSheets} unanswered sheets the demo round had made in the section, so the chief pulls ${count(sheets)} sheets and ${count(answers)} answers. The server (a separate Node process on loopback, ${m.storage}) serves the benchmark page (bench/first-pull/page.ts bundled by Vite with the app's src/client/db, src/client/sync and src/client/api) from the same origin as /api. The pages of one first pull are fetched once; each run then calls the app's \`applyPullPage\` on them in order, into a fresh database (opened before the clock starts). ${runs} runs of each kind, interleaved, after one warm-up run of each; every run's database is checked to hold every sheet and answer, then deleted.`,
    baseline: `the same records (each sheet as stored, with its server copy; each answer with its server state and local value, as applyPullPage builds them) put into a fresh database with the same stores, keys and indexes with raw IndexedDB: \`indexedDB.open\`, one readwrite transaction, one \`put\` per row, default durability as the app's; timed from the transaction's start to its \`complete\`.`,
    target: `\`applyPullPage\` on every page ≤ ${TARGET_RATIO}× the baseline (medians); the whole sync pass is reported.`,
    body: `| what | runs | median | min | max | × baseline |
| --- | ---: | ---: | ---: | ---: | ---: |
${row('the app: `applyPullPage` on every page, in order', 'app')}
${row('baseline: raw IndexedDB, one transaction, `put` per row', 'raw')}
${row('for comparison: Dexie `bulkPut` of the same records, one transaction', 'dexie')}
${row('the whole first sync pass: `SyncEngine.syncOnce` (HTTP, server, zod, applyPullPage)', 'engine')}

${notes.map((l) => `- ${l}`).join('\n')}`,
    summary: {
      result: `applyPullPage ${ms(app)} vs raw IndexedDB ${ms(raw)}: ${ratio.toFixed(2)}× (${count(sheets)} sheets, ${count(answers)} answers); whole sync pass ${ms(med('engine'))}`,
      met,
    },
  };
}
