import { describe, expect, it } from 'vitest';
import { bookingPersonErrors, bookingRequest, idNumberError, nameError, phoneError } from './bookingForm';

const VALID_ID = '11010519491231002X';
const TODAY = new Date(2026, 10, 27);

describe('booking form', () => {
  it('accepts a complete person', () => {
    expect(bookingPersonErrors({ name: ' 欧阳娜娜 ', idNumber: '11010519491231002x', phone: '138 0013 8000' }, TODAY)).toEqual({});
  });

  it('names each wrong field', () => {
    expect(bookingPersonErrors({ name: '', idNumber: '', phone: '' }, TODAY)).toEqual({
      name: 'appointments.form.nameRequired',
      idNumber: 'appointments.form.idRequired',
      phone: 'appointments.form.phoneRequired',
    });
  });

  it('checks the name like the server', () => {
    expect(nameError('阿依古丽·买买提')).toBeNull();
    expect(nameError('   ')).toBe('appointments.form.nameRequired');
    expect(nameError('张'.repeat(51))).toBe('appointments.form.nameTooLong');
    expect(nameError('张\u0007三')).toBe('appointments.form.nameInvalid');
  });

  it('checks the ID number with GB 11643', () => {
    expect(idNumberError(VALID_ID, TODAY)).toBeNull();
    expect(idNumberError('110105194912310021', TODAY)).toBe('kiosk.id.problem.checksum');
    expect(idNumberError('1101051949', TODAY)).toBe('kiosk.id.problem.length');
  });

  it('checks the mobile number', () => {
    expect(phoneError('+86 138-0013-8000')).toBeNull();
    expect(phoneError('0432-6468888')).toBe('appointments.form.phoneInvalid');
  });

  it('sends trimmed, normalised fields', () => {
    expect(bookingRequest('A', '2026-11-30', '09:00', { name: ' 欧阳娜娜 ', idNumber: ' 11010519491231002x', phone: '+86 138 0013 8000' })).toEqual({
      category: 'A',
      date: '2026-11-30',
      slot_start: '09:00',
      name: '欧阳娜娜',
      id_number: VALID_ID,
      phone: '13800138000',
    });
  });
});
