import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../api/client';
import { IdempotentAction, newIdempotencyKey, sendIdempotent } from './idempotency';

const network = () => new ApiFailure('network', 0, 'network_error', 'Failed to fetch');
const http = (status: number) => new ApiFailure('http', status, 'bad', '错误');
const noSleep = { sleep: () => Promise.resolve() };

describe('newIdempotencyKey', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  it('falls back to getRandomValues outside secure contexts', () => {
    const key = newIdempotencyKey({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => crypto.getRandomValues(a as never) as T });
    expect(key).toMatch(UUID);
  });
  it('gives a new key each time', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});

describe('sendIdempotent', () => {
  it('retries network failures with the same key', async () => {
    const keys: string[] = [];
    const send = vi.fn(async (key: string) => {
      keys.push(key);
      if (keys.length < 3) throw network();
      return 'ticket';
    });
    await expect(sendIdempotent('K1', send, noSleep)).resolves.toBe('ticket');
    expect(keys).toEqual(['K1', 'K1', 'K1']);
  });

  it('does not retry an answer from the server', async () => {
    const send = vi.fn(async () => {
      throw http(409);
    });
    await expect(sendIdempotent('K', send, noSleep)).rejects.toMatchObject({ status: 409 });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up after the attempts', async () => {
    const send = vi.fn(async () => {
      throw network();
    });
    await expect(sendIdempotent('K', send, { ...noSleep, attempts: 2 })).rejects.toMatchObject({ kind: 'network' });
    expect(send).toHaveBeenCalledTimes(2);
  });
});

describe('IdempotentAction', () => {
  it('uses a fresh key per successful action', async () => {
    let n = 0;
    const action = new IdempotentAction<string>(() => `key-${++n}`, noSleep);
    const seen: string[] = [];
    await action.run('A', async (k) => (seen.push(k), 'ok'));
    await action.run('A', async (k) => (seen.push(k), 'ok'));
    expect(seen).toEqual(['key-1', 'key-2']);
  });

  it('reuses the key when the same action is tapped again after a network failure', async () => {
    let n = 0;
    const action = new IdempotentAction<string>(() => `key-${++n}`, { ...noSleep, attempts: 1 });
    const seen: string[] = [];
    await expect(action.run('A', async (k) => (seen.push(k), Promise.reject(network())))).rejects.toBeTruthy();
    expect(action.pendingKey).toBe('key-1');
    await action.run('A', async (k) => (seen.push(k), 'ok'));
    expect(seen).toEqual(['key-1', 'key-1']);
    expect(action.pendingKey).toBeNull();
  });

  it('uses a new key for a different subject or after a definite refusal', async () => {
    let n = 0;
    const action = new IdempotentAction<string>(() => `key-${++n}`, { ...noSleep, attempts: 1 });
    const seen: string[] = [];
    await expect(action.run('A', async (k) => (seen.push(k), Promise.reject(network())))).rejects.toBeTruthy();
    await expect(action.run('B', async (k) => (seen.push(k), Promise.reject(http(400))))).rejects.toBeTruthy();
    await action.run('B', async (k) => (seen.push(k), 'ok'));
    expect(seen).toEqual(['key-1', 'key-2', 'key-3']);
  });
});
