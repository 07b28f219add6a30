/**
 * The working-day calendar as the admin sees it: holiday-cn files (`{year, papers, days:[{name,
 * date, isOffDay}]}`, the format the server loads) read and laid out as month grids, weeks
 * starting on Monday as Chinese calendars do.
 */

export interface HolidayDay {
  name: string;
  /** YYYY-MM-DD */
  date: string;
  /** true: a day off (法定节假日); false: a weekend day worked instead (调休上班). */
  isOffDay: boolean;
}

export interface HolidayFile {
  year: number;
  papers: string[];
  days: HolidayDay[];
}

export type DayKind = 'holiday' | 'makeup' | 'weekend' | 'workday';

export interface DayCell {
  date: string;
  day: number;
  /** Days of the neighbouring months that fill the first and last week. */
  inMonth: boolean;
  kind: DayKind;
  /** The holiday's name, for holidays and make-up days. */
  name: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The parsed file, or why it is not a holiday-cn file (a key for `calendarAdmin.file.*`).
 * The server checks again; this only spares the admin a round trip for the wrong file.
 */
export function parseHolidayFile(text: string): { file: HolidayFile } | { problem: 'notJson' | 'notHolidayCn' | 'wrongYear' } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'notJson' };
  }
  if (!raw || typeof raw !== 'object') return { problem: 'notHolidayCn' };
  const o = raw as Record<string, unknown>;
  if (typeof o.year !== 'number' || !Number.isInteger(o.year) || !Array.isArray(o.days)) return { problem: 'notHolidayCn' };
  const days: HolidayDay[] = [];
  for (const d of o.days as unknown[]) {
    if (!d || typeof d !== 'object') return { problem: 'notHolidayCn' };
    const x = d as Record<string, unknown>;
    if (typeof x.name !== 'string' || typeof x.date !== 'string' || !DATE.test(x.date) || typeof x.isOffDay !== 'boolean') {
      return { problem: 'notHolidayCn' };
    }
    if (!x.date.startsWith(`${o.year}-`)) return { problem: 'wrongYear' };
    days.push({ name: x.name, date: x.date, isOffDay: x.isOffDay });
  }
  const papers = Array.isArray(o.papers) ? o.papers.filter((p): p is string => typeof p === 'string') : [];
  return { file: { year: o.year, papers, days } };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Dates are worked out in UTC so the browser's zone and summer time never shift a day. */
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The weeks (Monday first) showing `month` (1–12) of `year`, each day classified by `days`. */
export function monthGrid(year: number, month: number, days: readonly HolidayDay[]): DayCell[][] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const cursor = new Date(Date.UTC(year, month - 1, 1 - lead));
  const weeks: DayCell[][] = [];
  do {
    const week: DayCell[] = [];
    for (let i = 0; i < 7; i++) {
      const date = isoDate(cursor);
      const special = byDate.get(date);
      const weekend = cursor.getUTCDay() === 0 || cursor.getUTCDay() === 6;
      week.push({
        date,
        day: cursor.getUTCDate(),
        inMonth: cursor.getUTCMonth() === month - 1,
        kind: special ? (special.isOffDay ? 'holiday' : 'makeup') : weekend ? 'weekend' : 'workday',
        name: special?.name ?? null,
      });
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getUTCMonth() === month - 1 && cursor.getUTCFullYear() === year);
  return weeks;
}

export interface HolidaySpan {
  name: string;
  /** The days off, first to last. */
  from: string;
  to: string;
  offDays: number;
  /** The weekend days worked for it. */
  makeUp: string[];
}

/** One line per holiday, in the order of its first day: dates off and the 调休上班 days. */
export function holidaySpans(days: readonly HolidayDay[]): HolidaySpan[] {
  const spans = new Map<string, HolidaySpan>();
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    let s = spans.get(d.name);
    if (!s) {
      s = { name: d.name, from: '', to: '', offDays: 0, makeUp: [] };
      spans.set(d.name, s);
    }
    if (d.isOffDay) {
      if (!s.from) s.from = d.date;
      s.to = d.date;
      s.offDays += 1;
    } else s.makeUp.push(d.date);
  }
  return [...spans.values()].sort((a, b) => (a.from || a.makeUp[0] || '').localeCompare(b.from || b.makeUp[0] || ''));
}
