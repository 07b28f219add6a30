import { describe, expect, it } from 'vitest';
import { caseDocuments, deliveryOf, outputActions, outputStateType, scanTarget, verifyTone } from './documents';

describe('deliveryOf', () => {
  it('reads mail with its address', () => {
    expect(deliveryOf({ method: 'mail', recipient: '李四', phone: '138', address: '某路1号' })).toEqual({
      method: 'mail',
      recipient: '李四',
      phone: '138',
      address: '某路1号',
    });
  });
  it('falls back to the window', () => {
    expect(deliveryOf(null).method).toBe('window');
    expect(deliveryOf({ method: 'window' })).toEqual({ method: 'window', recipient: '', phone: '', address: '' });
  });
});

describe('outputActions', () => {
  it('follows the state', () => {
    expect(outputActions('ready')).toEqual({ handover: true, delivered: false });
    expect(outputActions('mailed')).toEqual({ handover: false, delivered: true });
    expect(outputActions('delivered')).toEqual({ handover: false, delivered: false });
    expect(outputActions('picked_up')).toEqual({ handover: false, delivered: false });
  });
  it('colours the states', () => {
    expect(outputStateType('ready')).toBe('warning');
    expect(outputStateType('delivered')).toBe('success');
    expect(outputStateType('x')).toBe('info');
  });
});

describe('verifyTone', () => {
  it('maps results', () => {
    expect(verifyTone('authentic')).toBe('ok');
    expect(verifyTone('altered')).toBe('bad');
    expect(verifyTone('malformed')).toBe('unknown');
    expect(verifyTone('revoked')).toBe('unknown');
  });
});

describe('scanTarget', () => {
  it('opens tracking URLs with their seal', () => {
    expect(scanTarget(' https://hall.example/track/AbC123?s=xyz \n')).toEqual({ kind: 'track', code: 'AbC123', seal: 'xyz' });
    expect(scanTarget('http://127.0.0.1:8080/track/Q9')).toEqual({ kind: 'track', code: 'Q9', seal: null });
  });
  it('verifies everything else', () => {
    expect(scanTarget('https://hall.example/verify?s=abc')).toEqual({ kind: 'verify', qr: 'https://hall.example/verify?s=abc' });
    expect(scanTarget('https://hall.example/track/ticket/T1')).toEqual({ kind: 'verify', qr: 'https://hall.example/track/ticket/T1' });
    expect(scanTarget('garbage')).toEqual({ kind: 'verify', qr: 'garbage' });
  });
});

describe('caseDocuments', () => {
  it('lists what exists', () => {
    expect(caseDocuments('in_progress', false)).toEqual(['acceptance']);
    expect(caseDocuments('suspended', true)).toEqual(['acceptance', 'correction']);
    expect(caseDocuments('approved', false)).toEqual(['acceptance', 'completion']);
    expect(caseDocuments('rejected', true)).toEqual(['acceptance', 'correction', 'completion']);
  });
});
