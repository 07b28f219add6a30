/** The admin home page's figures, worked out from the API's answers (kept apart to be tested alone). */
import type { FollowUpView, QueueView } from '../api/types';
import type { OverdueRow } from '../api/admin';

export interface QueueFigures {
  waiting: number;
  serving: number;
  openCounters: number;
  calledToday: number;
  /** Minutes, one decimal; null before the first call of the day. */
  averageWait: number | null;
}

export function queueFigures(q: QueueView): QueueFigures {
  const wait = q.stats.average_wait_minutes;
  return {
    waiting: q.categories.reduce((n, c) => n + c.waiting, 0),
    serving: q.counters.filter((c) => c.serving).length,
    openCounters: q.counters.filter((c) => c.open).length,
    calledToday: q.stats.called_today,
    averageWait: wait == null ? null : Math.round(wait * 10) / 10,
  };
}

/** Open ones and, among those not yet closed, the ones past their day to answer by. */
export function followUpCounts(open: readonly FollowUpView[], overdue: readonly FollowUpView[]): { open: number; overdue: number } {
  return { open: open.length, overdue: overdue.filter((f) => f.state !== 'closed').length };
}

/** The report's rows with something open, reddest first; and the hall's totals. */
export function overdueSummary(rows: readonly OverdueRow[]): { rows: OverdueRow[]; open: number; yellow: number; red: number } {
  const busy = rows
    .filter((r) => r.open > 0 || r.yellow > 0 || r.red > 0)
    .sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.open - a.open || a.department.localeCompare(b.department));
  const sum = (k: 'open' | 'yellow' | 'red') => rows.reduce((n, r) => n + r[k], 0);
  return { rows: busy, open: sum('open'), yellow: sum('yellow'), red: sum('red') };
}
