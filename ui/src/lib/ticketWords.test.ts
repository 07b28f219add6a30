import { describe, expect, it } from 'vitest';
import { allowedOps, priorityKey, priorityTagType, statusKey } from './ticketWords';

describe('ticket words', () => {
  it('maps statuses and priorities to locale keys', () => {
    expect(statusKey('no_show')).toBe('ticketStatus.no_show');
    expect(statusKey('weird')).toBeNull();
    expect(priorityKey('green')).toBe('priority.green');
    expect(priorityKey('unknown')).toBe('priority.normal');
    expect(priorityTagType('green')).toBe('success');
  });
  it('allows no-show only after two recalls of a called ticket', () => {
    expect(allowedOps('called', 0)).toEqual({ recall: true, start: true, finish: true, noShow: false, transfer: true });
    expect(allowedOps('called', 2).noShow).toBe(true);
    expect(allowedOps('called', 2, 3).noShow).toBe(false);
    expect(allowedOps('called', 1, 1).noShow).toBe(true);
    expect(allowedOps('serving', 5)).toEqual({ recall: false, start: false, finish: true, noShow: false, transfer: true });
    expect(allowedOps('done', 0)).toEqual({ recall: false, start: false, finish: false, noShow: false, transfer: false });
  });
});
