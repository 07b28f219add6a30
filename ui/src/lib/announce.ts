/**
 * The display's voice calls. Each call (and each recall) is queued and spoken one after the
 * other, never overlapping: the server's Mandarin recording (`/api/v1/voice/call.wav`) first;
 * when that cannot be had (503: no speech synthesis on the server, a network error) the
 * browser's own Chinese voice; when there is none, silence. Browsers refuse to play sound before
 * the person has touched the page: the queue then waits, `onBlocked` tells the screen to offer a
 * button, and `unlock()` (from that button's click) carries on.
 */

export interface Announcement {
  ticket_id?: number;
  number: string;
  counter: string;
  counter_name: string;
  called_at?: string;
  recall?: boolean;
}

/** What is said: 请A001号到3号综合窗口办理 */
export function announcementText(call: Pick<Announcement, 'number' | 'counter_name'>): string {
  return `请${call.number}号到${call.counter_name}办理`;
}

/** Why a sound did not play: the browser wants a user gesture first, or it just failed. */
export class PlaybackError extends Error {
  constructor(
    readonly reason: 'blocked' | 'failed' | 'unavailable',
    message: string = reason,
  ) {
    super(message);
    this.name = 'PlaybackError';
  }
}

export interface AnnouncePlayers {
  /** Plays a recording to its end; rejects with a PlaybackError. */
  playAudio(url: string): Promise<void>;
  /** Speaks with the browser's Chinese voice to the end; rejects ('unavailable' when there is none). */
  speak(text: string): Promise<void>;
}

export interface AnnouncerOptions {
  players: AnnouncePlayers;
  /** The recording's URL, or null to go straight to the browser's voice. */
  audioUrl?: (call: Announcement) => string | null;
  /** Sound is blocked until a user gesture: show the "turn on the voice" button. */
  onBlocked?: () => void;
  /** Calls older than this when their turn comes are skipped (e.g. after a long block). */
  maxAgeMs?: number;
  /** Longest one announcement may take before the queue moves on anyway. */
  timeoutMs?: number;
  now?: () => number;
}

type Step = 'played' | 'spoken' | 'skipped' | 'stale' | 'duplicate';

/** A FIFO of announcements played strictly one at a time. */
export class Announcer {
  private readonly queue: Announcement[] = [];
  private readonly seen = new Set<string>();
  private running = false;
  private blocked = false;
  private disposed = false;
  private resumeBlocked: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  /** What happened to each announcement, in order (for tests and diagnostics). */
  readonly log: { number: string; step: Step }[] = [];

  constructor(private readonly options: AnnouncerOptions) {}

  /** Queues a call; the same call (ticket and time) is spoken once however often it arrives. */
  enqueue(call: Announcement): void {
    if (this.disposed) return;
    const key = `${call.ticket_id ?? call.number}@${call.called_at ?? ''}@${call.counter}`;
    if (call.called_at && this.seen.has(key)) {
      this.log.push({ number: call.number, step: 'duplicate' });
      return;
    }
    if (call.called_at) {
      this.seen.add(key);
      if (this.seen.size > 500) this.seen.delete(this.seen.values().next().value!);
    }
    this.queue.push(call);
    if (!this.running) void this.run();
  }

  /** Called from a user gesture: sound may play now. */
  unlock(): void {
    this.blocked = false;
    const resume = this.resumeBlocked;
    this.resumeBlocked = null;
    resume?.();
  }

  get isBlocked(): boolean {
    return this.blocked;
  }

  get pending(): number {
    return this.queue.length;
  }

  get busy(): boolean {
    return this.running;
  }

  /** Resolves once the queue is empty and nothing plays. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
    this.unlock();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.disposed) {
        const call = this.queue[0]!;
        const step = await this.announce(call);
        if (step === 'blocked') {
          // Keep it at the head and wait for a gesture.
          this.blocked = true;
          this.options.onBlocked?.();
          await new Promise<void>((r) => (this.resumeBlocked = r));
          continue;
        }
        this.queue.shift();
        this.log.push({ number: call.number, step });
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  private isStale(call: Announcement): boolean {
    const maxAge = this.options.maxAgeMs ?? 2 * 60 * 1000;
    if (!call.called_at) return false;
    const at = Date.parse(call.called_at);
    return Number.isFinite(at) && (this.options.now ?? Date.now)() - at > maxAge;
  }

  private withTimeout(p: Promise<void>): Promise<void> {
    const ms = this.options.timeoutMs ?? 20_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      p,
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new PlaybackError('failed', 'timed out')), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  private async announce(call: Announcement): Promise<Step | 'blocked'> {
    if (this.isStale(call)) return 'stale';
    const { players } = this.options;
    const url = this.options.audioUrl?.(call) ?? null;
    if (url) {
      try {
        await this.withTimeout(players.playAudio(url));
        return 'played';
      } catch (e) {
        if (e instanceof PlaybackError && e.reason === 'blocked') return 'blocked';
        // else: the browser's voice below
      }
    }
    try {
      await this.withTimeout(players.speak(announcementText(call)));
      return 'spoken';
    } catch (e) {
      if (e instanceof PlaybackError && e.reason === 'blocked' && !url) return 'blocked';
      return 'skipped';
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The browser's players (not unit-tested: they need a real audio stack).

function chineseVoice(): Promise<SpeechSynthesisVoice | null> {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return Promise.resolve(null);
  const pick = () => window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith('zh')) ?? null;
  const now = pick();
  if (now || window.speechSynthesis.getVoices().length > 0) return Promise.resolve(now);
  // Voices load lazily in some browsers.
  return new Promise((resolve) => {
    const done = () => resolve(pick());
    window.speechSynthesis.addEventListener('voiceschanged', done, { once: true });
    setTimeout(done, 1000);
  });
}

export function browserPlayers(): AnnouncePlayers {
  return {
    playAudio(url) {
      return new Promise<void>((resolve, reject) => {
        const audio = new Audio(url);
        audio.preload = 'auto';
        audio.addEventListener('ended', () => resolve(), { once: true });
        audio.addEventListener('error', () => reject(new PlaybackError('failed', 'audio error')), { once: true });
        audio.play().catch((e: unknown) => {
          const name = e instanceof DOMException || e instanceof Error ? e.name : '';
          reject(new PlaybackError(name === 'NotAllowedError' ? 'blocked' : 'failed', String(e)));
        });
      });
    },
    async speak(text) {
      const voice = await chineseVoice();
      if (!voice) throw new PlaybackError('unavailable', 'no Chinese voice');
      await new Promise<void>((resolve, reject) => {
        const u = new SpeechSynthesisUtterance(text);
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = 0.9;
        u.onend = () => resolve();
        u.onerror = (ev) => reject(new PlaybackError(ev.error === 'not-allowed' ? 'blocked' : 'failed', ev.error));
        window.speechSynthesis.speak(u);
      });
    },
  };
}
