import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/client';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';
import {
  buildRateRequest,
  caseRateable,
  COMMENT_MAX,
  finishedAt,
  followUpsQuery,
  isBadLevel,
  isRatingLevel,
  levelKey,
  RATING_LEVELS,
  ratingsQuery,
  rateRefusal,
} from './rating';

const lookup = (obj: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);

describe('rating levels', () => {
  it('go best first, 5 down to 1', () => {
    expect([...RATING_LEVELS]).toEqual([5, 4, 3, 2, 1]);
  });

  it('have the official words in Chinese and English', () => {
    const zh = RATING_LEVELS.map((l) => lookup(zhCN, levelKey(l)));
    expect(zh).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    const words = RATING_LEVELS.map((l) => lookup(en, levelKey(l)));
    expect(words).toEqual(['Very satisfied', 'Satisfied', 'Fairly satisfied', 'Dissatisfied', 'Very dissatisfied']);
  });

  it('1 and 2 are bad reviews', () => {
    expect(RATING_LEVELS.filter(isBadLevel)).toEqual([2, 1]);
  });

  it('accept only whole numbers 1..5', () => {
    expect([0, 1, 5, 6, 2.5, '3', null].map(isRatingLevel)).toEqual([false, true, true, false, false, false, false]);
  });
});

describe('buildRateRequest', () => {
  it('names exactly one subject', () => {
    expect(buildRateRequest({ ticketId: 42 }, 5)).toEqual({ ticket_id: 42, level: 5 });
    expect(buildRateRequest({ caseNo: 'SZ2026' }, 3)).toEqual({ case_no: 'SZ2026', level: 3 });
    expect(buildRateRequest({ trackingCode: 'abc' }, 1)).toEqual({ tracking_code: 'abc', level: 1 });
  });

  it('trims the comment and leaves an empty one out', () => {
    expect(buildRateRequest({ ticketId: 1 }, 2, '  排队太久  ')).toEqual({ ticket_id: 1, level: 2, comment: '排队太久' });
    expect(buildRateRequest({ ticketId: 1 }, 2, '   ')).toEqual({ ticket_id: 1, level: 2 });
  });

  it('refuses a level outside 1..5 and a comment over 500 characters (counted as characters)', () => {
    expect(() => buildRateRequest({ ticketId: 1 }, 0)).toThrow(RangeError);
    expect(() => buildRateRequest({ ticketId: 1 }, 6)).toThrow(RangeError);
    expect(buildRateRequest({ ticketId: 1 }, 4, '好'.repeat(COMMENT_MAX)).comment).toHaveLength(COMMENT_MAX);
    expect(buildRateRequest({ ticketId: 1 }, 4, '😀'.repeat(COMMENT_MAX)).comment).toBeTruthy();
    expect(() => buildRateRequest({ ticketId: 1 }, 4, '好'.repeat(COMMENT_MAX + 1))).toThrow(RangeError);
  });
});

describe('rateRefusal', () => {
  it('tells an earlier rating and an undecided subject from other failures', () => {
    expect(rateRefusal(new ApiFailure('http', 409, 'already_rated', '已经评价过了'))).toBe('already_rated');
    expect(rateRefusal(new ApiFailure('http', 409, 'illegal_transition', '尚未办结'))).toBe('not_ready');
    expect(rateRefusal(new ApiFailure('http', 422, 'invalid_input', '等级无效'))).toBe('other');
    expect(rateRefusal(new ApiFailure('network', 0, 'network_error', 'offline'))).toBe('other');
    expect(rateRefusal(new Error('x'))).toBe('other');
  });
});

describe('caseRateable', () => {
  it('is true for a decided case only', () => {
    expect(['approved', 'partially_approved', 'rejected', 'terminated'].every(caseRateable)).toBe(true);
    expect(['in_progress', 'suspended', '', null, undefined].some(caseRateable)).toBe(false);
  });
});

describe('queries', () => {
  it('ratings: only the filters given', () => {
    expect(ratingsQuery({})).toBe('');
    expect(ratingsQuery({ from: '2026-09-01', to: '2026-09-30', level: 2 })).toBe('?from=2026-09-01&to=2026-09-30&level=2');
    expect(ratingsQuery({ from: '', level: null, counter: '3', clerk: 7, matter: 'SCJGJ-001' })).toBe('?counter=3&clerk=7&matter=SCJGJ-001');
    expect(ratingsQuery({ level: 9 })).toBe('');
  });

  it('follow-ups: state and overdue', () => {
    expect(followUpsQuery({})).toBe('');
    expect(followUpsQuery({ state: 'open', overdue: true })).toBe('?state=open&overdue=true');
    expect(followUpsQuery({ state: null, overdue: false })).toBe('?overdue=false');
  });
});

describe('finishedAt', () => {
  const ev = { ticket_id: 9, number: 'A009', counter: '1', category: 'A', status: 'done', note: '' };
  it('is the ticket finished at this counter only', () => {
    expect(finishedAt('1', ev)).toEqual({ id: 9, number: 'A009' });
    expect(finishedAt('2', ev)).toBeNull();
    expect(finishedAt(null, ev)).toBeNull();
    expect(finishedAt('1', { ...ev, counter: null })).toBeNull();
  });
});
