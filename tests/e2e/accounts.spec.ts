// Signing in, offline identity and a shared tablet: each person sees only their own data,
// and unsent work survives signing out and back in.
import { expect, test, type Page } from '@playwright/test';
import { databaseNames, demo, goOffline, goOnline, signInAs } from './support/demo.ts';

const mySheets = (page: Page) => page.getByTestId('my-sheets').getByRole('listitem');

/** Puts one unsent change in the signed-in person's outbox, as the sheet editor will. */
async function queueUnsentChange(page: Page, personId: string) {
  await page.evaluate(async (name) => {
    const open = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error as Error);
    });
    const tx = db.transaction('queue', 'readwrite');
    // The outbox's store numbers its entries itself.
    tx.objectStore('queue').add({
      name: 'setAnswer',
      args: { sheetId: 'x', itemId: 'y', value: 'yes' },
      createdAt: new Date().toISOString(),
    });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, `tenken-person-${personId}`);
}

async function personIdOf(page: Page, staffNumber: string): Promise<string> {
  return page.evaluate(async (number) => {
    const open = indexedDB.open('tenken-device');
    const db = await new Promise<IDBDatabase>(
      (resolve) => (open.onsuccess = () => resolve(open.result)),
    );
    const all = await new Promise<{ personId: string; person: { staffNumber: string } }[]>(
      (resolve) => {
        const req = db.transaction('accounts').objectStore('accounts').getAll();
        req.onsuccess = () => resolve(req.result as never);
      },
    );
    db.close();
    const found = all.find((a) => a.person.staffNumber === number);
    if (!found) throw new Error(`no account for ${number} on this device`);
    return found.personId;
  }, staffNumber);
}

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('職員番号').fill(demo.staff.staffNumber);
  await page.getByLabel('パスワード', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('alert')).toHaveText('職員番号またはパスワードが正しくありません。');
});

test('signed in once online, the app opens offline for that person with their sheets', async ({
  page,
}) => {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  await expect(page.getByTestId('signed-in-person')).toContainText(demo.staff.name);
  await expect(mySheets(page)).toHaveCount(3); // ethics, documents and the workplace's risk sheet
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);

  await goOffline(page);
  await page.reload();
  await expect(page.getByTestId('signed-in-person')).toContainText(demo.staff.name);
  await expect(mySheets(page)).toHaveCount(3);
  await goOnline(page);
});

test('on a shared tablet the next person sees only their own sheets', async ({ page }) => {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  await expect(mySheets(page)).toHaveCount(3);
  const staffId = await personIdOf(page, demo.staff.staffNumber);

  // Nothing unsent: signing out asks nothing and removes the person's data from the device.
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();
  expect(await databaseNames(page)).not.toContain(`tenken-person-${staffId}`);

  await signInAs(page, demo.sealCustodian.staffNumber);
  await expect(page.getByTestId('signed-in-person')).toContainText(demo.sealCustodian.name);
  // Own ethics and documents sheets, the workplace's risk sheet and the section's seal checklists.
  const sheets = mySheets(page);
  await expect(sheets.first()).toBeVisible();
  const texts = await sheets.allTextContents();
  expect(texts.length).toBeGreaterThan(3);
  const custodianId = await personIdOf(page, demo.sealCustodian.staffNumber);
  const stored = await page.evaluate(async (name) => {
    const open = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>(
      (resolve) => (open.onsuccess = () => resolve(open.result)),
    );
    const req = db.transaction('sheets').objectStore('sheets').getAll();
    const rows = await new Promise<{ owner: { kind: string; personId?: string } }[]>(
      (resolve) => (req.onsuccess = () => resolve(req.result as never)),
    );
    db.close();
    return rows.map((r) => r.owner);
  }, `tenken-person-${custodianId}`);
  expect(stored.filter((o) => o.kind === 'person').every((o) => o.personId === custodianId)).toBe(
    true,
  );
  expect(stored.some((o) => o.personId === staffId)).toBe(false);
});

test('unsent work is kept for its person through sign-out, another person, and sign-in', async ({
  page,
}) => {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  const staffId = await personIdOf(page, demo.staff.staffNumber);
  await queueUnsentChange(page, staffId);

  await page.getByRole('button', { name: 'サインアウト' }).click();
  const dialog = page.getByRole('dialog', { name: '未送信の入力があります' });
  await expect(dialog).toContainText('1件');
  await dialog.getByRole('button', { name: 'この端末に保存してサインアウト' }).click();
  await expect(page.getByTestId('kept-accounts')).toContainText(demo.staff.name);

  await signInAs(page, demo.chief.staffNumber);
  await expect(page.getByTestId('signed-in-person')).toContainText(demo.chief.name);
  // The chief's database is the chief's: the staff member's outbox is not in it.
  const chiefId = await personIdOf(page, demo.chief.staffNumber);
  expect(chiefId).not.toBe(staffId);
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();

  await signInAs(page, demo.staff.staffNumber);
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await expect(page.getByRole('dialog', { name: '未送信の入力があります' })).toContainText('1件');
});

test('a session ended on the server while away asks for sign-in and keeps the data', async ({
  page,
  browser,
}) => {
  const person = '100017';
  await page.goto('/');
  await signInAs(page, person);
  await expect(mySheets(page).first()).toBeVisible();
  const count = await mySheets(page).count();

  // The same person changes the password on another device: other sessions end.
  const other = await browser.newContext({ baseURL: page.url() });
  const otherPage = await other.newPage();
  await otherPage.goto('/');
  await signInAs(otherPage, person);
  await otherPage.getByRole('button', { name: 'パスワード変更' }).click();
  await otherPage.getByLabel('現在のパスワード').fill('tenken-demo');
  await otherPage.getByLabel(/^新しいパスワード（\d+文字以上）/).fill('a-new-password-1');
  await otherPage.getByLabel('新しいパスワード（確認）').fill('a-new-password-1');
  await otherPage.getByRole('button', { name: '変更する' }).click();
  await expect(otherPage.getByText('パスワードを変更しました。')).toBeVisible();
  await other.close();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'もう一度サインインしてください' })).toBeVisible();
  await expect(mySheets(page)).toHaveCount(count);
  await page.getByLabel('パスワード', { exact: true }).fill('a-new-password-1');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('heading', { name: 'もう一度サインインしてください' })).toBeHidden();
  await expect(mySheets(page)).toHaveCount(count);
});
