/**
 * Shared set-up of the end-to-end tests, through the API only: an admin session, a fresh clerk,
 * kiosk and display device tokens. Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';

export const BASE = process.env.ONETRIP_URL;
export const ADMIN_PASSWORD = process.env.ONETRIP_ADMIN_PASSWORD;

export interface Hall {
  admin: string;
  clerk: { username: string; password: string };
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

/** Runs `fn` with a request context on the server, disposed afterwards. */
export async function withApi<T>(fn: (api: APIRequestContext) => Promise<T>): Promise<T> {
  const api = await request.newContext({ baseURL: BASE });
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

export async function prepareHall(): Promise<Hall> {
  requireServer();
  return withApi(async (api) => {
    const admin = await login(api, 'admin', ADMIN_PASSWORD!);

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
    return { admin, clerk, kioskToken: await device('kiosk'), displayToken: await device('display') };
  });
}

/** Fills an Element Plus input whichever element carries the test id. */
export function field(page: Page, testid: string) {
  return page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();
}
