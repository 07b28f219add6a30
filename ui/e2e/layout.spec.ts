/**
 * Layout of the kiosk, the display and the counter from 400 to 1920 px wide and 600 to 1080 px
 * high (the desktop app tiles three windows of ~430–580 px side by side): no vertical
 * one-character-per-line text, nothing cut off, no horizontal scrollbar, large type kept.
 * Screenshots go to test-results/layout/ for a look by eye.
 *
 * Each counter is held by its own clerk (one clerk per counter); afterwards every ticket is
 * finished and every counter left, so the other specs start from an empty hall.
 *
 * Tagged @layout: runs with the rest of the e2e suite, or alone with `npx playwright test --grep @layout`.
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD like the other specs.
 */
import { expect, test } from '@playwright/test';
import { drainHall, issueTicket, login, postJson, prepareHall, releaseCounter, withApi, type Hall } from './hall';
import { type LayoutCheckOptions } from './layoutCheck';
import { checkAll, checkAt, KIOSK, KIOSK_OVERLAY, openPage, SHOTS, SWEEP } from './layoutShots';

const DISPLAY: LayoutCheckOptions = {
  // The list of earlier calls shows what fits; the language switch is for a technician.
  clipOk: ['[data-testid="display-recent"] ol'],
  minFontPx: 20,
  smallOk: ['[data-testid="language-switch"]'],
};
// Staff screen (Element Plus, normal type); a long user name may end in an ellipsis.
const COUNTER: LayoutCheckOptions = { minFontPx: 12, ellipsisOk: ['[data-testid="staff-user"]'] };

/** 边等边填 (the kiosk draft) scrolls when the window is short; its buttons are touch targets. */
const KIOSK_DRAFT: LayoutCheckOptions = {
  minFontPx: 20,
  touchSelector:
    '[data-testid="kiosk-draft-back"], [data-testid="kiosk-draft-pick"], [data-testid^="kiosk-draft-kind-"], [data-testid="kiosk-draft-person-id"], [data-testid="kiosk-draft-save"], [data-testid="kiosk-draft-done"]',
  minTouchPx: 48,
};

const COUNTERS = ['6', '5', '4', '3', '2', '1'];

/**
 * Issues tickets as the kiosk and has counters 6…1 call one each, each with its own clerk
 * (counter 1 last, so the display has a list and counter 1 serves someone); counters 3 and 1
 * recall theirs, so the board shows its recall marks. The tickets stay called until `emptyHall`.
 */
async function callEverything(hall: Hall, issue: string[]) {
  await withApi(async (api) => {
    for (const category of issue) await issueTicket(api, hall.kioskToken, { category });
    for (const [i, counter] of COUNTERS.entries()) {
      const clerk = hall.clerks[i]!;
      const token = await login(api, clerk.username, clerk.password);
      const res = await postJson(api, `/api/v1/counters/${counter}/call-next`, {}, token);
      expect(res.status, `call-next at ${counter}: ${res.body}`).toBeLessThan(300);
      if (res.status === 200 && (counter === '3' || counter === '1')) {
        const recall = await postJson(api, `/api/v1/tickets/${res.json.ticket.id}/recall`, {}, token);
        expect(recall.status, `recall at ${counter}: ${recall.body}`).toBe(200);
      }
    }
  });
}

/** Every counter finishes its ticket and is left; then one clerk serves whoever still waits. */
async function emptyHall(hall: Hall) {
  await withApi(async (api) => {
    for (const [i, counter] of COUNTERS.entries()) {
      const clerk = hall.clerks[i]!;
      await releaseCounter(api, counter, await login(api, clerk.username, clerk.password));
    }
    await drainHall(api, '2', await login(api, hall.clerk.username, hall.clerk.password));
  });
}

/** The clerk of counter 1 (the one whose screen is checked). */
const counterOneClerk = (hall: Hall) => hall.clerks[COUNTERS.indexOf('1')]!;

test.describe('layout from 400 to 1920 px', { tag: '@layout' }, () => {
  let hall: Hall;

  test.beforeAll(async () => {
    hall = await prepareHall(COUNTERS.length);
    await callEverything(hall, ['E', 'B', 'C', 'D', 'A', 'E']);
  });

  // The next run, and the other specs, start from an empty hall with every counter free.
  test.afterAll(async () => {
    if (hall) await emptyHall(hall);
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

    // 边等边填: the form with its problems shown (the longest it gets), then saved.
    await page.getByTestId('kiosk-ticket-prefill').click();
    await page.getByTestId('kiosk-draft-save').click();
    await expect(page.getByTestId('kiosk-draft-error')).toBeVisible();
    for (const size of [...SHOTS, ...SWEEP]) problems.push(...(await checkAt(page, 'kiosk-draft', size, KIOSK_DRAFT, SHOTS.includes(size))));
    await page.getByTestId('kiosk-draft-kind-organisation').click();
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'kiosk-draft-org', size, KIOSK_DRAFT, true)));
    await page.getByTestId('kiosk-draft-kind-person').click();
    await page.setViewportSize(SHOTS[1]);
    await page.getByTestId('kiosk-draft-pick').click();
    await page.getByTestId('kiosk-search-input').fill('信息公开');
    await page.getByTestId('kiosk-matter-GWH-001').click();
    await page.getByTestId('kiosk-draft-person-name').fill('欧阳建国');
    await page.getByTestId('kiosk-draft-person-id').click();
    for (const d of '11010519491231002X') await page.getByTestId(`kiosk-id-key-${d}`).click();
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'kiosk-draft-id', size, KIOSK_OVERLAY, true)));
    await page.getByTestId('kiosk-id-ok').click();
    await page.getByTestId('kiosk-draft-person-phone').fill('13800138000');
    await page.getByTestId('kiosk-draft-save').click();
    await expect(page.getByTestId('kiosk-draft-saved')).toBeVisible();
    for (const size of [...SHOTS, ...SWEEP]) problems.push(...(await checkAt(page, 'kiosk-draft-saved', size, KIOSK_DRAFT, SHOTS.includes(size))));
    await page.getByTestId('kiosk-draft-done').click();
    await expect(page.getByTestId('kiosk-ticket')).toBeHidden();

    // Finding a matter, and the ID keypad (photographed at a few sizes, checked like the rest).
    await page.getByTestId('kiosk-search-open').click();
    await page.getByTestId('kiosk-search-input').fill('社保');
    await expect(page.getByTestId('kiosk-matter-RSJ-002')).toBeVisible();
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'kiosk-search', size, KIOSK_OVERLAY, true)));
    await page.getByTestId('kiosk-search-close').click();
    await page.getByTestId('kiosk-id-open').click();
    for (const d of '11010519491231002X') await page.getByTestId(`kiosk-id-key-${d}`).click();
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'kiosk-id', size, KIOSK_OVERLAY, true)));
    await page.getByTestId('kiosk-id-skip').click();
    await context.close();

    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('display', async ({ browser }) => {
    const { context, page } = await openPage(browser, `/display#device_token=${encodeURIComponent(hall.displayToken)}`);
    await expect(page.getByTestId('display-latest-number')).toBeVisible();
    await expect(page.getByTestId('display-recent-call').first()).toBeVisible();
    await expect(page.getByTestId('display-latest-recall')).toBeVisible();
    await expect(page.getByTestId('display-recent-recall').first()).toBeVisible();
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
    const clerk = counterOneClerk(hall);
    const token = await withApi((api) => login(api, clerk.username, clerk.password));
    const { context, page } = await openPage(browser, `/counter?counter=1#session=${encodeURIComponent(token)}`);
    await expect(page.getByTestId('counter-page')).toBeVisible();
    await expect(page.getByTestId('counter-session')).toBeVisible();
    await expect(page.getByTestId('counter-current-number')).toBeVisible();
    await expect(page.getByTestId('counter-waiting')).toBeVisible();
    await expect(page.getByTestId('staff-user')).not.toBeEmpty();
    const problems = await checkAll(page, 'counter', COUNTER);

    // The transfer dialog, both ways.
    await page.setViewportSize(SHOTS[1]);
    await page.getByTestId('counter-transfer').click();
    await expect(page.getByTestId('counter-transfer-to-counter-2')).toBeVisible();
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'counter-transfer', size, COUNTER, true)));
    await page.getByTestId('counter-transfer-mode-category').click();
    await expect(page.getByTestId('counter-transfer-to-category-E')).toBeVisible();
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'counter-transfer-category', size, COUNTER, size === SHOTS[0])));
    await context.close();
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
