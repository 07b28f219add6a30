/**
 * The admin home and the audit browser: the admin opens /admin, sees the tiles of every admin
 * screen, today's KPI (where the server has the statistics API) and queue (a ticket issued while
 * the page is open counts at once), follows the
 * link to /admin/audit, filters by action ticket_issued and finds the ticket's entry, opens its
 * detail, and pages back with 加载更多 from a shared link with a small page size. A clerk is
 * refused both pages in Chinese. Both pages fit 1280×800 and 1024×600, in Chinese and English.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`). Leaves the hall empty (the
 * tickets it issued are served at counter 1).
 */
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, BASE, drainHall, fetchJson, issueTicket, login, loginPage, prepareHall, withApi } from './hall';
import { type LayoutCheckOptions } from './layoutCheck';
import { checkAt } from './layoutShots';

const COUNTER = '1';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 600 },
];
const STAFF: LayoutCheckOptions = { minFontPx: 12, ellipsisOk: ['[data-testid="staff-user"]'] };

test('the admin home shows the tiles and the live queue; the audit log filters by action and pages back', async ({ browser }) => {
  const setup = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE, viewport: SIZES[0] });
  try {
    const page = await context.newPage();
    await loginPage(page, { username: 'admin', password: ADMIN_PASSWORD!, name: 'admin' });
    await page.goto('/admin');
    await expect(page.getByTestId('admin-home-page')).toBeVisible();
    await expect(page).toHaveTitle(/大厅管理/);

    // Every admin screen and public page has its tile.
    const tiles: [string, string, string][] = [
      ['ratings', '/admin/ratings', '好差评'],
      ['stats', '/admin/stats', '统计分析'],
      ['messages', '/admin/messages', '网民留言'],
      ['audit', '/admin/audit', '审计日志'],
      ['catalogDisclosure', '/admin/catalog-disclosure', '清单公开时限'],
      ['publicStats', '/public/stats', '统计公开'],
      ['publicCatalog', '/public/catalog', '事项清单'],
      ['publicMessages', '/public/messages', '留言公开'],
    ];
    for (const [key, href, words] of tiles) {
      const tile = page.getByTestId(`admin-tile-${key}`);
      await expect(tile).toHaveAttribute('href', href);
      await expect(tile).toContainText(words);
    }

    // Today's queue, then one more waiting once a ticket is taken (the page follows the events);
    // today's KPI too where the server has the statistics API, else no such block.
    const hasStats = (await withApi(async (api) => fetchJson(api, 'GET', '/api/v1/stats', setup.admin))).status === 200;
    const waiting = page.getByTestId('admin-queue-waiting');
    await expect(waiting).toHaveText(/^\d+$/);
    const before = Number(await waiting.textContent());
    const kpiTickets = page.getByTestId('admin-kpi-tickets');
    const issuedBefore = hasStats ? Number(await kpiTickets.textContent()) : 0;
    if (!hasStats) await expect(page.getByTestId('admin-kpi')).toHaveCount(0);
    const ticket = await withApi((api) => issueTicket(api, setup.kioskToken, { category: 'A' }));
    await expect(waiting).toHaveText(String(before + 1));
    if (hasStats) {
      await expect(kpiTickets).toHaveText(String(issuedBefore + 1));
      await expect(page.getByTestId('admin-kpi-on-time')).toHaveText(/^(—|\d+\.\d%)$/);
    }
    await expect(page.getByTestId('admin-queue-line-A')).toBeVisible();
    await expect(page.getByTestId('admin-follow-ups-open')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('admin-overdue-totals')).toBeVisible();
    await expect(page.getByTestId('admin-audit-entries')).toContainText(`ticket_id:${ticket.id}`);
    await expect(page.getByTestId('admin-audit-entries')).toContainText('取号');

    const problems: string[] = [];
    for (const size of SIZES) problems.push(...(await checkAt(page, 'admin-home', size, STAFF, true)));
    await page.getByTestId('language-en').click();
    for (const size of SIZES) problems.push(...(await checkAt(page, 'admin-home', size, STAFF, true, 'en')));
    await page.getByTestId('language-zh-CN').click();
    await page.setViewportSize(SIZES[0]);

    // To the audit log by its tile; filter by the action ticket_issued (picked by its words).
    await page.getByTestId('admin-tile-audit').click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(page.getByTestId('audit-note')).toContainText('onetrip audit verify');
    await expect(page.getByTestId('audit-table')).toBeVisible();
    await page.getByTestId('audit-action').click();
    await page.keyboard.type('ticket_issued');
    await page.getByTestId('audit-action-ticket_issued').click();
    await expect(page.getByTestId('audit-action')).toContainText('取号');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('action=ticket_issued')),
      page.getByTestId('audit-search').click(),
    ]);
    expect(answer.status()).toBe(200);
    await expect(page).toHaveURL(/[?&]action=ticket_issued/);
    const table = page.getByTestId('audit-table');
    const row = table.locator('tbody tr', { hasText: `ticket_id:${ticket.id}` });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('取号');
    await expect(row).toContainText('系统');
    // Every row shown is a ticket_issued entry.
    const actions = await table.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['ticket_issued']));
    // Its detail: the event's payload and the hashes.
    await row.locator('.el-table__expand-icon').click();
    const seq = (await row.locator('[data-testid^="audit-seq-"]').textContent())!.trim();
    const detail = page.getByTestId(`audit-detail-${seq}`);
    await expect(detail).toContainText(`"ticket_id": ${ticket.id}`);
    await expect(detail).toContainText(/[0-9a-f]{64}/);
    for (const size of SIZES) problems.push(...(await checkAt(page, 'admin-audit', size, STAFF, true)));
    await page.getByTestId('language-en').click();
    for (const size of SIZES) problems.push(...(await checkAt(page, 'admin-audit', size, STAFF, true, 'en')));
    await page.getByTestId('language-zh-CN').click();
    await page.setViewportSize(SIZES[0]);

    // 重置 clears the filters and the address bar.
    await page.getByTestId('audit-reset').click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(table.locator('[data-action]').filter({ hasNotText: 'ticket_issued' }).first()).toBeVisible();

    // A shared link with a page size of 2: 加载更多 asks for the entries before the last seq.
    await withApi(async (api) => {
      for (let i = 0; i < 3; i++) await issueTicket(api, setup.kioskToken, { category: 'A' });
    });
    await page.goto('/admin/audit?action=ticket_issued&limit=2');
    await expect(page.getByTestId('audit-filters')).toBeVisible();
    const seqs = () => table.locator('[data-testid^="audit-seq-"]').allTextContents();
    await expect(table.locator('[data-testid^="audit-seq-"]')).toHaveCount(2);
    const first = (await seqs()).map(Number);
    const [more] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/v1/audit?') && r.url().includes(`before=${Math.min(...first)}`)),
      page.getByTestId('audit-load-more').click(),
    ]);
    expect(new URL(more.url()).searchParams.get('action')).toBe('ticket_issued');
    await expect(table.locator('[data-testid^="audit-seq-"]')).toHaveCount(4);
    const all = (await seqs()).map(Number);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(new Set(all).size).toBe(4);
    await expect(page.getByTestId('audit-shown')).toContainText('4');

    // A filter nothing matches: said so.
    await page.goto('/admin/audit?action=no_such_action');
    await expect(page.getByTestId('audit-empty')).toContainText('没有符合条件的记录');
    expect(problems, problems.join('\n')).toEqual([]);
  } finally {
    await context.close();
    await withApi(async (api) => drainHall(api, COUNTER, await login(api, setup.clerk.username, setup.clerk.password)));
  }
});

test('a clerk is refused the admin home and the audit log, in Chinese', async ({ browser }) => {
  const setup = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE, viewport: SIZES[1] });
  try {
    const page = await context.newPage();
    await loginPage(page, setup.clerk);
    await page.goto('/admin');
    await expect(page.getByTestId('admin-forbidden')).toContainText('只有管理员可以查看管理首页');
    await expect(page.getByTestId('admin-tiles')).toHaveCount(0);
    await page.goto('/admin/audit');
    await expect(page.getByTestId('audit-forbidden')).toContainText('只有管理员可以查看审计日志');
    await expect(page.getByTestId('audit-table')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
