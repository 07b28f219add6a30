import { describe, expect, it } from 'vitest';
import { buildGuideIndex, guideItems, searchGuide } from './guideSearch';
import { hasPinyinSupport } from './pinyin';
import type { PublicCatalogView } from '../api/catalogPublic';

const matter = (code: string, name: string, keywords: string[], department: string, department_name: string) =>
  ({ code, name, keywords, department, department_name, category: 'A', materials: [] }) as unknown as PublicCatalogView['matters'][number];

const catalog = {
  departments: [
    { code: 'SCJGJ', name: '市场监管局' },
    { code: 'GAFJ', name: '公安分局' },
  ],
  matters: [
    matter('SCJGJ-002', '食品经营许可', ['开饭店', '开餐馆'], 'SCJGJ', '市场监管局'),
    matter('GAFJ-001', '公章刻制备案', ['刻章'], 'GAFJ', '公安分局'),
  ],
  bundles: [
    {
      code: 'YJS-001',
      name: '开办餐饮店一件事',
      keywords: ['开饭店', '开餐馆', '开奶茶店'],
      category: 'A',
      matters: [
        { code: 'SCJGJ-002', name: '食品经营许可', department: 'SCJGJ' },
        { code: 'GAFJ-001', name: '公章刻制备案', department: 'GAFJ' },
      ],
      materials: [],
    },
  ],
} as unknown as PublicCatalogView;

const index = buildGuideIndex(guideItems(catalog));
const codes = (q: string) => searchGuide(index, q).map((x) => x.code);

describe('guide search over matters and bundles', () => {
  it('puts the bundle first when a keyword names both', () => {
    expect(codes('开餐馆')).toEqual(['YJS-001', 'SCJGJ-002']);
    expect(codes('开奶茶店')).toEqual(['YJS-001']);
  });
  it('finds a bundle by its name and by the departments it spans', () => {
    expect(codes('餐饮店')).toEqual(['YJS-001']);
    expect(codes('公安分局')).toContain('YJS-001');
  });
  it('keeps the kind of each item', () => {
    const [first] = searchGuide(index, '开餐馆');
    expect(first?.kind).toBe('bundle');
    expect(searchGuide(index, '刻章')[0]?.kind).toBe('matter');
  });
  it.runIf(hasPinyinSupport())('finds a bundle by the pinyin initials of a keyword', () => {
    expect(codes('KCG')[0]).toBe('YJS-001');
    expect(codes('kbcyd')).toEqual(['YJS-001']);
  });
});
