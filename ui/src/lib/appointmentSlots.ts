/** Showing bookable days and slots (`GET /public/appointment-slots`) in words. */
import type { SlotDayView, SlotView } from '../api/types';

/** "09:00–10:00" (the server's hall-local times, as they are). */
export function slotRange(slot: Pick<SlotView, 'start' | 'end'>): string {
  return `${slot.start}–${slot.end}`;
}

/** `few`: the last place or so, said so the person does not dawdle. */
export type SlotState = 'open' | 'few' | 'full';

export function slotState(slot: Pick<SlotView, 'capacity' | 'remaining'>): SlotState {
  if (slot.remaining <= 0) return 'full';
  return slot.remaining <= Math.max(1, Math.floor(slot.capacity / 4)) ? 'few' : 'open';
}

/** Places left over the whole day. */
export function dayRemaining(day: Pick<SlotDayView, 'slots'>): number {
  return day.slots.reduce((n, s) => n + Math.max(0, s.remaining), 0);
}

/** A YYYY-MM-DD calendar date as a Date at UTC midnight (formatted in UTC: no day shift). */
function calendarDate(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "11月30日" / "Nov 30". */
export function formatBookingDate(date: string, locale: string): string {
  const d = calendarDate(date);
  if (!d) return date;
  return d.toLocaleDateString(locale, { month: locale.startsWith('zh') ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' });
}

/** "2026年11月30日" / "Nov 30, 2026": on the booked appointment, where the year matters. */
export function formatBookingFullDate(date: string, locale: string): string {
  const d = calendarDate(date);
  if (!d) return date;
  return d.toLocaleDateString(locale, { year: 'numeric', month: locale.startsWith('zh') ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A working weekend (调休): the server's label names it, e.g. "星期六（元旦调休上班）". */
export function isMakeUpWorkday(label: string): boolean {
  return label.includes('调休');
}

/**
 * The day's second line: in Chinese the server's own label (it names a make-up day's holiday);
 * otherwise (or without a label) the weekday, and `makeUp` appended on a make-up working day.
 */
export function bookingDayLabel(day: Pick<SlotDayView, 'date' | 'label'>, locale: string, makeUp: string): string {
  if (locale.startsWith('zh') && day.label) return day.label;
  const d = calendarDate(day.date);
  const weekday = d ? d.toLocaleDateString(locale, { weekday: 'long', timeZone: 'UTC' }) : day.label;
  return isMakeUpWorkday(day.label) ? `${weekday} · ${makeUp}` : weekday;
}

/** "08:30": a check-in window's end as a clock time of this device (the hall's, on a kiosk). */
export function formatHallTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
}
