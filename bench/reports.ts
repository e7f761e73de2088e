// The auditors' reports at city scale: a generated city (bench/reports/city.ts) of 1,500,
// 15,000 and 50,000 people, on PGlite and on PostgreSQL, and the reports an auditor opens
// first, asked for over HTTP of every size in turn: the completion roll-up of a round and of
// a whole fiscal year, the positive-rate comparison with last year (the city, and one
// bureau), and the share of "no" per unit.
import type { BenchConfig } from './support/config.ts';
import { ApiSession, HttpClient } from './support/http.ts';
import type { Section } from './support/report.ts';
import { startServer } from './support/server.ts';
import { count, ms, seconds, summarize, type LatencySummary } from './support/stats.ts';
import { storagesFor, type Storage } from './support/storage.ts';
import type { CityFacts } from './reports/city.ts';

const TARGET_MS = { postgres: 300, pglite: 1000 } as const;
/** The size the latency targets are set for. */
const TARGET_PEOPLE = 15_000;
const WARM_UP = 3;

const queries = {
  'completion of a round': (fy: number) =>
    `/api/reports/completion?fiscalYear=${fy}&templateId=ethics-self-check&period=first_half`,
  'completion of the fiscal year': (fy: number) => `/api/reports/completion?fiscalYear=${fy}`,
  'positive rates vs last year': (fy: number) =>
    `/api/reports/answer-trends?templateId=ethics-self-check&fiscalYear=${fy}&period=first_half`,
  'positive rates vs last year, one bureau': (fy: number) =>
    `/api/reports/answer-trends?templateId=ethics-self-check&fiscalYear=${fy}&period=first_half&unitId=b1`,
  'share of "no" by unit': (fy: number) =>
    `/api/reports/no-shares?templateId=document-management-self-check&fiscalYear=${fy}&period=first_half`,
} as const;
type Query = keyof typeof queries;
/** The two the issue sets targets for. */
const targeted: readonly Query[] = [
  'completion of a round',
  'completion of the fiscal year',
  'positive rates vs last year',
];

interface Measured {
  storage: Storage['name'];
  label: string;
  city: CityFacts;
  latency: Record<Query, LatencySummary>;
  bytes: Record<Query, number>;
}

/** A generated city served by its own server process, with the auditor signed in. */
interface ServedCity {
  storage: Storage;
  city: CityFacts;
  auditor: ApiSession;
  stop(): Promise<void>;
}

async function serveCity(storage: Storage, people: number): Promise<ServedCity> {
  console.error(`reports: ${storage.label}, ${count(people)} people: generating the city…`);
  const server = await startServer(storage, {
    entry: new URL('./reports/server-main.ts', import.meta.url).pathname,
    env: { BENCH_CITY_PEOPLE: String(people) },
  });
  const http = new HttpClient(server.base);
  const stop = async () => {
    http.close();
    await server.stop();
  };
  try {
    const facts = /city (\{.*\})/.exec(server.output)?.[1];
    if (!facts) throw new Error('the benchmark server did not say what city it made');
    const city = JSON.parse(facts) as CityFacts;
    return {
      storage,
      city,
      auditor: await ApiSession.signIn(http, city.auditor.staffNumber),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function ask(served: ServedCity, name: Query): Promise<{ took: number; bytes: number }> {
  const start = performance.now();
  const response = await served.auditor.get(queries[name](served.city.fiscalYear));
  const took = performance.now() - start;
  if (response.status !== 200)
    throw new Error(`${name} answered ${response.status}: ${response.body.slice(0, 300)}`);
  return { took, bytes: Buffer.byteLength(response.body) };
}

/**
 * Every size of city is served at once and asked in turn, one request each, so that what
 * the machine does meanwhile falls on every size alike and the growth from one size to the
 * next is measured in the same moments.
 */
async function measureInTurn(cities: readonly ServedCity[], requests: number): Promise<Measured[]> {
  const times = cities.map(() => ({}) as Record<Query, number[]>);
  const bytes = cities.map(() => ({}) as Record<Query, number>);
  for (const name of Object.keys(queries) as Query[]) {
    for (const served of cities) for (let i = 0; i < WARM_UP; i++) await ask(served, name);
    for (let i = 0; i < requests; i++)
      for (const [c, served] of cities.entries()) {
        const { took, bytes: size } = await ask(served, name);
        ((times[c] as Record<Query, number[]>)[name] ??= []).push(took);
        (bytes[c] as Record<Query, number>)[name] = size;
      }
  }
  return cities.map((served, c) => ({
    storage: served.storage.name,
    label: served.storage.label,
    city: served.city,
    latency: Object.fromEntries(
      (Object.keys(queries) as Query[]).map((q) => [q, summarize(times[c]?.[q] ?? [])]),
    ) as Record<Query, LatencySummary>,
    bytes: bytes[c] as Record<Query, number>,
  }));
}

export async function benchReports(config: BenchConfig): Promise<Section> {
  const runs: Measured[] = [];
  for (const open of storagesFor(config.postgresUrl, 'reports')) {
    // A fresh database for every size: PGlite in its server's memory, PostgreSQL dropped after.
    const storages: Storage[] = [];
    const cities: ServedCity[] = [];
    try {
      for (const people of config.reportPeople) {
        const storage = await open();
        storages.push(storage);
        cities.push(await serveCity(storage, people));
      }
      runs.push(...(await measureInTurn(cities, config.reportRequests)));
    } finally {
      for (const served of cities) await served.stop();
      for (const storage of storages) await storage.drop();
    }
  }
  return report(runs, config);
}

function report(runs: readonly Measured[], config: BenchConfig): Section {
  const atTarget = runs.filter((r) => r.city.people === TARGET_PEOPLE);
  const misses = atTarget.flatMap((r) =>
    targeted
      .filter((q) => r.latency[q].p95 > TARGET_MS[r.storage])
      .map((q) => `${q} on ${r.label}: p95 ${ms(r.latency[q].p95)}`),
  );
  // Growth: from each size to the next, the median may grow by at most as much as the answers.
  const growth = runs.flatMap((r) => {
    const smaller = runs
      .filter((s) => s.storage === r.storage && s.city.people < r.city.people)
      .sort((a, b) => b.city.people - a.city.people)[0];
    if (!smaller) return [];
    const data = r.city.answers / smaller.city.answers;
    return Object.keys(queries).map((q) => {
      const cost = r.latency[q as Query].p50 / smaller.latency[q as Query].p50;
      return { run: r, smaller, query: q as Query, data, cost, ok: cost <= data };
    });
  });
  const tooSteep = growth.filter((g) => !g.ok);
  const met = atTarget.length === 0 ? null : misses.length === 0 && tooSteep.length === 0;

  const cities = runs
    .filter((r, i) => runs.findIndex((s) => s.city.people === r.city.people) === i)
    .map((r) => r.city);
  const loads = runs.map(
    (r) =>
      `| ${r.label} | ${count(r.city.people)} | ${seconds(r.city.loadMs)} | ${seconds(r.city.vacuumMs)} |`,
  );
  const rows = runs.flatMap((r) =>
    (Object.keys(queries) as Query[]).map((q) => {
      const l = r.latency[q];
      const target = targeted.includes(q) ? ` (≤ ${ms(TARGET_MS[r.storage])})` : '';
      return `| ${r.label} | ${count(r.city.people)} | ${q}${target} | ${ms(l.p50)} | **${ms(l.p95)}** | ${ms(l.max)} | ${count(Math.round(r.bytes[q] / 1024))} KiB |`;
    }),
  );
  const growthRows = growth.map(
    (g) =>
      `| ${g.run.label} | ${count(g.smaller.city.people)} → ${count(g.run.city.people)} | ${g.query} | ${g.data.toFixed(2)}× | ${g.cost.toFixed(2)}× | ${g.ok ? 'yes' : '**no**'} |`,
  );
  const worst = (storage: Storage['name']) => {
    const r = atTarget.find((x) => x.storage === storage);
    return r ? `${r.label} p95 ≤ ${ms(Math.max(...targeted.map((q) => r.latency[q].p95)))}` : null;
  };

  return {
    title: 'Auditor reports at city scale (completion roll-up, positive rates)',
    measures: `a generated city (bench/reports/city.ts, set-based SQL in the benchmark server's setup) of ${config.reportPeople.map(count).join(', ')} people in sections of 30 (5 sections a department, 5 departments a bureau), one seal and one workplace each: two fiscal years of the four seeded templates, the ethics and document-management self-checks every half year for every person, the seal checklist and the risk sheet once a year; sheets in every state (last year nearly all signed off, this year's first half mostly, its second half under way), every item of a handed-in sheet answered, events chained. The server is a separate Node process on loopback (${runs
      .map((r) => r.label)
      .filter((l, i, all) => all.indexOf(l) === i)
      .join(
        ' and ',
      )}); every size of one storage is served at once (one server process each) and the auditor asks each for a report in turn, one request at a time, ${config.reportRequests} times per size after ${WARM_UP} not counted, so that the machine's drift falls on every size alike. Latency is the whole HTTP request: the SQL, the roll-up and suppression in TypeScript, the JSON. The completion roll-up reads the sheet counts and sign-offs, the city-wide positive rates and the share of "no" the answer tallies, that the database keeps in the write transaction (migrations 0010–0012; the share of "no" the bureaus' rolled-up rows); a bureau's positive rates count its answers directly; each report reads one snapshot with work_mem at 64 MB.`,
    baseline: `the same reports on the same server at the smaller sizes: from one size to the next, the median may grow by at most the factor by which the answers grew.`,
    target: `at ${count(TARGET_PEOPLE)} people, p95 ≤ ${TARGET_MS.postgres} ms on PostgreSQL and ≤ ${ms(TARGET_MS.pglite)} on PGlite for the completion roll-up (a round, and the whole year) and the positive-rate comparison; and no report's cost growing faster than the data.`,
    body: `| city | people | units | sheets | answers | events |
| --- | ---: | ---: | ---: | ---: | ---: |
${cities.map((c) => `| generated | ${count(c.people)} | ${count(c.units)} | ${count(c.sheets)} | ${count(c.answers)} | ${count(c.events)} |`).join('\n')}

| storage | people | load (one transaction, triggers off, tallies counted once) | VACUUM ANALYZE |
| --- | ---: | ---: | ---: |
${loads.join('\n')}

| storage | people | report | p50 | p95 | max | answer |
| --- | ---: | --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}

| storage | people | report | answers grew | median grew | no faster |
| --- | --- | --- | ---: | ---: | --- |
${growthRows.join('\n')}

${[
  ...(misses.length > 0 ? [`Targets missed: ${misses.join('; ')}.`] : []),
  ...(tooSteep.length > 0
    ? [
        `Grew faster than the data: ${tooSteep.map((g) => `${g.query} on ${g.run.label} ${count(g.smaller.city.people)} → ${count(g.run.city.people)}`).join('; ')}.`,
      ]
    : []),
]
  .map((l) => `- ${l}`)
  .join('\n')}`,
    summary: {
      result:
        atTarget.length === 0
          ? `not measured at ${count(TARGET_PEOPLE)} people`
          : [worst('postgres'), worst('pglite')].filter((x) => x !== null).join(', ') +
            `; growth ${tooSteep.length === 0 ? 'no faster than the data' : 'faster than the data'}`,
      met,
    },
  };
}
