/** Device tokens of the kiosk and the display, each under its own key (both may share an origin). */
import { reactive } from 'vue';
import { STORAGE_KEYS, readString, writeString } from '../lib/storage';
import type { DeviceRole } from './fragment';

const KEYS: Record<DeviceRole, string> = {
  kiosk: STORAGE_KEYS.deviceKiosk,
  display: STORAGE_KEYS.deviceDisplay,
};

function read(role: DeviceRole): string | null {
  const t = readString(KEYS[role])?.trim();
  return t ? t : null;
}

/** Reactive, so a page already open notices a token handed over later (e.g. a new fragment). */
const tokens = reactive<Record<DeviceRole, string | null>>({ kiosk: read('kiosk'), display: read('display') });

export function deviceToken(role: DeviceRole): string | null {
  return tokens[role];
}

export function saveDeviceToken(role: DeviceRole, token: string | null): void {
  const value = token?.trim() || null;
  tokens[role] = value;
  writeString(KEYS[role], value);
}
