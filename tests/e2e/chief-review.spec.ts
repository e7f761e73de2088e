// A staff member and their section chief, each in their own Chromium context: the staff
// member submits the ethics sheet with one negative answer; the chief finds it flagged in the
// review inbox and returns it with a comment (decided offline, sent when back online); the
// staff member sees the comment, fixes the answer and submits again; the chief sees exactly
// what changed and approves; the staff member sees it approved and can no longer change it.
// The review screens have no axe violations. The sheet is one no other spec touches: the
// ethics sheet of another staff member of the demo section, signed off by the demo chief.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dateInJapan, fiscalYearOf } from '../../src/shared/fiscal-year.ts';
import type { Template } from '../../src/shared/schemas/template.ts';
import { demo, goOffline, goOnline, signInAs } from './support/demo.ts';
import { expectNoAxeViolations } from './support/axe.ts';

const member = { staffNumber: '100023', name: '小川　恵子', id: 'p00023' };
const fiscalYear = fiscalYearOf(dateInJapan(new Date()));
const sheetId = `ethics-self-check.${fiscalYear}.annual.${member.id}`;
const ethics = JSON.parse(
  readFileSync(new URL('../../seeds/templates/ethics.json', import.meta.url), 'utf8'),
) as Template;
const statements = ethics.sections.flatMap((s) => s.items).filter((i) => i.kind === 'agreement4');
const flagged = statements[0];
const comment = '「贈答品」の項目について、理由を添えて見直してください。';

/** Sends and fetches now, and waits until nothing is left to send. */
async function syncNow(page: Page) {
  await page.getByRole('button', { name: '今すぐ同期' }).click();
  await expect(page.getByText('送信待ちなし')).toBeVisible({ timeout: 20_000 });
}

async function submit(page: Page) {
  await page.getByRole('button', { name: '提出する' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '提出する' }).click();
  await expect(page.getByText(/提出しました（送信待ち）|提出済みです。/)).toBeVisible();
  await syncNow(page);
  await expect(page.getByText('提出済みです。')).toBeVisible({ timeout: 20_000 });
}

/** The chief's inbox card of the member's sheet, once the chief's device has it. */
async function openInboxCard(page: Page) {
  await page
    .getByRole('navigation', { name: '画面の切り替え' })
    .getByRole('link', { name: /確認/ })
    .click();
  await expect(
    page.getByRole('heading', { level: 2, name: '確認待ちのチェックシート' }),
  ).toBeVisible();
  const card = page.getByTestId('review-card').filter({ hasText: member.name });
  await expect(card).toBeVisible({ timeout: 20_000 });
  return card;
}

test('a chief returns a submitted sheet with a comment, sees what changed, and approves it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  if (!flagged) throw new Error('the ethics sheet has no statements');
  const staffContext = await browser.newContext();
  const chiefContext = await browser.newContext();
  const staff = await staffContext.newPage();
  const chief = await chiefContext.newPage();

  // The staff member answers every statement, one of them negatively, and submits.
  await staff.goto('/');
  await signInAs(staff, member.staffNumber);
  await staff.goto(`/sheets/${sheetId}`);
  for (const item of statements)
    await staff
      .locator(`#item-${item.id}`)
      .getByRole('radio', { name: item === flagged ? '③ あまりそう思わない' : '② まあそう思う' })
      .check();
  await submit(staff);

  // The chief finds it in the inbox, flagged, with the member's name.
  await chief.goto('/');
  await signInAs(chief, demo.chief.staffNumber);
  await chief.waitForFunction(() => !!navigator.serviceWorker.controller);
  await syncNow(chief);
  let card = await openInboxCard(chief);
  await expect(card.getByTestId('review-flags')).toContainText('否定的な回答 1件');
  await expect(card).not.toContainText('再提出');
  // A flagged sheet is never approved together with others.
  await expect(card.getByRole('checkbox')).toHaveCount(0);
  await expectNoAxeViolations(chief);

  // Offline, the chief opens it and returns it with a comment; the decision waits.
  await goOffline(chief);
  await card.getByRole('link').click();
  await expect(chief.getByRole('heading', { level: 2, name: ethics.title.ja })).toBeVisible();
  await expect(chief.getByTestId('review-owner')).toHaveText(member.name);
  await expect(chief.getByTestId('review-flag-list')).toContainText(flagged.label.ja);
  await expectNoAxeViolations(chief);
  await chief.getByRole('button', { name: '差し戻す' }).click();
  await expect(chief.getByRole('alert')).toHaveText('差し戻すには理由を書いてください。');
  await chief.getByLabel('差し戻しの理由（必須）').fill(comment);
  await chief.getByRole('button', { name: '差し戻す' }).click();
  await expect(chief.getByTestId('review-decided')).toContainText('差し戻しました（送信待ち）');
  await chief.getByRole('link', { name: '確認待ちの一覧に戻る' }).click();
  await expect(
    chief.getByTestId('review-card').filter({ hasText: member.name }).getByTestId('review-decided'),
  ).toHaveText('差し戻しました（送信待ち）');
  await goOnline(chief);
  await syncNow(chief);
  await expect(chief.getByTestId('review-card').filter({ hasText: member.name })).toHaveCount(0);

  // The staff member sees the comment, fixes the answer and submits again.
  await syncNow(staff);
  await staff.goto('/');
  await expect(staff.getByTestId('sheet-card').filter({ hasText: comment })).toBeVisible({
    timeout: 20_000,
  });
  await staff.goto(`/sheets/${sheetId}`);
  await expect(staff.getByText(comment)).toBeVisible();
  await staff.locator(`#item-${flagged.id}`).getByRole('radio', { name: '① そう思う' }).check();
  await submit(staff);

  // The chief sees it resubmitted, exactly what changed, and approves it.
  await syncNow(chief);
  card = await openInboxCard(chief);
  await expect(card).toContainText('再提出');
  await expect(card.getByText('気になる回答はありません')).toBeVisible();
  await card.getByRole('link').click();
  const changes = chief.getByTestId('review-changes');
  await expect(changes).toContainText(comment);
  await expect(changes.getByTestId('review-change')).toHaveCount(1);
  await expect(changes.getByTestId('review-change')).toContainText(flagged.label.ja);
  await expect(changes.locator('del')).toHaveText('③ あまりそう思わない');
  await expect(changes.locator('ins')).toHaveText('① そう思う');
  await expectNoAxeViolations(chief);
  await chief.getByRole('button', { name: '確認する' }).click();
  await expect(chief.getByTestId('review-decided')).toContainText('確認しました（送信待ち）');
  await syncNow(chief);
  await expect(
    chief.getByText('このチェックシートは確認待ちではありません（確認済み）。'),
  ).toBeVisible({
    timeout: 20_000,
  });

  // The staff member sees it approved and can no longer change it.
  await syncNow(staff);
  await staff.goto(`/sheets/${sheetId}`);
  await expect(staff.getByText('所属長が確認しました。このシートは変更できません。')).toBeVisible({
    timeout: 20_000,
  });
  // Every answer as text: nothing on the sheet can be changed any more.
  await expect(staff.getByText('① そう思う')).toBeVisible();
  await expect(staff.getByRole('radio')).toHaveCount(0);
  await expect(staff.getByRole('textbox')).toHaveCount(0);
  await expect(staff.getByRole('button', { name: '提出する' })).toHaveCount(0);

  await staffContext.close();
  await chiefContext.close();
});
