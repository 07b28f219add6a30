import { describe, expect, it } from 'vitest';
import { departmentsOf, editOf, newAccountProblems, normalRoles, staffPatch, staffProblems } from './staffForm';

const user = { name: '王小明', roles: ['clerk'], department: null, disabled: false };

describe('staffPatch', () => {
  it('is empty when nothing changed (whitespace and role order aside)', () => {
    expect(staffPatch(user, editOf(user))).toEqual({});
    expect(staffPatch({ ...user, roles: ['output', 'clerk'] }, { name: ' 王小明 ', roles: ['clerk', 'output'], department: '' })).toEqual({});
  });
  it('carries only the changed fields', () => {
    expect(staffPatch(user, { name: '王晓明', roles: ['clerk'], department: '' })).toEqual({ name: '王晓明' });
    expect(staffPatch(user, { name: '王小明', roles: ['approver', 'clerk'], department: 'SCJGJ' })).toEqual({
      roles: ['clerk', 'approver'],
      department: 'SCJGJ',
    });
  });
  it('sends an empty department to remove it', () => {
    expect(staffPatch({ ...user, department: 'SCJGJ' }, { name: '王小明', roles: ['clerk'], department: '' })).toEqual({ department: '' });
  });
});

describe('staffProblems', () => {
  it('wants a name and a role', () => {
    expect(staffProblems({ name: ' ', roles: [], department: '' })).toEqual(['nameRequired', 'rolesRequired']);
  });
  it('wants a department for an approver only', () => {
    expect(staffProblems({ name: '李审批', roles: ['approver'], department: '' })).toEqual(['approverNeedsDepartment']);
    expect(staffProblems({ name: '李审批', roles: ['approver'], department: 'SCJGJ' })).toEqual([]);
    expect(staffProblems({ name: '张窗口', roles: ['clerk', 'output'], department: '' })).toEqual([]);
  });
  it('checks the user name and the password of a new account too', () => {
    expect(newAccountProblems('', 'short', { name: 'x', roles: ['clerk'], department: '' })).toEqual(['usernameRequired', 'passwordShort']);
    expect(newAccountProblems('zhang', '12345678', { name: 'x', roles: ['clerk'], department: '' })).toEqual([]);
  });
});

describe('normalRoles and departmentsOf', () => {
  it('orders roles and drops unknown ones', () => {
    expect(normalRoles(['admin', 'x', 'clerk', 'clerk'])).toEqual(['clerk', 'admin']);
  });
  it('lists each department once', () => {
    const matters = [
      { department: 'SCJGJ', department_name: '市场监督管理局' },
      { department: 'GAJ', department_name: '公安局' },
      { department: 'SCJGJ', department_name: '市场监督管理局' },
    ];
    expect(departmentsOf(matters)).toEqual([
      { code: 'GAJ', name: '公安局' },
      { code: 'SCJGJ', name: '市场监督管理局' },
    ]);
  });
});
