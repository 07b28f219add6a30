/** Words for a ticket's status and priority (keys into the locale files), and the counter's rules. */

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** `ticketStatus.*` for a status the UI knows, else null (show the raw value). */
export function statusKey(status: string): string | null {
  return (TICKET_STATUSES as readonly string[]).includes(status) ? `ticketStatus.${status}` : null;
}

export const PRIORITIES = ['appointment', 'green', 'normal'] as const;

export function priorityKey(priority: string): string {
  return (PRIORITIES as readonly string[]).includes(priority) ? `priority.${priority}` : 'priority.normal';
}

/** Element Plus tag type per priority: the green channel stands out. */
export function priorityTagType(priority: string): 'success' | 'warning' | 'info' {
  if (priority === 'green') return 'success';
  if (priority === 'appointment') return 'warning';
  return 'info';
}

/**
 * Recalls needed before a no-show may be marked when nothing better is known: the counter's
 * `/desk` says it (`recalls_before_no_show`), and that is what the counter screen passes.
 */
export const RECALLS_BEFORE_NO_SHOW = 2;

/** What the clerk may do with a ticket in this status (mirrors the server's state machine). */
export function allowedOps(status: string, recallCount: number, recallsBeforeNoShow = RECALLS_BEFORE_NO_SHOW) {
  const called = status === 'called';
  const inHand = called || status === 'serving';
  return {
    recall: called,
    start: called,
    finish: inHand,
    noShow: called && recallCount >= recallsBeforeNoShow,
    transfer: inHand,
  };
}
