// The chief's follow-up screens in Chromium: the section's progress for a round with its
// meeting view (朝礼), and the acting chiefs (代理); each without axe violations, and each
// saying plainly offline that it needs the network. Nothing is changed here.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.ts';
import { demo, goOffline, signInAs } from './support/demo.ts';

async function openFromNav(page: Page, link: string, heading: string) {
  await page
    .getByRole('navigation', { name: '画面の切り替え' })
    .getByRole('link', { name: link })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
}

test('the section progress and the meeting view have no axe violations', async ({ page }) => {
  await page.goto('/');
  await signInAs(page, demo.chief.staffNumber);
  await openFromNav(page, '提出状況', '提出状況');
  const progress = page.getByTestId('progress');
  await expect(progress.getByText('合計')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('tab', { name: '朝礼・ミーティング用の集計' }).click();
  await expect(page.getByRole('tabpanel')).toContainText(/回答者|未満のため/);
  await expectNoAxeViolations(page);
});

test('the acting chiefs screen has no axe violations, and both screens need the network', async ({
  page,
}) => {
  await page.goto('/');
  await signInAs(page, demo.chief.staffNumber);
  await openFromNav(page, '代理', '所属長の代理');
  await expect(page.getByRole('heading', { name: '任命の記録' })).toBeVisible();
  await expectNoAxeViolations(page);

  await goOffline(page);
  await page.reload();
  await expect(
    page.getByText(/代理の任命・終了と一覧の表示にはネットワーク接続が必要です/),
  ).toBeVisible();
  await openFromNav(page, '提出状況', '提出状況');
  await expect(page.getByText(/ネットワーク接続が必要です/)).toBeVisible();
});
