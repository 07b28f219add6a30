import { describe, expect, it } from 'vitest';
import { deviceRoleForPath, parseFragment } from './fragment';

describe('parseFragment', () => {
  it('reads a device token and leaves nothing behind', () => {
    expect(parseFragment('#device_token=XYZ')).toEqual({ deviceToken: 'XYZ', session: null, rest: '' });
  });

  it('reads a session token', () => {
    expect(parseFragment('#session=abc.def')).toEqual({ deviceToken: null, session: 'abc.def', rest: '' });
  });

  it('keeps unrelated fragment parameters', () => {
    const f = parseFragment('#device_token=T1&section=top');
    expect(f.deviceToken).toBe('T1');
    expect(f.rest).toBe('section=top');
  });

  it('decodes percent-encoded tokens', () => {
    expect(parseFragment('#device_token=a%2Bb%3D').deviceToken).toBe('a+b=');
  });

  it('ignores empty values and plain anchors', () => {
    expect(parseFragment('#device_token=')).toEqual({ deviceToken: null, session: null, rest: '' });
    expect(parseFragment('#top')).toEqual({ deviceToken: null, session: null, rest: 'top' });
    expect(parseFragment('')).toEqual({ deviceToken: null, session: null, rest: '' });
  });
});

describe('deviceRoleForPath', () => {
  it('maps device pages to their role', () => {
    expect(deviceRoleForPath('/kiosk')).toBe('kiosk');
    expect(deviceRoleForPath('/display/')).toBe('display');
    expect(deviceRoleForPath('/counter')).toBeNull();
    expect(deviceRoleForPath('/')).toBeNull();
  });
});

