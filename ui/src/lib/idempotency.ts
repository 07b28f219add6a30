/**
 * Idempotent submissions: one key per user action, reused for every retry of that action, so a
 * request that reached the server before the network broke is answered with the same result
 * instead of doing the thing twice (e.g. printing two tickets).
 */
import { ApiFailure } from '../api/client';

/** A v4 UUID. crypto.randomUUID needs a secure context, which a hall LAN over http is not. */
export function newIdempotencyKey(c: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto): string {
  if (typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // insecure context in some browsers: fall through
    }
  }
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface RetryOptions {
  /** Attempts in all (first try included). */
  attempts?: number;
  /** Pause before the n-th retry (1-based). */
  delayMs?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Calls `send(key)` with one key, retrying with the SAME key only after network failures. */
export async function sendIdempotent<T>(
  key: string,
  send: (key: string) => Promise<T>,
  { attempts = 3, delayMs = (n) => 400 * n, sleep = defaultSleep }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(key);
    } catch (e) {
      const retryable = e instanceof ApiFailure && e.isNetwork;
      if (!retryable || attempt >= attempts) throw e;
      await sleep(delayMs(attempt));
    }
  }
}

/**
 * Remembers the key of an action whose outcome is unknown (it ended in a network failure), so
 * tapping again for the same thing resends the same key; a definite answer forgets it.
 */
export class IdempotentAction<T> {
  private pending: { subject: string; key: string } | null = null;

  constructor(
    private readonly makeKey: () => string = newIdempotencyKey,
    private readonly options: RetryOptions = {},
  ) {}

  async run(subject: string, send: (key: string) => Promise<T>): Promise<T> {
    const key = this.pending?.subject === subject ? this.pending.key : this.makeKey();
    this.pending = { subject, key };
    try {
      const result = await sendIdempotent(key, send, this.options);
      this.pending = null;
      return result;
    } catch (e) {
      if (!(e instanceof ApiFailure && e.isNetwork)) this.pending = null;
      throw e;
    }
  }

  /** The key an unfinished action would reuse (for tests and diagnostics). */
  get pendingKey(): string | null {
    return this.pending?.key ?? null;
  }
}
