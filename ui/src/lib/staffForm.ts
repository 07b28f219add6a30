/** The staff account form's rules, kept apart from the page to be tested alone. */

export const STAFF_ROLES = ['clerk', 'approver', 'output', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffAccount {
  name: string;
  roles: string[];
  department?: string | null;
  disabled: boolean;
}

export interface StaffEdit {
  name: string;
  roles: string[];
  /** '' for none. */
  department: string;
}

/** The PATCH /api/v1/users/{id} body: only what changed. */
export interface StaffPatch {
  name?: string;
  roles?: string[];
  /** '' removes the department. */
  department?: string;
  disabled?: boolean;
}

/** Roles in the one order the server and the screen use, without repeats or unknown ones. */
export function normalRoles(roles: readonly string[]): StaffRole[] {
  return STAFF_ROLES.filter((r) => roles.includes(r));
}

export function editOf(user: StaffAccount): StaffEdit {
  return { name: user.name, roles: normalRoles(user.roles), department: user.department ?? '' };
}

/** The fields of `edit` that differ from `user`; an empty object when nothing changed. */
export function staffPatch(user: StaffAccount, edit: StaffEdit): StaffPatch {
  const patch: StaffPatch = {};
  const name = edit.name.trim();
  if (name !== user.name) patch.name = name;
  const before = normalRoles(user.roles);
  const after = normalRoles(edit.roles);
  if (before.join(',') !== after.join(',')) patch.roles = after;
  if (edit.department !== (user.department ?? '')) patch.department = edit.department;
  return patch;
}

export type StaffProblem = 'nameRequired' | 'rolesRequired' | 'approverNeedsDepartment' | 'usernameRequired' | 'passwordShort';

/** Why the form cannot be sent yet (keys under `staffAdmin.problem`), first found first. */
export function staffProblems(edit: StaffEdit): StaffProblem[] {
  const out: StaffProblem[] = [];
  if (!edit.name.trim()) out.push('nameRequired');
  if (!normalRoles(edit.roles).length) out.push('rolesRequired');
  if (edit.roles.includes('approver') && !edit.department) out.push('approverNeedsDepartment');
  return out;
}

/** Shortest password the form sends; the server has its own rules and says so in Chinese. */
export const MIN_PASSWORD = 8;

export function newAccountProblems(username: string, password: string, edit: StaffEdit): StaffProblem[] {
  const out: StaffProblem[] = [];
  if (!username.trim()) out.push('usernameRequired');
  if (password.length < MIN_PASSWORD) out.push('passwordShort');
  return [...out, ...staffProblems(edit)];
}

export interface Department {
  code: string;
  name: string;
}

/** The departments the catalog's matters belong to, one each, sorted by code. */
export function departmentsOf(matters: readonly { department: string; department_name: string }[]): Department[] {
  const seen = new Map<string, string>();
  for (const m of matters) if (m.department && !seen.has(m.department)) seen.set(m.department, m.department_name || m.department);
  return [...seen.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}
