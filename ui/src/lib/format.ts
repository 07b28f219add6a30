/** Pure formatting helpers shared by the screens. */

export type Translate = (key: string, named?: Record<string, unknown>) => string;

/** "前面还有 N 人" / "No one ahead of you". */
export function waitingAheadText(t: Translate, n: number): string {
  const count = Math.max(0, Math.floor(Number.isFinite(n) ? n : 0));
  return count === 0 ? t('ticket.noneAhead') : t('ticket.waitingAhead', { n: count });
}

function toDate(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** HH:MM:SS in the hall's (the machine's) local time. */
export function formatClock(value: string | number | Date, locale = 'zh-CN'): string {
  const d = toDate(value);
  if (!d) return '';
  return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** 2025年1月2日 星期四 / Thursday, January 2, 2025 */
export function formatDate(value: string | number | Date, locale = 'zh-CN'): string {
  const d = toDate(value);
  if (!d) return '';
  return d.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
}

/** Date and time, e.g. for the slip: 2025/01/02 09:03:04 */
export function formatDateTime(value: string | number | Date, locale = 'zh-CN'): string {
  const d = toDate(value);
  if (!d) return '';
  return d.toLocaleString(locale, {
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
}

/** Elapsed time since `from` as M:SS or H:MM:SS (never negative: clocks may drift a little). */
export function formatElapsed(from: string | number | Date, now: number = Date.now()): string {
  const d = toDate(from);
  if (!d) return '';
  const total = Math.max(0, Math.floor((now - d.getTime()) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
