import { describe, expect, it } from 'vitest';
import { acceptsIdKey, formatIdNumber, idAge, idCheckChar, idNumberProblem, isValidIdNumber, normalizeIdNumber } from './idNumber';

const today = new Date(2026, 10, 27);

describe('GB 11643 check character (ISO 7064 MOD 11-2)', () => {
  it('computes the published examples', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(idCheckChar('11010119900307123')).toBe('3');
  });
  it('accepts valid numbers, with a lower-case x too', () => {
    expect(isValidIdNumber('11010519491231002X', today)).toBe(true);
    expect(isValidIdNumber('11010519491231002x', today)).toBe(true);
    expect(isValidIdNumber('110101199003071233', today)).toBe(true);
    expect(isValidIdNumber(' 110105 19491231 002X ', today)).toBe(true);
  });
  it('refuses a wrong check character', () => {
    expect(idNumberProblem('110105194912310021', today)).toBe('checksum');
    expect(idNumberProblem('110101199003071231', today)).toBe('checksum');
  });
  it('tells length, format and birth-date problems apart', () => {
    expect(idNumberProblem('', today)).toBe('length');
    expect(idNumberProblem('1101051949123100', today)).toBe('length');
    expect(idNumberProblem('1101051949123100XX', today)).toBe('format');
    expect(idNumberProblem('X10105194912310021', today)).toBe('format');
    expect(idNumberProblem('010105194912310021', today)).toBe('area');
    expect(idNumberProblem('440524188001010014', today)).toBe('birthdate'); // before 1900
    expect(idNumberProblem(`11010519490230${'001'}`.padEnd(18, '0'), today)).toBe('birthdate');
    const future = '11010520300101001';
    expect(idNumberProblem(future + idCheckChar(future), today)).toBe('birthdate');
  });
  it('every single-digit change is caught', () => {
    const good = '11010519491231002X';
    for (let i = 14; i < 17; i++) {
      const d = Number(good[i]);
      const bad = good.slice(0, i) + String((d + 1) % 10) + good.slice(i + 1);
      expect(isValidIdNumber(bad, today), bad).toBe(false);
    }
  });
});

describe('id number helpers', () => {
  it('normalises', () => expect(normalizeIdNumber('1101 0519491231002x')).toBe('11010519491231002X'));
  it('computes the age from the birth date', () => {
    expect(idAge('11010519491231002X', today)).toBe(76);
    expect(idAge('110105196611280014', today)).toBe(59);
    expect(idAge('110105196611270019', today)).toBe(60);
  });
  it('lets the keypad add X only as the last character', () => {
    expect(acceptsIdKey('1101051949123100', 'X')).toBe(false);
    expect(acceptsIdKey('11010519491231002', 'X')).toBe(true);
    expect(acceptsIdKey('11010519491231002', '7')).toBe(true);
    expect(acceptsIdKey('11010519491231002X', '1')).toBe(false);
  });
  it('groups for reading back, masking the birth date', () => {
    expect(formatIdNumber('11010519491231002X')).toBe('110105 19491231 002X');
    expect(formatIdNumber('11010519491231002X', true)).toBe('110105 ******** 002X');
    expect(formatIdNumber('1101051')).toBe('110105 1');
  });
});
