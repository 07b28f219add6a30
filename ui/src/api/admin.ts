/** The admin's reading calls: the audit chain, the overdue report and today's statistics (`/api/v1`). */
import { request, type ApiAuth } from './client';
import type { components } from './schema';
import { auditApiQuery, type AuditFilters } from '../lib/auditQuery';

type Schemas = components['schemas'];
/** `detail` is free JSON (an event's payload or a request's method, path and status). */
export type AuditEntry = Omit<Schemas['AuditEntryView'], 'detail'> & { detail: unknown };
export type OverdueRow = Schemas['OverdueRow'];
/**
 * The part of `GET /stats` (StatsReport) the admin home shows. Spelled out here because the
 * statistics API is being added alongside: this compiles with or without its generated type.
 */
export interface TodayStats {
  tickets: { issued: number; waiting: { mean?: number | null } };
  cases: { accepted: number; on_time_rate?: number | null };
}

const V1 = '/api/v1';

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`empty response from ${what}`);
  return value;
}

export function createAdminApi(auth: ApiAuth) {
  return {
    /** Newest first; `before` pages back (entries with a smaller seq). */
    async audit(filters: AuditFilters, page: { before?: number | null; limit?: number } = {}): Promise<AuditEntry[]> {
      const res = must(await request<{ entries: AuditEntry[] }>(auth, `${V1}/audit${auditApiQuery(filters, page)}`), 'audit');
      return res.entries;
    },
    /** The statistics of one hall-local day (the server's today when not given). */
    async stats(day?: string): Promise<TodayStats> {
      const q = day ? `?from=${encodeURIComponent(day)}&to=${encodeURIComponent(day)}` : '';
      return must(await request<TodayStats>(auth, `${V1}/stats${q}`), 'stats');
    },
    /** Open, yellow and red approval tasks per department. */
    async overdueReport(): Promise<OverdueRow[]> {
      return must(await request<OverdueRow[]>(auth, `${V1}/reports/overdue`), 'reports/overdue');
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
