/**
 * The person on a booking (name, ID number, mobile), checked before sending as the server checks
 * it: a mistake is shown next to its field at once instead of after a round trip.
 */
import type { BookAppointmentRequest } from '../api/types';
import { idNumberProblem, normalizeIdNumber } from './idNumber';
import { normalizePhone } from './phone';

export interface BookingPerson {
  name: string;
  idNumber: string;
  phone: string;
}

/** As the server's `PersonName`: 1–50 characters as on the ID card, no control characters. */
export const NAME_MAX_CHARS = 50;

/** An i18n key per field that is wrong; empty when everything is fine. */
export type BookingPersonErrors = Partial<Record<keyof BookingPerson, string>>;

export function nameError(raw: string): string | null {
  const name = raw.trim();
  if (!name) return 'appointments.form.nameRequired';
  if ([...name].length > NAME_MAX_CHARS) return 'appointments.form.nameTooLong';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'appointments.form.nameInvalid';
  return null;
}

export function idNumberError(raw: string, today: Date = new Date()): string | null {
  if (!normalizeIdNumber(raw)) return 'appointments.form.idRequired';
  const problem = idNumberProblem(raw, today);
  return problem ? `kiosk.id.problem.${problem}` : null;
}

export function phoneError(raw: string): string | null {
  if (!raw.trim()) return 'appointments.form.phoneRequired';
  return normalizePhone(raw) ? null : 'appointments.form.phoneInvalid';
}

export function bookingPersonErrors(p: BookingPerson, today: Date = new Date()): BookingPersonErrors {
  const errors: BookingPersonErrors = {};
  const name = nameError(p.name);
  const id = idNumberError(p.idNumber, today);
  const phone = phoneError(p.phone);
  if (name) errors.name = name;
  if (id) errors.idNumber = id;
  if (phone) errors.phone = phone;
  return errors;
}

/** The request body, with each field in the form the server stores it. */
export function bookingRequest(category: string, date: string, slotStart: string, p: BookingPerson): BookAppointmentRequest {
  return {
    category,
    date,
    slot_start: slotStart,
    name: p.name.trim(),
    id_number: normalizeIdNumber(p.idNumber),
    phone: normalizePhone(p.phone) ?? p.phone.trim(),
  };
}
