/**
 * The hall's first flow, end to end against a running server:
 * kiosk issues A-ticket → clerk calls it at counter 1 → the display (never reloaded) shows it.
 *
 * Needs ONETRIP_URL (e.g. http://127.0.0.1:8080) and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';

const BASE = process.env.ONETRIP_URL;
const ADMIN_PASSWORD = process.env.ONETRIP_ADMIN_PASSWORD;
const COUNTER = '1';
const COUNTER_NAME = '1号综合窗口';

interface Setup {
  clerk: { username: string; password: string };
  kioskToken: string;
  displayToken: string;
}

async function postJson(api: APIRequestContext, path: string, data: unknown, token?: string) {
  const res = await api.post(path, { data, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const body = await res.text();
  return { status: res.status(), json: body ? JSON.parse(body) : null, body };
}

/** Through the API only: an admin session, a fresh clerk and two device tokens. */
async function prepare(): Promise<Setup> {
  const api = await request.newContext({ baseURL: BASE });
  try {
    const login = await postJson(api, '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status, `admin login: ${login.body}`).toBe(200);
    const admin: string = login.json.token;

    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const clerk = { username: `clerk_${suffix}`, password: `Clerk-${suffix}-pw9` };
    const user = await postJson(
      api,
      '/api/v1/users',
      { username: clerk.username, name: `测试窗口人员${suffix.slice(-4)}`, password: clerk.password, roles: ['clerk'], department: null },
      admin,
    );
    expect(user.status, `create clerk: ${user.body}`).toBe(201);

    const device = async (role: 'kiosk' | 'display') => {
      const res = await postJson(api, '/api/v1/devices', { name: `e2e-${role}-${suffix}`, role }, admin);
      expect(res.status, `create ${role} device: ${res.body}`).toBe(201);
      expect(res.json.role).toBe(role);
      return res.json.token as string;
    };
    return { clerk, kioskToken: await device('kiosk'), displayToken: await device('display') };
  } finally {
    await api.dispose();
  }
}

/** Fills an Element Plus input whichever element carries the test id. */
function field(page: Page, testid: string) {
  return page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();
}

test('kiosk ticket is called at the counter and shown on the display', async ({ browser }) => {
  expect(BASE, 'set ONETRIP_URL to the running server, e.g. http://127.0.0.1:8080').toBeTruthy();
  expect(ADMIN_PASSWORD, 'set ONETRIP_ADMIN_PASSWORD to the admin password').toBeTruthy();
  const setup = await prepare();

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
