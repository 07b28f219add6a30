/** localStorage that never throws (private mode, disabled storage, bad JSON). */

export const STORAGE_KEYS = {
  session: 'onetrip.session',
  deviceKiosk: 'onetrip.device.kiosk',
  deviceDisplay: 'onetrip.device.display',
  counter: 'onetrip.counter',
  locale: 'onetrip.locale',
} as const;

export function readString(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeString(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // storage unavailable: the value lives for this page only
  }
}

export function readJson<T>(key: string): T | null {
  const raw = readString(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  writeString(key, value === null ? null : JSON.stringify(value));
}
