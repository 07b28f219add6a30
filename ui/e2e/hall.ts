/**
 * Shared set-up of the end-to-end tests, through the API only: an admin session, fresh clerks
 * (one per counter: a clerk holds one counter at a time), kiosk and display device tokens; and
 * the clean-up that leaves the hall as found (tickets finished, counters left), so the next spec
 * starts from an empty hall. Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`), or a
 * `Target` of the spec's own (a `HallServer`, `hallServer.ts`).
 */
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';

export const BASE = process.env.ONETRIP_URL;
export const ADMIN_PASSWORD = process.env.ONETRIP_ADMIN_PASSWORD;

/** A hall to test against: its address and admin password. */
export interface Target {
  url: string;
  adminPassword: string;
}

export interface Clerk {
  username: string;
  password: string;
  name: string;
}

export interface Hall {
  admin: string;
  /** The first of `clerks`. */
  clerk: Clerk;
  clerks: Clerk[];
  kioskToken: string;
  displayToken: string;
}

export function requireServer() {
  expect(BASE, 'set ONETRIP_URL to the running server, e.g. http://127.0.0.1:8080').toBeTruthy();
  expect(ADMIN_PASSWORD, 'set ONETRIP_ADMIN_PASSWORD to the admin password').toBeTruthy();
}

export async function postJson(api: APIRequestContext, path: string, data: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await api.post(path, { data, headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  const body = await res.text();
  return { status: res.status(), json: body ? JSON.parse(body) : null, body };
}

/** Runs `fn` with a request context on the server (the shared one unless `base`), disposed afterwards. */
export async function withApi<T>(fn: (api: APIRequestContext) => Promise<T>, base: string | undefined = BASE): Promise<T> {
  const api = await request.newContext({ baseURL: base });
  try {
    return await fn(api);
  } finally {
    await api.dispose();
  }
}

export async function login(api: APIRequestContext, username: string, password: string): Promise<string> {
  const res = await postJson(api, '/api/v1/auth/login', { username, password });
  expect(res.status, `login ${username}: ${res.body}`).toBe(200);
  return res.json.token as string;
}

export async function createClerk(api: APIRequestContext, admin: string): Promise<Clerk> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const clerk = { username: `clerk_${suffix}`, password: `Clerk-${suffix}-pw9`, name: `测试人员${suffix.slice(-4)}` };
  const user = await postJson(
    api,
    '/api/v1/users',
    { username: clerk.username, name: clerk.name, password: clerk.password, roles: ['clerk'], department: null },
    admin,
  );
  expect(user.status, `create clerk: ${user.body}`).toBe(201);
  return clerk;
}

/** Clerks and devices on the shared server, or on `target`. */
export async function prepareHall(clerkCount = 1, target?: Target): Promise<Hall> {
  if (!target) requireServer();
  return withApi(async (api) => {
    const admin = await login(api, 'admin', target ? target.adminPassword : ADMIN_PASSWORD!);
    const clerks: Clerk[] = [];
    for (let i = 0; i < clerkCount; i++) clerks.push(await createClerk(api, admin));
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

    const device = async (role: 'kiosk' | 'display') => {
      const res = await postJson(api, '/api/v1/devices', { name: `e2e-${role}-${suffix}`, role }, admin);
      expect(res.status, `create ${role} device: ${res.body}`).toBe(201);
      expect(res.json.role).toBe(role);
      return res.json.token as string;
    };
    return { admin, clerk: clerks[0]!, clerks, kioskToken: await device('kiosk'), displayToken: await device('display') };
  }, target ? target.url : BASE);
}

/** Fills an Element Plus input whichever element carries the test id. */
export function field(page: Page, testid: string) {
  return page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();
}

export async function fetchJson(api: APIRequestContext, method: 'GET' | 'DELETE', path: string, token: string) {
  const res = await api.fetch(path, { method, headers: { Authorization: `Bearer ${token}` } });
  const isJson = (res.headers()['content-type'] ?? '').includes('json');
  const body = isJson ? await res.text() : '';
  return { status: res.status(), json: body ? JSON.parse(body) : null, body };
}

/** A ticket for `category` from the kiosk (a fresh idempotency key each time). */
export async function issueTicket(api: APIRequestContext, kioskToken: string, body: Record<string, unknown>) {
  const key = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await postJson(api, '/api/v1/tickets', body, kioskToken, { 'Idempotency-Key': key });
  expect(res.status, `issue ${JSON.stringify(body)}: ${res.body}`).toBeLessThan(300);
  return res.json as { id: number; number: string; track_code: string };
}

/**
 * Leaves `counter` as found: the clerk finishes whatever it has in hand and leaves it. Quiet
 * when there is nothing to do (the counter is not theirs, nothing in hand).
 */
export async function releaseCounter(api: APIRequestContext, counter: string, token: string): Promise<void> {
  const desk = await fetchJson(api, 'GET', `/api/v1/counters/${counter}/desk`, token);
  const current = desk.json?.current as { id: number } | null | undefined;
  if (current) await postJson(api, `/api/v1/tickets/${current.id}/finish`, {}, token);
  const session = desk.json?.session as { paused: boolean } | null | undefined;
  if (session?.paused) await postJson(api, `/api/v1/counters/${counter}/resume`, {}, token);
  await fetchJson(api, 'DELETE', `/api/v1/counters/${counter}/session`, token);
}

/** Calls and finishes every waiting ticket at `counter` (one clerk), then leaves it: an empty hall. */
export async function drainHall(api: APIRequestContext, counter: string, token: string): Promise<number> {
  await releaseCounter(api, counter, token);
  let served = 0;
  for (let i = 0; i < 200; i++) {
    const res = await postJson(api, `/api/v1/counters/${counter}/call-next`, {}, token);
    if (res.status === 204) break;
    expect(res.status, `call-next at ${counter}: ${res.body}`).toBe(200);
    const fin = await postJson(api, `/api/v1/tickets/${res.json.ticket.id}/finish`, {}, token);
    expect(fin.status, `finish ${res.json.ticket.number}: ${fin.body}`).toBe(200);
    served++;
  }
  await fetchJson(api, 'DELETE', `/api/v1/counters/${counter}/session`, token);
  return served;
}

/** Logs in at /login through the form. */
export async function loginPage(page: Page, clerk: Clerk): Promise<void> {
  await page.goto('/login');
  await field(page, 'login-username').fill(clerk.username);
  await field(page, 'login-password').fill(clerk.password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
}
