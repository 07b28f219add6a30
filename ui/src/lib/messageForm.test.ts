import { describe, expect, it } from 'vitest';
import { draftProblems, emptyDraft, groupQueryCode, messageRequest, normalizeQueryCode, queryCodeProblem } from './messageForm';

const good = () => ({ ...emptyDraft('complaint'), title: ' 排队太久 ', body: '等了两个小时', phone: '139 5786 4213' });

describe('message drafts', () => {
  it('needs a kind, a title, a body and a mobile number; the name is optional', () => {
    expect(draftProblems(good())).toEqual({});
    expect(draftProblems(emptyDraft())).toEqual({ kind: 'kind', title: 'titleMissing', body: 'bodyMissing', phone: 'phone' });
  });

  it('keeps to the server limits, counting characters not bytes', () => {
    expect(draftProblems({ ...good(), title: '长'.repeat(50) })).toEqual({});
    expect(draftProblems({ ...good(), title: '长'.repeat(51) }).title).toBe('titleTooLong');
    expect(draftProblems({ ...good(), body: '字'.repeat(1001) }).body).toBe('bodyTooLong');
    expect(draftProblems({ ...good(), name: '名'.repeat(51) }).name).toBe('nameTooLong');
    expect(draftProblems({ ...good(), phone: '12345' }).phone).toBe('phone');
  });

  it('sends trimmed text, the 11 digits, and no blank name', () => {
    expect(messageRequest(good())).toEqual({ kind: 'complaint', title: '排队太久', body: '等了两个小时', phone: '13957864213' });
    expect(messageRequest({ ...good(), name: ' 欧阳明华 ' }).name).toBe('欧阳明华');
  });
});

describe('query codes', () => {
  it('are read forgivingly and printed in groups of four', () => {
    expect(normalizeQueryCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(queryCodeProblem('abcd-efgh-jkmn')).toBeNull();
    expect(queryCodeProblem('ABCD')).toBe('length');
    expect(queryCodeProblem('ABCDEFGHJKM0')).toBe('chars');
    expect(groupQueryCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});
