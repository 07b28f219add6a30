import { describe, expect, it } from 'vitest';
import { isoDay, minutes, percent, quickRange, rangeQuery } from './statsRange';

describe('quickRange', () => {
  // Thursday 2026-10-15, afternoon.
  const now = new Date(2026, 9, 15, 15, 30);

  it('is today, this week from Monday, this month from the 1st', () => {
    expect(quickRange('today', now)).toEqual({ from: '2026-10-15', to: '2026-10-15' });
    expect(quickRange('week', now)).toEqual({ from: '2026-10-12', to: '2026-10-15' });
    expect(quickRange('month', now)).toEqual({ from: '2026-10-01', to: '2026-10-15' });
    expect(quickRange('last7', now)).toEqual({ from: '2026-10-09', to: '2026-10-15' });
    // Across a month's start.
    expect(quickRange('last7', new Date(2026, 11, 2, 9))).toEqual({ from: '2026-11-26', to: '2026-12-02' });
  });

  it('starts a week on Monday even on a Sunday, across a month', () => {
    expect(quickRange('week', new Date(2026, 10, 1, 9))).toEqual({ from: '2026-10-26', to: '2026-11-01' });
    expect(quickRange('week', new Date(2026, 9, 12, 9)).from).toBe('2026-10-12');
  });
});

describe('formatting', () => {
  it('pads days, builds queries, shows rates and minutes', () => {
    expect(isoDay(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(rangeQuery({ from: '2026-01-01', to: '2026-01-31' }, { format: 'csv', x: null })).toBe('?from=2026-01-01&to=2026-01-31&format=csv');
    expect(rangeQuery({})).toBe('');
    expect(percent(0.6667)).toBe('66.7%');
    expect(percent(null)).toBe('—');
    expect(minutes(11.25)).toBe('11.3');
    expect(minutes(undefined)).toBe('—');
  });
});
