// Benchmarks, run by `npm run bench`: each benchmark is its own file and returns its part
// of the report; a run with the full defaults writes docs/benchmarks.md, any other run
// (BENCH_QUICK=1, BENCH_ONLY=…, other sizes) only prints it. Settings: bench/support/config.ts.
import { writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { benchAppShellSize } from './app-shell-size.ts';
import { benchFirstPull } from './first-pull.ts';
import { benchOfflineStart } from './offline-start.ts';
import { benchReports } from './reports.ts';
import { benchSaveAnswer } from './save-answer.ts';
import { benchSeedLoad } from './seed-load.ts';
import { benchSyncPullIdle } from './sync-pull-idle.ts';
import { benchSyncPush } from './sync-push.ts';
import {
  benchEnvironment,
  isFullRun,
  readBenchConfig,
  type BenchConfig,
  type BenchmarkName,
} from './support/config.ts';
import { renderSection, type Section } from './support/report.ts';

const benchmarks: Record<BenchmarkName, (config: BenchConfig) => Promise<Section>> = {
  'seed-load': () => benchSeedLoad(),
  'sync-push': benchSyncPush,
  'sync-pull-idle': benchSyncPullIdle,
  'first-pull': benchFirstPull,
  'save-answer': benchSaveAnswer,
  'app-shell-size': () => benchAppShellSize(),
  'offline-start': () => benchOfflineStart(),
  reports: benchReports,
};

/** The command as typed, with any password in DATABASE_URL hidden. */
function command(config: BenchConfig): string {
  const env = benchEnvironment();
  if (config.postgresUrl) {
    const url = new URL(config.postgresUrl);
    if (url.password) url.password = '…';
    env.unshift(`DATABASE_URL=${url.toString()}`);
  }
  return [...env, 'npm run bench'].join(' ');
}

const config = readBenchConfig();
const sections: Section[] = [];
for (const name of config.only) {
  console.error(`${name}…`);
  sections.push(await benchmarks[name](config));
}

const cpu = cpus();
const verdict = (met: boolean | null) => (met === null ? '–' : met ? 'yes' : '**no**');
const report = `# Benchmarks

Written by \`${command(config)}\` (bench/run.ts; one file per benchmark in bench/) on ${new Date().toISOString().slice(0, 10)}:
Node ${process.version}, ${platform()} ${release()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB.
Each figure is compared with a baseline measured in the same run, since these machines are noisy.
The servers run as separate Node processes on loopback and share the CPUs with the load generator.
${config.postgresUrl ? 'PostgreSQL: a local server, one throwaway database per benchmark.' : 'PostgreSQL: not measured (DATABASE_URL unset).'}
Sizes and durations can be changed with BENCH_QUICK=1, BENCH_PUSH_MUTATIONS, BENCH_PULL_DEVICES,
BENCH_PULL_SECONDS, BENCH_FIRST_PULL_RUNS, BENCH_SAVE_ANSWERS, BENCH_REPORT_PEOPLE, BENCH_REPORT_REQUESTS
and BENCH_ONLY; only a run with the defaults rewrites this file.

| benchmark | result | target met |
| --- | --- | --- |
${sections.map((s) => `| ${s.title} | ${s.summary.result} | ${verdict(s.summary.met)} |`).join('\n')}

${sections.map(renderSection).join('\n')}`;

console.log(report);
if (isFullRun(config)) {
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), report);
  console.error('written to docs/benchmarks.md');
} else console.error('not written to docs/benchmarks.md: not a full run with the defaults');
