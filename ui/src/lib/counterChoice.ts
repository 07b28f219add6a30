/** Which counter this workstation is: `?counter=3` wins, else the remembered choice. */
import { readString, STORAGE_KEYS, writeString } from './storage';

export function pickCounter(fromQuery: unknown, remembered: string | null): string | null {
  const q = Array.isArray(fromQuery) ? fromQuery[0] : fromQuery;
  if (typeof q === 'string' && q.trim()) return q.trim();
  return remembered && remembered.trim() ? remembered.trim() : null;
}

export function rememberedCounter(): string | null {
  return readString(STORAGE_KEYS.counter);
}

export function rememberCounter(code: string | null): void {
  writeString(STORAGE_KEYS.counter, code);
}
