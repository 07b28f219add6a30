import { describe, expect, it } from 'vitest';
import { draftProblems, draftRequest, draftSummary, emptyDraftForm } from './kioskDraft';

const person = () => {
  const f = emptyDraftForm('GAFJ-001');
  f.person = { name: ' 张三 ', id_number: '11010519491231002x', phone: '138 0013 8000' };
  return f;
};

describe('kiosk draft', () => {
  it('starts blank, with the matter the ticket was taken for', () => {
    expect(emptyDraftForm().matter).toBeNull();
    const f = emptyDraftForm('YJS-002');
    expect(f.matter).toBe('YJS-002');
    expect(f.applicantKind).toBe('person');
    expect(f.person).toEqual({ name: '', id_number: '', phone: '' });
  });

  it('asks for a matter and every applicant field', () => {
    const p = draftProblems(emptyDraftForm());
    expect(p).toEqual({ matter: 'matterRequired', name: 'nameRequired', id_number: 'idNumber', phone: 'phone' });
    expect(draftProblems(person())).toEqual({});
  });

  it('catches a wrong ID check character before sending', () => {
    const f = person();
    f.person.id_number = '110105194912310021';
    expect(draftProblems(f)).toEqual({ id_number: 'idNumber' });
  });

  it('checks an organisation by its own fields', () => {
    const f = person();
    f.applicantKind = 'organisation';
    expect(draftProblems(f)).toEqual({ name: 'nameRequired', credit_code: 'creditCode', legal_representative: 'legalRepRequired', phone: 'phone' });
    f.organisation = { name: '某公司', credit_code: '91350100m000100y43', legal_representative: '李四', phone: '13800138000' };
    expect(draftProblems(f)).toEqual({});
  });

  it('builds the request of the chosen kind only, normalised', () => {
    expect(draftRequest(person())).toEqual({
      matter: 'GAFJ-001',
      applicant: { kind: 'person', name: '张三', id_number: '11010519491231002X', phone: '13800138000' },
    });
    const f = person();
    f.applicantKind = 'organisation';
    f.organisation = { name: ' 某公司 ', credit_code: '91350100m000100y43', legal_representative: ' 李四 ', phone: '13800138000' };
    expect(draftRequest(f)).toEqual({
      matter: 'GAFJ-001',
      applicant: { kind: 'organisation', name: '某公司', credit_code: '91350100M000100Y43', legal_representative: '李四', phone: '13800138000' },
    });
  });

  it('will not build a request without a matter', () => {
    const f = person();
    f.matter = null;
    expect(() => draftRequest(f)).toThrow();
  });

  it('lists the masked view the server returns', () => {
    expect(draftSummary({ kind: 'person', name: '张*', id_number: '110105********002X', phone: '138****8000' })).toEqual([
      { label: 'personName', value: '张*' },
      { label: 'idNumber', value: '110105********002X' },
      { label: 'phone', value: '138****8000' },
    ]);
    expect(
      draftSummary({ kind: 'organisation', name: '某公司', credit_code: '9135****Y43', legal_representative: '李*', phone: '138****8000' }).map((r) => r.label),
    ).toEqual(['orgName', 'creditCode', 'legalRep', 'phone']);
  });
});
