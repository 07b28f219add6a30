/** Folding live events into the last /queue snapshot (pure, so it is unit-tested). */
import type { QueueView, TicketCalledEvent, TicketIssuedEvent } from '../api/types';

export const RECENT_CALLS_KEPT = 10;

export function emptyQueue(): QueueView {
  return { service_day: '', categories: [], counters: [], recent_calls: [] };
}

export function applyTicketIssued(q: QueueView, ev: TicketIssuedEvent): QueueView {
  return {
    ...q,
    categories: q.categories.map((c) => (c.code === ev.category ? { ...c, waiting: ev.waiting } : c)),
  };
}

/**
 * A call: newest first in recent_calls (a recall of the same ticket moves it to the top), and
 * the counter now serves it. Waiting counts are not in the event; the caller refetches them.
 */
export function applyTicketCalled(q: QueueView, ev: TicketCalledEvent): QueueView {
  const already = q.recent_calls[0];
  if (already && already.ticket_id === ev.ticket_id && already.called_at === ev.called_at) return q;
  const recent = [ev, ...q.recent_calls.filter((c) => c.ticket_id !== ev.ticket_id)].slice(0, RECENT_CALLS_KEPT);
  return {
    ...q,
    recent_calls: recent,
    counters: q.counters.map((c) =>
      c.code === ev.counter
        ? { ...c, serving: { ticket_id: ev.ticket_id, number: ev.number, status: 'called', called_at: ev.called_at } }
        : c,
    ),
  };
}

/** Identity of a call (a recall of the same ticket is a new call). */
export function callKey(call: { ticket_id: unknown; called_at: string } | undefined | null): string | null {
  return call ? `${String(call.ticket_id)}@${call.called_at}` : null;
}
