/**
 * Resident identity card numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit
 * sequence and a check character computed with ISO 7064 MOD 11-2 over the first 17 digits.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
export const ID_NUMBER_LENGTH = 18;

/** Why a number is not valid, or null when it is. */
export type IdNumberProblem = 'length' | 'format' | 'area' | 'birthdate' | 'checksum';

/** As the server: nobody born before 1900 holds a valid card. */
export const MIN_BIRTH_YEAR = 1900;

/** Upper-cases a trailing x and drops spaces (as typed or scanned). */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The birth date in the number, or null when it is not a real date. */
export function idBirthDate(id: string): { year: number; month: number; day: number } | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_BIRTH_YEAR || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function idNumberProblem(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (id.length !== ID_NUMBER_LENGTH) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!/^[1-8]/.test(id)) return 'area';
  const birth = idBirthDate(id);
  if (!birth || Date.UTC(birth.year, birth.month - 1, birth.day) > today.getTime()) return 'birthdate';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(raw: string, today?: Date): boolean {
  return idNumberProblem(raw, today) === null;
}

/** Full years of age on `today` (local calendar), or null for an invalid birth date. */
export function idAge(raw: string, today: Date = new Date()): number | null {
  const birth = idBirthDate(normalizeIdNumber(raw));
  if (!birth) return null;
  let age = today.getFullYear() - birth.year;
  const m = today.getMonth() + 1;
  if (m < birth.month || (m === birth.month && today.getDate() < birth.day)) age--;
  return age;
}

/** What a keypad may add next: digits anywhere in the first 17, X only as the 18th. */
export function acceptsIdKey(current: string, key: string): boolean {
  if (current.length >= ID_NUMBER_LENGTH) return false;
  if (/^\d$/.test(key)) return true;
  return key.toUpperCase() === 'X' && current.length === ID_NUMBER_LENGTH - 1;
}

/** 110105 19491231 002X: groups for reading back, the middle hidden when `masked`. */
export function formatIdNumber(raw: string, masked = false): string {
  const id = normalizeIdNumber(raw);
  const parts = [id.slice(0, 6), id.slice(6, 14), id.slice(14)].filter(Boolean);
  if (masked && id.length === ID_NUMBER_LENGTH) parts[1] = '********';
  return parts.join(' ');
}
