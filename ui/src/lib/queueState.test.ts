import { describe, expect, it } from 'vitest';
import type { QueueView } from '../api/types';
import { applyTicketCalled, applyTicketIssued, callKey } from './queueState';

const base: QueueView = {
  service_day: '2025-01-01',
  categories: [
    { code: 'A', name: '企业服务', description: '', waiting: 2 },
    { code: 'B', name: '个人服务', description: '', waiting: 0 },
  ],
  counters: [{ code: '1', name: '1号综合窗口', kind: 'intake', serving: null }],
  recent_calls: [],
};
const call = (id: number, at: string) => ({
  ticket_id: id, number: `A00${id}`, category: 'A', counter: '1', counter_name: '1号综合窗口', called_at: at,
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
});
