/** The admin's reading calls: the audit chain, the overdue report and today's statistics (`/api/v1`). */
import { request, type ApiAuth } from './client';
import type { components } from './schema';
import { auditApiQuery, type AuditFilters } from '../lib/auditQuery';
import type { StatsReport } from './stats';

type Schemas = components['schemas'];
/** `detail` is free JSON (an event's payload or a request's method, path and status). */
export type AuditEntry = Omit<Schemas['AuditEntryView'], 'detail'> & { detail: unknown };
export type OverdueRow = Schemas['OverdueRow'];

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
    /**
     * The statistics of one hall-local day; without one the server's today, which is the hall's
     * (the browser's clock and zone may differ).
     */
    async stats(day?: string): Promise<StatsReport> {
      const q = day ? `?from=${encodeURIComponent(day)}&to=${encodeURIComponent(day)}` : '';
      return must(await request<StatsReport>(auth, `${V1}/stats${q}`), 'stats');
    },
    /** Open, yellow and red approval tasks per department. */
    async overdueReport(): Promise<OverdueRow[]> {
      return must(await request<OverdueRow[]>(auth, `${V1}/reports/overdue`), 'reports/overdue');
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
