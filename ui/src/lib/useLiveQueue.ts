/**
 * The hall's queue as a component sees it: a /queue snapshot kept current by the event stream,
 * refetched on every (re)connection and, debounced, after events that change waiting counts.
 */
import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { ApiFailure } from '../api/client';
import type { HallApi } from '../api/endpoints';
import { subscribeHallEvents, type HallEventSubscription } from '../api/events';
import type { QueueView, TicketCalledEvent, TicketIssuedEvent } from '../api/types';
import { applyTicketCalled, applyTicketIssued, emptyQueue } from './queueState';

export interface LiveQueueOptions {
  onIssued?: (ev: TicketIssuedEvent) => void;
  onCalled?: (ev: TicketCalledEvent) => void;
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

  function start(): void {
    if (sub || (options.enabled && !options.enabled())) return;
    void refresh();
    sub = subscribeHallEvents({
      url: () => api.eventsUrl(),
      onOpen: () => {
        connected.value = true;
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
          if (!loaded.value) refreshSoon();
        },
        ticket_called: (ev) => {
          generation++;
          queue.value = applyTicketCalled(queue.value, ev);
          options.onCalled?.(ev);
          refreshSoon();
        },
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
