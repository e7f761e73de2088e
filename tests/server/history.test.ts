// A sheet's history you can verify: every event chained by hashes the database computes,
// approved content that no route and no SQL update can change, and tampering (done here
// with the database's own protections switched off) named at the first broken link.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { historyVerificationSchema } from '@/shared/api/schemas.ts';
import type { Template } from '@/shared/schemas/template.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { SyncDevice } from './support/sync-device.ts';
import { testDatabases } from './support/test-databases.ts';

describe.each(testDatabases())('sheet history on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  let ethics: Template;
  const device = (role: keyof DemoCityFixture['accounts']) =>
    SyncDevice.signIn(app, city.accounts[role].staffNumber, city.password);
  const sheetOf = (role: keyof DemoCityFixture['accounts']) =>
    `ethics-self-check.2026.annual.${city.accounts[role].id}`;

  async function verify(sheetId: string) {
    const auditor = await device('auditor');
    const response = await auditor.caller.request('GET', `/api/sheets/${sheetId}/verify`);
    expect(response.status).toBe(200);
    return historyVerificationSchema.parse(await response.json());
  }

  /** Fills, submits and (with the chief) approves a staff member's ethics sheet. */
  async function approvedSheet(role: 'staff' | 'seal_custodian'): Promise<string> {
    const sheetId = sheetOf(role);
    const owner = await device(role);
    const items = ethics.sections.flatMap((s) => s.items);
    await owner.push(
      items.map((item) =>
        owner.mutation('setAnswer', {
          sheetId,
          itemId: item.id,
          answer: { value: item.kind === 'agreement4' ? 2 : 'yes' },
          baseVersion: 0,
        }),
      ),
    );
    const revision = async () =>
      (
        await city.db.query<{ revision: number }>('select revision from sheets where id = $1', [
          sheetId,
        ])
      )[0]?.revision ?? -1;
    const [submitted] = await owner.push([
      owner.mutation('submitSheet', { sheetId, expectedRevision: await revision() }),
    ]);
    expect(submitted?.status).toBe('applied');
    const chief = await device('chief');
    const [approved] = await chief.push([
      chief.mutation('approveSheet', { sheetId, expectedRevision: await revision() }),
    ]);
    expect(approved?.status).toBe('applied');
    return sheetId;
  }

  /** Runs SQL with the database's triggers off, as someone with full access could. */
  const tamper = (sql: string, params: unknown[]) =>
    city.db.transaction(async (tx) => {
      await tx.query('set local session_replication_role = replica');
      await tx.query(sql, params);
    });

  beforeAll(async () => {
    city = await openDemoCity(kind);
    app = createApp({ db: city.db });
    const template = city.seeds.templates.find((t) => t.id === 'ethics-self-check');
    if (!template) throw new Error('no ethics template');
    ethics = template;
  });
  afterAll(() => city.db.close());

  it('chains every event and verifies a sheet from creation to sign-off', async () => {
    expect(await verify(sheetOf('chief'))).toEqual({ ok: true, events: 1 });
    const sheetId = await approvedSheet('staff');
    expect(await verify(sheetId)).toEqual({ ok: true, events: 3 });
    const events = await city.db.query<{ seq: number; hash: string; prev_hash: string | null }>(
      'select seq, hash, prev_hash from sheet_events where sheet_id = $1 order by seq',
      [sheetId],
    );
    expect(events.map((e) => e.prev_hash)).toEqual([null, events[0]?.hash, events[1]?.hash]);
  });

  it('refuses any change to approved content or to the history, by any SQL', async () => {
    const sheetId = sheetOf('staff');
    const refusals = [
      [`update answers set value = '4'::jsonb where sheet_id = $1`, [sheetId]],
      [`delete from answers where sheet_id = $1`, [sheetId]],
      [
        `insert into answers (sheet_id, item_id, value, updated_by) values ($1, 'extra', '1'::jsonb, 'p00016')`,
        [sheetId],
      ],
      [`update sheets set state = 'draft' where id = $1`, [sheetId]],
      [`update sheet_events set comment = 'x' where sheet_id = $1`, [sheetId]],
      [`delete from sheet_events where sheet_id = $1`, [sheetId]],
      [`update answer_history set answer = null where sheet_id = $1`, [sheetId]],
    ] as const;
    for (const [sql, params] of refusals)
      await expect(city.db.query(sql, [...params]), sql).rejects.toThrow(/approved|append-only/);
    expect(await verify(sheetId)).toEqual({ ok: true, events: 3 });
  });

  it('names the sign-off when approved answers were changed behind its back', async () => {
    const sheetId = await approvedSheet('seal_custodian');
    await tamper(
      `update answers set value = '4'::jsonb where sheet_id = $1 and item_id = 'gifts-refuse'`,
      [sheetId],
    );
    expect(await verify(sheetId)).toEqual({
      ok: false,
      events: 3,
      brokenAt: { seq: 3, reason: 'content_changed' },
    });
  });

  it('names a changed event and a removed one', async () => {
    const changed = sheetOf('auditor');
    await tamper(`update sheet_events set actor_id = 'p00001' where sheet_id = $1 and seq = 1`, [
      changed,
    ]);
    expect(await verify(changed)).toMatchObject({
      ok: false,
      brokenAt: { seq: 1, reason: 'event_changed' },
    });

    const chief = sheetOf('chief');
    await tamper(
      `insert into sheet_events (sheet_id, seq, type, actor_id, comment) values ($1, 2, 'returned', 'p00001', 'x'),
         ($1, 3, 'returned', 'p00001', 'y')`,
      [chief],
    );
    await tamper(`delete from sheet_events where sheet_id = $1 and seq = 2`, [chief]);
    expect(await verify(chief)).toMatchObject({
      ok: false,
      brokenAt: { seq: 2, reason: 'event_missing' },
    });
  });
});
