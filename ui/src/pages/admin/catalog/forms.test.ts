import { describe, expect, it } from 'vitest';
import {
  blankBundle,
  blankMaterial,
  blankMatter,
  bundleProblems,
  bundleWarnings,
  categoryProblems,
  counterProblems,
  departmentProblems,
  fenOf,
  materialProblems,
  matterProblems,
  matterWarnings,
  moved,
  nextMaterialCode,
  parseKeywords,
  parseSteps,
  todayIso,
  yuanOf,
} from './forms';
import type { MatterInput } from './types';

const keys = (ps: { key: string }[]) => ps.map((p) => p.key);

function matter(over: Partial<MatterInput> = {}): MatterInput {
  return { ...blankMatter('SCJGJ', 'A'), code: 'SCJGJ-009', name: '食品小作坊登记', materials: [{ ...blankMaterial('01'), name: '申请书' }], ...over };
}

describe('matterProblems', () => {
  it('is empty for a complete matter', () => {
    expect(matterProblems(matter(), ['SCJGJ-001'])).toEqual([]);
  });
  it('wants code, name, department and category', () => {
    expect(keys(matterProblems(matter({ code: ' ', name: '', department: '', category: '' }), []))).toEqual([
      'codeRequired',
      'nameRequired',
      'departmentRequired',
      'categoryRequired',
    ]);
  });
  it('refuses a code already taken by a new item, not when editing', () => {
    expect(matterProblems(matter({ code: 'SCJGJ-001' }), ['SCJGJ-001'])).toEqual([{ key: 'codeTaken', params: { code: 'SCJGJ-001' } }]);
    expect(matterProblems(matter({ code: 'SCJGJ-001' }), null)).toEqual([]);
  });
  it('refuses characters that would break the path', () => {
    expect(keys(matterProblems(matter({ code: 'A/B' }), []))).toEqual(['codeChars']);
  });
  it('checks the material rows', () => {
    const materials = [
      { ...blankMaterial('01'), name: '申请书' },
      { ...blankMaterial('01'), name: '' },
      { ...blankMaterial(''), name: '照片', required: false, deferrable: true },
    ];
    expect(materialProblems(materials)).toEqual([
      { key: 'materialCodeTaken', params: { row: 2, code: '01' } },
      { key: 'materialNameRequired', params: { row: 2 } },
      { key: 'materialCodeRequired', params: { row: 3 } },
      { key: 'deferrableNotRequired', params: { row: 3 } },
    ]);
  });
});

describe('matterWarnings', () => {
  it('warns (without blocking) when the promised limit exceeds the legal one', () => {
    const m = matter({ legal_limit_days: 5, promised_limit_days: 10 });
    expect(matterWarnings(m)).toEqual([{ key: 'promisedOverLegal', params: { promised: 10, legal: 5 } }]);
    expect(matterProblems(m, [])).toEqual([]);
    expect(matterWarnings(matter({ legal_limit_days: 5, promised_limit_days: 5 }))).toEqual([]);
  });
  it('notes a matter without materials', () => {
    expect(keys(matterWarnings(matter({ materials: [] })))).toEqual(['noMaterials']);
  });
});

describe('bundles', () => {
  const b = { ...blankBundle('A'), code: 'YJS-009', name: '开办药店一件事', matters: ['SCJGJ-001', 'GAFJ-001'] };
  const dept = (code: string) => code.split('-')[0];
  it('want two matters at least', () => {
    expect(bundleProblems(b, [])).toEqual([]);
    expect(keys(bundleProblems({ ...b, matters: ['SCJGJ-001', 'SCJGJ-001'] }, []))).toEqual(['bundleTooFew']);
  });
  it('warn when every member is from one department', () => {
    expect(bundleWarnings(b, dept)).toEqual([]);
    expect(keys(bundleWarnings({ ...b, matters: ['SCJGJ-001', 'SCJGJ-002'] }, dept))).toEqual(['bundleOneDepartment']);
  });
  it('default to all or nothing', () => {
    expect(blankBundle().partial_rejection).toBe('all_or_nothing');
  });
});

describe('departments, categories, counters', () => {
  it('want code and name', () => {
    expect(keys(departmentProblems({ code: '', name: ' ' }, []))).toEqual(['codeRequired', 'nameRequired']);
    expect(departmentProblems({ code: 'ZJJ', name: '住建局' }, ['GWH'])).toEqual([]);
  });
  it('a category is one capital letter', () => {
    expect(keys(categoryProblems({ code: 'ab', name: '其他' }, []))).toEqual(['categoryLetter']);
    expect(categoryProblems({ code: 'F', name: '其他' }, ['A'])).toEqual([]);
  });
  it('a counter has a kind and weights 1–100, each category once', () => {
    const c = { code: '8', name: '8号窗口', kind: 'intake', categories: [{ code: 'A', weight: 3 }] };
    expect(counterProblems(c, ['1'])).toEqual([]);
    expect(keys(counterProblems({ ...c, kind: 'x' }, []))).toEqual(['counterKind']);
    expect(keys(counterProblems({ ...c, categories: [{ code: 'A', weight: 0 }, { code: 'A', weight: 101 }] }, []))).toEqual([
      'weightRange',
      'counterCategoryTwice',
      'weightRange',
    ]);
  });
});

describe('helpers', () => {
  it('split keywords on Chinese and Latin separators', () => {
    expect(parseKeywords('开药店， 药店、卖药;开药店  ')).toEqual(['开药店', '药店', '卖药']);
    expect(parseKeywords('  ')).toEqual([]);
  });
  it('convert 元 and 分', () => {
    expect(fenOf(12.5)).toBe(1250);
    expect(fenOf(0.1 + 0.2)).toBe(30);
    expect(fenOf(null)).toBe(0);
    expect(yuanOf(1250)).toBe(12.5);
  });
  it('number the next material', () => {
    expect(nextMaterialCode([])).toBe('01');
    expect(nextMaterialCode([blankMaterial('01'), blankMaterial('07'), blankMaterial('x')])).toBe('08');
  });
  it('move rows up and down, not past the ends', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
  it('give today as a local ISO date', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('特别程序', () => {
  it('are split on commas and 、, not on spaces, and at most 30 characters each', () => {
    expect(parseSteps('听证、专家 评审，听证\n现场勘验')).toEqual(['听证', '专家 评审', '现场勘验']);
    const long = '长'.repeat(31);
    expect(matterProblems(matter({ excluded_steps: ['听证', long] }), [])).toEqual([{ key: 'stepTooLong', params: { step: long, n: 30 } }]);
    expect(blankMatter().excluded_steps).toEqual([]);
  });
});
