/**
 * ECharts options for the statistics page, built from the report's rows. Pure functions, so
 * the page only renders and the shapes are tested here.
 */
import type { EChartsCoreOption } from 'echarts/core';

export interface HourRow {
  hour: number;
  category: string;
  category_name: string;
  tickets: number;
}
export interface BucketRow {
  label: string;
  waits: number;
  services: number;
}
export interface DepartmentRow {
  name: string;
  accepted: number;
  completed: number;
  overdue: number;
}
export interface GroupRow {
  name: string;
  count: number;
  mean?: number | null;
}

/** The hall's usual opening hours, shown even when nothing happened in them. */
const DAY_HOURS: [number, number] = [8, 18];

const base = (): EChartsCoreOption => ({
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  legend: { top: 0 },
  grid: { left: 48, right: 16, top: 36, bottom: 32, containLabel: true },
  yAxis: { type: 'value', minInterval: 1 },
});

/** Hours on the x axis (08:00 … and any hour with tickets), one stacked series per category. */
export function hourlyOption(rows: HourRow[]): EChartsCoreOption {
  const hours = rows.map((r) => r.hour);
  const first = Math.min(DAY_HOURS[0], ...hours);
  const last = Math.max(DAY_HOURS[1] - 1, ...hours);
  const axis = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const categories = [...new Map(rows.map((r) => [r.category, r.category_name])).entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    ...base(),
    xAxis: { type: 'category', data: axis.map((h) => `${String(h).padStart(2, '0')}:00`) },
    series: categories.map(([code, name]) => ({
      type: 'bar',
      stack: 'tickets',
      name: `${code} ${name}`,
      data: axis.map((h) => rows.filter((r) => r.hour === h && r.category === code).reduce((n, r) => n + r.tickets, 0)),
    })),
  };
}

/** Waits and service times side by side per bucket of minutes. */
export function distributionOption(rows: BucketRow[], names: { waits: string; services: string }): EChartsCoreOption {
  return {
    ...base(),
    xAxis: { type: 'category', data: rows.map((r) => r.label), name: 'min' },
    series: [
      { type: 'bar', name: names.waits, data: rows.map((r) => r.waits) },
      { type: 'bar', name: names.services, data: rows.map((r) => r.services) },
    ],
  };
}

/** Accepted, completed and overdue per department. */
export function departmentOption(
  rows: DepartmentRow[],
  names: { accepted: string; completed: string; overdue: string },
): EChartsCoreOption {
  return {
    ...base(),
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 4 ? 30 : 0 } },
    series: [
      { type: 'bar', name: names.accepted, data: rows.map((r) => r.accepted) },
      { type: 'bar', name: names.completed, data: rows.map((r) => r.completed) },
      { type: 'bar', name: names.overdue, data: rows.map((r) => r.overdue), itemStyle: { color: '#d9534f' } },
    ],
  };
}

/** Mean level (1–5) per window, clerk or matter, horizontal; the count is in the label. */
export function ratingOption(rows: GroupRow[], name: string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 16, right: 48, top: 16, bottom: 16, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 5 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [
      {
        type: 'bar',
        name,
        data: rows.map((r) => r.mean ?? 0),
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex]?.mean ?? '—'}（${rows[p.dataIndex]?.count ?? 0}）` },
      },
    ],
  };
}
