import { describe, expect, it } from 'vitest';
import { announce, announcementText } from './announce';

describe('announce', () => {
  it('builds the Mandarin sentence', () => {
    expect(announcementText({ number: 'A001', counter_name: '3号综合窗口' })).toBe('请A001号到3号综合窗口办理');
  });
  it('is a no-op where there is no speech synthesis', () => {
    expect(() => announce({ number: 'A001', counter_name: '1号综合窗口' })).not.toThrow();
  });
});
