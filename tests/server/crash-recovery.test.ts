// The server process killed in the middle of a push, then started again: every mutation
// of the batch ends up applied exactly once, nothing lost and nothing doubled.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/server/db/open-database.ts';
import { SYNC_SCHEMA_VERSION } from '@/shared/sync/mutations.ts';
import { pushResponseSchema } from '@/shared/sync/protocol.ts';

const serverEntry = new URL('./support/api-server.ts', import.meta.url).pathname;
const STAFF = { id: 'p00016', staffNumber: '100016', password: 'tenken-demo' };
const ITEMS = [
  'gifts-refuse',
  'gifts-report',
  'private-invitations',
  'secrets-keep',
  'sns-conduct',
];

interface Running {
  child: ChildProcess;
  base: string;
}

function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
  });
}

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

async function signIn(base: string) {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffNumber: STAFF.staffNumber, password: STAFF.password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

function push(base: string, session: { cookie: string; csrfToken: string }, body: object) {
  return fetch(`${base}/api/sync/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
    body: JSON.stringify(body),
  });
}

const batch = {
  clientId: 'crash-test-device',
  schemaVersion: SYNC_SCHEMA_VERSION,
  mutations: Array.from({ length: 200 }, (_, i) => ({
    seq: i + 1,
    name: 'setAnswer',
    args: {
      sheetId: `ethics-self-check.2026.annual.${STAFF.id}`,
      itemId: ITEMS[i % ITEMS.length],
      answer: { value: (i % 4) + 1 },
      baseVersion: 0,
    },
    schemaVersion: SYNC_SCHEMA_VERSION,
    madeAt: new Date().toISOString(),
  })),
};

interface Storage {
  name: string;
  env: Record<string, string>;
  databaseConfig: { dataDir: string } | { databaseUrl: string };
  cleanUp(): Promise<void>;
}

async function pgliteStorage(): Promise<Storage> {
  const dir = await mkdtemp(join(tmpdir(), 'tenken-crash-'));
  return {
    name: 'pglite',
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    databaseConfig: { dataDir: dir },
    cleanUp: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresStorage(url: string): Promise<Storage> {
  const name = `tenken_crash_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    name: 'postgres',
    env: { DATABASE_URL: target.toString() },
    databaseConfig: { databaseUrl: target.toString() },
    async cleanUp() {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const storages: (() => Promise<Storage>)[] = [pgliteStorage];
if (process.env.DATABASE_URL) {
  const url = process.env.DATABASE_URL;
  storages.push(() => postgresStorage(url));
}

describe.each(storages.map((make) => ({ make })))('a server killed mid-push', ({ make }) => {
  const cleanUps: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanUp of cleanUps) await cleanUp();
  });

  it(
    'applies every mutation of the batch exactly once after a restart',
    { timeout: 120_000 },
    async () => {
      const storage = await make();
      cleanUps.push(storage.cleanUp);

      const first = await start(storage.env);
      const session = await signIn(first.base);
      const inFlight = push(first.base, session, batch).then(
        (r) => r.status,
        () => 'cut' as const,
      );
      // Killed while the batch is being applied (or just before or after: all must hold).
      await new Promise((resolve) => setTimeout(resolve, 40));
      await stopped(first.child, 'SIGKILL');
      await inFlight;

      const second = await start(storage.env);
      const response = await push(second.base, await signIn(second.base), batch);
      expect(response.status).toBe(200);
      const { results } = pushResponseSchema.parse(await response.json());
      expect(results.map((r) => [r.seq, r.status])).toEqual(
        batch.mutations.map((m) => [m.seq, 'applied']),
      );
      await stopped(second.child, 'SIGTERM');

      const db = await openDatabase(storage.databaseConfig);
      try {
        const [counts] = await db.query<{ history: number; results: number; last: number }>(
          `select (select count(*)::int from answer_history where client_id = $1) as history,
                (select count(*)::int from mutation_results where client_id = $1) as results,
                (select last_seq::int from sync_clients where client_id = $1) as last`,
          [batch.clientId],
        );
        expect(counts).toEqual({ history: 200, results: 200, last: 200 });
        const answers = await db.query<{ item_id: string; value: number }>(
          `select item_id, value from answers where sheet_id = $1 order by item_id`,
          [`ethics-self-check.2026.annual.${STAFF.id}`],
        );
        // The last mutation for each item decides its value.
        const expected = new Map<string, number>();
        for (const m of batch.mutations) expected.set(m.args.itemId ?? '', m.args.answer.value);
        expect(answers.map((a) => [a.item_id, a.value])).toEqual(
          [...expected].sort(([a], [b]) => (a < b ? -1 : 1)),
        );
      } finally {
        await db.close();
      }
    },
  );
});
