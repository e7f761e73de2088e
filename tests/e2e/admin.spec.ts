// The administrator's screens: an HR import previewed and applied from files made here out
// of the demo city's register, a broken file refused with its line numbers, a password reset
// that the person must replace, and deactivation. The server and its database are shared
// with the other specs, so the demo accounts they use are never touched.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demo, goOffline, goOnline, signInAs } from './support/demo.ts';

const admin = { staffNumber: '100116', name: '中島　愛', unitId: 'u103020' } as const;
/** Accounts the specs sign in with; the people changed here are chosen among the others. */
const keep = new Set([
  demo.staff.staffNumber,
  demo.chief.staffNumber,
  demo.sealCustodian.staffNumber,
  '100017',
  '100023',
  '100037',
  admin.staffNumber,
]);

interface RegisterPerson {
  id: string;
  staffNumber: string;
  name: string;
  unitId: string;
  position: string;
  employmentType: string;
  ageBand: string;
  roles: string[];
  active: boolean;
}

/** The whole register, read a page at a time as the API gives it. */
async function register(page: Page): Promise<RegisterPerson[]> {
  const people: RegisterPerson[] = [];
  for (;;) {
    const response = await page.request.get(`/api/people?limit=200&offset=${people.length}`);
    expect(response.ok()).toBe(true);
    const answer = (await response.json()) as { people: RegisterPerson[]; total: number };
    people.push(...answer.people);
    if (answer.people.length === 0 || people.length >= answer.total) return people;
  }
}

/** Active people with only the staff role and no demo account, highest staff number first. */
function ordinary(people: RegisterPerson[]): RegisterPerson[] {
  return people
    .filter(
      (p) => p.active && !keep.has(p.staffNumber) && p.roles.length === 1 && p.roles[0] === 'staff',
    )
    .sort((a, b) => b.staffNumber.localeCompare(a.staffNumber));
}

const quote = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The people file as an HR system writes it: Excel's UTF-8 with a byte-order mark, CRLF. */
function peopleCsv(rows: string[][]): Buffer {
  const heading = ['職員番号', '氏名', '所属コード', '職位', '任用形態', '年齢層', '役割'];
  const lines = [heading, ...rows].map((r) => r.map(quote).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

/** A register row of the file; demo unit ids are `u` and the unit's code. */
function rowOf(p: RegisterPerson, roles: string[] = p.roles, unitId = p.unitId): string[] {
  return [
    p.staffNumber,
    p.name,
    unitId.replace(/^u/, ''),
    p.position,
    p.employmentType,
    p.ageBand,
    roles.join(';'),
  ];
}

async function signInAsAdmin(page: Page) {
  await page.goto('/');
  await signInAs(page, admin.staffNumber);
  await page
    .getByRole('navigation', { name: '画面の切り替え' })
    .getByRole('link', { name: '管理' })
    .click();
  await expect(page.getByRole('heading', { name: '管理', exact: true })).toBeVisible();
}

async function chooseFiles(page: Page, people: Buffer) {
  await page.getByLabel('職員ファイル（CSV・必須）').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: people,
  });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();
}

async function expectSignInRefused(page: Page, staffNumber: string, password: string) {
  await page.getByLabel('職員番号').fill(staffNumber);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('alert')).toHaveText('職員番号またはパスワードが正しくありません。');
}

/** The person's row in the register tab, found with the search box. */
async function openPeople(page: Page, person: RegisterPerson, search = person.staffNumber) {
  await page.getByRole('tab', { name: '職員' }).click();
  await page.getByLabel('氏名または職員番号で検索').fill(search);
  const rows = page.getByTestId('people-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // Once the server has answered the search, every row shown matches it.
  const wanted = search.replace(/\s/g, '');
  await expect
    .poll(async () =>
      (await rows.allTextContents()).every((text) => text.replace(/\s/g, '').includes(wanted)),
    )
    .toBe(true);
  const row = rows.filter({ hasText: person.staffNumber });
  await expect(row).toHaveCount(1);
  return row;
}

test('only an administrator sees the administration screens', async ({ page }) => {
  await page.goto('/');
  await signInAs(page, demo.staff.staffNumber);
  await expect(page.getByTestId('my-sheets')).toBeVisible();
  await expect(page.getByTestId('admin')).toHaveCount(0);
  await expect(page.getByRole('link', { name: '管理', exact: true })).toHaveCount(0);
  // Typing the address does not help either.
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'このページはありません' })).toBeVisible();
  await expect(page.getByTestId('admin')).toHaveCount(0);
});

test('an HR import shows a leaver, a role change and a move, then applies them', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const people = await register(page);
  const active = people.filter((p) => p.active);
  const [leaver, promoted, mover] = ordinary(people);
  if (!leaver || !promoted || !mover) throw new Error('the demo city has too few staff');
  const moverTo = mover.unitId === admin.unitId ? 'u101010' : admin.unitId;

  const rows = active
    .filter((p) => p.id !== leaver.id)
    .map((p) =>
      p.id === promoted.id
        ? rowOf(p, ['staff', 'auditor'])
        : p.id === mover.id
          ? rowOf(p, p.roles, moverTo)
          : rowOf(p),
    );
  await chooseFiles(page, peopleCsv(rows));
  await page.getByRole('button', { name: '内容を確認する' }).click();

  await expect(page.getByRole('heading', { name: '取り込むと次のように変わります' })).toBeFocused();
  const leavers = page.getByRole('region', { name: '退職・異動で無効化（1件）' });
  await expect(leavers).toContainText(`${leaver.name}（${leaver.staffNumber}）`);
  const roleChanges = page.getByRole('region', { name: '役割の変更（1件）' });
  await expect(roleChanges).toContainText(promoted.name);
  await expect(roleChanges).toContainText('職員 → 職員、監査');
  const moves = page.getByRole('region', { name: '異動（1件）' });
  await expect(moves).toContainText(mover.name);
  if (moverTo === admin.unitId) await expect(moves).toContainText('→ 情報システム課');
  await expect(page.getByRole('row', { name: /^変更なし/ })).toContainText(
    `${(active.length - 3).toLocaleString('ja')}件`,
  );
  // Nothing has changed yet.
  expect((await register(page)).find((p) => p.id === leaver.id)?.active).toBe(true);

  await page.getByRole('button', { name: 'この内容で取り込む' }).click();
  await expect(page.getByRole('heading', { name: '取り込みました' })).toBeVisible();
  await expect(page.getByRole('region', { name: '退職・異動で無効化（1件）' })).toContainText(
    leaver.name,
  );
  const after = await register(page);
  expect(after.find((p) => p.id === leaver.id)?.active).toBe(false);
  expect(after.find((p) => p.id === promoted.id)?.roles).toEqual(['staff', 'auditor']);
  expect(after.find((p) => p.id === mover.id)?.unitId).toBe(moverTo);

  // The register tab shows the leaver as inactive.
  const row = await openPeople(page, leaver);
  await expect(row).toContainText('無効');

  await signOut(page);
  await expectSignInRefused(page, leaver.staffNumber, DEMO_PASSWORD);
});

test('a broken people file shows each problem with its line and nothing is applied', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const before = await register(page);
  const self = before.find((p) => p.staffNumber === admin.staffNumber);
  if (!self) throw new Error('the admin is missing from the register');
  const file = peopleCsv([
    rowOf(self),
    ['999001', '試験　太郎', '103020', '魔法使い', '正職員', '30代', '職員'],
    ['12', '試験　花子', '103020', '職員', '正職員', '30代', '職員'],
    ['999003', '試験　次郎', '103020'],
  ]);
  await chooseFiles(page, file);
  await page.getByRole('button', { name: '内容を確認する' }).click();

  await expect(
    page.getByRole('heading', { name: 'ファイルに誤りがあります（3件）' }),
  ).toBeVisible();
  await expect(page.getByText('何も取り込んでいません。')).toBeVisible();
  const errors = page.getByTestId('hr-errors').locator('tbody tr');
  await expect(errors).toHaveCount(3);
  await expect(errors.nth(0)).toContainText('職員ファイル3職位');
  await expect(errors.nth(0)).toContainText('魔法使い');
  await expect(errors.nth(1)).toContainText('職員ファイル4職員番号');
  await expect(errors.nth(2)).toContainText('職員ファイル5');
  await expect(page.getByRole('button', { name: 'この内容で取り込む' })).toHaveCount(0);

  // In English the same table speaks English.
  await page.getByRole('button', { name: '表示言語を切り替える' }).click();
  await expect(page.getByTestId('hr-errors')).toContainText('Line');
  await expect(errors.nth(0)).toContainText('use one of');
  await page.getByRole('button', { name: 'Switch the display language' }).click();

  expect(await register(page)).toEqual(before);
});

test('a password reset makes the person choose a new password at the next sign-in', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const person = ordinary(await register(page))[5];
  if (!person) throw new Error('the demo city has too few staff');

  const row = await openPeople(page, person);
  await row.getByRole('button', { name: /パスワード再設定/ }).click();
  const dialog = page.getByRole('dialog', { name: /^パスワード再設定/ });
  await expect(dialog).toContainText('次回サインインするときに');
  await dialog.getByLabel(/^新しいパスワード（\d+文字以上）/).fill('short');
  await dialog.getByLabel('新しいパスワード（確認）').fill('short');
  await dialog.getByRole('button', { name: '再設定する' }).click();
  await expect(dialog.getByRole('alert')).toContainText('文字以上にしてください');

  await dialog.getByLabel(/^新しいパスワード（\d+文字以上）/).fill('reset-by-admin-1');
  await dialog.getByLabel('新しいパスワード（確認）').fill('reset-by-admin-1');
  await dialog.getByRole('button', { name: '再設定する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('people-status')).toContainText(
    `${person.name}さんのパスワードを再設定しました。`,
  );

  await signOut(page);
  await signInAs(page, person.staffNumber, 'reset-by-admin-1');
  await expect(page.getByText('管理者がパスワードを再設定しました。')).toBeVisible();
  await page.getByLabel('現在のパスワード').fill('reset-by-admin-1');
  await page.getByLabel(/^新しいパスワード（\d+文字以上）/).fill('chosen-by-self-1');
  await page.getByLabel('新しいパスワード（確認）').fill('chosen-by-self-1');
  await page.getByRole('button', { name: '変更する' }).click();
  await expect(page.getByRole('heading', { name: '私のチェックシート' })).toBeVisible();
});

test('deactivating a person asks first, keeps their sheets and stops their sign-in', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const person = ordinary(await register(page))[8];
  if (!person) throw new Error('the demo city has too few staff');
  // The tabs follow the arrow keys.
  await page.getByRole('tab', { name: '人事データ取込' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: '職員' })).toBeFocused();
  await expect(page.getByRole('tab', { name: '職員' })).toHaveAttribute('aria-selected', 'true');

  const row = await openPeople(page, person, person.name.replace('\u3000', ' '));
  await row.getByRole('button', { name: /無効化/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('チェックシートと記録はそのまま残ります');
  await expect(dialog.getByRole('button', { name: 'キャンセル' })).toBeFocused();
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('有効');

  await row.getByRole('button', { name: /無効化/ }).click();
  await dialog.getByRole('button', { name: '無効化する' }).click();
  await expect(row).toContainText('無効');
  await expect(row.getByRole('button', { name: /無効化/ })).toHaveCount(0);
  await expect(page.getByTestId('people-status')).toContainText('を無効化しました。');

  await signOut(page);
  await expectSignInRefused(page, person.staffNumber, DEMO_PASSWORD);
});

test('an import whose preview has gone out of date is refused and can be checked again', async ({
  page,
}) => {
  await signInAsAdmin(page);
  const people = await register(page);
  const leaver = ordinary(people)[20];
  if (!leaver) throw new Error('the demo city has too few staff');
  const rows = people.filter((p) => p.active && p.id !== leaver.id).map((p) => rowOf(p));
  await chooseFiles(page, peopleCsv(rows));
  await page.getByRole('button', { name: '内容を確認する' }).click();
  await expect(page.getByRole('region', { name: '退職・異動で無効化（1件）' })).toContainText(
    leaver.name,
  );

  // Meanwhile the register changes: the same person is deactivated by hand.
  const session = (await (await page.request.get('/api/session')).json()) as { csrfToken: string };
  const deactivated = await page.request.post(`/api/people/${leaver.id}/deactivate`, {
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(deactivated.ok()).toBe(true);

  await page.getByRole('button', { name: 'この内容で取り込む' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('取り込みませんでした');
  await alert.getByRole('button', { name: 'もう一度確認する' }).click();
  await expect(page.getByText('取り込んでも変わる内容はありません。')).toBeVisible();
  await expect(page.getByRole('button', { name: 'この内容で取り込む' })).toHaveCount(0);
});

test('offline, the administration screens say they need the network', async ({ page }) => {
  await signInAsAdmin(page);
  await goOffline(page);
  await expect(page.getByTestId('admin')).toContainText('ネットワーク接続が必要です');
  await expect(page.getByRole('button', { name: '内容を確認する' })).toBeDisabled();
  await goOnline(page);
  await expect(page.getByRole('button', { name: '内容を確認する' })).toBeEnabled();
});
