/** Stores credentials handed over in the URL fragment; the router then drops them from the URL. */
import { deviceRoleForPath, parseFragment } from './fragment';
import { saveDeviceToken } from './device';
import { saveHandedSession } from './session';

/**
 * Returns the fragment to keep (without '#') when credentials were found and stored, else null.
 * A device token only applies to its own page (/kiosk or /display).
 */
export function consumeFragmentCredentials(path: string, hash: string): string | null {
  if (!hash) return null;
  const found = parseFragment(hash);
  if (!found.deviceToken && !found.session) return null;
  const role = deviceRoleForPath(path);
  if (found.deviceToken && role) saveDeviceToken(role, found.deviceToken);
  if (found.session) saveHandedSession(found.session);
  return found.rest;
}
