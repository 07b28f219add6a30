import { describe, expect, it } from 'vitest';
import en from '../../../locales/en.json';
import zhCN from '../../../locales/zh-CN.json';
import { changeCounts, changeLine, changeOf, fieldLabel, formatValue, isInUse, itemBadges, sortedChanges } from './changes';
import type { CatalogChangeView } from './types';

/** A `t` over the real messages, as vue-i18n would render them. */
function translator(messages: unknown) {
  return (key: string, named: Record<string, unknown> = {}) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') return key;
    return node.replace(/\{(\w+)\}/g, (_, k: string) => String(named[k]));
  };
}
const t = translator(zhCN);
const tEn = translator(en);

const change = (kind: string, code: string, what: string): CatalogChangeView => ({ kind, code, name: code, change: what, fields: [] });

describe('formatValue', () => {
  it('reads scalars', () => {
    expect(formatValue(t, 'name', '企业设立登记')).toBe('企业设立登记');
    expect(formatValue(t, 'retired_on', null)).toBe('（空）');
    expect(formatValue(t, 'required', true)).toBe('是');
    expect(formatValue(t, 'visits', 0)).toBe('0');
  });
  it('gives limits in working days and fees in 元', () => {
    expect(formatValue(t, 'promised_limit_days', 5)).toBe('5 个工作日');
    expect(formatValue(t, 'fee_fen', 0)).toBe('不收费');
    expect(formatValue(t, 'fee_fen', 1250)).toBe('12.50 元');
  });
  it('names the bundle rule and the counter kind', () => {
    expect(formatValue(t, 'partial_rejection', 'partial')).toBe('通过部分照常出件');
    expect(formatValue(t, 'partial_rejection', 'all_or_nothing')).toBe('一项不通过则整体不予办理');
    expect(formatValue(t, 'kind', 'output')).toBe('出件窗口');
    expect(formatValue(t, 'kind', '行政许可')).toBe('行政许可');
  });
  it('joins lists: keywords, members, materials by name, categories with weights', () => {
    expect(formatValue(t, 'keywords', ['开饭店', '开餐馆'])).toBe('开饭店、开餐馆');
    expect(formatValue(t, 'keywords', [])).toBe('（无）');
    expect(
      formatValue(t, 'materials', [
        { code: '01', name: '申请书', required: true },
        { code: '02', name: '照片', required: false },
        { code: '03', name: '租赁合同', required: true, deferrable: true },
      ]),
    ).toBe('申请书、照片（非必交）、租赁合同（可容缺）');
    expect(formatValue(t, 'categories', [{ code: 'A', weight: 3 }, { code: 'B', weight: 1 }])).toBe('A×3、B×1');
  });
});

describe('field labels and lines', () => {
  const f = { field: 'promised_limit_days', label: '承诺时限', before: 10, after: 5 };
  it('use the server label in Chinese, ours in English', () => {
    expect(fieldLabel(t, f)).toBe('承诺时限');
    expect(fieldLabel(tEn, f, 'en')).toBe('Promised time limit');
    expect(fieldLabel(tEn, { field: 'unknown_field', label: '某字段' }, 'en')).toBe('某字段');
    expect(fieldLabel(t, { field: 'unknown_field', label: '' })).toBe('unknown_field');
  });
  it('read before → after', () => {
    expect(changeLine(t, f)).toBe('承诺时限：10 个工作日 → 5 个工作日');
  });
});

describe('draft state', () => {
  const changes = [change('matter', 'X-2', 'changed'), change('department', 'D', 'added'), change('matter', 'X-1', 'added'), change('bundle', 'B', 'retired')];
  it('finds an item’s change', () => {
    expect(changeOf(changes, 'matter', 'X-1')?.change).toBe('added');
    expect(changeOf(changes, 'bundle', 'X-1')).toBeUndefined();
  });
  it('counts changes by kind of change', () => {
    expect(changeCounts(changes)).toEqual({ added: 2, changed: 1, retired: 1, removed: 0 });
  });
  it('sorts matters, bundles, departments…, then by code', () => {
    expect(sortedChanges(changes).map((c) => `${c.kind}:${c.code}`)).toEqual(['matter:X-1', 'matter:X-2', 'bundle:B', 'department:D']);
  });
  it('knows what is in use', () => {
    const ws = { in_use: ['matter:SCJGJ-001', 'department:SCJGJ'] };
    expect(isInUse(ws, 'matter', 'SCJGJ-001')).toBe(true);
    expect(isInUse(ws, 'department', 'SCJGJ-001')).toBe(false);
    expect(isInUse(null, 'matter', 'SCJGJ-001')).toBe(false);
  });
});

describe('itemBadges', () => {
  const keys = (b: { key: string }[]) => b.map((x) => x.key);
  it('marks new, changed, retired and undisclosed items', () => {
    expect(keys(itemBadges({ code: 'X', published_on: null }, change('matter', 'X', 'added')))).toEqual(['added']);
    expect(keys(itemBadges({ code: 'X', published_on: '2026-09-01' }, change('matter', 'X', 'changed')))).toEqual(['changed']);
    expect(keys(itemBadges({ code: 'X', published_on: '2026-09-01', retired_on: '2026-11-27' }, change('matter', 'X', 'retired')))).toEqual(['changed', 'retired']);
    expect(keys(itemBadges({ code: 'X', published_on: null }, undefined))).toEqual(['undisclosed']);
    expect(itemBadges({ code: 'X', published_on: '2026-09-01' }, undefined)).toEqual([]);
  });
});
