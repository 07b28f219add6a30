import { describe, expect, it } from 'vitest';
import { splitWords } from './words';

describe('splitWords', () => {
  it('cuts Chinese names between words, never inside one', () => {
    expect(splitWords('综合咨询与信息公开')).toEqual(['综合', '咨询', '与', '信息', '公开']);
    expect(splitWords('企业服务')).toEqual(['企业', '服务']);
    expect(splitWords('只跑一次综合服务大厅').join('|')).toContain('综合|服务|大厅');
  });

  it('keeps punctuation and spaces on the word before', () => {
    const pieces = splitWords('出生、户籍、身份证');
    expect(pieces.join('')).toBe('出生、户籍、身份证');
    expect(pieces.some((p) => /^[、，。]/.test(p))).toBe(false);
    expect(splitWords('Take a number', 'en')).toEqual(['Take ', 'a ', 'number']);
  });

  it('gives the text back whole', () => {
    for (const text of ['社保医保', 'One-Trip Government Service Hall', 'A 企业服务 0 人', '']) {
      expect(splitWords(text).join('')).toBe(text);
    }
    expect(splitWords('')).toEqual([]);
  });
});
