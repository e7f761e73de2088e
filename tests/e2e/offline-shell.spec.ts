// After one online visit, the app shell and the signed-in person's data load with the
// network off; the language switch is remembered.
import { expect, test } from '@playwright/test';
import { demo, goOffline, signInAs } from './support/demo.ts';

test('the shell and the stored lists reload offline through the service worker', async ({
  page,
}) => {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  const list = page.getByTestId('my-sheets');
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list).toContainText('公務員倫理');
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);

  await goOffline(page);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('点検');
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(page.getByTestId('connection')).toHaveText('オフライン');

  // A deep link is answered by the app too (navigateFallback), still signed in.
  const deep = await page.goto('/sheets/anything');
  expect(deep?.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('signed-in-person')).toBeVisible();
  await page.getByRole('link', { name: 'ホームに戻る' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(3);
});

test('the language switch shows English and is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '表示言語を切り替える' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
