// The demo accounts of a fresh database (as the README lists them) and signing in through
// the app's own form.
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'tenken-demo';
export const demo = {
  staff: { staffNumber: '100016', name: '山下　千尋' },
  chief: { staffNumber: '100014', name: '藤井　由美' },
  sealCustodian: { staffNumber: '100015', name: '山下　修' },
} as const;

export async function signInAs(
  page: Page,
  staffNumber: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  await page.getByLabel('職員番号').fill(staffNumber);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByTestId('signed-in-person')).toBeVisible();
}

/** Cuts the network for the page: offline emulation alone may not cover the service worker. */
export async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.context().route('**/api/**', (route) => route.abort('internetdisconnected'));
}

export async function goOnline(page: Page): Promise<void> {
  await page.context().unroute('**/api/**');
  await page.context().setOffline(false);
}

/** The names of this origin's IndexedDB databases. */
export async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? '').filter(Boolean),
  );
}
