/**
 * Mainland mobile numbers (手机号码), accepted as the server's `Phone::parse` accepts them:
 * 11 digits `1[3-9]…`, with spaces or hyphens, optionally after +86, 86 or 0086.
 */

/** The 11 digits, or null when it is not a mainland mobile number. */
export function normalizePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[ -]/g, '');
  const plus = compact.startsWith('+');
  const rest = plus ? compact.slice(1) : compact;
  let digits: string | null = null;
  if (rest.length === 11 && !plus) digits = rest;
  else if (rest.length === 13 && rest.startsWith('86')) digits = rest.slice(2);
  else if (rest.length === 15 && !plus && rest.startsWith('0086')) digits = rest.slice(4);
  return digits !== null && /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function isMainlandMobile(raw: string): boolean {
  return normalizePhone(raw) !== null;
}
