import { describe, expect, it } from 'vitest';
import zhCN from '../locales/zh-CN.json';
import en from '../locales/en.json';
import { formatElapsed, waitingAheadText, type Translate } from './format';

/** A tiny stand-in for vue-i18n's t() over our real message files. */
function translator(messages: Record<string, unknown>): Translate {
  return (key, named = {}) => {
    const msg = key.split('.').reduce<unknown>((m, k) => (m as Record<string, unknown>)[k], messages) as string;
    return msg.replace(/\{(\w+)\}/g, (_, name: string) => String(named[name]));
  };
}

describe('waitingAheadText', () => {
  const zh = translator(zhCN);
  it('says how many are ahead', () => {
    expect(waitingAheadText(zh, 3)).toBe('前面还有 3 人');
    expect(waitingAheadText(zh, 12)).toBe('前面还有 12 人');
  });
  it('has its own sentence when nobody is ahead', () => {
    expect(waitingAheadText(zh, 0)).toBe('前面没有人等候，请留意叫号');
  });
  it('never shows negative or fractional people', () => {
    expect(waitingAheadText(zh, -2)).toBe(waitingAheadText(zh, 0));
    expect(waitingAheadText(zh, 2.7)).toBe('前面还有 2 人');
    expect(waitingAheadText(zh, Number.NaN)).toBe(waitingAheadText(zh, 0));
  });
  it('speaks English too', () => {
    expect(waitingAheadText(translator(en), 4)).toBe('4 ahead of you');
  });
});

describe('formatElapsed', () => {
  const t0 = Date.parse('2025-03-01T01:00:00Z');
  it('formats minutes and seconds', () => {
    expect(formatElapsed('2025-03-01T01:00:00Z', t0 + 65_000)).toBe('1:05');
  });
  it('adds hours when needed', () => {
    expect(formatElapsed('2025-03-01T01:00:00Z', t0 + 3_725_000)).toBe('1:02:05');
  });
  it('clamps clock skew to zero', () => {
    expect(formatElapsed('2025-03-01T01:00:00Z', t0 - 5_000)).toBe('0:00');
  });
  it('returns empty for garbage', () => {
    expect(formatElapsed('not a date', t0)).toBe('');
  });
});
