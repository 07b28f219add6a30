/**
 * Hall settings (issue 9) end to end: the admin changes the hall's name and the yellow warning
 * days at /admin/settings (only those two are sent), reloads and finds them kept; an
 * out-of-range value is caught in the form, and when sent anyway the server's Chinese sentence
 * is shown with the form kept; a clerk is refused. Checked at 1280×800 and 1024×600.
 *
 * The server is shared by every spec: the settings found at the start are put back at the end.
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, BASE, createClerk, fetchJson, field, login, loginPage, requireServer, withApi } from './hall';
import { type LayoutCheckOptions } from './layoutCheck';
import { checkAt } from './layoutShots';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 600 },
];
const STAFF: LayoutCheckOptions = { minFontPx: 12, ellipsisOk: ['[data-testid="staff-user"]'] };
const ADMIN = { username: 'admin', password: ADMIN_PASSWORD!, name: 'admin' };
const PATH = '/api/v1/admin/settings';

type Settings = Record<string, string | number | null>;
let original: Settings | null = null;

async function putSettings(api: APIRequestContext, token: string, body: Settings) {
  const res = await api.put(PATH, { data: body, headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status(), json: text ? JSON.parse(text) : null, body: text };
}

async function layout(page: Page, screen: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SIZES) problems.push(...(await checkAt(page, screen, size, STAFF, true)));
  await page.getByTestId('language-en').click();
  for (const size of SIZES) problems.push(...(await checkAt(page, screen, size, STAFF, true, 'en')));
  await page.getByTestId('language-zh-CN').click();
  await page.setViewportSize(SIZES[0]!);
  return problems;
}

/** Types into an Element Plus number input; it takes the value when it loses focus. */
async function typeNumber(page: Page, name: string, value: number) {
  const input = field(page, `settings-field-${name}`);
  await input.fill(String(value));
  await input.press('Tab');
}

test.beforeAll(async () => {
  requireServer();
  original = await withApi(async (api) => {
    const admin = await login(api, 'admin', ADMIN_PASSWORD!);
    const res = await fetchJson(api, 'GET', PATH, admin);
    expect(res.status, res.body).toBe(200);
    return res.json as Settings;
  });
});

test.afterAll(async () => {
  if (!original) return;
  const back = { ...original, public_url: original.public_url ?? '' };
  await withApi(async (api) => {
    const admin = await login(api, 'admin', ADMIN_PASSWORD!);
    const res = await putSettings(api, admin, back);
    expect(res.status, `restoring the hall settings: ${res.body}`).toBe(200);
  });
});

test('the admin renames the hall and changes the yellow warning days; both are kept', async ({ browser }) => {
  const ctx = await browser.newContext({ baseURL: BASE });
  try {
    const page = await ctx.newPage();
    await loginPage(page, ADMIN);
    await page.goto('/admin');
    await page.getByTestId('admin-tile-settings').click();
    await expect(page).toHaveURL(/\/admin\/settings$/);
    await expect(field(page, 'settings-field-name')).toHaveValue(String(original!.name));
    await expect(page.getByTestId('settings-audit-link')).toHaveAttribute('href', '/admin/audit?action=hall_settings_changed');
    await expect(page.getByTestId('settings-help-yellow_within_days')).toContainText('允许 1–10 个工作日');
    await expect(page.getByTestId('settings-save')).toBeDisabled();

    const problems = await layout(page, 'admin-settings');

    const name = `测试政务服务中心${Date.now().toString(36).slice(-4)}`;
    const yellow = original!.yellow_within_days === 4 ? 5 : 4;
    await field(page, 'settings-field-name').fill(name);
    await typeNumber(page, 'yellow_within_days', yellow);
    await expect(page.getByTestId('settings-pending')).toContainText('2 项修改未保存');
    const put = page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith(PATH));
    await page.getByTestId('settings-save').click();
    expect((await put).postDataJSON()).toEqual({ name, yellow_within_days: yellow });
    await expect(page.getByTestId('settings-pending')).toContainText('没有未保存的修改');

    await page.reload();
    await expect(field(page, 'settings-field-name')).toHaveValue(name);
    await expect(field(page, 'settings-field-yellow_within_days')).toHaveValue(String(yellow));
    await expect(field(page, 'settings-field-max_wait_minutes')).toHaveValue(String(original!.max_wait_minutes));

    expect(problems, problems.join('\n')).toEqual([]);
  } finally {
    await ctx.close();
  }
});

test('an out-of-range value is caught in the form, and the server refuses it in Chinese when sent anyway', async ({ browser }) => {
  const message = '最长等候时间须为 5–240 分钟';
  // Straight to the API: a 422 with the rule in Chinese, and nothing changed.
  await withApi(async (api) => {
    const admin = await login(api, 'admin', ADMIN_PASSWORD!);
    const res = await putSettings(api, admin, { max_wait_minutes: 1 });
    expect(res.status, res.body).toBe(422);
    expect(res.json.code).toBeTruthy();
    expect(res.json.message).toContain(message);
    expect((await fetchJson(api, 'GET', PATH, admin)).json.max_wait_minutes).toBe(original!.max_wait_minutes);
  });

  const ctx = await browser.newContext({ baseURL: BASE });
  try {
    const page = await ctx.newPage();
    await loginPage(page, ADMIN);
    await page.goto('/admin/settings');
    await expect(field(page, 'settings-field-max_wait_minutes')).toHaveValue(String(original!.max_wait_minutes));

    // The form's own check, before anything is sent.
    await typeNumber(page, 'max_wait_minutes', 1);
    await expect(page.getByTestId('settings-error-max_wait_minutes')).toHaveText(message);
    await expect(page.getByTestId('settings-save')).toBeDisabled();

    // Past the form's check: a valid value typed, 1 sent in its place.
    const typed = original!.max_wait_minutes === 45 ? 46 : 45;
    await typeNumber(page, 'max_wait_minutes', typed);
    await expect(page.getByTestId('settings-error-max_wait_minutes')).toHaveCount(0);
    await page.route(`**${PATH}`, async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      await route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), max_wait_minutes: 1 }) });
    });
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-problem')).toContainText(message);
    await expect(field(page, 'settings-field-max_wait_minutes')).toHaveValue(String(typed));
    await expect(page.getByTestId('settings-pending')).toContainText('1 项修改未保存');
    await page.unroute(`**${PATH}`);

    await page.getByTestId('settings-undo').click();
    await expect(field(page, 'settings-field-max_wait_minutes')).toHaveValue(String(original!.max_wait_minutes));
    await expect(page.getByTestId('settings-problem')).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});

test('a clerk is refused the hall settings in Chinese', async ({ browser }) => {
  const clerk = await withApi(async (api) => {
    const admin = await login(api, 'admin', ADMIN_PASSWORD!);
    const c = await createClerk(api, admin);
    const token = await login(api, c.username, c.password);
    expect((await fetchJson(api, 'GET', PATH, token)).status).toBe(403);
    expect((await putSettings(api, token, { yellow_within_days: 2 })).status).toBe(403);
    return c;
  });
  const ctx = await browser.newContext({ baseURL: BASE });
  try {
    const page = await ctx.newPage();
    await loginPage(page, clerk);
    await page.goto('/admin/settings');
    await expect(page.getByTestId('settings-forbidden')).toContainText('只有管理员');
    await expect(page.getByTestId('settings-form')).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});
