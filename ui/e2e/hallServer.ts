/**
 * A hall server of a spec's own, for what the shared one (ONETRIP_URL) cannot do: stopping it and
 * starting it again on the same data directory, its clock set with `--clock-start` (the rehearsal
 * clock: it starts at that instant and ticks on). Used for appointment check-in, which only works
 * on the slot's day, from 30 minutes before its start to 15 after.
 *
 * Every start binds a fresh port (`127.0.0.1:0`), so `url` changes: open pages again at the new
 * one. The database (users, devices and their tokens, bookings, tickets) stays. The binary is
 * `../target/debug/onetrip` (ONETRIP_BIN overrides); SQLite in a temporary directory, the demo
 * catalog, an admin password of its own. `dispose()` stops it and deletes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { openSync, closeSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from './hall';

const BINARY = process.env.ONETRIP_BIN ?? fileURLToPath(new URL('../../target/debug/onetrip', import.meta.url));

/** Settings a parent shell may have exported that would point the child at another hall. */
const FOREIGN_ENV = ['ONETRIP_DATA_DIR', 'DATABASE_URL', 'ONETRIP_BIND', 'ONETRIP_TIMEZONE', 'ONETRIP_CLOCK_START', 'ONETRIP_PUBLIC_URL', 'ONETRIP_LOG_JSON'];

export interface StartOptions {
  /** RFC 3339, e.g. `2026-12-01T08:50:00+08:00`; omitted: the real time. */
  clockStart?: string;
}

export class HallServer implements Target {
  readonly adminPassword = `e2e-own-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  /** The address of the running server; changes on every (re)start. */
  url = '';
  /** The clock it was last started with (null: real time). */
  clockStart: string | null = null;
  private child: ChildProcess | null = null;
  private starts = 0;
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  private constructor(
    readonly workDir: string,
    readonly dataDir: string,
  ) {}

  /** A new hall on a fresh data directory. */
  static async start(options: StartOptions = {}): Promise<HallServer> {
    const work = await mkdtemp(join(tmpdir(), 'onetrip-e2e-'));
    const data = join(work, 'data');
    mkdirSync(data);
    const server = new HallServer(work, data);
    process.on('exit', server.killOnExit);
    try {
      await server.launch(options);
    } catch (e) {
      await server.dispose();
      throw e;
    }
    return server;
  }

  /** Stops the server and starts it again on the same data, with `clockStart` (or real time). */
  async restart(options: StartOptions = {}): Promise<string> {
    await this.stop();
    await this.launch(options);
    return this.url;
  }

  /** SIGTERM (a graceful shutdown), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    this.url = '';
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return; // never started, or gone
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    process.off('exit', this.killOnExit);
    if (!process.env.ONETRIP_E2E_KEEP) await rm(this.workDir, { recursive: true, force: true });
  }

  /** The server's log (stderr), every start in turn, for failure reports. */
  async log(): Promise<string> {
    const parts: string[] = [];
    for (let n = 1; n <= this.starts; n++) {
      parts.push(`--- start ${n} ---\n${await readFile(this.logPath(n), 'utf8').catch(() => '')}`);
    }
    return parts.join('\n');
  }

  private logPath(n = this.starts) {
    return join(this.workDir, `server-${n}.log`);
  }

  private async launch({ clockStart }: StartOptions): Promise<void> {
    this.starts += 1;
    const env: NodeJS.ProcessEnv = { ...process.env, ONETRIP_ADMIN_PASSWORD: this.adminPassword, NO_COLOR: '1' };
    for (const k of FOREIGN_ENV) delete env[k];
    const args = ['serve', '--data-dir', this.dataDir, '--bind', '127.0.0.1:0', '--seed-demo', '--timezone', 'Asia/Shanghai'];
    if (clockStart) args.push('--clock-start', clockStart);
    const logFd = openSync(this.logPath(), 'w');
    let child: ChildProcess;
    try {
      child = spawn(BINARY, args, { env, stdio: ['ignore', 'pipe', logFd] });
    } finally {
      closeSync(logFd);
    }
    this.child = child;
    this.clockStart = clockStart ?? null;

    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('did not report its address within 30 s')), 30_000);
      const fail = (e: Error) => {
        clearTimeout(timer);
        reject(e);
      };
      child.on('error', fail);
      child.on('exit', (code, signal) => fail(new Error(`exited (${signal ?? code}) before listening`)));
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        out += chunk;
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
    }).catch(async (e: Error) => {
      await this.stop();
      throw new Error(`${BINARY} ${args.join(' ')}: ${e.message}\n${out}\n${(await readFile(this.logPath(), 'utf8').catch(() => '')).slice(-3000)}`);
    });
    child.stdout!.resume(); // keep draining
    this.url = url;
  }
}
