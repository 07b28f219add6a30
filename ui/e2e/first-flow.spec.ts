/**
 * The hall's first flow, end to end against a running server:
 * kiosk issues an A-ticket → a clerk opens counter 1 and calls it (seeing why it was chosen) →
 * the display (never reloaded) shows it → the clerk finishes it and leaves the counter.
 *
 * Needs ONETRIP_URL (e.g. http://127.0.0.1:8080) and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, test } from '@playwright/test';
import { BASE, login, loginPage, prepareHall, releaseCounter, withApi } from './hall';

const COUNTER = '1';
const COUNTER_NAME = '1号综合窗口';

test('kiosk ticket is called at the counter and shown on the display', async ({ browser }) => {
  const setup = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE });
  try {
    // The display: paired by fragment, which is then wiped from the address bar.
    const display = await context.newPage();
    await display.goto(`/display#device_token=${encodeURIComponent(setup.displayToken)}`);
    await expect(display.getByTestId('display-board')).toBeVisible();
    expect(display.url()).not.toContain('device_token');
    await display.evaluate(() => ((window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true));

    // The kiosk: tap category A, get a number with its wait and a QR code to follow it.
    const kiosk = await context.newPage();
    await kiosk.goto(`/kiosk#device_token=${encodeURIComponent(setup.kioskToken)}`);
    await expect(kiosk.getByTestId('kiosk-category-A')).toBeVisible();
    expect(kiosk.url()).not.toContain('device_token');
    await expect(kiosk.getByTestId('kiosk-estimate-A')).toBeVisible();
    await kiosk.getByTestId('kiosk-category-A').click();
    const numberEl = kiosk.getByTestId('kiosk-ticket-number');
    await expect(numberEl).toHaveText(/^A\d{3,}$/);
    const number = (await numberEl.textContent())!.trim();
    await expect(kiosk.getByTestId('kiosk-ticket-ahead')).toContainText(/前面/);
    await expect(kiosk.getByTestId('kiosk-ticket-wait')).toContainText(/预计/);
    await expect(kiosk.getByTestId('kiosk-ticket-qr').locator('svg')).toBeVisible();
    expect(await kiosk.getByTestId('kiosk-ticket-qr').getAttribute('data-qr-text')).toMatch(/\/track\/ticket\/[A-Za-z0-9_-]+$/);

    // The clerk: log in, open counter 1 (the session opens), call until our ticket comes up
    // (a fresh hall: at once), finishing any other ticket on the way.
    const counter = await context.newPage();
    await loginPage(counter, setup.clerk);
    await counter.goto(`/counter?counter=${COUNTER}`);
    await expect(counter.getByTestId('counter-page')).toBeVisible();
    await expect(counter.getByTestId('counter-session-counter')).toHaveText(COUNTER_NAME);
    await expect(counter.getByTestId('counter-session-clerk')).toHaveText(setup.clerk.name);

    let called: string | null = null;
    let reason = '';
    for (let i = 0; i < 50 && called !== number; i++) {
      if (called) {
        await counter.getByTestId('counter-finish').click();
        await expect(counter.getByTestId('counter-current-number')).toBeHidden();
      }
      await expect(counter.getByTestId('counter-call-next')).toBeEnabled();
      const [res] = await Promise.all([
        counter.waitForResponse((r) => r.url().includes(`/counters/${COUNTER}/call-next`)),
        counter.getByTestId('counter-call-next').click(),
      ]);
      expect(res.status(), `call-next: ${await res.text()}`).toBe(200);
      const body = await res.json();
      called = body.ticket.number;
      reason = body.reason;
    }
    expect(called).toBe(number);
    await expect(counter.getByTestId('counter-current-number')).toHaveText(number);
    expect(reason).not.toBe('');
    await expect(counter.getByTestId('counter-reason')).toHaveText(reason);
    // One ticket at a time: the next call waits until this one is dealt with.
    await expect(counter.getByTestId('counter-call-next')).toBeDisabled();
    await expect(counter.getByTestId('counter-call-next-hint')).toContainText(number);

    // The display shows the call live, within 2 seconds, without having reloaded.
    await expect(display.getByTestId('display-latest-number')).toHaveText(number, { timeout: 2000 });
    await expect(display.getByTestId('display-latest-counter')).toHaveText(COUNTER_NAME, { timeout: 2000 });
    expect(await display.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);

    // Served: start, finish; the counter may call again; leave the counter for the next one.
    await counter.getByTestId('counter-start').click();
    await expect(counter.getByTestId('counter-current-status')).toHaveText('办理中');
    await counter.getByTestId('counter-finish').click();
    await expect(counter.getByTestId('counter-current-number')).toBeHidden();
    await expect(counter.getByTestId('counter-call-next')).toBeEnabled();
    await counter.getByTestId('counter-leave').click();
    await expect(counter.getByTestId('counter-session')).toBeHidden();
    await expect(counter.getByTestId('counter-select')).toBeVisible();
  } finally {
    await context.close();
    await withApi(async (api) => releaseCounter(api, COUNTER, await login(api, setup.clerk.username, setup.clerk.password)));
  }
});
