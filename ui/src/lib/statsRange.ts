/** Date ranges for the statistics filter: hall-local calendar days as `YYYY-MM-DD`. */

export type QuickRange = 'today' | 'week' | 'month' | 'last7';

export interface DayRange {
  from: string;
  to: string;
}

/** `YYYY-MM-DD` of the machine's local date (the hall's: terminals run in its time zone). */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * 今天, 本周 (Monday to today), 本月 (the 1st to today), 近7天 (today and the six days before:
 * on a Monday it still holds last week's working days).
 */
export function quickRange(kind: QuickRange, now: Date): DayRange {
  const to = isoDay(now);
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (kind === 'week') start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  if (kind === 'month') start.setDate(1);
  if (kind === 'last7') start.setDate(start.getDate() - 6);
  return { from: isoDay(start), to };
}

/** `?from=…&to=…` plus any extra parameters, skipping empty ones. */
export function rangeQuery(range: Partial<DayRange>, extra: Record<string, string | null | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...range, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A share (0–1) as a percentage for people, or a dash when there is none. */
export function percent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** Minutes with one decimal, or a dash. */
export function minutes(m: number | null | undefined): string {
  return m === null || m === undefined ? '—' : m.toFixed(1);
}
