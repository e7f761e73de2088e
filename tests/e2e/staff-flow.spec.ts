// The staff member's whole day offline: signed in online, then with no network they fill
// every kind of item of all four check sheets (reloading half-way), submit offline, and
// when the network returns the server holds exactly those answers and the submissions.
// Then the chief returns one with a comment; it is fixed and submitted again.
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { dateInJapan, fiscalYearOf } from '../../src/shared/fiscal-year.ts';
import type { Item, Template } from '../../src/shared/schemas/template.ts';
import { DEMO_PASSWORD, demo, goOffline, goOnline, signInAs } from './support/demo.ts';

const fiscalYear = fiscalYearOf(dateInJapan(new Date()));
const custodian = { ...demo.sealCustodian, id: 'p00015', unitCode: '101010' };
const template = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../seeds/templates/${file}.json`, import.meta.url), 'utf8'),
  ) as Template;
const sheets = [
  { template: template('ethics'), id: `ethics-self-check.${fiscalYear}.annual.${custodian.id}` },
  {
    template: template('documents'),
    id: `document-management-self-check.${fiscalYear}.annual.${custodian.id}`,
  },
  {
    template: template('seal'),
    id: `official-seal-checklist.${fiscalYear}.annual.seal-${custodian.unitCode}-1`,
  },
  {
    template: template('risk'),
    id: `internal-control-risk-sheet.${fiscalYear}.annual.u${custodian.unitCode}`,
  },
];

/** What the test answers for each item, as the server will store the value. */
function expectedValue(item: Item, first: boolean): unknown {
  switch (item.kind) {
    case 'yes_no_na':
      return first && item.followUp ? 'no' : 'yes';
    case 'agreement4':
      return 2;
    case 'single_choice':
      return item.options[0]?.id;
    case 'multi_choice':
      return [item.options[0]?.id];
    case 'number':
      return item.min ?? 1;
    case 'date':
      return '2026-11-20';
    case 'text':
    case 'long_text':
      return '記入しました';
    case 'table':
      return 'rows';
  }
}

async function fillItem(page: Page, item: Item, first: boolean) {
  const box = page.locator(`#item-${item.id}`);
  const value = expectedValue(item, first);
  switch (item.kind) {
    case 'yes_no_na':
      await box
        .getByRole('radio', { name: value === 'no' ? 'いいえ' : 'はい', exact: true })
        .check();
      if (value === 'no') await box.getByLabel(/改善策|コメント/).fill('次回から二人で確認する。');
      return;
    case 'agreement4':
      await box.getByRole('radio', { name: '② まあそう思う' }).check();
      return;
    case 'single_choice':
      await box.getByRole('radio', { name: item.options[0]?.label.ja ?? '' }).check();
      return;
    case 'multi_choice':
      await box.getByRole('checkbox', { name: item.options[0]?.label.ja ?? '' }).check();
      return;
    case 'number':
    case 'date':
    case 'text':
    case 'long_text':
      await fillFirst(box, String(value));
      return;
    case 'table':
      if (item.minRows === 0) return;
      await box.getByRole('button', { name: new RegExp('1件追加') }).click();
      for (const column of item.columns.filter((c) => c.required && c.kind !== 'priority')) {
        const field = box.getByLabel(new RegExp(`^${column.label.ja}`)).first();
        if (column.kind === 'number') {
          await box
            .getByRole('group', { name: new RegExp(`^${column.label.ja}`) })
            .getByRole('radio', { name: '2' })
            .check();
        } else if (column.kind === 'choice') await field.selectOption({ index: 1 });
        else await field.fill(column.kind === 'date' ? '2026-11-20' : '記入しました');
      }
      return;
  }
}

async function fillFirst(box: Locator, text: string) {
  const input = box.locator('input, textarea').first();
  await input.fill(text);
  await input.blur();
}

async function fillSheet(page: Page, sheet: (typeof sheets)[number]) {
  await page.goto(`/sheets/${sheet.id}`);
  const items = sheet.template.sections.flatMap((s) => s.items);
  for (const [i, item] of items.entries()) await fillItem(page, item, i === 0);
  await expect(page.getByTestId('save-status')).toHaveText('この端末に保存しました');
  return items;
}

async function apiAs(request: APIRequestContext, staffNumber: string) {
  const response = await request.post('/api/session', {
    data: { staffNumber, password: DEMO_PASSWORD },
  });
  expect(response.ok()).toBe(true);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken };
}

test('a whole round offline: four sheets filled, reloaded, submitted, then sent exactly', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await signInAs(page, custodian.staffNumber);
  await expect(page.getByTestId('sheet-card').first()).toBeVisible();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);

  await goOffline(page);
  await page.reload();
  const filled = new Map<string, Item[]>();
  for (const [n, sheet] of sheets.entries()) {
    filled.set(sheet.id, await fillSheet(page, sheet));
    if (n === 1) {
      // Half-way: a reload finds every answer given so far.
      await page.reload();
      for (const done of sheets.slice(0, 2)) {
        await page.goto(`/sheets/${done.id}`);
        const count = filled.get(done.id)?.length ?? 0;
        await expect(
          page.getByLabel(new RegExp(`回答済み ${count} / ${count} 項目`)),
        ).toBeVisible();
      }
    }
  }
  for (const sheet of sheets) {
    await page.goto(`/sheets/${sheet.id}`);
    await page.getByRole('button', { name: '提出する' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提出する' }).click();
    await expect(page.getByText('提出しました（送信待ち）', { exact: false })).toBeVisible();
  }

  await goOnline(page);
  await page.getByRole('button', { name: '今すぐ同期' }).click();
  await expect(page.getByText('送信待ちなし')).toBeVisible({ timeout: 20_000 });

  const server = await playwright.request.newContext({ baseURL: baseURL ?? '' });
  await apiAs(server, custodian.staffNumber);
  for (const sheet of sheets) {
    const response = await server.get(`/api/sheets/${sheet.id}`);
    expect(response.ok(), sheet.id).toBe(true);
    const detail = (await response.json()) as {
      sheet: { state: string };
      answers: { itemId: string; value: unknown }[];
      events: { type: string }[];
    };
    expect(detail.sheet.state, sheet.id).toBe('submitted');
    expect(detail.events.filter((e) => e.type === 'submitted')).toHaveLength(1);
    const items = filled.get(sheet.id) ?? [];
    const answered = items.filter((i) => !(i.kind === 'table' && i.minRows === 0));
    expect(detail.answers.map((a) => a.itemId).sort(), sheet.id).toEqual(
      answered.map((i) => i.id).sort(),
    );
    for (const [i, item] of items.entries()) {
      const expected = expectedValue(item, i === 0);
      const stored = detail.answers.find((a) => a.itemId === item.id)?.value;
      if (expected === 'rows') {
        if (item.kind === 'table' && item.minRows > 0) expect(stored, item.id).toHaveLength(1);
      } else expect(stored, item.id).toEqual(expected);
    }
  }
  await server.dispose();
});

test('a returned sheet shows the chief’s comment and can be fixed and submitted again', async ({
  page,
  playwright,
  baseURL,
}) => {
  const sheet = sheets[0];
  if (!sheet) throw new Error('no sheet');
  const chief = await playwright.request.newContext({ baseURL: baseURL ?? '' });
  const { csrfToken } = await apiAs(chief, demo.chief.staffNumber);
  const current = (await (await chief.get(`/api/sheets/${sheet.id}`)).json()) as {
    sheet: { revision: number; state: string };
  };
  expect(current.sheet.state).toBe('submitted');
  const returned = await chief.post('/api/sync/push', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      clientId: 'e2e-chief-device',
      schemaVersion: 1,
      mutations: [
        {
          seq: 1,
          name: 'returnSheet',
          args: {
            sheetId: sheet.id,
            expectedRevision: current.sheet.revision,
            comment: '贈答品の項目を見直してください。',
          },
          schemaVersion: 1,
          madeAt: new Date().toISOString(),
        },
      ],
    },
  });
  expect(((await returned.json()) as { results: { status: string }[] }).results[0]?.status).toBe(
    'applied',
  );
  await chief.dispose();

  await page.goto('/');
  await signInAs(page, custodian.staffNumber);
  const card = page
    .getByTestId('sheet-card')
    .filter({ hasText: '贈答品の項目を見直してください。' });
  await expect(card).toBeVisible({ timeout: 20_000 });
  await page.goto(`/sheets/${sheet.id}`);
  await expect(page.getByText('贈答品の項目を見直してください。')).toBeVisible();
  await page.locator('#item-gifts-refuse').getByRole('radio', { name: '① そう思う' }).check();
  await page.getByRole('button', { name: '提出する' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '提出する' }).click();
  await expect(page.getByText('提出済みです。')).toBeVisible({ timeout: 20_000 });
});
