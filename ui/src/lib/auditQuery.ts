/**
 * The audit browser's filters: kept in the address bar (so that a link to a filtered view can
 * be shared), sent as `GET /audit` query parameters, and the words shown for actors and actions.
 */

/** What the server filters by; an empty string means any. */
export interface AuditFilters {
  from: string;
  to: string;
  actor: string;
  action: string;
  subject: string;
}

export const AUDIT_FILTER_KEYS = ['from', 'to', 'actor', 'action', 'subject'] as const;

/** One page; "加载更多" asks for the next one. */
export const AUDIT_PAGE_SIZE = 50;
/** The server's largest page. */
export const AUDIT_MAX_LIMIT = 500;

export function emptyAuditFilters(): AuditFilters {
  return { from: '', to: '', actor: '', action: '', subject: '' };
}

type QueryValue = string | null | (string | null)[] | undefined;

function firstString(v: QueryValue): string {
  const s = Array.isArray(v) ? v.find((x) => typeof x === 'string') : v;
  return typeof s === 'string' ? s.trim() : '';
}

/** From the route's query (`?action=ticket_issued`); unknown keys are ignored. */
export function filtersFromQuery(query: Record<string, QueryValue>): AuditFilters {
  const f = emptyAuditFilters();
  for (const k of AUDIT_FILTER_KEYS) f[k] = firstString(query[k]);
  return f;
}

/** The page size a link asks for (`?limit=20`, 1–500), else the default. */
export function limitFromQuery(query: Record<string, QueryValue>): number {
  const s = firstString(query.limit);
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  return n >= 1 && n <= AUDIT_MAX_LIMIT ? n : AUDIT_PAGE_SIZE;
}

/** A cleared date picker or select leaves null or undefined rather than ''. */
const value = (v: string | null | undefined) => (v ?? '').trim();

/** For the route's query: only the filters that are set, trimmed. */
export function filtersToQuery(f: AuditFilters): Record<string, string> {
  const q: Record<string, string> = {};
  for (const k of AUDIT_FILTER_KEYS) {
    const v = value(f[k]);
    if (v) q[k] = v;
  }
  return q;
}

export function sameFilters(a: AuditFilters, b: AuditFilters): boolean {
  return AUDIT_FILTER_KEYS.every((k) => value(a[k]) === value(b[k]));
}

/** `?from=…&action=…&before=…&limit=…` for `GET /api/v1/audit`. */
export function auditApiQuery(f: AuditFilters, page: { before?: number | null; limit?: number } = {}): string {
  const q = new URLSearchParams(filtersToQuery(f));
  if (page.before != null) q.set('before', String(page.before));
  if (page.limit != null) q.set('limit', String(page.limit));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The next page's `before`: the smallest seq seen (entries come newest first). */
export function nextBefore(entries: readonly { seq: number }[]): number | null {
  return entries.length ? Math.min(...entries.map((e) => e.seq)) : null;
}

/**
 * The event kinds the chain records as actions (actor `system`), each with words under
 * `audit.kind.<kind>`. Requests (`POST /api/v1/…`) and kinds added later show as they are.
 */
export const AUDIT_EVENT_KINDS = [
  'ticket_issued',
  'ticket_called',
  'ticket_started',
  'ticket_finished',
  'ticket_no_show',
  'ticket_reinstated',
  'ticket_transferred',
  'counter_paused',
  'counter_resumed',
  'case_accepted',
  'case_changed',
  'case_output',
  'task_changed',
  'task_warning',
  'rating_submitted',
  'follow_up_changed',
  'follow_up_overdue',
  'message_submitted',
  'message_changed',
  'message_overdue',
  'calendar_loaded',
  'user_created',
  'user_changed',
  'user_password_reset',
  'device_registered',
  'device_revoked',
  'hall_settings_changed',
  'catalog_draft_changed',
  'catalog_draft_imported',
  'catalog_draft_discarded',
  'catalog_published',
] as const;

const KNOWN_KINDS: ReadonlySet<string> = new Set(AUDIT_EVENT_KINDS);

/** The i18n key of a known event kind's words, or null (show the action as it is). */
export function actionKey(action: string): string | null {
  return KNOWN_KINDS.has(action) ? `audit.kind.${action}` : null;
}

/** A request's action (`POST /api/v1/tickets`) rather than an event kind. */
export function isRequestAction(action: string): boolean {
  return /^[A-Z]+ \//.test(action);
}

export type ActorKind = 'user' | 'device' | 'system' | 'public' | 'other';

/** `user:<username>`, `device:<name>`, `system`, `public`. */
export function parseActor(actor: string): { kind: ActorKind; name: string } {
  if (actor === 'system' || actor === 'public') return { kind: actor, name: '' };
  const m = /^(user|device):(.+)$/.exec(actor);
  if (m) return { kind: m[1] as 'user' | 'device', name: m[2]! };
  return { kind: 'other', name: actor };
}

/** Enough of a SHA-256 hex hash to tell entries apart by eye. */
export function hashPrefix(hash: string, n = 12): string {
  return hash.slice(0, n);
}
