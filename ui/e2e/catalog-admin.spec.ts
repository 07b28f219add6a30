/**
 * 清单目录管理 end to end, on a hall of its own (publishing changes the catalog every other spec
 * relies on): the admin adds a matter to the draft — first with a promised limit over the legal
 * one, which the server refuses in Chinese and nothing is saved — then adds it to 企业开办一件事
 * (YJS-002), sees both changes, and publishes. Then the kiosk's 智能引导 finds the new matter and
 * shows it in the bundle's guide, and the counter's intake page lists it among the bundle's
 * matters. A department with an approver cannot be deleted. The catalog page is checked at 1280×800 in both languages.
 *
 * Needs the server binary (`../target/debug/onetrip`, or ONETRIP_BIN).
 */
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { fetchJson, field, loginPage, postJson, prepareHall, withApi, type Hall } from './hall';
import { HallServer } from './hallServer';
import { type LayoutCheckOptions } from './layoutCheck';
import { checkAt } from './layoutShots';

const MATTER = { code: 'SCJGJ-901', name: '个体工商户名称自主申报', keyword: '名称自主申报' };
const BUNDLE = 'YJS-002';
const DEMO_XLSX = fileURLToPath(new URL('../../catalog/demo.xlsx', import.meta.url));
const STAFF: LayoutCheckOptions = { minFontPx: 12, ellipsisOk: ['[data-testid="staff-user"]'] };

/** Picks an option of the Element Plus select carrying `testid`. */
async function choose(page: Page, testid: string, words: string) {
  await page.getByTestId(testid).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: words }).first().click();
}

async function workspace(server: HallServer, hall: Hall) {
  return withApi(async (api) => {
    const res = await fetchJson(api, 'GET', '/api/v1/admin/catalog', hall.admin);
    expect(res.status, res.body).toBe(200);
    return res.json as { draft: unknown; document: { matters: { code: string }[]; bundles: { code: string; matters: string[] }[] } };
  }, server.url);
}

test.describe('catalog admin', () => {
  let server: HallServer;
  let hall: Hall;
  test.beforeAll(async () => {
    server = await HallServer.start();
    hall = await prepareHall(1, server);
    // An approver of 市场监管局: that department is in use from then on.
    await withApi(async (api) => {
      const res = await postJson(api, '/api/v1/users', { username: `appr_scjgj_${Date.now().toString(36)}`, name: '审批员甲', password: 'Approver-pw-901', roles: ['approver'], department: 'SCJGJ' }, hall.admin);
      expect(res.status, res.body).toBe(201);
    }, server.url);
  });
  test.afterAll(async () => {
    await server?.dispose();
  });
  test.afterEach(async ({}, info) => {
    if (info.status !== info.expectedStatus && server) await info.attach('server.log', { body: await server.log(), contentType: 'text/plain' });
  });

  test('a new matter joins a bundle, is published, and the kiosk and the counter offer it', async ({ browser }) => {
    test.setTimeout(180_000);
    const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    try {
      const page = await ctx.newPage();
      await loginPage(page, { username: 'admin', password: server.adminPassword, name: 'admin' });
      await page.goto('/admin');
      await page.getByTestId('admin-tile-catalog').click();
      await expect(page).toHaveURL(/\/admin\/catalog$/);
      await expect(page.getByTestId('catalog-matter-row-SCJGJ-001')).toBeVisible();
      await expect(page.getByTestId('catalog-draft-state')).toContainText('无草稿');
      const problems: string[] = [];
      problems.push(...(await checkAt(page, 'catalog-admin', { width: 1280, height: 800 }, STAFF, true)));

      // 新增事项 with the promised limit over the legal one: the server's sentence, nothing saved.
      await page.getByTestId('catalog-matter-new').click();
      const form = page.getByTestId('catalog-matter-form');
      await field(page, 'catalog-matter-code').fill(MATTER.code);
      await field(page, 'catalog-matter-name').fill(MATTER.name);
      await choose(page, 'catalog-matter-department', '市场监管局');
      await choose(page, 'catalog-matter-category', '企业服务');
      await field(page, 'catalog-matter-kind').fill('公共服务');
      await field(page, 'catalog-matter-legal').fill('5');
      await field(page, 'catalog-matter-legal').press('Tab');
      await field(page, 'catalog-matter-promised').fill('10');
      await field(page, 'catalog-matter-promised').press('Tab');
      await field(page, 'catalog-matter-keywords').fill(`${MATTER.keyword}、起名字`);
      await page.getByTestId('catalog-material-add').click();
      await field(page, 'catalog-material-name-0').fill('名称自主申报承诺书');
      await page.getByTestId('catalog-material-add').click();
      await field(page, 'catalog-material-name-1').fill('经营者身份证明');
      await expect(page.getByTestId('catalog-matter-warnings')).toContainText('超过法定时限');
      const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/draft/matters/${MATTER.code}`));
      await page.getByTestId('catalog-matter-save').click();
      expect((await refused).status()).toBe(422);
      await expect(page.getByTestId('catalog-matter-refused')).toContainText(`事项“${MATTER.code}”的承诺时限（10个工作日）超过法定时限（5个工作日）`);
      await expect(form).toBeVisible();
      const untouched = await workspace(server, hall);
      expect(untouched.document.matters.map((m) => m.code)).not.toContain(MATTER.code);
      expect(untouched.draft).toBeNull();

      // Corrected: saved into a new draft.
      await field(page, 'catalog-matter-promised').fill('3');
      await field(page, 'catalog-matter-promised').press('Tab');
      await expect(page.getByTestId('catalog-matter-warnings')).toHaveCount(0);
      await page.getByTestId('catalog-matter-save').click();
      await expect(form).toBeHidden();
      await field(page, 'catalog-matter-filter').fill(MATTER.keyword);
      await expect(page.getByTestId(`catalog-matter-row-${MATTER.code}`)).toBeVisible();
      await expect(page.getByTestId(`catalog-matter-status-${MATTER.code}`)).toHaveText('新增');
      await expect(page.getByTestId('catalog-draft-state')).toContainText('草稿');
      await expect(page.getByTestId('catalog-change-count')).toHaveText('1 项变更');
      await expect(page.getByTestId(`catalog-delete-matter-${MATTER.code}`)).toBeEnabled();

      // Added to 企业开办一件事.
      await page.locator('#tab-bundles').click();
      await page.getByTestId(`catalog-edit-bundle-${BUNDLE}`).click();
      await expect(page.getByTestId(`catalog-bundle-member-GAFJ-001`)).toContainText('公安分局');
      await page.getByTestId('catalog-bundle-matters').click();
      await page.keyboard.type(MATTER.name);
      await page.locator('.el-select-dropdown__item:visible', { hasText: MATTER.code }).first().click();
      await expect(page.getByTestId(`catalog-bundle-member-${MATTER.code}`)).toContainText('市场监管局');
      await page.getByTestId('catalog-bundle-save').click();
      await expect(page.getByTestId('catalog-bundle-form')).toBeHidden();
      await expect(page.getByTestId(`catalog-bundle-row-members-${BUNDLE}`)).toContainText(MATTER.name);
      await expect(page.getByTestId(`catalog-bundle-status-${BUNDLE}`)).toHaveText('草稿变更');

      // A department in use (its approver) cannot be deleted; a new one can.
      await page.locator('#tab-departments').click();
      await expect(page.getByTestId('catalog-delete-department-SCJGJ')).toBeDisabled();
      await page.getByTestId('catalog-delete-wrap-department-SCJGJ').hover();
      await expect(page.locator('.el-popper:visible', { hasText: '不能删除' })).toBeVisible();

      // 变更: both items, the bundle's members before → after.
      await page.locator('#tab-changes').click();
      await expect(page.getByTestId(`catalog-change-matter-${MATTER.code}`)).toContainText('新增');
      await expect(page.getByTestId(`catalog-change-bundle-${BUNDLE}`)).toContainText(MATTER.code);

      // 发布.
      await page.getByTestId('catalog-publish').click();
      const dialog = page.getByTestId('catalog-publish-dialog');
      await expect(dialog.getByTestId(`catalog-change-bundle-${BUNDLE}`)).toBeVisible();
      await page.getByTestId('catalog-publish-confirm').click();
      await expect(dialog).toContainText('请填写发布说明');
      await page.locator('textarea[data-testid="catalog-publish-note"], [data-testid="catalog-publish-note"] textarea').first().fill('新增个体工商户名称自主申报，并入企业开办一件事');
      const publish = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/admin/catalog/publish'));
      await page.getByTestId('catalog-publish-confirm').click();
      const made = await publish;
      expect(made.status(), await made.text()).toBe(201);
      const version = (await made.json()).version as string;
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('catalog-draft-state')).toContainText('无草稿');
      await expect(page.getByTestId('catalog-published')).toContainText(version);
      await page.locator('#tab-versions').click();
      await expect(page.getByTestId(`catalog-version-${version}`)).toBeVisible();
      await expect(page.getByTestId('catalog-version-table')).toContainText('新增个体工商户名称自主申报');

      // Its history names the version.
      await page.locator('#tab-matters').click();
      await field(page, 'catalog-matter-filter').fill(MATTER.code);
      await page.getByTestId(`catalog-history-matter-${MATTER.code}`).click();
      await expect(page.getByTestId(`catalog-history-entry-${version}`)).toContainText('新增个体工商户名称自主申报');
      await page.keyboard.press('Escape');

      await page.getByTestId('language-en').click();
      problems.push(...(await checkAt(page, 'catalog-admin', { width: 1280, height: 800 }, STAFF, true, 'en')));
      await page.getByTestId('language-zh-CN').click();
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }

    // The kiosk's 智能引导: the matter by its keyword, and in the bundle's guide.
    const kiosk = await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 } });
    try {
      const page = await kiosk.newPage();
      await page.goto(`/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
      await page.getByTestId('kiosk-guide-open').click();
      await page.getByTestId('kiosk-guide-input').fill(MATTER.keyword);
      await expect(page.getByTestId(`kiosk-guide-item-${MATTER.code}`)).toContainText(MATTER.name);
      await page.getByTestId('kiosk-guide-input').fill('开公司');
      await page.getByTestId(`kiosk-guide-item-${BUNDLE}`).click();
      await expect(page.getByTestId(`guide-detail-${BUNDLE}`)).toContainText(MATTER.name);
      await expect(page.getByTestId(`guide-materials-${BUNDLE}`)).toContainText('名称自主申报承诺书');
    } finally {
      await kiosk.close();
    }

    // The counter's intake: the bundle now has the new matter among its own.
    const counter = await browser.newContext({ baseURL: server.url });
    try {
      const page = await counter.newPage();
      await loginPage(page, hall.clerk);
      await page.goto('/counter/intake');
      await field(page, 'intake-search').fill('开公司');
      await page.getByTestId(`intake-target-${BUNDLE}`).click();
      await expect(page.getByTestId(`intake-guide-${MATTER.code}`)).toContainText(MATTER.name);
      await expect(page.getByTestId('intake-guide-SCJGJ-001')).toBeVisible();
    } finally {
      await counter.close();
    }
  });

  test('a workbook is checked, saved as the draft, and the draft discarded', async ({ browser }) => {
    const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    try {
      const page = await ctx.newPage();
      await loginPage(page, { username: 'admin', password: server.adminPassword, name: 'admin' });
      await page.goto('/admin/catalog');
      await expect(page.getByTestId('catalog-draft-state')).toContainText('无草稿');

      // Not a workbook: the server's sentence.
      await page.getByTestId('catalog-import').click();
      await page.getByTestId('catalog-import-file').setInputFiles({ name: 'notes.xlsx', mimeType: 'text/plain', buffer: Buffer.from('不是表格') });
      await page.getByTestId('catalog-import-check').click();
      await expect(page.getByTestId('catalog-import-refused').or(page.getByTestId('catalog-import-bad'))).toBeVisible();
      await expect(page.getByTestId('catalog-import-save')).toBeDisabled();

      // The demo workbook: clean, its counts, then saved as the draft.
      await page.getByTestId('catalog-import-file').setInputFiles(DEMO_XLSX);
      const check = page.waitForRequest((r) => r.url().includes('/api/v1/admin/catalog/import?dry_run=true'));
      await page.getByTestId('catalog-import-check').click();
      expect((await check).headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await expect(page.getByTestId('catalog-import-good')).toContainText(/检查通过（用时 \d+ 毫秒）/);
      await expect(page.getByTestId('catalog-import-counts')).toContainText('一件事 4 项');
      await page.getByTestId('catalog-import-save').click();
      await expect(page.getByTestId('catalog-import-dialog')).toBeHidden();
      await expect(page.getByTestId('catalog-draft-state')).toContainText('草稿（基于');
      expect((await workspace(server, hall)).draft).not.toBeNull();

      await page.getByTestId('catalog-discard').click();
      await page.locator('.el-message-box').getByRole('button', { name: '放弃' }).click();
      await expect(page.getByTestId('catalog-draft-state')).toContainText('无草稿');
      expect((await workspace(server, hall)).draft).toBeNull();
    } finally {
      await ctx.close();
    }
  });
});
