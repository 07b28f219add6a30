import { describe, expect, it } from 'vitest';
import { pickCounter } from './counterChoice';
import { safeNext } from './safeNext';

describe('safeNext', () => {
  it('accepts same-site paths', () => {
    expect(safeNext('/counter?counter=1')).toBe('/counter?counter=1');
  });
  it('refuses anything that could leave the site or loop', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'counter', '/login?next=/x', undefined, ['/a']]) {
      expect(safeNext(bad)).toBe('/counter');
    }
  });
});

describe('pickCounter', () => {
  it('prefers ?counter= over the remembered one', () => {
    expect(pickCounter('3', '1')).toBe('3');
    expect(pickCounter(['4'], '1')).toBe('4');
  });
  it('falls back to the remembered counter, else none', () => {
    expect(pickCounter(undefined, '1')).toBe('1');
    expect(pickCounter('', null)).toBeNull();
  });
});
