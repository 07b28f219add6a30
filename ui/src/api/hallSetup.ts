/** The admin's hall set-up calls (`/api/v1`): staff accounts, terminals and the working-day calendar. */
import { request, type ApiAuth } from './client';
import type { components } from './schema';
import type { HolidayFile } from '../lib/calendarGrid';
import type { StaffPatch } from '../lib/staffForm';

type Schemas = components['schemas'];
export type UserView = Schemas['UserView'];
export type CreateUserRequest = Schemas['CreateUserRequest'];
export type DeviceView = Schemas['DeviceView'];
export type CreatedDevice = Schemas['CreatedDevice'];
export type CalendarYearView = Schemas['CalendarYearView'];
/** POST /api/v1/users/{id}/reset-password: the new password, shown once. */
export interface PasswordReset {
  user: UserView;
  password: string;
}

const V1 = '/api/v1';

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`empty response from ${what}`);
  return value;
}

export function createHallSetupApi(auth: ApiAuth) {
  return {
    async users(): Promise<UserView[]> {
      return must(await request<UserView[]>(auth, `${V1}/users`), 'users');
    },
    async createUser(body: CreateUserRequest): Promise<UserView> {
      return must(await request<UserView>(auth, `${V1}/users`, { method: 'POST', body }), 'create user');
    },
    async updateUser(id: number, patch: StaffPatch): Promise<UserView> {
      return must(await request<UserView>(auth, `${V1}/users/${id}`, { method: 'PATCH', body: patch }), 'update user');
    },
    async resetPassword(id: number): Promise<PasswordReset> {
      return must(await request<PasswordReset>(auth, `${V1}/users/${id}/reset-password`, { method: 'POST', body: {} }), 'reset password');
    },
    async devices(): Promise<DeviceView[]> {
      return must(await request<DeviceView[]>(auth, `${V1}/devices`), 'devices');
    },
    async createDevice(name: string, role: 'kiosk' | 'display'): Promise<CreatedDevice> {
      return must(await request<CreatedDevice>(auth, `${V1}/devices`, { method: 'POST', body: { name, role } }), 'create device');
    },
    async revokeDevice(id: number): Promise<void> {
      await request<null>(auth, `${V1}/devices/${id}`, { method: 'DELETE' });
    },
    async calendarYears(): Promise<CalendarYearView[]> {
      return must(await request<CalendarYearView[]>(auth, `${V1}/calendar`), 'calendar');
    },
    /** A covered year's listed days (holidays and 调休 make-up days), as the server keeps them. */
    async calendarYear(year: number): Promise<HolidayFile> {
      const detail = must(
        await request<{ year: number; papers: string[]; days: { date: string; name: string; is_off_day: boolean }[] }>(auth, `${V1}/calendar/${year}`),
        'calendar year',
      );
      return { year: detail.year, papers: detail.papers, days: detail.days.map((d) => ({ date: d.date, name: d.name, isOffDay: d.is_off_day })) };
    },
    /** The file as the admin picked it (the server reads the holiday-cn fields and keeps the text). */
    async loadCalendar(file: HolidayFile | Record<string, unknown>): Promise<CalendarYearView> {
      return must(await request<CalendarYearView>(auth, `${V1}/admin/calendar`, { method: 'PUT', body: file }), 'load calendar');
    },
  };
}

export type HallSetupApi = ReturnType<typeof createHallSetupApi>;
