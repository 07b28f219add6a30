import { describe, expect, it } from 'vitest';
import type { FollowUpView, QueueView } from '../api/types';
import { followUpCounts, overdueSummary, queueFigures } from './adminHome';

const queue = {
  service_day: '2026-11-27',
  categories: [
    { code: 'A', name: '综合', waiting: 3, longest_wait_minutes: 12, estimated_wait_minutes: 9 },
    { code: 'B', name: '不动产', waiting: 0, longest_wait_minutes: 0, estimated_wait_minutes: 0 },
  ],
  counters: [
    { code: '1', name: '1号', kind: 'general', open: true, paused: false, serving: { ticket_id: 1, number: 'A001', status: 'serving' } },
    { code: '2', name: '2号', kind: 'general', open: true, paused: true, serving: null },
    { code: '3', name: '3号', kind: 'general', open: false, paused: false },
  ],
  recent_calls: [],
  stats: { called_today: 7, average_wait_minutes: 4.26 },
} as unknown as QueueView;

describe('queue figures', () => {
  it('add up the lines and the counters', () => {
    expect(queueFigures(queue)).toEqual({ waiting: 3, serving: 1, openCounters: 2, calledToday: 7, averageWait: 4.3 });
  });
  it('have no mean wait before the first call', () => {
    expect(queueFigures({ ...queue, stats: { called_today: 0, average_wait_minutes: null } }).averageWait).toBeNull();
  });
});

describe('follow-up counts', () => {
  it('count the open ones and the overdue ones not closed', () => {
    const f = (state: string) => ({ state }) as FollowUpView;
    expect(followUpCounts([f('open'), f('open')], [f('open'), f('replied'), f('closed')])).toEqual({ open: 2, overdue: 2 });
  });
});

describe('overdue summary', () => {
  const row = (department: string, open: number, yellow: number, red: number) => ({ department, department_name: department, open, yellow, red });
  it('keeps the departments with open tasks, reddest first, and totals', () => {
    const s = overdueSummary([row('A', 1, 0, 0), row('B', 0, 0, 0), row('C', 4, 1, 2), row('D', 3, 2, 0)]);
    expect(s.rows.map((r) => r.department)).toEqual(['C', 'D', 'A']);
    expect([s.open, s.yellow, s.red]).toEqual([8, 3, 2]);
  });
});
