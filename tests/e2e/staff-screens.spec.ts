// The staff member's own screens in Chromium: home with its groups, needs attention,
// settings with the storage figures, the A4 print view with its approval block; axe-core
// finds no violations on any of them; a new version is offered only when nothing waits to
// be sent, and the offer survives a reload. The server and its database are shared with the
// other specs: nothing here changes a demo person's sheets (the one change sent is refused),
// and the new version is served only for a moment and only to the test that looks for it.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectNoAxeViolations } from './support/axe.ts';
import { demo, signInAs } from './support/demo.ts';

const swPath = fileURLToPath(new URL('../../dist/sw.js', import.meta.url));

/**
 * Serves a new version of the service worker while `published` runs (a browser fetches the
 * worker's script itself: Playwright's routes do not see it), then the built one again. It
 * stays published until the test is done with it: every navigation checks for a new worker,
 * and the built one served again meanwhile would be found as yet another version.
 */
async function publishNextVersion(published: () => Promise<void>) {
  const original = readFileSync(swPath, 'utf8');
  const marker = `\n// the next version, ${Date.now()}\n`;
  writeFileSync(swPath, original + marker);
  try {
    await published();
  } finally {
    // Unless the app was built again meanwhile.
    if (readFileSync(swPath, 'utf8').endsWith(marker)) writeFileSync(swPath, original);
  }
}

const nav = (page: Page) => page.getByRole('navigation', { name: '画面の切り替え' });

/**
 * Puts an answer to the first item of the person's ethics sheet in their outbox, as the app
 * would; its comment is longer than any allowed, so the server refuses it and changes nothing.
 */
async function queueRefusableChange(page: Page) {
  await page.evaluate(async () => {
    const name = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .find((n) => n.startsWith('tenken-person-'));
    if (!name) throw new Error('no person database');
    const open = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error as Error);
    });
    const tx = db.transaction(['queue', 'sheets'], 'readwrite');
    const all = tx.objectStore('sheets').getAll();
    await new Promise((resolve) => (all.onsuccess = resolve));
    const ethics = (all.result as { id: string; templateId: string }[]).find(
      (s) => s.templateId === 'ethics-self-check',
    );
    if (!ethics) throw new Error('no ethics sheet');
    // The outbox's store numbers its entries itself.
    tx.objectStore('queue').add({
      name: 'setAnswer',
      args: {
        sheetId: ethics.id,
        itemId: 'gifts-refuse',
        answer: { value: 1, comment: 'とても長いコメント。'.repeat(401) },
        baseVersion: 0,
      },
      schemaVersion: 1,
      madeAt: new Date().toISOString(),
    });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });
}

test('home shows the person’s sheets in their groups, with links to fill and print', async ({
  page,
}) => {
  await page.goto('/');
  await signInAs(page, demo.sealCustodian.staffNumber);
  const home = page.getByTestId('my-sheets');
  await expect(home.getByRole('heading', { level: 2, name: '私のチェックシート' })).toBeVisible();
  await expect(
    home.getByRole('heading', { level: 2, name: '公印の点検（公印管守者）' }),
  ).toBeVisible();
  await expect(
    home.getByRole('heading', { level: 2, name: '職場のリスクチェックシート' }),
  ).toBeVisible();
  // Each sheet sits in one of the groups (which one depends on what other specs did).
  const cards = home.getByTestId('sheet-card');
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  const grouped = page.locator('[data-testid^="group-"] [data-testid="sheet-card"]');
  await expect(grouped).toHaveCount(count);
  await expect(home.getByRole('heading', { level: 3 }).first()).toHaveText(
    /^(未着手|作成中|差し戻し|提出済み|確認済み) \d+件$/,
  );
  const first = cards.first();
  await expect(first).toContainText(/提出期限 令和\d+年\d+月\d+日/);
  await expect(first).toContainText(/回答 \d+\/\d+/);
  await expect(first.getByRole('link', { name: /^印刷/ })).toHaveAttribute(
    'href',
    /^\/sheets\/[^/]+\/print$/,
  );
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: '表示言語を切り替える' }).click();
  await expect(first).toContainText(/Due \d+ \w{3} 20\d\d/);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'switch the display language' }).click();
});

test('settings show whether storage is kept and the space used and available', async ({
  page,
  baseURL,
}) => {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  await nav(page).getByRole('link', { name: '設定' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '設定' })).toBeVisible();
  await expect(page.getByTestId('storage-usage')).toHaveText(/^[\d,]+\.\d MB$/);
  await expect(page.getByTestId('storage-available')).toHaveText(/^[\d,]+\.\d MB$/);
  // Headless Chromium keeps storage only with the durableStorage permission.
  await expect(page.getByTestId('storage-persisted')).toHaveText('保護されていません');
  await expectNoAxeViolations(page);

  // Granted in this test's own browser context (CDP's default context is another one).
  const cdp = await page.context().newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.grantPermissions', {
    origin: new URL(baseURL ?? page.url()).origin,
    permissions: ['durableStorage'],
    ...(targetInfo.browserContextId ? { browserContextId: targetInfo.browserContextId } : {}),
  });
  await page.getByRole('button', { name: '保存領域の保護を求める' }).click();
  await expect(page.getByTestId('storage-persisted')).toHaveText('保護されています');
  await expect(page.getByRole('button', { name: '保存領域の保護を求める' })).toBeHidden();
});

test('the print view shows the header and the approval block, and nothing of the app', async ({
  page,
}) => {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  const card = page.getByTestId('sheet-card').first();
  const title = (await card.getByRole('heading', { level: 4 }).textContent()) ?? '';
  await card.getByRole('link', { name: /^印刷/ }).click();
  await expect(page).toHaveURL(/\/sheets\/[^/]+\/print$/);
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  const header = page.getByTestId('print-header');
  await expect(header).toContainText('所属総務課');
  await expect(header).toContainText(`氏名${demo.staff.name}`);
  await expect(header).toContainText(/年度・期間令和\d+年度/);
  await expect(header).toContainText(/状態(未提出|提出済み|差し戻し|確認済み)/);
  const approval = page.getByTestId('approval-block');
  await expect(approval.getByRole('heading', { name: '確認欄' })).toBeVisible();
  await expect(approval.getByRole('columnheader')).toHaveText(['提出日', '確認日', '所属長', '印']);
  await expect(page.getByRole('button', { name: '印刷' })).toBeVisible();
  await expectNoAxeViolations(page);

  // On paper: no header, navigation, status or buttons; the sheet and its approval block.
  await page.emulateMedia({ media: 'print' });
  await expect(nav(page)).toBeHidden();
  await expect(page.getByRole('button', { name: '印刷' })).toBeHidden();
  await expect(page.getByTestId('sync-status')).toBeHidden();
  await expect(approval).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The button prints.
  await page.evaluate(() => {
    (window as { printed?: number }).printed = 0;
    window.print = () => void ((window as { printed?: number }).printed! += 1);
  });
  await page.getByRole('button', { name: '印刷' }).click();
  expect(await page.evaluate(() => (window as { printed?: number }).printed)).toBe(1);
});

test('a new version waits while a change is unsent or refused, and the offer survives a reload', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await expect(page.getByTestId('sync-status')).toContainText('同期済み');

  // A change waits to be sent: sending is held back for now.
  await context.route('**/api/sync/**', (route) => route.abort('internetdisconnected'));
  await queueRefusableChange(page);
  await page.reload();
  await expect(page.getByTestId('sync-pending')).toHaveText('送信待ち 1件');

  // A new version of the app is published: the browser finds it and it waits.
  await publishNextVersion(async () => {
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.waitForFunction(
      async () => !!(await navigator.serviceWorker.getRegistration())?.waiting,
    );
    await expect(page.getByTestId('update-waiting')).toContainText('送信待ち');
    await expect(page.getByRole('button', { name: '更新する' })).toBeHidden();

    // Still waiting after a reload, and still withheld.
    await page.reload();
    await expect(page.getByTestId('update-waiting')).toContainText('送信待ち');
    await expect(page.getByRole('button', { name: '更新する' })).toBeHidden();

    // Sent and refused: it needs the person's decision, so the update still waits.
    await context.unroute('**/api/sync/**');
    await page.getByRole('button', { name: '今すぐ同期' }).click();
    await expect(nav(page).getByRole('link', { name: /要対応/ })).toContainText('1');
    await expect(page.getByTestId('update-waiting')).toBeVisible();

    await nav(page)
      .getByRole('link', { name: /要対応/ })
      .click();
    const entry = page.getByTestId('refused-change');
    await expect(entry.getByRole('heading', { level: 4 })).toHaveText(/^職務上の利害関係者から/);
    await expect(entry).toContainText('公務員倫理・サービス セルフチェックシート');
    await expect(entry).toContainText('① そう思う、コメント：とても長いコメント。');
    await expect(entry).toContainText('変更の内容が正しくありませんでした。');
    await expectNoAxeViolations(page);
    await entry.getByRole('button', { name: '破棄する' }).click();
    const dialog = page.getByRole('dialog', { name: 'この変更を破棄しますか？' });
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: '破棄する' }).click();
    await expect(page.getByTestId('attention-empty')).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing waits now: the new version is offered, also after a reload.
    await expect(page.getByRole('button', { name: '更新する' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: '更新する' })).toBeVisible();
    // Taking it reloads the page, which the new version then runs.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: '更新する' }).click();
    await reloaded;
    await page.waitForFunction(
      async () => !(await navigator.serviceWorker.getRegistration())?.waiting,
    );
    await expect(page.getByTestId('signed-in-person')).toBeVisible();
    await expect(page.getByRole('button', { name: '更新する' })).toBeHidden();
  });
});
