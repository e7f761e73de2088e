// A property test of the whole sync: random offline edits on three devices (two of one
// person, one of their chief), random lost requests and responses, random order of
// reconnection. Afterwards the devices and the server agree, every accepted edit is in the
// server's history once, and every refused one waits on its device: nothing lost, nothing
// doubled.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRow, clearAnswer, removeRow, setAnswer } from '@/client/db/local-changes.ts';
import { readSyncMeta } from '@/client/db/server-changes.ts';
import { createApp } from '@/server/app.ts';
import type { TableRow } from '@/shared/schemas/answer.ts';
import { openDemoCity, type DemoCityFixture } from '../server/support/demo-city-fixture.ts';
import { testDatabases } from '../server/support/test-databases.ts';
import { openDevice, type TestDevice } from './support/sync-device.ts';

const [pglite] = testDatabases();
if (!pglite) throw new Error('PGlite is always available');

const ITEMS = ['gifts-refuse', 'conflict-declare', 'sns-conduct'] as const;
const DEVICES = 3;

type Fault = 'none' | 'offline' | 'lose-push-answer' | 'lose-pull-answer';
type Step =
  | { kind: 'set'; device: number; item: number; value: number }
  | { kind: 'clear'; device: number; item: number }
  | { kind: 'add-row'; device: number; likelihood: number }
  | { kind: 'remove-row'; device: number }
  | { kind: 'sync'; device: number; fault: Fault };

const device = fc.integer({ min: 0, max: DEVICES - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      device,
      item: fc.integer({ min: 0, max: ITEMS.length - 1 }),
      value: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('clear' as const),
      device,
      item: fc.integer({ min: 0, max: ITEMS.length - 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add-row' as const),
      device,
      likelihood: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-row' as const), device }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device,
      fault: fc.constantFrom<Fault>('none', 'offline', 'lose-push-answer', 'lose-pull-answer'),
    }),
  },
);

describe('sync between devices, as a property', () => {
  let city: DemoCityFixture;
  let app: Hono;
  let ethicsSheetId: string;
  let riskSheetId: string;
  let run = 0;

  beforeAll(async () => {
    city = await openDemoCity(pglite);
    app = createApp({ db: city.db });
    ethicsSheetId = `ethics-self-check.2026.annual.${city.accounts.staff.id}`;
    const [risk] = await city.db.query<{ id: string }>(
      `select id from sheets where owner_kind = 'workplace' and unit_id = $1 and template_id = 'internal-control-risk-sheet'`,
      [city.accounts.staff.unitId],
    );
    if (!risk) throw new Error('the staff member’s workplace has no risk sheet');
    riskSheetId = risk.id;
  });
  afterAll(() => city.db.close());

  async function serverState() {
    const rows = await city.db.query<{ sheet_id: string; item_id: string; value: unknown }>(
      'select sheet_id, item_id, value from answers where sheet_id = any($1::text[])',
      [[ethicsSheetId, riskSheetId]],
    );
    return new Map(rows.map((r) => [`${r.sheet_id}/${r.item_id}`, r.value]));
  }

  async function deviceState(d: TestDevice) {
    const rows = await d.db.answers.where('sheetId').anyOf([ethicsSheetId, riskSheetId]).toArray();
    return new Map(
      rows.filter((r) => r.local !== null).map((r) => [`${r.sheetId}/${r.itemId}`, r.local?.value]),
    );
  }

  async function syncWith(d: TestDevice, fault: Fault) {
    d.network.offline = fault === 'offline';
    d.network.loseResponse =
      fault === 'lose-push-answer'
        ? (url) => url.pathname === '/api/sync/push'
        : fault === 'lose-pull-answer'
          ? (url) => url.pathname === '/api/sync/pull'
          : null;
    await d.engine.syncOnce();
    d.network.offline = false;
    d.network.loseResponse = null;
  }

  it(
    'converges, keeps every accepted edit once, and loses nothing',
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArb, { minLength: 5, maxLength: 30 }),
          fc.array(device, { minLength: DEVICES * 2, maxLength: DEVICES * 3 }),
          async (steps, reconnectOrder) => {
            run += 1;
            const { staff, chief } = city.accounts;
            const devices = [
              await openDevice(app, { staffNumber: staff.staffNumber, password: city.password }),
              await openDevice(app, { staffNumber: staff.staffNumber, password: city.password }),
              await openDevice(app, { staffNumber: chief.staffNumber, password: city.password }),
            ];
            try {
              // Each device starts from the server's view, then goes its own way.
              for (const d of devices) await syncWith(d, 'none');
              const made = devices.map(() => 0);
              const addedRows = devices.map(() => [] as string[]);
              for (const step of steps) {
                const d = devices[step.device];
                if (!d) continue;
                if (step.kind === 'sync') {
                  await syncWith(d, step.fault);
                  continue;
                }
                if (step.kind === 'set')
                  await setAnswer(d.db, {
                    sheetId: ethicsSheetId,
                    itemId: ITEMS[step.item] ?? '',
                    answer: { value: step.value },
                  });
                else if (step.kind === 'clear')
                  await clearAnswer(d.db, {
                    sheetId: ethicsSheetId,
                    itemId: ITEMS[step.item] ?? '',
                  });
                else if (step.kind === 'add-row') {
                  const rowId = `r${run}-${step.device}-${made[step.device]}`;
                  const row: TableRow = {
                    id: rowId,
                    cells: {
                      process: '窓口',
                      risk: '誤交付',
                      likelihood: step.likelihood,
                      impact: 2,
                    },
                  };
                  await addRow(d.db, { sheetId: riskSheetId, itemId: 'risks', row });
                  addedRows[step.device]?.push(rowId);
                } else {
                  const rowId = addedRows[step.device]?.pop();
                  if (!rowId) continue;
                  // The row may already be gone on this device (removed elsewhere and pulled).
                  const local = await d.db.answers.get([riskSheetId, 'risks']);
                  if (!(local?.local?.value as TableRow[] | undefined)?.some((r) => r.id === rowId))
                    continue;
                  await removeRow(d.db, { sheetId: riskSheetId, itemId: 'risks', rowId });
                }
                made[step.device] = (made[step.device] ?? 0) + 1;
              }

              // Back online in a random order, until every outbox is empty; then one more round
              // so every device has pulled the last change.
              for (const i of reconnectOrder) {
                const d = devices[i];
                if (d) await syncWith(d, 'none');
              }
              for (let round = 0; round < 5; round++)
                for (const d of devices) await syncWith(d, 'none');
              for (const d of devices) await syncWith(d, 'none');

              const server = await serverState();
              for (const d of devices) {
                expect(await d.db.outbox.count()).toBe(0);
                expect(await deviceState(d)).toEqual(server);
              }
              for (const [i, d] of devices.entries()) {
                const { clientId } = await readSyncMeta(d.db);
                const [counts] = await city.db.query<{
                  results: number;
                  distinct_seqs: number;
                  max_seq: number;
                  applied: number;
                  rejected: number;
                  history: number;
                }>(
                  `select count(*)::int as results, count(distinct seq)::int as distinct_seqs,
                      coalesce(max(seq), 0)::int as max_seq,
                      count(*) filter (where status = 'applied')::int as applied,
                      count(*) filter (where status = 'rejected')::int as rejected,
                      (select count(*)::int from answer_history where client_id = $1) as history
               from mutation_results where client_id = $1`,
                  [clientId],
                );
                // Every mutation the device made was decided exactly once, in its numbering.
                expect(counts?.results).toBe(made[i]);
                expect(counts?.distinct_seqs).toBe(made[i]);
                expect(counts?.max_seq).toBe(made[i]);
                // Every accepted edit is in the history once; every refused one waits on the device.
                expect(counts?.history).toBe(counts?.applied);
                expect(await d.db.attention.count()).toBe(counts?.rejected);
              }
              const rows = server.get(`${riskSheetId}/risks`) as TableRow[] | undefined;
              const ids = (rows ?? []).map((r) => r.id);
              expect(new Set(ids).size).toBe(ids.length);
            } finally {
              for (const d of devices) await d.close();
            }
          },
        ),
        { numRuns: 12 },
      );
    },
  );
});
