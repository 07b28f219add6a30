import { describe, expect, it } from 'vitest';
import { creditCheckChar, creditCodeProblem, isValidCreditCode, normalizeCreditCode, orgCodeCheckChar } from './creditCode';

describe('unified social credit code (GB 32100)', () => {
  it('accepts the standard sample and real codes (as the server does)', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000802100433B')).toBe(true);
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
  });
  it('computes both check characters', () => {
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('says what is wrong', () => {
    expect(creditCodeProblem('9135010')).toBe('length');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('format');
    expect(creditCodeProblem('B1350100M000100Y43')).toBe('authority');
    expect(creditCodeProblem('9135A100M000100Y43')).toBe('area');
    expect(creditCodeProblem('91350100M000100Y53')).toBe('orgChecksum');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('checksum');
    expect(creditCodeProblem('911101087912875733')).toBe('orgChecksum');
  });
  it('round-trips a built code', () => {
    const body = '92440300' + 'AB12CD34';
    const org = body + orgCodeCheckChar(body.slice(8));
    const code = org + creditCheckChar(org);
    expect(isValidCreditCode(code)).toBe(true);
    expect(normalizeCreditCode('9 1a')).toBe('91A');
  });
});
