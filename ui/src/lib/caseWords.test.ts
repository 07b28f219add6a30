import { describe, expect, it } from 'vitest';
import { caseStatusType, filterTasks, lines, taskActions, taskStatusType } from './caseWords';

describe('case words', () => {
  it('colours states', () => {
    expect(caseStatusType('approved')).toBe('success');
    expect(caseStatusType('rejected')).toBe('danger');
    expect(caseStatusType('in_progress')).toBe('primary');
    expect(taskStatusType('queued')).toBe('info');
  });
  it('allows actions by status', () => {
    expect(taskActions('queued')).toEqual({ claim: true, release: false, approve: false, reject: false, return: false, extend: false });
    expect(taskActions('claimed')).toEqual({ claim: false, release: true, approve: true, reject: true, return: true, extend: true });
    expect(taskActions('claimed', 5).extend).toBe(false);
    expect(Object.values(taskActions('approved')).some(Boolean)).toBe(false);
  });
  it('filters tasks by status and light', () => {
    const tasks = [
      { id: 1, status: 'queued', light: 'green' },
      { id: 2, status: 'claimed', light: 'red' },
      { id: 3, status: 'queued', light: 'red' },
    ];
    expect(filterTasks(tasks, '', '').map((t) => t.id)).toEqual([1, 2, 3]);
    expect(filterTasks(tasks, 'queued', '').map((t) => t.id)).toEqual([1, 3]);
    expect(filterTasks(tasks, 'queued', 'red').map((t) => t.id)).toEqual([3]);
  });
  it('splits items', () => {
    expect(lines(' 身份证复印件\n\n章程；股东会决议 ')).toEqual(['身份证复印件', '章程', '股东会决议']);
  });
});
