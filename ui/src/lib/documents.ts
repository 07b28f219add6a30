/**
 * Pure helpers of issue 6 (output window, case tracking, seal verification): the delivery a
 * case asked for, what the output window may do next, the scanned QR → page, the verdict's look.
 */

export interface Delivery {
  method: 'window' | 'mail';
  recipient: string;
  phone: string;
  address: string;
}

/** The `delivery` of a case or output item (untyped in the schema), normalised. */
export function deliveryOf(raw: unknown): Delivery {
  const d = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  return { method: d.method === 'mail' ? 'mail' : 'window', recipient: s('recipient'), phone: s('phone'), address: s('address') };
}

/** What the output window may do with an item: hand over (pickup / mail) while ready; confirm delivery once mailed. */
export function outputActions(state: string): { handover: boolean; delivered: boolean } {
  return { handover: state === 'ready', delivered: state === 'mailed' };
}

/** The tag colour of an output state. */
export function outputStateType(state: string): 'warning' | 'primary' | 'success' | 'info' {
  if (state === 'ready') return 'warning';
  if (state === 'mailed') return 'primary';
  if (state === 'picked_up' || state === 'delivered') return 'success';
  return 'info';
}

/** The verdict's look: green for authentic, red for altered, grey otherwise. */
export function verifyTone(result: string): 'ok' | 'bad' | 'unknown' {
  if (result === 'authentic') return 'ok';
  if (result === 'altered') return 'bad';
  return 'unknown';
}

/**
 * Where a scanned QR text leads: a tracking URL of ours (`…/track/<code>[?s=…]`) opens the
 * tracking page; anything else (a `/verify?s=` URL, a bare seal, garbage) is verified.
 */
export function scanTarget(text: string): { kind: 'track'; code: string; seal: string | null } | { kind: 'verify'; qr: string } {
  const qr = text.trim();
  try {
    const url = new URL(qr);
    const m = /^\/track\/([^/]+)\/?$/.exec(url.pathname);
    if (m && m[1] !== 'ticket') return { kind: 'track', code: decodeURIComponent(m[1]!), seal: url.searchParams.get('s') };
  } catch {
    // not a URL
  }
  return { kind: 'verify', qr };
}

/** The case papers a clerk may print: acceptance always, correction after a suspension, completion once decided. */
export function caseDocuments(status: string, hasSuspension: boolean): ('acceptance' | 'correction' | 'completion')[] {
  const docs: ('acceptance' | 'correction' | 'completion')[] = ['acceptance'];
  if (hasSuspension) docs.push('correction');
  if (['approved', 'partially_approved', 'rejected', 'terminated'].includes(status)) docs.push('completion');
  return docs;
}
