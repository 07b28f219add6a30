/** Statistics, their exports and the disclosure report (`/api/v1/stats…`, `/disclosure-report…`). */
import { quickRange, rangeQuery, type DayRange } from '../lib/statsRange';
import { request, requestBlob, type ApiAuth } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];
export type StatsReport = Schemas['StatsReport'];
export type DisclosureReport = Schemas['DisclosureReport'];
export type RatingGroup = Schemas['RatingGroup'];
export type ExportFormat = 'xlsx' | 'csv';

const V1 = '/api/v1';
const anonymous: ApiAuth = { token: () => null };

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`empty response from ${what}`);
  return value;
}

/** Saves a blob under `name` through a temporary link (the browser's download). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function statsApi(auth: ApiAuth) {
  return {
    async report(range: DayRange): Promise<StatsReport> {
      return must(await request<StatsReport>(auth, `${V1}/stats${rangeQuery(range)}`), 'stats');
    },
    /** Downloads the workbook or CSV; the file name is ours (the server's is percent-encoded). */
    async exportReport(range: DayRange, format: ExportFormat): Promise<void> {
      const blob = await requestBlob(auth, `${V1}/stats/export${rangeQuery(range, { format })}`);
      saveBlob(blob, `统计报表_${range.from}_${range.to}.${format}`);
    },
    async disclosure(year: number): Promise<DisclosureReport> {
      return must(await request<DisclosureReport>(auth, `${V1}/disclosure-report?year=${year}`), 'disclosure-report');
    },
    async exportDisclosure(year: number, format: ExportFormat): Promise<void> {
      const blob = await requestBlob(auth, `${V1}/disclosure-report/export?year=${year}&format=${format}`);
      saveBlob(blob, `政府信息公开年度报告数据_${year}.${format}`);
    },
  };
}

/** The public figures (no login, nothing about a person); default: today. */
export async function publicStats(range: DayRange = quickRange('today', new Date())): Promise<StatsReport> {
  return must(await request<StatsReport>(anonymous, `${V1}/public/stats${rangeQuery(range)}`), 'public/stats');
}
