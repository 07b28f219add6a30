import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { holidaySpans, monthGrid, parseHolidayFile, type HolidayFile } from './calendarGrid';

const text2026 = readFileSync(new URL('../../../data/holidays/2026.json', import.meta.url), 'utf8');
const parsed = parseHolidayFile(text2026);
const y2026 = ('file' in parsed ? parsed.file : null) as HolidayFile;

const cell = (grid: ReturnType<typeof monthGrid>, date: string) => grid.flat().find((c) => c.date === date)!;

describe('parseHolidayFile', () => {
  it('reads the bundled 2026 arrangement', () => {
    expect(y2026.year).toBe(2026);
    expect(y2026.papers.length).toBeGreaterThan(0);
    expect(y2026.days.some((d) => d.name === '国庆节')).toBe(true);
  });
  it('names what is wrong with other files', () => {
    expect(parseHolidayFile('{')).toEqual({ problem: 'notJson' });
    expect(parseHolidayFile('{"year":2026}')).toEqual({ problem: 'notHolidayCn' });
    expect(parseHolidayFile('{"year":2026,"days":[{"name":"x","date":"2026-1-1","isOffDay":true}]}')).toEqual({ problem: 'notHolidayCn' });
    expect(parseHolidayFile('{"year":2026,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}')).toEqual({ problem: 'wrongYear' });
  });
});

describe('monthGrid', () => {
  it('lays October 2026 out Monday first with National Day off and 10 October worked', () => {
    const oct = monthGrid(2026, 10, y2026.days);
    // 1 October 2026 is a Thursday: Monday 28 September opens the first week.
    expect(oct[0]![0]!.date).toBe('2026-09-28');
    expect(oct[0]![3]).toMatchObject({ date: '2026-10-01', inMonth: true, kind: 'holiday', name: '国庆节' });
    expect(oct.every((w) => w.length === 7)).toBe(true);
    expect(oct.flat().filter((c) => c.inMonth)).toHaveLength(31);
    for (let d = 1; d <= 7; d++) expect(cell(oct, `2026-10-0${d}`)).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(cell(oct, '2026-10-10')).toMatchObject({ kind: 'makeup', name: '国庆节' });
    expect(cell(oct, '2026-10-11')).toMatchObject({ kind: 'weekend', name: null });
    expect(cell(oct, '2026-10-08')).toMatchObject({ kind: 'workday', name: null });
    // The last week ends on Sunday 1 November.
    expect(oct.at(-1)!.at(-1)).toMatchObject({ date: '2026-11-01', inMonth: false });
  });
  it('shows the Sunday worked in September for National Day and the Mid-Autumn days off', () => {
    const sep = monthGrid(2026, 9, y2026.days);
    expect(cell(sep, '2026-09-20')).toMatchObject({ kind: 'makeup', name: '国庆节' });
    expect(cell(sep, '2026-09-25')).toMatchObject({ kind: 'holiday', name: '中秋节' });
  });
  it('needs no trailing week when a month ends on Sunday (May 2026) and six weeks when it spills', () => {
    expect(monthGrid(2026, 5, []).at(-1)!.at(-1)!.date).toBe('2026-05-31');
    expect(monthGrid(2026, 8, [])).toHaveLength(6);
    expect(monthGrid(2026, 2, [])).toHaveLength(5);
    // February 2027 starts on a Monday and has 28 days: exactly four weeks.
    expect(monthGrid(2027, 2, [])).toHaveLength(4);
  });
});

describe('holidaySpans', () => {
  it('sums each holiday with its make-up days', () => {
    const spans = holidaySpans(y2026.days);
    const national = spans.find((s) => s.name === '国庆节')!;
    expect(national).toMatchObject({ from: '2026-10-01', to: '2026-10-07', offDays: 7, makeUp: ['2026-09-20', '2026-10-10'] });
    expect(spans[0]!.name).toBe('元旦');
    expect(spans.map((s) => s.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
  });
});
