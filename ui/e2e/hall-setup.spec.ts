/**
 * Hall set-up (issue 9) end to end, as the admin in the browser: a clerk's account is created,
 * renamed, given a new password (shown once, and it works for logging in over the API), then
 * disabled (its login is refused); the admin cannot disable themselves nor drop their own admin
 * role (the server's Chinese sentences are shown). A kiosk is registered (its token shown once,
 * and it works) and revoked (it no longer does). The working-day calendar shows 国庆节 in October
 * of the current year, names a file that is not JSON, and loads the bundled 2025 file again (the
 * same arrangement, so the server's calendar is unchanged for the other specs).
 * Each page is checked at 1280×800 and 1024×600.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, BASE, field, loginPage, postJson, requireServer, withApi } from './hall';
import { type LayoutCheckOptions } from './layoutCheck';
import { checkAt } from './layoutShots';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 600 },
];
const STAFF: LayoutCheckOptions = { minFontPx: 12, ellipsisOk: ['[data-testid="staff-user"]'] };
const ADMIN = { username: 'admin', password: ADMIN_PASSWORD!, name: 'admin' };

async function layout(page: Page, screen: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SIZES) problems.push(...(await checkAt(page, screen, size, STAFF, true)));
  await page.getByTestId('language-en').click();
  for (const size of SIZES) problems.push(...(await checkAt(page, screen, size, STAFF, true, 'en')));
  await page.getByTestId('language-zh-CN').click();
  await page.setViewportSize(SIZES[0]!);
  return problems;
}

/** Status of a login over the API (200, or the refusal's status). */
const loginStatus = (username: string, password: string) =>
  withApi(async (api) => (await postJson(api, '/api/v1/auth/login', { username, password })).status);

/** The Element Plus message box's confirming button. */
const confirmBox = (page: Page, words: string) => page.locator('.el-message-box').getByRole('button', { name: words });

test.beforeAll(() => requireServer());

test('the admin creates a clerk, renames them, resets the password, disables them; cannot disable themselves', async ({ browser }) => {
  const ctx = await browser.newContext({ baseURL: BASE });
  try {
    const page = await ctx.newPage();
    await loginPage(page, ADMIN);
    await page.goto('/admin');
    await page.getByTestId('admin-tile-staff').click();
    await expect(page).toHaveURL(/\/admin\/staff$/);
    await expect(page.getByTestId('staff-row-admin')).toBeVisible();

    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
    const username = `setup_${suffix}`;
    const firstPassword = `First-${suffix}-pw`;

    // A new account: an approver without a department is caught before sending.
    await page.getByTestId('staff-new').click();
    await field(page, 'staff-form-username').fill(username);
    await field(page, 'staff-form-name').fill('周建国');
    await field(page, 'staff-form-password').fill(firstPassword);
    await page.getByTestId('staff-form-role-approver').click();
    await page.getByTestId('staff-form-submit').click();
    await expect(page.getByTestId('staff-form-problems')).toContainText('部门审批人员必须选择所属部门');
    await page.getByTestId('staff-form-role-approver').click();
    await page.getByTestId('staff-form-submit').click();
    await expect(page.getByTestId(`staff-row-${username}`)).toBeVisible();
    await expect(page.getByTestId(`staff-roles-${username}`)).toHaveText('窗口受理');
    await expect(page.getByTestId(`staff-state-${username}`)).toHaveText('启用');
    expect(await loginStatus(username, firstPassword)).toBe(200);

    // Renamed: only the name is sent.
    await page.getByTestId(`staff-edit-${username}`).click();
    await expect(page.getByTestId('staff-form-submit')).toBeDisabled();
    await field(page, 'staff-form-name').fill('周建华');
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && /\/api\/v1\/users\/\d+$/.test(r.url()));
    await page.getByTestId('staff-form-submit').click();
    expect((await patch).postDataJSON()).toEqual({ name: '周建华' });
    await expect(page.getByTestId(`staff-name-${username}`)).toHaveText('周建华');

    const problems = await layout(page, 'admin-staff');

    // 重置密码: the new password once, with the warning; the old one stops working.
    await page.getByTestId(`staff-reset-${username}`).click();
    await confirmBox(page, '重置').click();
    await expect(page.getByTestId('staff-password-warning')).toContainText('只显示这一次');
    await expect(page.getByTestId('staff-password-copy')).toBeVisible();
    const newPassword = (await page.getByTestId('staff-password-value').textContent())!.trim();
    expect(newPassword.length).toBeGreaterThanOrEqual(8);
    await page.getByTestId('staff-password-done').click();
    await expect(page.getByTestId('staff-password-value')).toBeHidden();
    expect(await loginStatus(username, newPassword)).toBe(200);
    expect(await loginStatus(username, firstPassword)).not.toBe(200);

    // Disabled: the clerk's login is refused.
    await page.getByTestId(`staff-toggle-${username}`).click();
    await confirmBox(page, '停用').click();
    await expect(page.getByTestId(`staff-state-${username}`)).toHaveText('已停用');
    expect(await loginStatus(username, newPassword)).not.toBe(200);

    // The admin cannot disable themselves: the server's sentence, in Chinese.
    await page.getByTestId('staff-toggle-admin').click();
    await confirmBox(page, '停用').click();
    await expect(page.getByTestId('staff-problem')).toHaveText(/[\u4e00-\u9fff]/);
    await expect(page.getByTestId('staff-state-admin')).toHaveText('启用');
    // Nor drop their own admin role: refused inside the form.
    await page.getByTestId('staff-edit-admin').click();
    await page.getByTestId('staff-form-role-admin').click();
    await page.getByTestId('staff-form-role-clerk').click();
    await page.getByTestId('staff-form-submit').click();
    await expect(page.getByTestId('staff-form-refused')).toHaveText(/[\u4e00-\u9fff]/);
    await page.getByTestId('staff-form').getByRole('button', { name: '取消' }).click();
    await expect(page.getByTestId('staff-roles-admin')).toHaveText('管理员');

    expect(problems, problems.join('\n')).toEqual([]);
  } finally {
    await ctx.close();
  }
});

test('the admin registers a kiosk, sees its token once, and revokes it', async ({ browser }) => {
  const ctx = await browser.newContext({ baseURL: BASE });
  try {
    const page = await ctx.newPage();
    await loginPage(page, ADMIN);
    await page.goto('/admin');
    await page.getByTestId('admin-tile-devices').click();
    await expect(page).toHaveURL(/\/admin\/devices$/);

    const name = `一楼自助机-${Date.now().toString(36)}`;
    await page.getByTestId('device-role-kiosk').click();
    await field(page, 'device-name').fill(name);
    await page.getByTestId('device-create').click();
    await expect(page.getByTestId('device-token-warning')).toContainText('只显示这一次');
    await expect(page.getByTestId('device-token-steps')).toContainText('desktop.toml');
    const token = (await page.getByTestId('device-token-value').textContent())!.trim();
    expect(token.length).toBeGreaterThan(16);
    await page.getByTestId('device-token-done').click();
    await expect(page.getByTestId('device-token-value')).toBeHidden();
    // Shown once: nowhere on the page afterwards.
    await expect(page.getByText(token)).toHaveCount(0);

    const row = page.locator('[data-testid^="device-row-"]', { hasText: name });
    await expect(row).toBeVisible();
    const id = (await row.getAttribute('data-testid'))!.replace('device-row-', '');
    await expect(page.getByTestId(`device-state-${id}`)).toHaveText('在用');
    const queue = () => withApi(async (api) => (await api.get('/api/v1/queue', { headers: { Authorization: `Bearer ${token}` } })).status());
    expect(await queue()).toBe(200);

    const problems = await layout(page, 'admin-devices');

    await page.getByTestId(`device-revoke-${id}`).click();
    await confirmBox(page, '确定吊销').click();
    await expect(page.locator(`[data-testid="device-row-${id}"]`)).toHaveCount(0);
    await page.getByTestId('devices-show-revoked').click();
    await expect(page.getByTestId(`device-state-${id}`)).toContainText('已吊销');
    expect(await queue()).toBe(401);

    expect(problems, problems.join('\n')).toEqual([]);
  } finally {
    await ctx.close();
  }
});

test('the working-day calendar shows 国庆节 in October of the current year', async ({ browser }) => {
  const ctx = await browser.newContext({ baseURL: BASE });
  try {
    const page = await ctx.newPage();
    await loginPage(page, ADMIN);
    await page.goto('/admin');
    await page.getByTestId('admin-tile-calendar').click();
    await expect(page).toHaveURL(/\/admin\/calendar$/);
    const year = new Date().getFullYear();
    await expect(page.getByTestId(`calendar-year-${year}`)).toBeVisible();
    const october = page.getByTestId('calendar-month-10');
    await expect(october).toContainText('国庆节');
    await expect(page.getByTestId(`calendar-day-${year}-10-01`)).toHaveAttribute('data-kind', 'holiday');
    await expect(page.getByTestId(`calendar-day-${year}-10-01`)).toContainText('国庆节');
    await expect(page.locator('[data-testid^="calendar-day-"][data-kind="makeup"]').first()).toBeVisible();

    // Loading a file: the wrong one is named; a holiday-cn file is previewed, then loaded.
    await page.getByTestId('calendar-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
    await expect(page.getByTestId('calendar-problem')).toContainText('不是 JSON 文件');
    await page.getByTestId('calendar-file').setInputFiles(fileURLToPath(new URL('../../data/holidays/2025.json', import.meta.url)));
    await expect(page.getByTestId('calendar-preview')).toContainText('国庆节');
    await expect(page.getByTestId('calendar-preview')).toContainText('2025 年已有安排');
    await page.getByTestId('calendar-upload').click();
    await expect(page.locator('.el-message')).toContainText('已载入 2025 年');
    await expect(page.getByTestId('calendar-preview')).toBeHidden();
    await expect(page.getByTestId('calendar-day-2025-10-08')).toHaveAttribute('data-kind', 'holiday');
    await page.getByTestId(`calendar-choose-${year}`).click();

    const problems = await layout(page, 'admin-calendar');
    expect(problems, problems.join('\n')).toEqual([]);
  } finally {
    await ctx.close();
  }
});

test('a clerk is refused the hall set-up pages in Chinese', async ({ browser }) => {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const clerk = { username: `nosetup_${suffix}`, password: `Clerk-${suffix}-pw`, name: '窗口人员' };
  await withApi(async (api) => {
    const admin = (await postJson(api, '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).json.token as string;
    const res = await postJson(api, '/api/v1/users', { ...clerk, roles: ['clerk'], department: null }, admin);
    expect(res.status, res.body).toBe(201);
  });
  const ctx = await browser.newContext({ baseURL: BASE });
  try {
    const page = await ctx.newPage();
    await loginPage(page, clerk);
    for (const [path, id] of [
      ['/admin/staff', 'staff-forbidden'],
      ['/admin/devices', 'devices-forbidden'],
      ['/admin/calendar', 'calendar-forbidden'],
    ]) {
      await page.goto(path!);
      await expect(page.getByTestId(id!)).toContainText('只有管理员');
    }
  } finally {
    await ctx.close();
  }
});
