/**
 * 统计分析 end to end: after a ticket is issued, called, finished and rated at counter 1, the
 * admin opens /admin/stats — today's figures include it, the charts are drawn (canvas), the
 * ratings per clerk name the clerk — and downloads the .xlsx (a zip: `PK`). The public page
 * /public/stats shows the figures in large type and never the clerk's name.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`). Leaves counter 1 as found.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, BASE, issueTicket, login, loginPage, postJson, prepareHall, releaseCounter, withApi } from './hall';

const COUNTER = '1';

test('the admin sees today’s figures and charts and downloads the workbook; the public page names no clerk', async ({ browser }) => {
  const setup = await prepareHall();
  await withApi(async (api) => {
    await issueTicket(api, setup.kioskToken, { category: 'A' });
    const clerk = await login(api, setup.clerk.username, setup.clerk.password);
    const called = await postJson(api, `/api/v1/counters/${COUNTER}/call-next`, {}, clerk);
    expect(called.status, called.body).toBe(200);
    const id = called.json.ticket.id as number;
    expect((await postJson(api, `/api/v1/tickets/${id}/finish`, {}, clerk)).status).toBe(200);
    const rated = await postJson(api, '/api/v1/ratings', { ticket_id: id, level: 5 }, setup.kioskToken);
    expect(rated.status, rated.body).toBe(201);
    await releaseCounter(api, COUNTER, clerk);
  });

  const ctx = await browser.newContext({ baseURL: BASE, acceptDownloads: true });
  try {
    const page = await ctx.newPage();
    await loginPage(page, { username: 'admin', password: ADMIN_PASSWORD!, name: '' });
    await page.goto('/admin/stats');
    await expect(page.getByTestId('stats-admin-page')).toBeVisible();
    const issued = page.getByTestId('kpi-issued').getByTestId('kpi-value');
    await expect(issued).toHaveText(/^[1-9]\d*$/);
    await expect(page.getByTestId('kpi-one-trip')).toBeVisible();
    for (const chart of ['hourly', 'distribution', 'departments', 'ratings']) {
      await expect(page.getByTestId(`stats-chart-${chart}`).locator('canvas').first()).toBeAttached();
    }
    await page.getByRole('tab', { name: '按人员' }).click();
    await expect(page.getByTestId('stats-ratings-clerk')).toContainText(setup.clerk.name);
    await expect(page.getByTestId('stats-disclosure')).toContainText('收到申请');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^统计报表_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // This week is a range too: the figures reload without an error.
    await page.getByTestId('stats-quick-week').click();
    await expect(issued).toHaveText(/^[1-9]\d*$/);
    await expect(page.getByTestId('stats-problem')).toHaveCount(0);

    const pub = await ctx.newPage();
    await pub.goto('/public/stats');
    await expect(pub.getByTestId('public-stats-page')).toBeVisible();
    await expect(pub.getByTestId('public-kpi-issued')).toContainText(/[1-9]/);
    await expect(pub.getByTestId('public-kpi-one-trip')).toBeVisible();
    await expect(pub.getByTestId('public-stats-one-trip-hint')).toContainText('邮寄');
    expect(await pub.locator('body').innerText()).not.toContain(setup.clerk.name);
    const value = pub.getByTestId('public-kpi-issued').locator('.value');
    const size = await value.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size, 'large type').toBeGreaterThanOrEqual(36);
  } finally {
    await ctx.close();
  }
});
