/**
 * The hall's first flow, end to end against a running server:
 * kiosk issues A-ticket → clerk calls it at counter 1 → the display (never reloaded) shows it.
 *
 * Needs ONETRIP_URL (e.g. http://127.0.0.1:8080) and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, test } from '@playwright/test';
import { BASE, field, prepareHall } from './hall';

const COUNTER = '1';
const COUNTER_NAME = '1号综合窗口';

test('kiosk ticket is called at the counter and shown on the display', async ({ browser }) => {
  const setup = await prepareHall();

  const context = await browser.newContext({ baseURL: BASE });

  // The display: paired by fragment, which is then wiped from the address bar.
  const display = await context.newPage();
  await display.goto(`/display#device_token=${encodeURIComponent(setup.displayToken)}`);
  await expect(display.getByTestId('display-board')).toBeVisible();
  expect(display.url()).not.toContain('device_token');
  await display.evaluate(() => ((window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true));

  // The kiosk: tap category A, get a number.
  const kiosk = await context.newPage();
  await kiosk.goto(`/kiosk#device_token=${encodeURIComponent(setup.kioskToken)}`);
  await expect(kiosk.getByTestId('kiosk-category-A')).toBeVisible();
  expect(kiosk.url()).not.toContain('device_token');
  await kiosk.getByTestId('kiosk-category-A').click();
  const numberEl = kiosk.getByTestId('kiosk-ticket-number');
  await expect(numberEl).toHaveText(/^A\d{3,}$/);
  const number = (await numberEl.textContent())!.trim();
  await expect(kiosk.getByTestId('kiosk-ticket-ahead')).toContainText(/前面/);

  // The clerk: log in, open counter 1, call until our ticket comes up (a fresh hall: at once).
  const counter = await context.newPage();
  await counter.goto('/login');
  await field(counter, 'login-username').fill(setup.clerk.username);
  await field(counter, 'login-password').fill(setup.clerk.password);
  await counter.getByTestId('login-submit').click();
  await expect(counter).not.toHaveURL(/\/login/);
  await counter.goto(`/counter?counter=${COUNTER}`);
  await expect(counter.getByTestId('counter-page')).toBeVisible();

  let called: string | null = null;
  for (let i = 0; i < 50 && called !== number; i++) {
    const [res] = await Promise.all([
      counter.waitForResponse((r) => r.url().includes(`/counters/${COUNTER}/call-next`)),
      counter.getByTestId('counter-call-next').click(),
    ]);
    expect(res.status(), `call-next: ${await res.text()}`).toBe(200);
    called = (await res.json()).ticket.number;
    await expect(counter.getByTestId('counter-call-next')).toBeEnabled();
  }
  expect(called).toBe(number);
  await expect(counter.getByTestId('counter-current-number')).toHaveText(number);

  // The display shows the call live, within 2 seconds, without having reloaded.
  await expect(display.getByTestId('display-latest-number')).toHaveText(number, { timeout: 2000 });
  await expect(display.getByTestId('display-latest-counter')).toHaveText(COUNTER_NAME, { timeout: 2000 });
  expect(await display.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);

  await context.close();
});
