import { describe, expect, it } from 'vitest';
import { announcementText, Announcer, PlaybackError, type AnnouncePlayers, type Announcement } from './announce';

const NOW = Date.parse('2026-11-27T09:00:00Z');
const call = (number: string, counter = '3', extra: Partial<Announcement> = {}): Announcement => ({
  number,
  counter,
  counter_name: `${counter}号综合窗口`,
  called_at: new Date(NOW - 1000).toISOString(),
  ticket_id: Number(number.slice(1)),
  ...extra,
});

/** Players whose sounds end when the test says so; records overlaps. */
function fakePlayers(opts: { audio?: (url: string) => 'ok' | 'fail' | 'blocked'; speech?: 'ok' | 'none' } = {}) {
  const events: string[] = [];
  let playing = 0;
  let maxPlaying = 0;
  const pendingEnds: (() => void)[] = [];
  const sound = (label: string) =>
    new Promise<void>((resolve) => {
      playing++;
      maxPlaying = Math.max(maxPlaying, playing);
      events.push(`start ${label}`);
      pendingEnds.push(() => {
        playing--;
        events.push(`end ${label}`);
        resolve();
      });
    });
  const players: AnnouncePlayers = {
    playAudio(url) {
      const outcome = opts.audio?.(url) ?? 'ok';
      if (outcome === 'fail') return Promise.reject(new PlaybackError('failed', '503'));
      if (outcome === 'blocked') return Promise.reject(new PlaybackError('blocked'));
      return sound(`audio ${new URL(url, 'http://x').searchParams.get('number')}`);
    },
    speak(text) {
      if (opts.speech === 'none') return Promise.reject(new PlaybackError('unavailable'));
      return sound(`speech ${text}`);
    },
  };
  const flush = async () => {
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 0));
      const end = pendingEnds.shift();
      if (end) end();
    }
  };
  return { players, events, flush, get maxPlaying() { return maxPlaying; } };
}

const audioUrl = (c: Announcement) => `/api/v1/voice/call.wav?number=${c.number}&counter=${c.counter}`;

describe('Announcer', () => {
  it('says the Mandarin sentence', () => {
    expect(announcementText({ number: 'A001', counter_name: '3号综合窗口' })).toBe('请A001号到3号综合窗口办理');
  });

  it('plays calls in arrival order, one at a time', async () => {
    const f = fakePlayers();
    const a = new Announcer({ players: f.players, audioUrl, now: () => NOW });
    a.enqueue(call('A001'));
    a.enqueue(call('B002', '1'));
    a.enqueue(call('A001', '3', { recall: true, called_at: new Date(NOW - 500).toISOString() }));
    await f.flush();
    await a.idle();
    expect(f.events).toEqual(['start audio A001', 'end audio A001', 'start audio B002', 'end audio B002', 'start audio A001', 'end audio A001']);
    expect(f.maxPlaying).toBe(1);
    expect(a.log.map((l) => l.step)).toEqual(['played', 'played', 'played']);
  });

  it('does not start the next before the current one ended', async () => {
    const f = fakePlayers();
    const a = new Announcer({ players: f.players, audioUrl, now: () => NOW });
    a.enqueue(call('A001'));
    await new Promise((r) => setTimeout(r, 0));
    a.enqueue(call('A002'));
    await new Promise((r) => setTimeout(r, 0));
    expect(f.events).toEqual(['start audio A001']);
    expect(a.pending).toBe(2);
    await f.flush();
    await a.idle();
    expect(f.maxPlaying).toBe(1);
  });

  it("falls back to the browser's voice when the recording fails", async () => {
    const f = fakePlayers({ audio: (u) => (u.includes('A002') ? 'fail' : 'ok') });
    const a = new Announcer({ players: f.players, audioUrl, now: () => NOW });
    a.enqueue(call('A001'));
    a.enqueue(call('A002', '5'));
    a.enqueue(call('A003'));
    await f.flush();
    await a.idle();
    expect(f.events.filter((e) => e.startsWith('start'))).toEqual([
      'start audio A001',
      'start speech 请A002号到5号综合窗口办理',
      'start audio A003',
    ]);
    expect(f.maxPlaying).toBe(1);
  });

  it('skips silently when neither recording nor Chinese voice is there', async () => {
    const f = fakePlayers({ audio: () => 'fail', speech: 'none' });
    const a = new Announcer({ players: f.players, audioUrl, now: () => NOW });
    a.enqueue(call('A001'));
    a.enqueue(call('A002'));
    await f.flush();
    await a.idle();
    expect(f.events).toEqual([]);
    expect(a.log.map((l) => l.step)).toEqual(['skipped', 'skipped']);
  });

  it('waits for a gesture when sound is blocked, then carries on in order', async () => {
    let blocked = true;
    let told = 0;
    const f = fakePlayers({ audio: () => (blocked ? 'blocked' : 'ok') });
    const a = new Announcer({ players: f.players, audioUrl, onBlocked: () => told++, now: () => NOW });
    a.enqueue(call('A001'));
    a.enqueue(call('A002'));
    await f.flush();
    expect(told).toBe(1);
    expect(a.isBlocked).toBe(true);
    expect(a.pending).toBe(2);
    expect(f.events).toEqual([]);
    blocked = false;
    a.unlock();
    await f.flush();
    await a.idle();
    expect(f.events.filter((e) => e.startsWith('start'))).toEqual(['start audio A001', 'start audio A002']);
  });

  it('speaks each call once, but a recall again', async () => {
    const f = fakePlayers();
    const a = new Announcer({ players: f.players, audioUrl, now: () => NOW });
    const first = call('A001');
    a.enqueue(first);
    a.enqueue({ ...first });
    a.enqueue(call('A001', '3', { recall: true, called_at: new Date(NOW - 100).toISOString() }));
    await f.flush();
    await a.idle();
    expect(f.events.filter((e) => e.startsWith('start'))).toHaveLength(2);
  });

  it('skips calls that grew stale while waiting', async () => {
    const f = fakePlayers();
    const a = new Announcer({ players: f.players, audioUrl, now: () => NOW, maxAgeMs: 60_000 });
    a.enqueue(call('A001', '3', { called_at: new Date(NOW - 5 * 60_000).toISOString() }));
    a.enqueue(call('A002'));
    await f.flush();
    await a.idle();
    expect(a.log.map((l) => `${l.number} ${l.step}`)).toEqual(['A001 stale', 'A002 played']);
  });

  it('moves on when a sound never ends', async () => {
    const players: AnnouncePlayers = { playAudio: () => new Promise(() => undefined), speak: () => Promise.reject(new PlaybackError('unavailable')) };
    const a = new Announcer({ players, audioUrl, now: () => NOW, timeoutMs: 10 });
    a.enqueue(call('A001'));
    a.enqueue(call('A002'));
    await a.idle();
    expect(a.log.map((l) => l.step)).toEqual(['skipped', 'skipped']);
  });
});
