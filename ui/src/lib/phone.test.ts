import { describe, expect, it } from 'vitest';
import { isMainlandMobile, normalizePhone } from './phone';

describe('mainland mobile numbers', () => {
  it('accept the spellings the server accepts', () => {
    for (const s of ['13812341234', ' 138 1234 1234 ', '138-1234-1234', '+8613812341234', '+86 138 1234 1234', '8613812341234', '008613812341234']) {
      expect(normalizePhone(s), s).toBe('13812341234');
    }
  });

  it('refuse other numbers', () => {
    for (const s of ['', '1381234123', '138123412345', '12812341234', '23812341234', '0432-6468888', '+008613812341234', '1381234123a', '138.1234.1234']) {
      expect(isMainlandMobile(s), s).toBe(false);
    }
  });
});
