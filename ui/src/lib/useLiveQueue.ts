/**
 * The hall's queue as a component sees it: a /queue snapshot kept current by the event stream,
 * refetched on every (re)connection and, debounced, after events that change waiting counts.
 */
import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { ApiFailure } from '../api/client';
import type { HallApi } from '../api/endpoints';
import { subscribeHallEvents, type HallEventSubscription } from '../api/events';
import type {
  CounterPausedEvent,
  QueueView,
  TicketCalledEvent,
  TicketChangedEvent,
  TicketChangeKind,
  TicketIssuedEvent,
} from '../api/types';
import { applyCounterPaused, applyTicketCalled, applyTicketChanged, applyTicketIssued, emptyQueue } from './queueState';

export interface LiveQueueOptions {
  onIssued?: (ev: TicketIssuedEvent) => void;
  /** A call or a recall (`ev.recall`). */
  onCalled?: (ev: TicketCalledEvent) => void;
  /** A ticket started, finished, no-showed, reinstated or transferred. */
  onTicketChanged?: (kind: TicketChangeKind, ev: TicketChangedEvent) => void;
  onCounterChanged?: (ev: CounterPausedEvent, paused: boolean) => void;
  /** Any event, and each (re)connection: e.g. to refetch a screen's own data. */
  onAnyChange?: () => void;
  onError?: (e: unknown) => void;
  /** Start only when this says so (e.g. a device that has a token). */
  enabled?: () => boolean;
}

export function useLiveQueue(api: HallApi, options: LiveQueueOptions = {}) {
  const queue = shallowRef<QueueView>(emptyQueue());
  const loaded = ref(false);
  const connected = ref(false);
  /** True once the stream has been down for a while (brief reconnects stay silent). */
  const offline = ref(false);
  let offlineTimer: ReturnType<typeof setTimeout> | undefined;
  const failure = shallowRef<ApiFailure | null>(null);
  let sub: HallEventSubscription | null = null;
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let failing = false;

  async function refresh(): Promise<void> {
    const mine = ++generation;
    try {
      const q = await api.queue();
      if (mine !== generation) return; // a newer refetch is under way
      queue.value = q;
      loaded.value = true;
      failure.value = null;
      failing = false;
    } catch (e) {
      failure.value = e instanceof ApiFailure ? e : null;
      // Report when things go wrong, not on every retry while they stay wrong.
      if (!failing) options.onError?.(e);
      failing = true;
    }
  }

  function refreshSoon(ms = 250): void {
    clearTimeout(refetchTimer);
    refetchTimer = setTimeout(() => void refresh(), ms);
  }

  function ticketChanged(kind: TicketChangeKind, ev: TicketChangedEvent): void {
    generation++;
    queue.value = applyTicketChanged(queue.value, ev);
    options.onTicketChanged?.(kind, ev);
    options.onAnyChange?.();
    refreshSoon();
  }

  function counterChanged(ev: CounterPausedEvent, paused: boolean): void {
    generation++;
    queue.value = applyCounterPaused(queue.value, ev, paused);
    options.onCounterChanged?.(ev, paused);
    options.onAnyChange?.();
    refreshSoon();
  }

  function start(): void {
    if (sub || (options.enabled && !options.enabled())) return;
    void refresh();
    sub = subscribeHallEvents({
      url: () => api.eventsUrl(),
      onOpen: () => {
        connected.value = true;
        options.onAnyChange?.();
        clearTimeout(offlineTimer);
        offlineTimer = undefined;
        offline.value = false;
        void refresh();
      },
      onError: (closed) => {
        connected.value = false;
        offlineTimer ??= setTimeout(() => (offline.value = true), 5000);
        // A refused stream may mean a revoked token: /queue tells us (and triggers 401 handling).
        if (closed) refreshSoon(0);
      },
      handlers: {
        ticket_issued: (ev) => {
          generation++; // a snapshot fetched before this event is stale
          queue.value = applyTicketIssued(queue.value, ev);
          options.onIssued?.(ev);
          options.onAnyChange?.();
          // Estimated waits change with every ticket: refetch, a little later.
          refreshSoon(loaded.value ? 500 : 250);
        },
        ticket_called: (ev) => {
          generation++;
          queue.value = applyTicketCalled(queue.value, ev);
          options.onCalled?.(ev);
          options.onAnyChange?.();
          refreshSoon();
        },
        ticket_started: (ev) => ticketChanged('ticket_started', ev),
        ticket_finished: (ev) => ticketChanged('ticket_finished', ev),
        ticket_no_show: (ev) => ticketChanged('ticket_no_show', ev),
        ticket_reinstated: (ev) => ticketChanged('ticket_reinstated', ev),
        ticket_transferred: (ev) => ticketChanged('ticket_transferred', ev),
        counter_paused: (ev) => counterChanged(ev, true),
        counter_resumed: (ev) => counterChanged(ev, false),
      },
    });
  }

  function stop(): void {
    sub?.close();
    sub = null;
    connected.value = false;
    clearTimeout(refetchTimer);
    clearTimeout(offlineTimer);
    offlineTimer = undefined;
  }

  onMounted(start);
  onBeforeUnmount(stop);

  return { queue, loaded, connected, offline, failure, refresh, start, stop };
}
