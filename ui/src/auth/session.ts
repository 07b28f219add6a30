/** The staff session (`onetrip.session`): the whole login response, shared by all staff pages. */
import { ref } from 'vue';
import type { LoginResponse, MeView, UserView } from '../api/types';
import { readJson, STORAGE_KEYS, writeJson } from '../lib/storage';

/** Who is logged in: the login response's user, or what /auth/me says for a handed-over session. */
export type SessionUser = Pick<UserView, 'username' | 'name' | 'roles' | 'department'>;

/** As stored; a session handed over by fragment has no expiry nor user until /auth/me answers. */
export interface StoredSession {
  token: string;
  expires_at: string | null;
  user: SessionUser | null;
}

export const session = ref<StoredSession | null>(load());

function load(): StoredSession | null {
  const s = readJson<StoredSession>(STORAGE_KEYS.session);
  return s && typeof s.token === 'string' && s.token ? s : null;
}

export function isSessionValid(s: StoredSession | null, now: number = Date.now()): s is StoredSession {
  if (!s || !s.token) return false;
  if (!s.expires_at) return true;
  const expires = Date.parse(s.expires_at);
  return Number.isNaN(expires) || expires > now;
}

export function hasValidSession(): boolean {
  // Another tab may have logged in or out meanwhile.
  session.value = load();
  return isSessionValid(session.value);
}

export function saveLogin(res: LoginResponse): void {
  setSession({ token: res.token, expires_at: res.expires_at, user: res.user });
}

export function saveHandedSession(token: string): void {
  setSession({ token, expires_at: null, user: null });
}

export function fillUser(me: MeView): void {
  if (!session.value) return;
  const user: SessionUser = {
    username: me.username ?? '',
    name: me.name,
    roles: me.roles,
    department: me.department ?? null,
  };
  setSession({ ...session.value, user });
}

export function clearSession(): void {
  setSession(null);
}

function setSession(s: StoredSession | null): void {
  session.value = s;
  writeJson(STORAGE_KEYS.session, s);
}

export function sessionToken(): string | null {
  return isSessionValid(session.value) ? session.value.token : null;
}
