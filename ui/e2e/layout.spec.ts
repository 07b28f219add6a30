/**
 * Layout of the kiosk, the display and the counter from 400 to 1920 px wide and 600 to 1080 px
 * high (the desktop app tiles three windows of ~430–580 px side by side): no vertical
 * one-character-per-line text, nothing cut off, no horizontal scrollbar, large type kept.
 * Screenshots go to test-results/layout/ for a look by eye.
 *
 * Tagged @layout: runs with the rest of the e2e suite, or alone with `npx playwright test --grep @layout`.
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD like the other specs.
 */
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { BASE, login, postJson, prepareHall, withApi, type Hall } from './hall';
import { findLayoutProblems, type LayoutCheckOptions } from './layoutCheck';

interface Size {
  width: number;
  height: number;
}
/** Checked and photographed. */
const SHOTS: Size[] = [
  { width: 400, height: 600 },
  { width: 430, height: 1000 },
  { width: 580, height: 1000 },
  { width: 1024, height: 600 },
  { width: 1920, height: 1080 },
];
/** Checked only: a sweep through the widths in between, around the breakpoints, and short windows. */
const SWEEP: Size[] = [
  ...[460, 520, 640, 699, 700, 701, 760, 820, 900, 1100, 1280, 1440, 1600].map((width) => ({ width, height: 1000 })),
  ...[480, 800, 1366, 1920].map((width) => ({ width, height: 600 })),
  { width: 1280, height: 720 },
  { width: 1080, height: 1080 },
];
/** English is longer: photographed at the narrow and the wide end too. */
const EN_SHOTS: Size[] = [SHOTS[1], SHOTS[4]];

const KIOSK: LayoutCheckOptions = {
  minFontPx: 20,
  touchSelector: '[data-testid^="kiosk-category-"], [data-testid^="language-"], [data-testid="kiosk-ticket-done"]',
  minTouchPx: 48,
};
const DISPLAY: LayoutCheckOptions = {
  // The list of earlier calls shows what fits; the language switch is for a technician.
  clipOk: ['[data-testid="display-recent"] ol'],
  minFontPx: 20,
  smallOk: ['[data-testid="language-switch"]'],
};
// Staff screen (Element Plus, normal type); a long user name may end in an ellipsis.
const COUNTER: LayoutCheckOptions = { minFontPx: 12, ellipsisOk: ['[data-testid="staff-user"]'] };

const shotDir = () => path.join(test.info().project.outputDir, 'layout');

async function checkAt(page: Page, screen: string, size: Size, opts: LayoutCheckOptions, shot: boolean, lang = 'zh') {
  await page.setViewportSize(size);
  // Let layout, fonts and the clock settle after the resize.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const label = `${screen}-${size.width}x${size.height}${lang === 'zh' ? '' : `-${lang}`}`;
  if (shot) await page.screenshot({ path: path.join(shotDir(), `${label}.png`) });
  const problems = await page.evaluate(findLayoutProblems, opts);
  return problems.map((p) => `${label}: ${p}`);
}

async function checkAll(page: Page, screen: string, opts: LayoutCheckOptions): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SHOTS) problems.push(...(await checkAt(page, screen, size, opts, true)));
  for (const size of SWEEP) problems.push(...(await checkAt(page, screen, size, opts, false)));
  await page.getByTestId('language-en').first().click();
  for (const size of EN_SHOTS) problems.push(...(await checkAt(page, screen, size, opts, true, 'en')));
  for (const size of [...SHOTS, ...SWEEP]) problems.push(...(await checkAt(page, screen, size, opts, false, 'en')));
  await page.getByTestId('language-zh-CN').first().click();
  return problems;
}

async function openPage(browser: Browser, url: string) {
  const context = await browser.newContext({ baseURL: BASE, viewport: SHOTS[1] });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/**
 * Issues tickets as the kiosk and has counters 6…1 call one each (counter 1 last, so the display
 * has a list and counter 1 serves someone), then calls whatever is still waiting at `drainAt`:
 * the next run, and the first-flow spec, start from an empty queue.
 */
async function callEverything(hall: Hall, issue: string[], drainAt = '2') {
  await withApi(async (api) => {
    for (const [i, category] of issue.entries()) {
      const key = `layout-${Date.now().toString(36)}-${i}`;
      const res = await postJson(api, '/api/v1/tickets', { category }, hall.kioskToken, { 'Idempotency-Key': key });
      expect(res.status, `issue ${category}: ${res.body}`).toBeLessThan(300);
    }
    const clerk = await login(api, hall.clerk.username, hall.clerk.password);
    const call = async (counter: string) => {
      const res = await postJson(api, `/api/v1/counters/${counter}/call-next`, {}, clerk);
      expect(res.status, `call-next at ${counter}: ${res.body}`).toBeLessThan(300);
      return res.status;
    };
    if (issue.length) for (const counter of ['6', '5', '4', '3', '2', '1']) await call(counter);
    for (let i = 0; i < 100 && (await call(drainAt)) !== 204; i++);
  });
}

test.describe('layout from 400 to 1920 px', { tag: '@layout' }, () => {
  let hall: Hall;

  test.beforeAll(async () => {
    hall = await prepareHall();
    await callEverything(hall, ['E', 'B', 'C', 'D', 'A', 'E']);
  });

  test('kiosk home and ticket', async ({ browser }) => {
    const { context, page } = await openPage(browser, `/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
    await expect(page.getByTestId('kiosk-category-E')).toBeVisible();
    const problems = await checkAll(page, 'kiosk', KIOSK);

    // The ticket after a tap (it returns home by itself after 20 s: check quickly).
    await page.setViewportSize(SHOTS[1]);
    await page.getByTestId('kiosk-category-E').click();
    await expect(page.getByTestId('kiosk-ticket-number')).toHaveText(/^E\d{3,}$/);
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'kiosk-ticket', size, KIOSK, true)));
    await page.getByTestId('kiosk-ticket-done').click();
    await context.close();
    await callEverything(hall, []);

    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('display', async ({ browser }) => {
    const { context, page } = await openPage(browser, `/display#device_token=${encodeURIComponent(hall.displayToken)}`);
    await expect(page.getByTestId('display-latest-number')).toBeVisible();
    await expect(page.getByTestId('display-recent-call').first()).toBeVisible();
    const problems = await checkAll(page, 'display', DISPLAY);

    // The latest call stays the dominant element: its number is the largest text on the board.
    for (const size of [...SHOTS, ...SWEEP]) {
      await page.setViewportSize(size);
      const sizes = await page.evaluate(() => {
        const px = (sel: string) => Math.max(0, ...Array.from(document.querySelectorAll(sel)).map((e) => parseFloat(getComputedStyle(e).fontSize)));
        const latest = document.querySelector('[data-testid="display-latest"]')!.getBoundingClientRect();
        const recent = document.querySelector('[data-testid="display-recent"]')!.getBoundingClientRect();
        return {
          latest: px('[data-testid="display-latest-number"]'),
          others: px('[data-testid="display-board"] *:not([data-testid="display-latest-number"])'),
          latestArea: latest.width * latest.height,
          recentArea: recent.width * recent.height,
        };
      });
      const at = `display-${size.width}x${size.height}`;
      if (!(sizes.latest > sizes.others * 1.3)) problems.push(`${at}: latest number (${sizes.latest}px) not clearly the largest text (${sizes.others}px)`);
      if (!(sizes.latestArea > sizes.recentArea)) problems.push(`${at}: latest call box smaller than the list of earlier calls`);
    }
    await context.close();
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('pairing screens of an unpaired kiosk and display', async ({ browser }) => {
    const problems: string[] = [];
    for (const screen of ['kiosk', 'display']) {
      const { context, page } = await openPage(browser, `/${screen}`);
      await expect(page.getByTestId('device-pairing')).toBeVisible();
      for (const size of [...SHOTS, ...SWEEP]) problems.push(...(await checkAt(page, `${screen}-pairing`, size, KIOSK, size === SHOTS[1])));
      await context.close();
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('counter', async ({ browser }) => {
    const token = await withApi((api) => login(api, hall.clerk.username, hall.clerk.password));
    const { context, page } = await openPage(browser, `/counter?counter=1#session=${encodeURIComponent(token)}`);
    await expect(page.getByTestId('counter-page')).toBeVisible();
    await expect(page.getByTestId('counter-current-number')).toBeVisible();
    await expect(page.getByTestId('staff-user')).not.toBeEmpty();
    const problems = await checkAll(page, 'counter', COUNTER);
    await context.close();
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
