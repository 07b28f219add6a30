/**
 * 好差评: the five levels, the rating request and the admin's filters, kept apart from the
 * screens so that they can be tested alone.
 */
import { ApiFailure } from '../api/client';
import type { RateRequest } from '../api/types';

/** Best first, as the buttons are laid out: 5 非常满意 … 1 非常不满意. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** The server's limit on a comment. */
export const COMMENT_MAX = 500;

export function isRatingLevel(n: unknown): n is RatingLevel {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;
}

/** The i18n key of a level's words (`rating.level.5` = 非常满意). */
export function levelKey(level: number): string {
  return `rating.level.${level}`;
}

/** Levels 1–2 open a follow-up (差评回访). */
export function isBadLevel(level: number): boolean {
  return level <= 2;
}

/** What is rated: exactly one of a ticket, a case by number or a case by its tracking code. */
export type RatingSubject = { ticketId: number } | { caseNo: string } | { trackingCode: string };

/** The body of `POST /ratings`; the comment trimmed and left out when empty. */
export function buildRateRequest(subject: RatingSubject, level: number, comment = ''): RateRequest {
  if (!isRatingLevel(level)) throw new RangeError(`rating level ${level} is not 1..5`);
  const text = comment.trim();
  if ([...text].length > COMMENT_MAX) throw new RangeError(`comment longer than ${COMMENT_MAX} characters`);
  const body: RateRequest =
    'ticketId' in subject
      ? { ticket_id: subject.ticketId, level }
      : 'caseNo' in subject
        ? { case_no: subject.caseNo, level }
        : { tracking_code: subject.trackingCode, level };
  if (text) body.comment = text;
  return body;
}

/** How a refused rating reads to the one who gave it. */
export type RateRefusal = 'already_rated' | 'not_ready' | 'other';

export function rateRefusal(e: unknown): RateRefusal {
  if (!(e instanceof ApiFailure) || e.isNetwork) return 'other';
  if (e.code === 'already_rated') return 'already_rated';
  if (e.code === 'illegal_transition') return 'not_ready';
  return 'other';
}

/** Case statuses that can be rated (decided). */
const DECIDED = ['approved', 'partially_approved', 'rejected', 'terminated'];
export function caseRateable(status: string | null | undefined): boolean {
  return DECIDED.includes(status ?? '');
}

export interface RatingFilters {
  from?: string | null;
  to?: string | null;
  counter?: string | null;
  clerk?: number | null;
  matter?: string | null;
  level?: number | null;
}

/** `?from=…&level=…` for `GET /ratings`: empty filters left out ('' when none). */
export function ratingsQuery(f: RatingFilters): string {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.counter) q.set('counter', f.counter);
  if (f.clerk != null) q.set('clerk', String(f.clerk));
  if (f.matter) q.set('matter', f.matter);
  if (f.level != null && isRatingLevel(f.level)) q.set('level', String(f.level));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface FollowUpFilters {
  state?: 'open' | 'replied' | 'closed' | null;
  overdue?: boolean | null;
}

export function followUpsQuery(f: FollowUpFilters): string {
  const q = new URLSearchParams();
  if (f.state) q.set('state', f.state);
  if (f.overdue != null) q.set('overdue', String(f.overdue));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The evaluation screen goes back to waiting this long after a rating. */
export const EVALUATE_RESET_MS = 10_000;

/** The ticket the evaluation screen of `counter` should ask about, from a `ticket_finished` event. */
export function finishedAt(counter: string | null, ev: { ticket_id: number; number: string; counter: string | null }): { id: number; number: string } | null {
  if (!counter || ev.counter !== counter) return null;
  return { id: ev.ticket_id, number: ev.number };
}
