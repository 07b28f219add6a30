/**
 * Appointment codes as the server makes them (`crates/domain/src/appointment.rs`): 8 characters
 * from an alphabet without look-alikes (no 0/O, 1/I/L), so a code read aloud or copied from a
 * phone survives. The kiosk keypad offers exactly these characters.
 */

export const APPOINTMENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const APPOINTMENT_CODE_LENGTH = 8;

/** The keypad's keys: digits first (a short row), then letters. */
export const APPOINTMENT_CODE_DIGITS = [...APPOINTMENT_CODE_ALPHABET].filter((c) => /\d/.test(c));
export const APPOINTMENT_CODE_LETTERS = [...APPOINTMENT_CODE_ALPHABET].filter((c) => /[A-Z]/.test(c));

export type AppointmentCodeProblem = 'length' | 'chars';

/** Upper-case, without the spaces and hyphens people add when copying ("abcd-efgh"). */
export function normalizeAppointmentCode(raw: string): string {
  return raw.replace(/[\s\-–—_]+/g, '').toUpperCase();
}

export function appointmentCodeProblem(raw: string): AppointmentCodeProblem | null {
  const code = normalizeAppointmentCode(raw);
  if ([...code].some((c) => !APPOINTMENT_CODE_ALPHABET.includes(c))) return 'chars';
  if (code.length !== APPOINTMENT_CODE_LENGTH) return 'length';
  return null;
}

/** Whether the keypad (or a keyboard) may add `key` to what is typed so far. */
export function acceptsCodeKey(current: string, key: string): boolean {
  const k = key.toUpperCase();
  return k.length === 1 && APPOINTMENT_CODE_ALPHABET.includes(k) && current.length < APPOINTMENT_CODE_LENGTH;
}

/** Two groups of four, the way the code is shown and read back ("ABCD EFGH"). */
export function groupAppointmentCode(code: string): string[] {
  const c = normalizeAppointmentCode(code);
  return c.length > 4 ? [c.slice(0, 4), c.slice(4)] : [c];
}
