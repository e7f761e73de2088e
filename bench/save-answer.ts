// Saving an answer on a device that already holds 2,000 sheets and 100,000 answers: the
// app's setAnswer (the effect and the outbox entry in one transaction) from the call until
// it has committed, against one raw IndexedDB put per save in the same browser and run.
import { join } from 'node:path';
import type { BenchConfig } from './support/config.ts';
import { buildBenchPage, openBenchPage, repoRoot, serveDirectory } from './support/browser.ts';
import type { Section } from './support/report.ts';
import { count, ms, seconds, summarize, type LatencySummary } from './support/stats.ts';
import {
  saveKinds,
  type BatchResult,
  type BenchPage,
  type DeviceState,
  type FillResult,
  type Shape,
} from './save-answer/protocol.ts';

const TARGET_P95_MS = 16;
const TARGET_RATIO = 2;
const BATCH = 100;
const pageDir = join(repoRoot, '.tmp', 'bench-save-answer');

interface Measured {
  shape: Shape;
  fill: FillResult;
  warmup: number;
  times: BatchResult;
  before: DeviceState;
  after: DeviceState;
}

async function measure(shape: Shape, saves: number, warmup: number): Promise<Measured> {
  const server = await serveDirectory(pageDir);
  try {
    const browser = await openBenchPage(server.base);
    try {
      type Bench = { bench: BenchPage };
      const { page } = browser;
      console.error(
        `save-answer: filling ${count(shape.sheets)} sheets and ${count(shape.sheets * shape.answersPerSheet)} answers…`,
      );
      const fill = await page.evaluate((s) => (window as unknown as Bench).bench.fill(s), shape);
      const expected = shape.sheets * shape.answersPerSheet;
      if (fill.answers !== expected || fill.rawAnswers !== expected)
        throw new Error(
          `the databases hold ${fill.answers} and ${fill.rawAnswers} answers, not ${expected}`,
        );
      const batch = (from: number, n: number) =>
        page.evaluate(([f, c]) => (window as unknown as Bench).bench.saves(f, c), [
          from,
          n,
        ] as const);
      // Not counted: the page's code, Dexie's schema and the sync metadata warm up.
      await batch(0, warmup);
      const before = await page.evaluate(() => (window as unknown as Bench).bench.state());
      const times: BatchResult = { app: [], raw: [], rawSave: [] };
      for (let done = 0; done < saves; done += BATCH) {
        console.error(
          `save-answer: saves ${done + 1}–${Math.min(saves, done + BATCH)} of ${saves}…`,
        );
        const result = await batch(warmup + done, Math.min(BATCH, saves - done));
        for (const kind of saveKinds) times[kind].push(...result[kind]);
      }
      const after = await page.evaluate(() => (window as unknown as Bench).bench.state());
      const queued = warmup + saves;
      if (after.outbox !== queued)
        throw new Error(`the outbox holds ${after.outbox} entries, not ${queued}`);
      if (after.answers !== expected || after.sheets !== shape.sheets)
        throw new Error(
          `the person database holds ${after.sheets} sheets, ${after.answers} answers`,
        );
      return { shape, fill, warmup, times, before, after };
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

export async function benchSaveAnswer(config: BenchConfig): Promise<Section> {
  console.error('save-answer: building the page…');
  await buildBenchPage(
    join(repoRoot, 'bench', 'save-answer', 'page.ts'),
    pageDir,
    'saving an answer',
  );
  const shape: Shape = { sheets: config.quick ? 400 : 2_000, answersPerSheet: 50 };
  const warmup = config.quick ? 20 : 50;
  return report(await measure(shape, config.saveAnswers, warmup));
}

function report(m: Measured): Section {
  const s = Object.fromEntries(saveKinds.map((k) => [k, summarize(m.times[k])])) as Record<
    (typeof saveKinds)[number],
    LatencySummary
  >;
  const { app, raw } = s;
  const ratio = app.p95 / raw.p95;
  const metAbsolute = app.p95 <= TARGET_P95_MS;
  const metRatio = ratio <= TARGET_RATIO;
  const answers = m.shape.sheets * m.shape.answersPerSheet;
  const row = (what: string, x: LatencySummary) =>
    `| ${what} | ${count(x.count)} | ${ms(x.p50)} | **${ms(x.p95)}** | ${ms(x.p99)} | ${ms(x.max)} | ${(x.p95 / raw.p95).toFixed(2)}× |`;
  const pairedRatio = median(m.times.app.map((a, i) => a / (m.times.raw[i] ?? NaN)));
  const notes = [
    `p95 of a save: ${ms(app.p95)} (target ≤ ${TARGET_P95_MS} ms: ${metAbsolute ? 'met' : '**not met**'}); ${ratio.toFixed(2)}× the raw put's p95 (target ≤ ${TARGET_RATIO}×: ${metRatio ? 'met' : '**not met**'}). At the median, ${(app.p50 / raw.p50).toFixed(2)}× (the median of the ratios of the saves made back to back: ${pairedRatio.toFixed(2)}×).`,
    `The outbox is never sent here, as on a device offline for days, and grows with every save of the app: it held ${count(m.before.outbox)} entries when the counted saves began and ${count(m.after.outbox)} at the end; each save was checked to be queued with the next seq. Nothing in a save reads the whole outbox, so its growing does not show.`,
    `Raw IndexedDB doing what a save must (read the answer and its sheet at once, then write the answer and the outbox entry, numbered by the store's key generator, at once, in one transaction over the three stores) has a p95 of ${ms(s.rawSave.p95)}, ${(s.rawSave.p95 / raw.p95).toFixed(2)}× the single put (${(s.rawSave.p50 / raw.p50).toFixed(2)}× at the median): what is left to the app is its own JavaScript (the change checked against the shared rules, the view laid over, Dexie's live queries told).`,
    `Filling both databases before the saves (Dexie \`bulkPut\` and raw puts, ${count(10_000)} records a transaction; not timed) took ${seconds(m.fill.ms)}; the person database then held ${count(m.fill.sheets)} sheets and ${count(m.fill.answers)} answers, the raw one ${count(m.fill.rawSheets)} and ${count(m.fill.rawAnswers)}. Times are the page's \`performance.now()\`, which Chromium rounds to 0.1 ms.`,
  ];

  return {
    title: 'Saving an answer on a full device (Chromium)',
    measures: `the app's \`setAnswer(db, …)\` (src/client/db/local-changes.ts: the answer and its sheet read, the answer's new local value and the outbox entry, numbered by the outbox store's key generator, written, in one IndexedDB transaction of its own, raw-transaction.ts) from the call until its promise resolves, i.e. the transaction has committed, on a person database (the app's PersonDb, in Debian's Chromium, headless, launched with playwright.config.ts's executable and arguments, a profile on disk) already holding ${count(m.shape.sheets)} sheets and ${count(answers)} answers in the shapes the app stores (each sheet with its server copy; each answer with its server state and local value): ${count(m.shape.sheets / 4)} people × four quarterly sheets of ${m.shape.answersPerSheet} items (agreement and yes/no items, mostly positive values, the follow-up comment or action where asked), the older two quarters approved or submitted, the later two returned or draft. ${count(app.count)} saves after ${count(m.warmup)} not counted, each on an item picked at random (seeded) of one of the ${count(m.fill.editableSheets)} sheets in draft or returned, with a valid new value (agreement 1–4 or yes/no/n.a., a comment or action where a follow-up asks); one after another, no pause. The page (bench/save-answer/page.ts, the app's src/client/db bundled by Vite) is served from loopback; no server, no sync, no UI.`,
    baseline: `in the same browser and run, interleaved with the app's saves (a different one first each time): per save, one readwrite transaction on a database with the same stores, keys and indexes holding the same ${count(m.shape.sheets)} sheets and ${count(answers)} answers, that \`put\`s the saved answer's record (its server state and new local value) into \`answers\`, timed from \`transaction()\` until \`complete\`; default durability, as the app's.`,
    target: `p95 of a save ≤ ${TARGET_P95_MS} ms and ≤ ${TARGET_RATIO}× the baseline's p95.`,
    body: `| what | saves | p50 | p95 | p99 | max | p95 × baseline |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${row('the app: `setAnswer` until committed, with its outbox entry', app)}
${row('baseline: raw IndexedDB, one transaction putting one answer', raw)}
${row("for comparison: raw IndexedDB doing a save's reads and writes in two round trips", s.rawSave)}

${notes.map((l) => `- ${l}`).join('\n')}

`,
    summary: {
      result: `setAnswer p50 ${ms(app.p50)}, p95 ${ms(app.p95)} vs raw put p95 ${ms(raw.p95)}: ${ratio.toFixed(2)}× (${count(m.shape.sheets)} sheets, ${count(answers)} answers stored)`,
      met: metAbsolute && metRatio,
    },
  };
}

const median = (values: readonly number[]) => summarize(values).p50;
