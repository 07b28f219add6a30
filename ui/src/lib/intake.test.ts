import { describe, expect, it } from 'vitest';
import type { BundleView, MaterialView, MatterView } from '../api/types';
import { applicantFromView, caseRequest, applicantProblems, deliveryProblems, expectedOutcome, feeYuan, initialTicks, intakeTargets, searchTargets, type IntakeForm } from './intake';

const mat = (code: string, over: Partial<MaterialView> = {}): MaterialView => ({
  code,
  name: `材料${code}`,
  required: true,
  originals: 1,
  copies: 0,
  deferrable: false,
  note: '',
  ...over,
});
const matter = (code: string, name: string, keywords: string[] = []): MatterView => ({
  code,
  name,
  department: code.split('-')[0]!,
  department_name: '市场监督管理局',
  category: 'A',
  kind: '行政许可',
  conditions: '',
  legal_limit_days: 20,
  promised_limit_days: 5,
  legal_extension_days: 10,
  excluded_steps: [],
  visits: 1,
  fee_fen: 0,
  fee_note: '',
  keywords,
  materials: [],
  initials: '',
});
const bundle: BundleView = {
  code: 'YJS-002',
  name: '企业开办一件事',
  description: '',
  category: 'A',
  matters: [{ code: 'SCJGJ-001', name: '营业执照', department: 'SCJGJ' }],
  partial_rejection: 'all_or_nothing',
  keywords: ['开公司'],
  initials: 'qykbyjs',
};

function form(over: Partial<IntakeForm> = {}): IntakeForm {
  const materials = [mat('SCJGJ-001:01'), mat('SCJGJ-001:02', { deferrable: true }), mat('GAFJ-001:01', { required: false })];
  return {
    matter: 'YJS-002',
    ticket_id: null,
    counter: null,
    applicantKind: 'organisation',
    person: { name: '', id_number: '', phone: '' },
    organisation: { name: '某某科技有限公司', credit_code: '91350100m000100y43', legal_representative: '李四', phone: '138 0013 8000' },
    materials,
    ticks: initialTicks(materials),
    delivery: { method: 'window', recipient: '', phone: '', address: '' },
    ...over,
  };
}

describe('intake search', () => {
  const targets = intakeTargets([matter('SCJGJ-001', '企业设立登记', ['办执照']), matter('GAFJ-001', '公章刻制备案')], [bundle]);
  it('finds bundles and matters by name, keyword, code and initials', () => {
    expect(searchTargets(targets, '开公司').map((t) => t.code)).toEqual(['YJS-002']);
    expect(searchTargets(targets, '执照').map((t) => t.code)).toEqual(['SCJGJ-001']);
    expect(searchTargets(targets, 'gafj-001').map((t) => t.code)).toEqual(['GAFJ-001']);
    expect(searchTargets(targets, 'GZKZ').map((t) => t.code)).toEqual(['GAFJ-001']);
    expect(searchTargets(targets, '').length).toBe(3);
    // the server's initials of the name count too
    expect(searchTargets(targets, 'QYKB').map((t) => t.code)).toEqual(['YJS-002']);
  });
  it('marks bundles with their members', () => {
    expect(targets[0]).toMatchObject({ kind: 'bundle', members: ['SCJGJ-001'] });
  });
});

describe('ticks → request body', () => {
  it('sends every material with its state, the organisation and window pickup', () => {
    const f = form({ ticket_id: 7, counter: '1' });
    f.ticks['SCJGJ-001:02'] = 'deferred';
    f.ticks['GAFJ-001:01'] = 'missing';
    expect(caseRequest(f)).toEqual({
      matter: 'YJS-002',
      ticket_id: 7,
      counter: '1',
      applicant: { kind: 'organisation', name: '某某科技有限公司', credit_code: '91350100M000100Y43', legal_representative: '李四', phone: '13800138000' },
      materials: [
        { code: 'SCJGJ-001:01', state: 'provided' },
        { code: 'SCJGJ-001:02', state: 'deferred' },
        { code: 'GAFJ-001:01', state: 'missing' },
      ],
      delivery: { method: 'window' },
    });
  });
  it('never sends deferred for a material that cannot be deferred; omits absent ticket and counter', () => {
    const f = form();
    f.ticks['SCJGJ-001:01'] = 'deferred';
    const body = caseRequest(f);
    expect(body.materials[0]).toEqual({ code: 'SCJGJ-001:01', state: 'missing' });
    expect('ticket_id' in body).toBe(false);
    expect('counter' in body).toBe(false);
  });
  it('sends a person and mail delivery', () => {
    const f = form({
      applicantKind: 'person',
      person: { name: ' 张三 ', id_number: '11010519491231002x', phone: '13800138000' },
      delivery: { method: 'mail', recipient: '张三', phone: '+86 139 0000 0000', address: '某市某路1号' },
    });
    const body = caseRequest(f);
    expect(body.applicant).toEqual({ kind: 'person', name: '张三', id_number: '11010519491231002X', phone: '13800138000' });
    expect(body.delivery).toEqual({ method: 'mail', recipient: '张三', phone: '13900000000', address: '某市某路1号' });
  });
  it('foresees the outcome', () => {
    const f = form();
    expect(expectedOutcome(f.materials, f.ticks)).toBe('accept');
    expect(expectedOutcome(f.materials, { ...f.ticks, 'GAFJ-001:01': 'missing' })).toBe('accept');
    expect(expectedOutcome(f.materials, { ...f.ticks, 'SCJGJ-001:02': 'deferred' })).toBe('pledge');
    expect(expectedOutcome(f.materials, { ...f.ticks, 'SCJGJ-001:01': 'missing' })).toBe('notice');
  });
});

describe('applicant and delivery checks', () => {
  it('checks the credit code, ID number and phones', () => {
    expect(applicantProblems(form())).toEqual({});
    const bad = form();
    bad.organisation = { name: '', credit_code: '91350100M000100Y44', legal_representative: ' ', phone: '123' };
    expect(applicantProblems(bad)).toEqual({ name: 'nameRequired', credit_code: 'creditCode', legal_representative: 'legalRepRequired', phone: 'phone' });
    const person = form({ applicantKind: 'person', person: { name: '张三', id_number: '110105194912310021', phone: '13800138000' } });
    expect(applicantProblems(person)).toEqual({ id_number: 'idNumber' });
    expect(deliveryProblems({ method: 'window', recipient: '', phone: '', address: '' })).toEqual({});
    expect(deliveryProblems({ method: 'mail', recipient: '', phone: '1', address: '' })).toEqual({
      recipient: 'recipientRequired',
      phone: 'mailPhone',
      address: 'addressRequired',
    });
  });
  it('shows fees in yuan', () => {
    expect(feeYuan(0)).toBeNull();
    expect(feeYuan(1250)).toBe('¥12.50');
  });
});

describe('kiosk drafts', () => {
  it('fill the applicant', () => {
    expect(applicantFromView({ kind: 'person', name: '张三', id_number: '11010519491231002X', phone: '13800138000' })).toEqual({
      applicantKind: 'person',
      person: { name: '张三', id_number: '11010519491231002X', phone: '13800138000' },
      organisation: { name: '', credit_code: '', legal_representative: '', phone: '' },
    });
    const org = applicantFromView({ kind: 'organisation', name: '某公司', credit_code: '91350100M000100Y43', legal_representative: '李四', phone: '13800138000' });
    expect(org.applicantKind).toBe('organisation');
    expect(org.organisation).toEqual({ name: '某公司', credit_code: '91350100M000100Y43', legal_representative: '李四', phone: '13800138000' });
  });
});
