/** Only same-site paths are accepted as a post-login destination (no open redirects). */
export function safeNext(next: unknown, fallback = '/counter'): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return fallback;
  if (next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return fallback;
  return next;
}
