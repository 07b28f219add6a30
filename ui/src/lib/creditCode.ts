/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters of
 * `0123456789ABCDEFGHJKLMNPQRTUWXY` — registration authority, organisation type, 6-digit area,
 * the 9-character organisation code (GB 11714, with its own check character) and a check
 * character (weights 3^i mod 31). The same checks as the server's `CreditCode::parse`.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
/** 登记管理部门代码 (table 1). */
const AUTHORITIES = '123456789ANY';
export const CREDIT_CODE_LENGTH = 18;

export type CreditCodeProblem = 'length' | 'format' | 'authority' | 'area' | 'orgChecksum' | 'checksum';

/** Upper-cases and drops spaces. */
export function normalizeCreditCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The check character (18th) for the first 17 characters. */
export function creditCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('need 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`not a credit code character: ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The organisation code's check character (GB 11714) for its first 8 characters. */
export function orgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new Error('need 8 digits or capital letters');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65 + 10;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const c = normalizeCreditCode(raw);
  if (c.length !== CREDIT_CODE_LENGTH) return 'length';
  if ([...c].some((ch) => !CHARSET.includes(ch))) return 'format';
  if (!AUTHORITIES.includes(c[0]!)) return 'authority';
  if (!/^\d{6}$/.test(c.slice(2, 8))) return 'area';
  if (orgCodeCheckChar(c.slice(8, 16)) !== c[16]) return 'orgChecksum';
  if (creditCheckChar(c.slice(0, 17)) !== c[17]) return 'checksum';
  return null;
}

export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}
