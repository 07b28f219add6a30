import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';
import {
  actionKey,
  auditApiQuery,
  AUDIT_EVENT_KINDS,
  emptyAuditFilters,
  filtersFromQuery,
  filtersToQuery,
  hashPrefix,
  isRequestAction,
  limitFromQuery,
  nextBefore,
  parseActor,
  sameFilters,
} from './auditQuery';

const lookup = (obj: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

describe('audit filters in the address bar', () => {
  it('read the known keys, trimmed, the first of repeated ones, and ignore the rest', () => {
    expect(filtersFromQuery({ action: ' ticket_issued ', actor: ['user:admin', 'user:x'], seq: '3', subject: null })).toEqual({
      from: '',
      to: '',
      actor: 'user:admin',
      action: 'ticket_issued',
      subject: '',
    });
    expect(filtersFromQuery({})).toEqual(emptyAuditFilters());
  });

  it('write only what is set, and read back the same', () => {
    const f = { ...emptyAuditFilters(), from: '2026-11-27', action: 'POST /api/v1/tickets', subject: '  ' };
    const q = filtersToQuery(f);
    expect(q).toEqual({ from: '2026-11-27', action: 'POST /api/v1/tickets' });
    expect(sameFilters(filtersFromQuery(q), f)).toBe(true);
    expect(filtersToQuery(emptyAuditFilters())).toEqual({});
  });

  it('may set the page size', () => {
    expect(limitFromQuery({ limit: '20' })).toBe(20);
    expect(limitFromQuery({ limit: ['5'] })).toBe(5);
    for (const bad of [undefined, '', '0', '501', '2.5', 'x', '-3']) expect(limitFromQuery({ limit: bad }), String(bad)).toBe(50);
  });

  it('treat a cleared field (null) as not set', () => {
    const cleared = { ...emptyAuditFilters(), from: null, action: undefined } as unknown as ReturnType<typeof emptyAuditFilters>;
    expect(filtersToQuery(cleared)).toEqual({});
    expect(sameFilters(cleared, emptyAuditFilters())).toBe(true);
  });

  it('compare trimmed', () => {
    expect(sameFilters({ ...emptyAuditFilters(), actor: 'system ' }, { ...emptyAuditFilters(), actor: 'system' })).toBe(true);
    expect(sameFilters({ ...emptyAuditFilters(), actor: 'system' }, emptyAuditFilters())).toBe(false);
  });
});

describe('the GET /audit query', () => {
  it('carries the filters, the page and the limit, encoded', () => {
    const f = { ...emptyAuditFilters(), from: '2026-11-27T08:00:00+08:00', action: 'POST /api/v1/counters/{code}/call-next' };
    const q = new URLSearchParams(auditApiQuery(f, { before: 120, limit: 50 }).slice(1));
    expect(q.get('from')).toBe('2026-11-27T08:00:00+08:00');
    expect(q.get('action')).toBe('POST /api/v1/counters/{code}/call-next');
    expect(q.get('before')).toBe('120');
    expect(q.get('limit')).toBe('50');
    expect(auditApiQuery(f)).not.toContain('before');
  });

  it('is empty without filters or page', () => {
    expect(auditApiQuery(emptyAuditFilters())).toBe('');
    expect(auditApiQuery(emptyAuditFilters(), { limit: 10 })).toBe('?limit=10');
  });

  it('pages back from the smallest seq shown', () => {
    expect(nextBefore([{ seq: 90 }, { seq: 89 }, { seq: 41 }])).toBe(41);
    expect(nextBefore([])).toBeNull();
  });
});

describe('audit words', () => {
  it('name every known event kind in Chinese and English', () => {
    for (const k of AUDIT_EVENT_KINDS) {
      const key = actionKey(k)!;
      expect(lookup(zhCN, key), k).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof lookup(en, key), k).toBe('string');
    }
    expect(lookup(zhCN, actionKey('ticket_called')!)).toBe('叫号');
  });

  it('leave requests and unknown kinds as they are', () => {
    expect(actionKey('POST /api/v1/tickets')).toBeNull();
    expect(actionKey('something_new')).toBeNull();
    expect(isRequestAction('POST /api/v1/tickets')).toBe(true);
    expect(isRequestAction('ticket_issued')).toBe(false);
  });

  it('tell actors apart', () => {
    expect(parseActor('user:admin')).toEqual({ kind: 'user', name: 'admin' });
    expect(parseActor('device:e2e-kiosk-1')).toEqual({ kind: 'device', name: 'e2e-kiosk-1' });
    expect(parseActor('system')).toEqual({ kind: 'system', name: '' });
    expect(parseActor('public')).toEqual({ kind: 'public', name: '' });
    expect(parseActor('cron')).toEqual({ kind: 'other', name: 'cron' });
  });

  it('shorten a hash', () => {
    expect(hashPrefix('0123456789abcdef0123')).toBe('0123456789ab');
    expect(hashPrefix('abc', 8)).toBe('abc');
  });
});
