import { describe, expect, it } from 'vitest';
import type { QueueView } from '../api/types';
import { applyCounterPaused, applyTicketCalled, applyTicketChanged, applyTicketIssued, callKey, emptyQueue, latestCallPerTicket } from './queueState';

const base: QueueView = {
  service_day: '2025-01-01',
  categories: [
    { code: 'A', name: '企业服务', waiting: 2, longest_wait_minutes: 3, estimated_wait_minutes: 6 },
    { code: 'B', name: '个人服务', waiting: 0, longest_wait_minutes: 0, estimated_wait_minutes: 0 },
  ],
  counters: [
    { code: '1', name: '1号综合窗口', kind: 'intake', open: true, paused: false, serving: null },
    { code: '2', name: '2号综合窗口', kind: 'intake', open: true, paused: false, serving: null },
  ],
  recent_calls: [],
  stats: { called_today: 0 },
};
const call = (id: number, at: string, counter = '1', recall = false) => ({
  ticket_id: id, number: `A00${id}`, category: 'A', counter, counter_name: `${counter}号综合窗口`, called_at: at, recall,
});
const change = (id: number, status: string, counter = '1') => ({
  ticket_id: id, number: `A00${id}`, category: 'A', counter, status, note: '',
});

describe('queue events', () => {
  it('ticket_issued sets the category waiting count', () => {
    const q = applyTicketIssued(base, { ticket_id: 9, number: 'B001', category: 'B', waiting: 1 });
    expect(q.categories.map((c) => c.waiting)).toEqual([2, 1]);
    expect(base.categories[1]!.waiting).toBe(0); // not mutated
  });

  it('ticket_called puts the call first and marks the counter serving', () => {
    let q = applyTicketCalled(base, call(1, '2025-01-01T01:00:00Z'));
    q = applyTicketCalled(q, call(2, '2025-01-01T01:01:00Z'));
    expect(q.recent_calls.map((c) => c.number)).toEqual(['A002', 'A001']);
    expect(q.counters[0]!.serving?.number).toBe('A002');
  });

  it('a recall moves the ticket to the top without duplicating it', () => {
    let q = applyTicketCalled(base, call(1, '2025-01-01T01:00:00Z'));
    q = applyTicketCalled(q, call(2, '2025-01-01T01:01:00Z'));
    q = applyTicketCalled(q, call(1, '2025-01-01T01:02:00Z'));
    expect(q.recent_calls.map((c) => c.number)).toEqual(['A001', 'A002']);
  });

  it('the same event twice changes nothing', () => {
    const q = applyTicketCalled(base, call(1, '2025-01-01T01:00:00Z'));
    expect(applyTicketCalled(q, call(1, '2025-01-01T01:00:00Z'))).toBe(q);
  });

  it('keeps at most ten calls', () => {
    let q = base;
    for (let i = 1; i <= 15; i++) q = applyTicketCalled(q, call(i, `2025-01-01T01:${String(i).padStart(2, '0')}:00Z`));
    expect(q.recent_calls).toHaveLength(10);
    expect(q.recent_calls[0]!.ticket_id).toBe(15);
  });

  it('callKey tells a recall apart', () => {
    expect(callKey(call(1, 'x'))).not.toBe(callKey(call(1, 'y')));
    expect(callKey(null)).toBeNull();
  });

  it('a recall keeps its mark', () => {
    let q = applyTicketCalled(base, call(1, '2025-01-01T01:00:00Z'));
    q = applyTicketCalled(q, call(1, '2025-01-01T01:02:00Z', '1', true));
    expect(q.recent_calls).toHaveLength(1);
    expect(q.recent_calls[0]!.recall).toBe(true);
  });

  it('a transferred ticket called elsewhere leaves its first counter', () => {
    let q = applyTicketCalled(base, call(1, '2025-01-01T01:00:00Z', '1'));
    q = applyTicketCalled(q, call(1, '2025-01-01T01:05:00Z', '2'));
    expect(q.counters.map((c) => c.serving?.number ?? null)).toEqual([null, 'A001']);
  });

  it('start, finish and no-show update what the counter serves', () => {
    let q = applyTicketCalled(base, call(1, '2025-01-01T01:00:00Z'));
    q = applyTicketChanged(q, change(1, 'serving'));
    expect(q.counters[0]!.serving?.status).toBe('serving');
    q = applyTicketChanged(q, change(1, 'done'));
    expect(q.counters[0]!.serving).toBeNull();
    q = applyTicketCalled(q, call(2, '2025-01-01T01:10:00Z'));
    q = applyTicketChanged(q, change(9, 'done'));
    expect(q.counters[0]!.serving?.number).toBe('A002');
    q = applyTicketChanged(q, change(2, 'no_show'));
    expect(q.counters[0]!.serving).toBeNull();
  });

  it('pause and resume mark the counter', () => {
    const q = applyCounterPaused(base, { counter: '2', counter_name: '2号综合窗口' }, true);
    expect(q.counters.map((c) => c.paused)).toEqual([false, true]);
    expect(applyCounterPaused(q, { counter: '2', counter_name: '2号综合窗口' }, false).counters[1]!.paused).toBe(false);
  });

  it('the board lists each ticket once, at its latest call', () => {
    const calls = [call(1, 't3', '2'), call(1, 't2', '1', true), call(2, 't1'), call(1, 't0')];
    expect(latestCallPerTicket(calls).map((c) => `${c.number}@${c.counter}`)).toEqual(['A001@2', 'A002@1']);
  });

  it('an empty snapshot is well-formed', () => {
    expect(emptyQueue().stats.called_today).toBe(0);
  });
});
