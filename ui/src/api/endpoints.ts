/** Typed calls of the hall API (`/api/v1`). Each takes the caller's credentials. */
import { request, type ApiAuth } from './client';
import type {
  CallNextResponse,
  CategoryView,
  CounterView,
  LoginRequest,
  LoginResponse,
  MatterView,
  MeView,
  QueueView,
  TicketView,
} from './types';

const V1 = '/api/v1';

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`empty response from ${what}`);
  return value;
}

export function createApi(auth: ApiAuth) {
  return {
    async login(body: LoginRequest): Promise<LoginResponse> {
      return must(await request<LoginResponse>(auth, `${V1}/auth/login`, { method: 'POST', body }), 'login');
    },
    async logout(): Promise<void> {
      await request<unknown>(auth, `${V1}/auth/logout`, { method: 'POST' });
    },
    async me(): Promise<MeView> {
      return must(await request<MeView>(auth, `${V1}/auth/me`), 'me');
    },
    async categories(): Promise<CategoryView[]> {
      return must(await request<CategoryView[]>(auth, `${V1}/categories`), 'categories');
    },
    async matters(): Promise<MatterView[]> {
      return must(await request<MatterView[]>(auth, `${V1}/matters`), 'matters');
    },
    async counters(): Promise<CounterView[]> {
      return must(await request<CounterView[]>(auth, `${V1}/counters`), 'counters');
    },
    async queue(): Promise<QueueView> {
      return must(await request<QueueView>(auth, `${V1}/queue`), 'queue');
    },
    async issueTicket(category: string, idempotencyKey: string): Promise<TicketView> {
      const res = await request<TicketView>(auth, `${V1}/tickets`, {
        method: 'POST',
        body: { category },
        headers: { 'Idempotency-Key': idempotencyKey },
      });
      return must(res, 'tickets');
    },
    /** null when nobody is waiting (204). */
    async callNext(counter: string): Promise<CallNextResponse | null> {
      return request<CallNextResponse>(auth, `${V1}/counters/${encodeURIComponent(counter)}/call-next`, {
        method: 'POST',
      });
    },
    eventsUrl(): string {
      const token = auth.token();
      return `${V1}/events${token ? `?access_token=${encodeURIComponent(token)}` : ''}`;
    },
  };
}

export type HallApi = ReturnType<typeof createApi>;
