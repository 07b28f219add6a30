/**
 * Credentials handed over in the URL fragment, e.g. `/kiosk#device_token=XYZ` or
 * `/counter#session=TOKEN` (the standalone desktop app opens its windows this way).
 * The fragment never reaches the server and is wiped from the address bar at once.
 */

export type DeviceRole = 'kiosk' | 'display';

export interface FragmentCredentials {
  deviceToken: string | null;
  session: string | null;
  /** What remains of the fragment (without '#'), '' when nothing. */
  rest: string;
}

const DEVICE_PARAM = 'device_token';
const SESSION_PARAM = 'session';

export function parseFragment(hash: string): FragmentCredentials {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(raw);
  const pick = (name: string) => {
    const v = params.get(name)?.trim();
    params.delete(name);
    return v ? v : null;
  };
  const deviceToken = pick(DEVICE_PARAM);
  const session = pick(SESSION_PARAM);
  const touched = raw.split('&').some((p) => p.startsWith(`${DEVICE_PARAM}=`) || p.startsWith(`${SESSION_PARAM}=`));
  return { deviceToken, session, rest: touched ? params.toString() : raw };
}

/** Which device a path belongs to (a device token only applies to its own page). */
export function deviceRoleForPath(path: string): DeviceRole | null {
  const first = path.split('/').filter(Boolean)[0];
  return first === 'kiosk' || first === 'display' ? first : null;
}

