// The rounds screen (実施回) in Chromium: the demo chief may start rounds for their own
// section only and sees the rounds started and the section's seal register; an administrator
// starts a round of next fiscal year for a section no other spec uses and adds a seal to its
// register. Neither screen has axe violations. The demo section's sheets are not touched.
import { expect, test, type Page } from '@playwright/test';
import { dateInJapan, fiscalYearOf, formatFiscalYear } from '../../src/shared/fiscal-year.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { demo, signInAs } from './support/demo.ts';

const admin = { staffNumber: '100116' } as const;
const nextYear = fiscalYearOf(dateInJapan(new Date())) + 1;

async function openRounds(page: Page, staffNumber: string) {
  await page.goto('/');
  await signInAs(page, staffNumber);
  await page
    .getByRole('navigation', { name: '画面の切り替え' })
    .getByRole('link', { name: '実施回' })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: '実施回' })).toBeVisible();
  return page.getByRole('form', { name: '実施回を開始する' });
}

test('a chief starts rounds for their own section only, and the screen has no axe violations', async ({
  page,
}) => {
  const form = await openRounds(page, demo.chief.staffNumber);
  await expect(form.getByRole('checkbox')).toHaveCount(1);
  await expect(form.getByRole('checkbox', { name: '総務課（101010）' })).toBeChecked();
  await expect(page.getByTestId('rounds-table').getByRole('row')).toHaveCount(5);
  await expect(page.getByTestId('seals-table')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an administrator starts a round of next year for a section and adds a seal to its register', async ({
  page,
}) => {
  const form = await openRounds(page, admin.staffNumber);
  await form.getByLabel('チェックシート').selectOption('document-management-self-check');
  await form.getByLabel('年度').selectOption(String(nextYear));
  await form.getByLabel('期間').selectOption('q1');
  await form.getByLabel('提出期限').fill(`${nextYear}-06-30`);
  await form.getByLabel('所属を絞り込む').fill('法務課');
  await form.getByRole('checkbox', { name: '法務課（101040）' }).check();
  await expect(form.getByText('1所属を選択中')).toBeVisible();
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: '開始する' }).click();
  await expect(form.getByTestId('start-round-status')).toHaveText(
    /^チェックシートを\d+件作成しました。$/,
  );
  await expect(
    page
      .getByTestId('rounds-table')
      .getByRole('row')
      .filter({ hasText: `${formatFiscalYear(nextYear, 'ja')} 第1四半期` }),
  ).toHaveCount(1);

  await page.getByLabel('所属', { exact: true }).selectOption('u101040');
  const add = page.getByRole('form', { name: '公印を追加する' });
  await add.getByLabel('公印の名称').fill('法務課長印（予備）');
  await add.getByLabel('公印管守者').selectOption({ index: 1 });
  await add.getByLabel('保管場所').fill('法務課の金庫');
  await add.getByRole('button', { name: '保存する' }).click();
  await expect(add.getByTestId('seal-status')).toHaveText(/「法務課長印（予備）」を保存/);
  await expect(page.getByTestId('seals-table')).toContainText('法務課長印（予備）');
});
