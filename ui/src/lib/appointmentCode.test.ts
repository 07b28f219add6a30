import { describe, expect, it } from 'vitest';
import {
  acceptsCodeKey,
  APPOINTMENT_CODE_ALPHABET,
  APPOINTMENT_CODE_DIGITS,
  APPOINTMENT_CODE_LETTERS,
  appointmentCodeProblem,
  groupAppointmentCode,
  normalizeAppointmentCode,
} from './appointmentCode';

describe('appointment codes', () => {
  it('use the server alphabet: no look-alike characters', () => {
    for (const c of '01OIL') expect(APPOINTMENT_CODE_ALPHABET).not.toContain(c);
    expect(APPOINTMENT_CODE_DIGITS.join('')).toBe('23456789');
    expect(APPOINTMENT_CODE_LETTERS).toHaveLength(23);
    expect(APPOINTMENT_CODE_DIGITS.length + APPOINTMENT_CODE_LETTERS.length).toBe(APPOINTMENT_CODE_ALPHABET.length);
  });

  it('normalise copied spellings', () => {
    expect(normalizeAppointmentCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(normalizeAppointmentCode('AB CD\tEF_GH')).toBe('ABCDEFGH');
  });

  it('tell what is wrong with a code', () => {
    expect(appointmentCodeProblem('7K3M-9QXZ')).toBeNull();
    expect(appointmentCodeProblem('7K3M9QX')).toBe('length');
    expect(appointmentCodeProblem('7K3M9QXZ2')).toBe('length');
    expect(appointmentCodeProblem('7K3M9QX0')).toBe('chars');
    expect(appointmentCodeProblem('')).toBe('length');
  });

  it('take keypad keys of the alphabet up to 8', () => {
    expect(acceptsCodeKey('', 'a')).toBe(true);
    expect(acceptsCodeKey('', '2')).toBe(true);
    expect(acceptsCodeKey('', '1')).toBe(false);
    expect(acceptsCodeKey('', 'O')).toBe(false);
    expect(acceptsCodeKey('', 'Enter')).toBe(false);
    expect(acceptsCodeKey('ABCDEFG', 'H')).toBe(true);
    expect(acceptsCodeKey('ABCDEFGH', 'J')).toBe(false);
  });

  it('group in fours for reading', () => {
    expect(groupAppointmentCode('abcdefgh')).toEqual(['ABCD', 'EFGH']);
    expect(groupAppointmentCode('ABC')).toEqual(['ABC']);
  });
});
