// The benchmarks' settings, from the environment. The defaults are the recorded run;
// BENCH_QUICK=1 shrinks every size for a check that the benchmarks still work.
const quick = process.env.BENCH_QUICK === '1';

function positiveInt(name: string, full: number, quickValue: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return quick ? quickValue : full;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number above 0, not "${raw}"`);
  return value;
}

/** A comma-separated list of whole numbers above 0. */
function positiveInts(name: string, full: number[], quickValue: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return quick ? quickValue : full;
  const values = raw.split(',').map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1))
    throw new Error(`${name} must be whole numbers above 0, separated by commas, not "${raw}"`);
  return values;
}

export const benchmarkNames = [
  'seed-load',
  'sync-push',
  'sync-pull-idle',
  'first-pull',
  'save-answer',
  'app-shell-size',
  'offline-start',
  'reports',
] as const;
export type BenchmarkName = (typeof benchmarkNames)[number];

function only(): BenchmarkName[] {
  const raw = process.env.BENCH_ONLY;
  if (!raw) return [...benchmarkNames];
  const names = raw.split(',').map((n) => n.trim());
  for (const n of names)
    if (!(benchmarkNames as readonly string[]).includes(n))
      throw new Error(`BENCH_ONLY names "${n}"; the benchmarks are ${benchmarkNames.join(', ')}`);
  return names as BenchmarkName[];
}

export interface BenchConfig {
  quick: boolean;
  /** Queued setAnswer mutations pushed by one device. */
  pushMutations: number;
  /** Signed-in devices pulling at once. */
  pullDevices: number;
  /** How long each device pulls (and, for the baseline, asks for /api/health). */
  pullSeconds: number;
  /** Measured runs of each kind in the first-pull benchmark (each on a fresh database). */
  firstPullRuns: number;
  /** Counted saves of an answer in the save-answer benchmark (after a warm-up). */
  saveAnswers: number;
  /** The sizes of the reports benchmark's generated cities, in people. */
  reportPeople: number[];
  /** Counted requests of each report at each size (after a warm-up). */
  reportRequests: number;
  only: BenchmarkName[];
  /** PostgreSQL server on which throwaway databases are made; PGlite only when unset. */
  postgresUrl: string | undefined;
  /** A folder for the server processes' CPU profiles (node --cpu-prof), when set. */
  serverProfileDir: string | undefined;
}

export function readBenchConfig(): BenchConfig {
  return {
    quick,
    pushMutations: positiveInt('BENCH_PUSH_MUTATIONS', 10_000, 1_000),
    pullDevices: positiveInt('BENCH_PULL_DEVICES', 200, 20),
    pullSeconds: positiveInt('BENCH_PULL_SECONDS', 30, 3),
    firstPullRuns: positiveInt('BENCH_FIRST_PULL_RUNS', 7, 3),
    saveAnswers: positiveInt('BENCH_SAVE_ANSWERS', 500, 100),
    reportPeople: positiveInts('BENCH_REPORT_PEOPLE', [1_500, 15_000, 50_000], [300, 1_500]),
    reportRequests: positiveInt('BENCH_REPORT_REQUESTS', 30, 5),
    only: only(),
    postgresUrl: process.env.DATABASE_URL || undefined,
    serverProfileDir: process.env.BENCH_SERVER_PROFILE || undefined,
  };
}

/** The settings that change what is measured, as they were given (for the report's command). */
export function benchEnvironment(): string[] {
  return Object.keys(process.env)
    .filter((k) => k.startsWith('BENCH_') && process.env[k])
    .sort()
    .map((k) => `${k}=${process.env[k]}`);
}

/** Whether this run measures the recorded defaults, every benchmark included. */
export function isFullRun(config: BenchConfig): boolean {
  return (
    !config.quick &&
    config.pushMutations === 10_000 &&
    config.pullDevices === 200 &&
    config.pullSeconds === 30 &&
    config.firstPullRuns === 7 &&
    config.saveAnswers === 500 &&
    config.reportPeople.join(',') === '1500,15000,50000' &&
    config.reportRequests === 30 &&
    config.only.length === benchmarkNames.length
  );
}
