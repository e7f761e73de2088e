// Push throughput: one device's backlog of answer changes sent to a server on loopback in
// batches of the largest allowed size, against the same upserts written straight into a
// comparable table over the same driver (no HTTP, no validation, no history).
import type { Queryable } from '@/server/db/database.ts';
import type { Answer } from '@/shared/schemas/answer.ts';
import type { Sheet } from '@/shared/schemas/sheet.ts';
import {
  agreementValues,
  templateItems,
  yesNoValues,
  type Column,
  type Item,
  type Template,
} from '@/shared/schemas/template.ts';
import { SYNC_SCHEMA_VERSION, type Mutation } from '@/shared/sync/mutations.ts';
import { MAX_PUSH_MUTATIONS, type PushResponse } from '@/shared/sync/protocol.ts';
import type { BenchConfig } from './support/config.ts';
import { BenchDevice } from './support/device.ts';
import { ApiSession, HttpClient, demoPerson } from './support/http.ts';
import type { Section } from './support/report.ts';
import { startServer } from './support/server.ts';
import {
  count,
  ms,
  perSecond,
  seconds,
  summarize,
  time,
  type LatencySummary,
} from './support/stats.ts';
import { storagesFor, type Storage } from './support/storage.ts';

/** A seal custodian of the demo city: an ethics and a documents sheet, and two seal checklists. */
export const PUSHER = demoPerson(75);
const TARGET_PER_SECOND = 2_000;

interface Change {
  sheetId: string;
  itemId: string;
  answer: Answer;
}

function day(i: number): string {
  return `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
}

function cellFor(column: Column, i: number): unknown {
  switch (column.kind) {
    case 'text':
    case 'long_text':
      return `cell ${i}`;
    case 'number':
      return Math.max(column.min ?? 0, Math.min(column.max ?? Infinity, (i % 3) + 1));
    case 'date':
      return day(i);
    case 'choice':
      return column.options[i % column.options.length]?.id;
    case 'priority':
      return undefined;
  }
}

/** A valid value for the item, varying with i. */
function valueFor(item: Item, i: number): unknown {
  switch (item.kind) {
    case 'yes_no_na':
      return yesNoValues[i % yesNoValues.length];
    case 'agreement4':
      return agreementValues[i % agreementValues.length];
    case 'single_choice':
      return item.options[i % item.options.length]?.id;
    case 'multi_choice':
      return [item.options[i % item.options.length]?.id];
    case 'number': {
      const value = (item.min ?? 0) + (i % 50);
      return item.max === undefined ? value : Math.min(value, item.max);
    }
    case 'date':
      return day(i);
    case 'text':
      return `answer ${i}`;
    case 'long_text':
      return `A longer answer, change number ${i}, as a person would type it.`;
    case 'table':
      return [
        {
          id: `row-${i}`,
          cells: Object.fromEntries(
            item.columns.filter((c) => c.kind !== 'priority').map((c) => [c.id, cellFor(c, i)]),
          ),
        },
      ];
  }
}

interface Run {
  ms: number;
  batches: LatencySummary;
  applied: number;
  rejected: number;
  firstRejection: string | undefined;
}

/** Signs in, pulls the person's sheets and the templates, and plans the changes. */
export async function prepare(session: ApiSession, mutations: number) {
  const device = new BenchDevice(session, `bench-push-${PUSHER.id}`);
  const sheets: Sheet[] = (await device.pullAll()).flatMap((p) => p.sheets);
  const own = sheets.filter(
    (s) =>
      (s.owner.kind === 'person' && s.owner.personId === PUSHER.id) ||
      (s.owner.kind === 'seal' && s.owner.custodianId === PUSHER.id),
  );
  const templatesResponse = await session.get('/api/templates');
  const { templates } = JSON.parse(templatesResponse.body) as { templates: Template[] };
  const byKey = new Map(templates.map((t) => [`${t.id}@${t.version}`, t]));
  const targets = own.flatMap((sheet) => {
    const template = byKey.get(`${sheet.templateId}@${sheet.templateVersion}`);
    if (!template) throw new Error(`no template ${sheet.templateId}@${sheet.templateVersion}`);
    return templateItems(template).map((item) => ({ sheetId: sheet.id, item }));
  });
  if (targets.length === 0) throw new Error(`${PUSHER.id} has no sheets to fill in`);
  const changes: Change[] = Array.from({ length: mutations }, (_, i) => {
    const target = targets[i % targets.length] as (typeof targets)[number];
    return {
      sheetId: target.sheetId,
      itemId: target.item.id,
      answer: { value: valueFor(target.item, Math.floor(i / targets.length)) },
    };
  });
  return { device, changes, sheets: own.length, items: targets.length };
}

function batchesOf<T>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_PUSH_MUTATIONS)
    batches.push(items.slice(i, i + MAX_PUSH_MUTATIONS));
  return batches;
}

export async function pushChanges(
  device: BenchDevice,
  changes: readonly Change[],
  onBatch?: (ms: number) => void,
): Promise<Run> {
  const madeAt = new Date().toISOString();
  const bodies = batchesOf(changes).map((batch) => ({
    clientId: device.clientId,
    schemaVersion: SYNC_SCHEMA_VERSION,
    mutations: batch.map((c): Mutation => ({
      seq: device.nextSeq++,
      name: 'setAnswer',
      args: { sheetId: c.sheetId, itemId: c.itemId, answer: c.answer, baseVersion: 0 },
      schemaVersion: SYNC_SCHEMA_VERSION,
      madeAt,
    })),
  }));
  const latencies: number[] = [];
  let applied = 0;
  let rejected = 0;
  let firstRejection: string | undefined;
  const [, total] = await time(async () => {
    for (const body of bodies) {
      const [response, took] = await time(() => device.session.post('/api/sync/push', body));
      latencies.push(took);
      onBatch?.(took);
      if (response.status !== 200)
        throw new Error(`push answered ${response.status}: ${response.body.slice(0, 300)}`);
      for (const result of (JSON.parse(response.body) as PushResponse).results) {
        if (result.status === 'applied') applied++;
        else {
          rejected++;
          firstRejection ??= `${result.code}: ${result.message}`;
        }
      }
    }
  });
  return { ms: total, batches: summarize(latencies), applied, rejected, firstRejection };
}

/** The same writes as plain upserts, one transaction per batch, on the benchmark's own connection. */
async function baselineUpserts(storage: Storage, changes: readonly Change[]): Promise<Run> {
  const db = await storage.open();
  try {
    await db.exec(`create table bench_answers (
      sheet_id text not null, item_id text not null, value jsonb not null, comment text, action text,
      updated_by text not null, updated_at timestamptz not null, version bigint not null,
      client_id text, primary key (sheet_id, item_id))`);
    const upsert = (tx: Queryable, c: Change, version: number) =>
      tx.query(
        `insert into bench_answers (sheet_id, item_id, value, comment, action, updated_by, updated_at, version, client_id)
         values ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9)
         on conflict (sheet_id, item_id) do update set value = excluded.value,
           comment = excluded.comment, action = excluded.action, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at, version = excluded.version, client_id = excluded.client_id`,
        [
          c.sheetId,
          c.itemId,
          JSON.stringify(c.answer.value),
          null,
          null,
          PUSHER.id,
          new Date(),
          version,
          'bench-baseline',
        ],
      );
    const latencies: number[] = [];
    let version = 0;
    const [, total] = await time(async () => {
      for (const batch of batchesOf(changes)) {
        const [, took] = await time(() =>
          db.transaction(async (tx) => {
            for (const c of batch) await upsert(tx, c, ++version);
          }),
        );
        latencies.push(took);
      }
    });
    return {
      ms: total,
      batches: summarize(latencies),
      applied: changes.length,
      rejected: 0,
      firstRejection: undefined,
    };
  } finally {
    await db.close();
  }
}

interface Measured {
  storage: Storage;
  push: Run;
  baseline: Run;
  sheets: number;
  items: number;
}

async function measure(storage: Storage, config: BenchConfig): Promise<Measured> {
  const server = await startServer(storage, { profileDir: config.serverProfileDir });
  const http = new HttpClient(server.base);
  let planned: Awaited<ReturnType<typeof prepare>>;
  let push: Run;
  try {
    planned = await prepare(
      await ApiSession.signIn(http, PUSHER.staffNumber),
      config.pushMutations,
    );
    push = await pushChanges(planned.device, planned.changes);
  } finally {
    http.close();
    await server.stop();
  }
  const baseline = await baselineUpserts(storage, planned.changes);
  return { storage, push, baseline, sheets: planned.sheets, items: planned.items };
}

export async function benchSyncPush(config: BenchConfig): Promise<Section> {
  const results: Measured[] = [];
  for (const make of storagesFor(config.postgresUrl, 'push')) {
    const storage = await make();
    try {
      console.error(`sync-push: ${storage.label}…`);
      results.push(await measure(storage, config));
    } finally {
      await storage.drop();
    }
  }
  const rate = (r: Run) => (r.applied * 1000) / r.ms;
  const rows = results.flatMap(({ storage, push, baseline }) => [
    `| ${storage.label} | push over HTTP | ${count(push.applied)} applied, ${count(push.rejected)} rejected | ${seconds(push.ms)} | **${perSecond(push.applied, push.ms)}** | ${ms(push.batches.p50)} / ${ms(push.batches.p95)} / ${ms(push.batches.max)} |`,
    `| ${storage.label} | baseline: raw upserts | ${count(baseline.applied)} | ${seconds(baseline.ms)} | ${perSecond(baseline.applied, baseline.ms)} | ${ms(baseline.batches.p50)} / ${ms(baseline.batches.p95)} / ${ms(baseline.batches.max)} |`,
  ]);
  const ratios = results.map(
    ({ storage, push, baseline }) =>
      `${storage.label}: the protocol costs ${(rate(baseline) / rate(push)).toFixed(1)}× the raw upserts' time per change.`,
  );
  const pglite = results.find((r) => r.storage.name === 'pglite');
  const postgres = results.find((r) => r.storage.name === 'postgres');
  const met = pglite ? pglite.push.rejected === 0 && rate(pglite.push) >= TARGET_PER_SECOND : null;
  const first = results[0];
  const rejections = results
    .filter((r) => r.push.firstRejection)
    .map((r) => `${r.storage.label}: first rejection "${r.push.firstRejection}".`);
  return {
    title: 'Sync push throughput',
    measures: `one device pushes ${count(config.pushMutations)} queued setAnswer mutations (valid values, spread over the ${first?.items ?? '?'} items of the ${first?.sheets ?? '?'} sheets of ${PUSHER.id}, a seal custodian) to the server over HTTP on loopback, in ${Math.ceil(config.pushMutations / MAX_PUSH_MUTATIONS)} sequential batches of ${MAX_PUSH_MUTATIONS} (MAX_PUSH_MUTATIONS), each answered before the next is sent. The server (bench/support/server-main.ts) is a separate Node process with the demo city loaded; on PGlite its database is in memory, on PostgreSQL it is a throwaway database made and dropped by the benchmark. Time runs from the first request to the last answer; every mutation must be applied.`,
    baseline:
      "the same changes (same keys and values) as single-row upserts into a table shaped like `answers`, one transaction per batch of the same size, on the benchmark's own connection over the same driver: no HTTP, no validation, no history, no results recorded.",
    target: `≥ ${count(TARGET_PER_SECOND)} mutations/s on PGlite; the PostgreSQL figure is reported.`,
    body: `| database | what | mutations | time | mutations/s | per batch p50 / p95 / max |
| --- | --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}

${[...ratios, ...rejections, 'Where a push spends its time, statement by statement: `node --import tsx bench/diagnose.ts`.'].map((l) => `- ${l}`).join('\n')}`,
    summary: {
      result: [
        pglite &&
          `PGlite ${perSecond(pglite.push.applied, pglite.push.ms)}/s (baseline ${perSecond(pglite.baseline.applied, pglite.baseline.ms)}/s)`,
        postgres &&
          `PostgreSQL ${perSecond(postgres.push.applied, postgres.push.ms)}/s (baseline ${perSecond(postgres.baseline.applied, postgres.baseline.ms)}/s)`,
      ]
        .filter(Boolean)
        .join('; '),
      met,
    },
  };
}
