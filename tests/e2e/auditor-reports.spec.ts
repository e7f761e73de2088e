// The auditor's reports in Chromium: the completion dashboard of the ethics round counts a
// sheet that its section chief approves meanwhile (filled in, submitted and approved through
// the API, so the spec does not depend on the order the specs run in); the table downloads as
// a CSV that Excel in Japan opens (byte-order mark, CRLF, the columns' headings); offline the
// last dashboard stays readable with when it was made; and no report screen has axe
// violations. The sheet is the ethics sheet of a member of the demo section that no other
// spec touches, signed off by the demo chief.
import { expect, request, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dateInJapan, fiscalYearOf } from '../../src/shared/fiscal-year.ts';
import type { Template } from '../../src/shared/schemas/template.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_PASSWORD, demo, goOffline, signInAs } from './support/demo.ts';

const auditor = { staffNumber: '100037' } as const;
const member = { staffNumber: '100022', id: 'p00022' } as const;
const section = { code: '101010', name: '総務課' } as const;
const fiscalYear = fiscalYearOf(dateInJapan(new Date()));
const ethics = JSON.parse(
  readFileSync(new URL('../../seeds/templates/ethics.json', import.meta.url), 'utf8'),
) as Template;
const sheetId = `${ethics.id}.${fiscalYear}.annual.${member.id}`;

interface PushResult {
  seq: number;
  status: 'applied' | 'rejected';
  code?: string;
}

/** Signs a person in through the API, in a context of its own (its own cookie). */
async function apiAs(baseURL: string, staffNumber: string) {
  const api = await request.newContext({ baseURL });
  const signedIn = await api.post('/api/session', {
    data: { staffNumber, password: DEMO_PASSWORD },
  });
  expect(signedIn.ok()).toBe(true);
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  const clientId = `e2e-reports-${staffNumber}-${Date.now().toString(36)}`;
  return {
    api,
    async revision(): Promise<number> {
      const answer = await api.get(`/api/sheets/${encodeURIComponent(sheetId)}`);
      expect(answer.ok()).toBe(true);
      return ((await answer.json()) as { sheet: { revision: number } }).sheet.revision;
    },
    /** Pushes the changes as one device would; every one must be applied. */
    async push(changes: { name: string; args: unknown }[]): Promise<void> {
      const answer = await api.post('/api/sync/push', {
        headers: { 'x-csrf-token': csrfToken },
        data: {
          clientId,
          schemaVersion: 1,
          mutations: changes.map((change, i) => ({
            seq: i + 1,
            ...change,
            schemaVersion: 1,
            madeAt: new Date().toISOString(),
          })),
        },
      });
      expect(answer.ok()).toBe(true);
      const { results } = (await answer.json()) as { results: PushResult[] };
      expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
    },
  };
}

/** The member fills in every statement and submits; the section chief approves. */
async function approveMemberSheet(baseURL: string) {
  const statements = ethics.sections.flatMap((s) => s.items).filter((i) => i.kind === 'agreement4');
  const staff = await apiAs(baseURL, member.staffNumber);
  const before = await staff.revision();
  await staff.push([
    ...statements.map((item) => ({
      name: 'setAnswer',
      args: { sheetId, itemId: item.id, answer: { value: 2 }, baseVersion: 0 },
    })),
    // The server raises the revision once for each answer before it comes to the step.
    { name: 'submitSheet', args: { sheetId, expectedRevision: before + statements.length } },
  ]);
  const chief = await apiAs(baseURL, demo.chief.staffNumber);
  await chief.push([
    { name: 'approveSheet', args: { sheetId, expectedRevision: await chief.revision() } },
  ]);
  await staff.api.dispose();
  await chief.api.dispose();
}

/** The dashboard's row of the demo section, once the department is opened. */
async function sectionRow(page: Page) {
  const city = page
    .getByRole('navigation', { name: '表示している階層' })
    .getByRole('button', { name: '市全体' });
  if ((await city.count()) > 0) await city.click();
  await page
    .getByTestId('completion-table')
    .getByRole('button', { name: /^総務局/ })
    .click();
  await page
    .getByTestId('completion-table')
    .getByRole('button', { name: /^総務部/ })
    .click();
  return page.locator(`[data-testid="completion-row"][data-unit="${section.code}"]`);
}

test('the auditor sees an approval counted, downloads the CSV, and reads the dashboard offline', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  if (!baseURL) throw new Error('the spec needs the base URL');
  await page.goto('/');
  await signInAs(page, auditor.staffNumber);
  await page
    .getByRole('navigation', { name: '画面の切り替え' })
    .getByRole('link', { name: '集計・報告' })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: '集計・報告' })).toBeVisible();
  await expect(page.getByTestId('report-as-of')).toContainText('時点', { timeout: 20_000 });
  await expect(page.getByTestId('summary-assigned')).not.toHaveText('0');
  await expectNoAxeViolations(page);

  // The ethics round: the section's sheets signed off so far.
  await page.getByLabel('実施回').selectOption(`${ethics.id}|annual`);
  await expect(page.getByTestId('report-covers')).toContainText(ethics.title.ja);
  const approvedBefore = Number(
    await (await sectionRow(page)).getByTestId('cell-approved').textContent(),
  );

  // The member's sheet is approved by the chief meanwhile; fetching again counts it.
  await approveMemberSheet(baseURL);
  await page.getByRole('button', { name: '最新の集計を取得' }).click();
  await expect((await sectionRow(page)).getByTestId('cell-approved')).toHaveText(
    String(approvedBefore + 1),
  );
  await page.getByRole('button', { name: /^総務課/ }).click();
  const sheetRow = page.getByTestId('unit-sheet').filter({ hasText: '藤原　大和' });
  await expect(sheetRow).toContainText('確認済み', { timeout: 20_000 });
  await expectNoAxeViolations(page);

  // The table as CSV: a byte-order mark, CRLF lines, the headings, and the section counted.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('group', { name: '提出状況の表のダウンロード' })
      .getByRole('link', { name: 'CSV（Excel用）' })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe(`completion-${fiscalYear}-${ethics.id}-annual-ja.csv`);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toBe(
    '組織コード,組織,区分,階層,対象,未提出,確認待ち,差し戻し,確認済み,期限超過,提出率(%),確認率(%),提出から確認まで(日・中央値)',
  );
  const sectionLine = lines.find((l) => l.startsWith(`${section.code},`))?.split(',');
  expect(sectionLine?.[1]?.trim()).toBe(section.name);
  expect(sectionLine?.[8]).toBe(String(approvedBefore + 1));

  // Offline, the last dashboard is still there, saying when it was made.
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await goOffline(page);
  await page.reload();
  await expect(page.getByTestId('report-kept')).toHaveText(
    'オフラインのため、この端末に保存した最後の集計を表示しています。',
  );
  await expect(page.getByTestId('report-as-of')).toContainText(/令和.+年.+月.+日 \d\d:\d\d 時点/);
  await expect(page.getByTestId('report-covers')).toContainText(ethics.title.ja);
  await expect((await sectionRow(page)).getByTestId('cell-approved')).toHaveText(
    String(approvedBefore + 1),
  );
  await expectNoAxeViolations(page);
});

test('the answers, the risk register and the evidence screens have no axe violations', async ({
  page,
}) => {
  await page.goto('/');
  await signInAs(page, auditor.staffNumber);
  await page.goto('/reports/answers');
  await expect(page.getByTestId('trends-table')).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('属性別の内訳').selectOption('ageBand');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'リスク・不備' }).click();
  await expect(page.getByTestId('risk-summary')).toBeVisible({ timeout: 20_000 });
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: '証跡' }).click();
  await page.getByRole('button', { name: '検証する' }).click();
  await expect(page.getByTestId('evidence-result')).toBeVisible({ timeout: 20_000 });
  await expectNoAxeViolations(page);
});
