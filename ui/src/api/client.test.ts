import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, request } from './client';

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('request', () => {
  it('sends the bearer token and parses JSON', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => json(200, { ok: 1 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(request({ token: () => 'T' }, '/api/v1/queue')).resolves.toEqual({ ok: 1 });
    const headers = fetchMock.mock.calls[0]![1]!.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer T');
  });

  it('returns null for 204', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(request({ token: () => 'T' }, '/x', { method: 'POST' })).resolves.toBeNull();
  });

  it("surfaces the server's {code, message}", async () => {
    vi.stubGlobal('fetch', async () => json(409, { code: 'conflict', message: '该窗口正在办理中' }));
    const err = await request({ token: () => 'T' }, '/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect(err).toMatchObject({ kind: 'http', status: 409, code: 'conflict', message: '该窗口正在办理中' });
  });

  it('reports 401 to the auth owner', async () => {
    vi.stubGlobal('fetch', async () => json(401, { code: 'unauthorized', message: '请先登录' }));
    const onUnauthorized = vi.fn();
    await expect(request({ token: () => 'T', onUnauthorized }, '/x')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('turns a failed fetch or a dead proxy into a network failure', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request({ token: () => null }, '/x')).rejects.toMatchObject({ kind: 'network' });
    vi.stubGlobal('fetch', async () => new Response('Bad Gateway', { status: 502 }));
    await expect(request({ token: () => null }, '/x')).rejects.toMatchObject({ kind: 'network' });
  });
});
