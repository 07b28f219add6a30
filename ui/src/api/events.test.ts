import { describe, expect, it } from 'vitest';
import { withLastEventId } from './events';

describe('withLastEventId', () => {
  it('leaves a fresh connection alone', () => {
    expect(withLastEventId('/api/v1/events?access_token=T', '')).toBe('/api/v1/events?access_token=T');
  });
  it('resumes after the last event seen', () => {
    expect(withLastEventId('/api/v1/events?access_token=T', '42')).toBe('/api/v1/events?access_token=T&last_event_id=42');
    expect(withLastEventId('/api/v1/events', '7')).toBe('/api/v1/events?last_event_id=7');
  });
});
