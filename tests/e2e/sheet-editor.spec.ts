// The sheet screen in Chromium with a real sheet: answers are saved on the device as they
// are given (online and offline) and are all there after a reload; the screen has no axe
// violations and fits a tablet in portrait and landscape.
import { expect, test, type Page } from '@playwright/test';
import { dateInJapan, fiscalYearOf } from '../../src/shared/fiscal-year.ts';
import { demo, goOffline, signInAs } from './support/demo.ts';
import { expectNoAxeViolations } from './support/axe.ts';

const fiscalYear = fiscalYearOf(dateInJapan(new Date()));
const sheetPath = (templateId: string) => `/sheets/${templateId}.${fiscalYear}.annual.p00016`;

const titles: Record<string, string> = {
  'ethics-self-check': '公務員倫理・サービス セルフチェックシート',
  'document-management-self-check': '文書管理',
};

/** Signs in, then opens the sheet from its address; it shows once the first pull has it. */
async function openSheet(page: Page, templateId: string) {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  await page.goto(sheetPath(templateId));
  await expect(
    page.getByRole('heading', { level: 2, name: new RegExp(titles[templateId] ?? templateId) }),
  ).toBeVisible({ timeout: 15_000 });
}

const item = (page: Page, id: string) => page.locator(`#item-${id}`);
const saveStatus = (page: Page) => page.getByTestId('save-status');

test('answers on the ethics sheet are saved, sent, and still there after a reload', async ({
  page,
}) => {
  await openSheet(page, 'ethics-self-check');
  await item(page, 'gifts-refuse').getByRole('radio', { name: '① そう思う' }).check();
  await item(page, 'gifts-report').getByRole('radio', { name: '③ あまりそう思わない' }).check();
  await item(page, 'reflection-notes').getByRole('textbox').fill('朝礼で話し合いたい。');
  await expect(saveStatus(page)).toHaveText(/この端末に保存しました|送信済み/);
  await expect(saveStatus(page)).toHaveText('送信済み', { timeout: 15_000 });

  await page.reload();
  await expect(item(page, 'gifts-refuse').getByRole('radio', { name: '① そう思う' })).toBeChecked();
  await expect(
    item(page, 'gifts-report').getByRole('radio', { name: '③ あまりそう思わない' }),
  ).toBeChecked();
  await expect(item(page, 'reflection-notes').getByRole('textbox')).toHaveValue(
    '朝礼で話し合いたい。',
  );
  await expect(page.getByLabel(/回答済み 3 \/ 23 項目/)).toBeVisible();
});

test('offline: a "no" with its corrective action survives a reload', async ({ page }) => {
  await openSheet(page, 'document-management-self-check');
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await goOffline(page);
  const receipt = item(page, 'receipt-register');
  await receipt.getByRole('radio', { name: 'いいえ' }).check();
  await expect(receipt.getByText('未記入')).toBeVisible();
  await expect(saveStatus(page)).toHaveText('この端末に保存しました');
  // Typed and reloaded at once, before the pause in typing has ended.
  await receipt.getByLabel(/改善策/).fill('毎朝、収受の状況を係内で確認する。');
  await page.reload();
  await expect(receipt.getByRole('radio', { name: 'いいえ' })).toBeChecked();
  await expect(receipt.getByLabel(/改善策/)).toHaveValue('毎朝、収受の状況を係内で確認する。');
  await expect(receipt.getByText('未記入')).toHaveCount(0);
  await expect(saveStatus(page)).toHaveText('この端末に保存しました');
  // The copy kept while it was not yet written is gone once it is.
  await expect
    .poll(() =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tenken.unsaved.'))),
    )
    .toEqual([]);
});

test('the sheet screen has no axe violations and fits tablets and phones', async ({ page }) => {
  await openSheet(page, 'document-management-self-check');
  await item(page, 'receipt-register').getByRole('radio', { name: 'いいえ' }).check();
  await page.getByRole('button', { name: '提出する' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');

  for (const size of [
    { width: 768, height: 1024 },
    { width: 1366, height: 1024 },
    { width: 375, height: 740 },
  ]) {
    await page.setViewportSize(size);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `horizontal overflow at ${size.width}px`).toBeLessThanOrEqual(0);
    const small = await page.evaluate(
      () =>
        [...document.querySelectorAll('.sheet-editor label.choice, .sheet-editor button')]
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.height < 48).length,
    );
    expect(small, `touch targets under 48px at ${size.width}px`).toBe(0);
    await expectNoAxeViolations(page);
  }
});
