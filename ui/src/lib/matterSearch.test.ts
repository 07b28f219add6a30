import { describe, expect, it } from 'vitest';
import { buildMatterIndex, normalizeQuery, searchMatters } from './matterSearch';
import { hasPinyinSupport, pinyinInitials } from './pinyin';

const m = (code: string, name: string, keywords: string[], department_name = '市政务服务局') => ({ code, name, keywords, department_name });
const MATTERS = [
  m('GAFJ-003', '居民身份证申领、换领、补领', ['办身份证', '换身份证', '补身份证', '身份证丢了'], '市公安局'),
  m('GAFJ-004', '临时居民身份证申领', ['临时身份证', '身份证急用'], '市公安局'),
  m('RSJ-002', '社会保障卡申领', ['办社保卡', '补社保卡', '社保卡丢了'], '市人力资源和社会保障局'),
  m('SCJGJ-002', '食品经营许可', ['开饭店', '开餐馆', '餐饮许可'], '市市场监督管理局'),
  m('SCJGJ-001', '企业设立登记', ['办营业执照', '注册公司', '开公司'], '市市场监督管理局'),
  m('HBJ-001', '建设项目环境影响评价文件审批', ['环评', '环评审批'], '市生态环境局'),
];
const index = buildMatterIndex(MATTERS);
const codes = (q: string) => searchMatters(index, q).map((x) => x.code);

describe('matter search', () => {
  it('lists everything for an empty query, in catalog order', () => {
    expect(codes('')).toEqual(MATTERS.map((x) => x.code));
    expect(codes('  ')).toHaveLength(MATTERS.length);
  });
  it('matches substrings of names', () => {
    expect(codes('身份证申领')).toEqual(['GAFJ-003', 'GAFJ-004']);
    expect(codes('经营许可')).toEqual(['SCJGJ-002']);
  });
  it('matches everyday keywords, an exact keyword first', () => {
    expect(codes('开饭店')).toEqual(['SCJGJ-002']);
    expect(codes('社保卡')).toEqual(['RSJ-002']);
    expect(codes('环评')).toEqual(['HBJ-001']);
    expect(codes('身份证')[0]).toBe('GAFJ-003');
  });
  it('ranks a name match above a keyword match', () => {
    const index2 = buildMatterIndex([m('X-1', '办理其他', ['申领许可证书']), m('X-2', '许可证核发', [])]);
    expect(searchMatters(index2, '许可证').map((x) => x.code)).toEqual(['X-2', 'X-1']);
  });
  it('matches codes without case', () => {
    expect(codes('rsj-002')).toEqual(['RSJ-002']);
    expect(codes('scjgj')).toEqual(['SCJGJ-002', 'SCJGJ-001']);
  });
  it('ignores spaces and punctuation', () => {
    expect(normalizeQuery(' 办 身份证！')).toBe('办身份证');
    expect(codes('办 身份证')).toEqual(['GAFJ-003']);
  });
  it('finds nothing for unrelated text', () => {
    expect(codes('火箭发射')).toEqual([]);
  });
  it('falls back to the department name', () => {
    expect(codes('公安局')).toEqual(['GAFJ-003', 'GAFJ-004']);
  });
});

describe.runIf(hasPinyinSupport())('pinyin initials', () => {
  it('spells the initials of common words', () => {
    expect(pinyinInitials('办身份证')).toBe('BSFZ');
    expect(pinyinInitials('社会保障卡申领')).toBe('SHBZKSL');
    expect(pinyinInitials('企业设立登记')).toBe('QYSLDJ');
    expect(pinyinInitials('绿色通道')).toBe('LSTD');
    expect(pinyinInitials('4050人员')).toBe('4050RY');
  });
  it('finds matters by initials of their name or keywords', () => {
    expect(codes('bsfz')).toEqual(['GAFJ-003']);
    expect(codes('SBK')[0]).toBe('RSJ-002');
    expect(codes('kfd')).toEqual(['SCJGJ-002']);
    expect(codes('qysldj')).toEqual(['SCJGJ-001']);
  });
});
