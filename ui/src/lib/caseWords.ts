/** Colours of case and task states (Element Plus tag types) and of the deadline lamps. */
export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

export function caseStatusType(status: string): TagType {
  switch (status) {
    case 'approved':
      return 'success';
    case 'partially_approved':
    case 'suspended':
      return 'warning';
    case 'rejected':
    case 'terminated':
      return 'danger';
    default:
      return 'primary';
  }
}

export function taskStatusType(status: string): TagType {
  switch (status) {
    case 'approved':
      return 'success';
    case 'returned':
    case 'claimed':
      return 'warning';
    case 'rejected':
    case 'terminated':
      return 'danger';
    default:
      return 'info';
  }
}

/** What a task's status allows (the server is the judge; this only greys buttons out). */
export function taskActions(status: string, extensionDays = 0): Record<'claim' | 'release' | 'approve' | 'reject' | 'return' | 'extend', boolean> {
  const claimed = status === 'claimed';
  return {
    claim: status === 'queued',
    release: claimed,
    approve: claimed,
    reject: claimed,
    return: claimed,
    extend: claimed && extensionDays === 0,
  };
}

export interface LightFilterable {
  status: string;
  light: string;
}

/** Tasks by status and lamp ('' = any), in the server's order (due date). */
export function filterTasks<T extends LightFilterable>(tasks: readonly T[], status: string, light: string): T[] {
  return tasks.filter((t) => (!status || t.status === status) && (!light || t.light === light));
}

/** Non-empty trimmed lines (补正 items typed one per line). */
export function lines(text: string): string[] {
  return text
    .split(/[\n；;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
