/**
 * Live hall events over Server-Sent Events. EventSource reconnects by itself (sending
 * Last-Event-ID so the server replays what was missed); when the server refuses the stream
 * outright (e.g. 401) the browser gives up, so we start a fresh one after a pause, resuming
 * with `last_event_id` (the query twin of the Last-Event-ID header, which only the browser's own
 * reconnects send).
 */
import { CASE_EVENT_KINDS, HALL_EVENT_KINDS, type CaseEvent, type CaseEventKind, type HallEventKind, type HallEvents } from './types';

export type HallEventHandlers = { [K in HallEventKind]?: (data: HallEvents[K]) => void } & {
  [K in CaseEventKind]?: (data: CaseEvent) => void;
};

export interface HallEventOptions {
  /** Builds the stream URL (it carries the token, which may change). */
  url: () => string;
  handlers: HallEventHandlers;
  /** Each (re)connection: refetch state to be safe. */
  onOpen?: () => void;
  /** The stream broke; `closed` is true when the browser will not retry by itself. */
  onError?: (closed: boolean) => void;
  retryMs?: number;
}

export interface HallEventSubscription {
  close(): void;
  readonly connected: boolean;
}

const KINDS: readonly (HallEventKind | CaseEventKind)[] = [...HALL_EVENT_KINDS, ...CASE_EVENT_KINDS];

/** Adds `last_event_id` to a stream URL when resuming. */
export function withLastEventId(url: string, lastEventId: string): string {
  if (!lastEventId) return url;
  return `${url}${url.includes('?') ? '&' : '?'}last_event_id=${encodeURIComponent(lastEventId)}`;
}

export function subscribeHallEvents(options: HallEventOptions): HallEventSubscription {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let connected = false;
  let lastEventId = '';

  const connect = () => {
    if (stopped) return;
    const es = new EventSource(withLastEventId(options.url(), lastEventId));
    source = es;
    es.onopen = () => {
      connected = true;
      options.onOpen?.();
    };
    es.onerror = () => {
      connected = false;
      const closed = es.readyState === EventSource.CLOSED;
      options.onError?.(closed);
      if (closed && !stopped) {
        es.close();
        retryTimer = setTimeout(connect, options.retryMs ?? 3000);
      }
    };
    for (const kind of KINDS) {
      es.addEventListener(kind, (ev) => {
        const handler = options.handlers[kind] as ((d: unknown) => void) | undefined;
        const id = (ev as MessageEvent<string>).lastEventId;
        if (id) lastEventId = id;
        if (!handler) return;
        try {
          handler(JSON.parse((ev as MessageEvent<string>).data));
        } catch (e) {
          console.warn(`bad ${kind} event`, e);
        }
      });
    }
  };

  connect();
  return {
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
      source = null;
    },
    get connected() {
      return connected;
    },
  };
}
