import { describe, expect, it } from 'vitest';
import { departmentOption, distributionOption, hourlyOption, ratingOption } from './statsCharts';

type Series = { name: string; data: number[]; stack?: string };

describe('hourlyOption', () => {
  it('covers opening hours and stacks one series per category', () => {
    const o = hourlyOption([
      { hour: 9, category: 'B', category_name: '个人服务', tickets: 2 },
      { hour: 10, category: 'A', category_name: '企业服务', tickets: 3 },
      { hour: 19, category: 'A', category_name: '企业服务', tickets: 1 },
    ]);
    const hours = (o.xAxis as { data: string[] }).data;
    expect(hours[0]).toBe('08:00');
    expect(hours.at(-1)).toBe('19:00');
    const series = o.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['A 企业服务', 'B 个人服务']);
    expect(series.every((s) => s.stack === 'tickets')).toBe(true);
    expect(series[0]!.data[hours.indexOf('10:00')]).toBe(3);
    expect(series[1]!.data[hours.indexOf('09:00')]).toBe(2);
    expect(series[0]!.data.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('shows an empty day as empty opening hours', () => {
    const o = hourlyOption([]);
    expect((o.xAxis as { data: string[] }).data).toHaveLength(10);
    expect(o.series).toEqual([]);
  });
});

describe('other charts', () => {
  it('puts waits and services per bucket, departments, and ratings with counts', () => {
    const d = distributionOption([{ label: '0–5', waits: 1, services: 2 }], { waits: '等候', services: '办理' });
    expect((d.series as Series[]).map((s) => [s.name, s.data])).toEqual([['等候', [1]], ['办理', [2]]]);
    const dep = departmentOption([{ name: '管委会', accepted: 4, completed: 3, overdue: 2 }], { accepted: '受理', completed: '办结', overdue: '逾期' });
    expect((dep.series as Series[]).map((s) => s.data[0])).toEqual([4, 3, 2]);
    const r = ratingOption([{ name: '1号综合窗口', count: 3, mean: 3.67 }], '平均分');
    const s = (r.series as (Series & { label: { formatter: (p: { dataIndex: number }) => string } })[])[0]!;
    expect(s.data).toEqual([3.67]);
    expect(s.label.formatter({ dataIndex: 0 })).toBe('3.67（3）');
  });
});
