import { describe, expect, it } from 'vitest';
import {
  bookingDayLabel,
  dayRemaining,
  formatBookingDate,
  formatBookingFullDate,
  formatHallTime,
  isMakeUpWorkday,
  slotRange,
  slotState,
} from './appointmentSlots';

describe('appointment slots in words', () => {
  it('show a slot as a time range', () => {
    expect(slotRange({ start: '09:00', end: '10:00' })).toBe('09:00–10:00');
  });

  it('tell open, nearly full and full slots apart', () => {
    expect(slotState({ capacity: 4, remaining: 4 })).toBe('open');
    expect(slotState({ capacity: 4, remaining: 2 })).toBe('open');
    expect(slotState({ capacity: 4, remaining: 1 })).toBe('few');
    expect(slotState({ capacity: 4, remaining: 0 })).toBe('full');
    expect(slotState({ capacity: 20, remaining: 5 })).toBe('few');
    expect(slotState({ capacity: 1, remaining: 1 })).toBe('few');
    expect(slotState({ capacity: 4, remaining: -1 })).toBe('full');
  });

  it('add up the places left in a day', () => {
    const slot = (remaining: number) => ({ start: '09:00', end: '10:00', capacity: 4, remaining });
    expect(dayRemaining({ slots: [slot(4), slot(0), slot(2)] })).toBe(6);
    expect(dayRemaining({ slots: [] })).toBe(0);
  });

  it('format calendar dates without shifting the day', () => {
    expect(formatBookingDate('2026-11-30', 'zh-CN')).toBe('11月30日');
    expect(formatBookingDate('2026-11-30', 'en')).toBe('Nov 30');
    expect(formatBookingFullDate('2026-11-30', 'zh-CN')).toBe('2026年11月30日');
    expect(formatBookingFullDate('2026-01-01', 'en')).toBe('Jan 1, 2026');
    expect(formatBookingDate('soon', 'zh-CN')).toBe('soon');
  });

  it('label days: the server label in Chinese, the weekday otherwise', () => {
    const monday = { date: '2026-11-30', label: '星期一' };
    const makeUp = { date: '2026-10-10', label: '星期六（国庆节调休上班）' };
    expect(isMakeUpWorkday(monday.label)).toBe(false);
    expect(isMakeUpWorkday(makeUp.label)).toBe(true);
    expect(bookingDayLabel(monday, 'zh-CN', '调休')).toBe('星期一');
    expect(bookingDayLabel(makeUp, 'zh-CN', 'x')).toBe('星期六（国庆节调休上班）');
    expect(bookingDayLabel(monday, 'en', 'make-up working day')).toBe('Monday');
    expect(bookingDayLabel(makeUp, 'en', 'make-up working day')).toBe('Saturday · make-up working day');
    expect(bookingDayLabel({ date: '2026-11-30', label: '' }, 'zh-CN', '调休')).toBe('星期一');
  });

  it('show a check-in instant as a local clock time', () => {
    const d = new Date(2026, 10, 30, 8, 30);
    expect(formatHallTime(d.toISOString(), 'zh-CN')).toBe('08:30');
    expect(formatHallTime('nonsense', 'zh-CN')).toBe('');
  });
});
