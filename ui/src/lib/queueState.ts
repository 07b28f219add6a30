/** Folding live events into the last /queue snapshot (pure, so it is unit-tested). */
import type {
  CounterPausedEvent,
  QueueView,
  RecentCall,
  TicketCalledEvent,
  TicketChangedEvent,
  TicketIssuedEvent,
} from '../api/types';

export const RECENT_CALLS_KEPT = 10;

export function emptyQueue(): QueueView {
  return { service_day: '', categories: [], counters: [], recent_calls: [], stats: { called_today: 0 } };
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
  const call: RecentCall = { ...ev, recall: ev.recall ?? false };
  const recent = [call, ...q.recent_calls.filter((c) => c.ticket_id !== ev.ticket_id)].slice(0, RECENT_CALLS_KEPT);
  return {
    ...q,
    recent_calls: recent,
    counters: q.counters.map((c) =>
      c.code === ev.counter
        ? { ...c, serving: { ticket_id: ev.ticket_id, number: ev.number, status: 'called', called_at: ev.called_at } }
        : c.serving?.ticket_id === ev.ticket_id
          ? { ...c, serving: null } // transferred away and called elsewhere
          : c,
    ),
  };
}

/** A counter started, finished, no-showed or transferred its ticket: it serves it, or nobody. */
export function applyTicketChanged(q: QueueView, ev: TicketChangedEvent): QueueView {
  return {
    ...q,
    counters: q.counters.map((c) => {
      if (c.serving?.ticket_id !== ev.ticket_id) return c;
      if (ev.status === 'serving' || ev.status === 'called') return { ...c, serving: { ...c.serving, status: ev.status } };
      return { ...c, serving: null };
    }),
  };
}

export function applyCounterPaused(q: QueueView, ev: CounterPausedEvent, paused: boolean): QueueView {
  return { ...q, counters: q.counters.map((c) => (c.code === ev.counter ? { ...c, paused } : c)) };
}

/**
 * The server lists every call, recalls included (newest first): one line per ticket, its latest
 * call, for the board.
 */
export function latestCallPerTicket(calls: readonly RecentCall[]): RecentCall[] {
  const seen = new Set<number>();
  return calls.filter((c) => (seen.has(c.ticket_id) ? false : (seen.add(c.ticket_id), true)));
}

/** Identity of a call (a recall of the same ticket is a new call). */
export function callKey(call: { ticket_id: unknown; called_at: string } | undefined | null): string | null {
  return call ? `${String(call.ticket_id)}@${call.called_at}` : null;
}
