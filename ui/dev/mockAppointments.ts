/**
 * Appointments for `npm run dev:mock`, loosely as the server has them: the next 5 weekdays
 * (no holiday calendar), the hall's six slots with 4 places each, one booking per ID number and
 * day. Unlike the server, a booked code checks in at any time (on time), so the kiosk's ticket
 * screen can be tried without waiting for the slot's day.
 */
import { randomBytes } from 'node:crypto';
import { categories, MockError } from './mockHall.ts';

const SLOTS = [['09:00', '10:00'], ['10:00', '11:00'], ['11:00', '12:00'], ['13:30', '14:30'], ['14:30', '15:30'], ['15:30', '16:30']] as const;
const CAPACITY = 4;
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const RULES = [
  '可预约第 1–5 个工作日的时段，节假日不开放',
  '每人每天限约一次，凭身份证号预约',
  '如需取消，请至少提前 2 小时',
  '请于时段开始前 30 分钟至开始后 15 分钟内到自助终端签到，迟到按普通号排队',
];

interface Booking {
  code: string; category: string; date: string; start: string; end: string;
  id_number: string; name: string; phone: string; status: 'booked' | 'cancelled' | 'checked_in';
}

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function nextWeekdays(n: number): Date[] {
  const days: Date[] = [];
  for (let d = new Date(); days.length < n; ) {
    d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
    if (d.getDay() !== 0 && d.getDay() !== 6) days.push(d);
  }
  return days;
}

export class MockAppointments {
  private bookings: Booking[] = [];

  private category(code: string) {
    const c = categories.find((x) => x.code === code);
    if (!c) throw new MockError(422, 'invalid_input', `没有“${code}”类业务`);
    return c;
  }
  private taken(category: string, date: string, start: string) {
    return this.bookings.filter((b) => b.category === category && b.date === date && b.start === start && b.status !== 'cancelled').length;
  }

  slots(category: string) {
    const c = this.category(category);
    const days = nextWeekdays(5).map((d) => ({
      date: localDate(d),
      label: WEEKDAYS[d.getDay()]!,
      slots: SLOTS.map(([start, end]) => ({ start, end, capacity: CAPACITY, remaining: CAPACITY - this.taken(c.code, localDate(d), start) })),
    }));
    return { category: c.code, category_name: c.name, days, rules: RULES };
  }

  book(b: { category: string; date: string; slot_start: string; id_number: string; name: string; phone: string }) {
    const c = this.category(b.category);
    const slot = SLOTS.find(([s]) => s === b.slot_start);
    if (!slot || !this.slots(c.code).days.some((d) => d.date === b.date)) throw new MockError(422, 'invalid_input', '只能预约第 1–5 个工作日，请重新选择日期');
    if (!/^\d{17}[\dX]$/.test(b.id_number)) throw new MockError(422, 'invalid_input', '身份证号格式不正确');
    if (!/^1[3-9]\d{9}$/.test(b.phone)) throw new MockError(422, 'invalid_input', '请填写11位手机号码');
    if (this.taken(c.code, b.date, slot[0]) >= CAPACITY) throw new MockError(409, 'conflict', '该时段已约满，请选择其他时段');
    if (this.bookings.some((x) => x.id_number === b.id_number && x.date === b.date && x.status !== 'cancelled')) {
      throw new MockError(409, 'conflict', `您在 ${b.date} 已有预约，每人每天限约一次`);
    }
    const code = Array.from(randomBytes(8), (x) => CODE_ALPHABET[x % CODE_ALPHABET.length]).join('');
    const booking: Booking = { code, category: c.code, date: b.date, start: slot[0], end: slot[1], id_number: b.id_number, name: b.name.trim(), phone: b.phone, status: 'booked' };
    this.bookings.push(booking);
    return this.view(booking);
  }

  private find(code: string) {
    const b = this.bookings.find((x) => x.code === code.toUpperCase());
    if (!b) throw new MockError(404, 'not_found', '没有找到该预约，请核对预约码');
    return b;
  }

  cancel(code: string, idNumber: string) {
    const b = this.find(code);
    if (b.id_number !== idNumber) throw new MockError(404, 'not_found', '没有找到该预约，请核对预约码');
    if (b.status !== 'booked') throw new MockError(409, 'illegal_transition', '该预约已签到或已取消');
    b.status = 'cancelled';
    return this.view(b);
  }

  /** `issue` gives the appointment's ticket (the mock hall's ordinary issue). */
  checkIn(code: string, issue: (category: string) => Record<string, unknown>) {
    const b = this.find(code);
    if (b.status !== 'booked') throw new MockError(409, 'illegal_transition', '该预约已签到或已取消');
    b.status = 'checked_in';
    return { appointment: this.view(b), ticket: { ...issue(b.category), priority: 'appointment' }, on_time: true };
  }

  private view(b: Booking) {
    const [y, mo, d] = b.date.split('-').map(Number) as [number, number, number];
    const [h, mi] = b.start.split(':').map(Number) as [number, number];
    const starts = new Date(y, mo - 1, d, h, mi).getTime();
    const chars = [...b.name];
    return {
      code: b.code, category: b.category, category_name: this.category(b.category).name, date: b.date, slot_start: b.start, slot_end: b.end,
      name_masked: chars.length <= 1 ? b.name : `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 2))}${chars.length > 2 ? chars.at(-1) : ''}`,
      phone_masked: `${b.phone.slice(0, 3)}****${b.phone.slice(7)}`,
      status: b.status,
      check_in_from: new Date(starts - 30 * 60e3).toISOString(),
      check_in_until: new Date(starts + 15 * 60e3).toISOString(),
    };
  }
}
