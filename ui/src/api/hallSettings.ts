/** The hall's settings (`/api/v1/admin/settings`, admin only). */
import { request, type ApiAuth } from './client';
import type { HallSettingsUpdate, HallSettingsView } from '../lib/hallSettings';

const PATH = '/api/v1/admin/settings';

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`empty response from ${what}`);
  return value;
}

export function createHallSettingsApi(auth: ApiAuth) {
  return {
    async settings(): Promise<HallSettingsView> {
      return must(await request<HallSettingsView>(auth, PATH), 'settings');
    },
    /** Only the changed fields; the answer is the settings now in force (a 422 carries the rule broken, in Chinese). */
    async updateSettings(body: HallSettingsUpdate): Promise<HallSettingsView> {
      return must(await request<HallSettingsView>(auth, PATH, { method: 'PUT', body }), 'update settings');
    },
  };
}

export type HallSettingsApi = ReturnType<typeof createHallSettingsApi>;
