/**
 * In-memory hall for `npm run dev:mock` (and for trying the e2e test without the Rust server).
 * It follows the API contract loosely; the real server is the reference.
 */
import { randomBytes } from 'node:crypto';

type Role = 'admin' | 'clerk' | 'kiosk' | 'display';
interface Principal { kind: 'user' | 'device'; username: string | null; name: string; roles: Role[]; department: string | null }
interface Ticket {
  id: number; number: string; category: string; category_name: string; priority: 'normal';
  status: 'waiting' | 'called'; issued_at: string; called_at?: string; counter?: string;
}
export interface HallEvent { id: number; kind: 'ticket_issued' | 'ticket_called'; data: unknown }

export const categories = [
  { code: 'A', name: '企业服务', description: '企业开办、变更、注销等' },
  { code: 'B', name: '个人服务', description: '社保、医保、户籍等个人事项' },
  { code: 'C', name: '工程建设', description: '工程建设项目审批' },
];
export const counters = [
  { code: '1', name: '1号综合窗口', kind: 'intake' as const, categories: [{ code: 'A', weight: 1 }, { code: 'B', weight: 1 }] },
  { code: '2', name: '2号综合窗口', kind: 'intake' as const, categories: [{ code: 'B', weight: 1 }, { code: 'C', weight: 1 }] },
  { code: '9', name: '9号出件窗口', kind: 'output' as const, categories: [] },
];

export class MockHall {
  private users = new Map<string, { password: string; p: Principal }>();
  private tokens = new Map<string, Principal>();
  private tickets: Ticket[] = [];
  private idempotent = new Map<string, Ticket>();
  private seq = new Map<string, number>();
  private listeners = new Set<(e: HallEvent) => void>();
  readonly events: HallEvent[] = [];
  recentCalls: unknown[] = [];

  constructor(adminPassword: string) {
    this.users.set('admin', { password: adminPassword, p: { kind: 'user', username: 'admin', name: '系统管理员', roles: ['admin'], department: null } });
  }

  login(username: string, password: string) {
    const u = this.users.get(username);
    if (!u || u.password !== password) return null;
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, u.p);
    return { token, expires_at: new Date(Date.now() + 12 * 3600e3).toISOString(), user: { username, name: u.p.name, roles: u.p.roles, department: u.p.department } };
  }
  principal(token: string | null | undefined): Principal | null {
    return token ? (this.tokens.get(token) ?? null) : null;
  }
  logout(token: string) {
    this.tokens.delete(token);
  }
  createUser(b: { username: string; name: string; password: string; roles: Role[]; department: string | null }) {
    if (this.users.has(b.username)) return null;
    this.users.set(b.username, { password: b.password, p: { kind: 'user', username: b.username, name: b.name, roles: b.roles, department: b.department } });
    return { username: b.username, name: b.name, roles: b.roles, department: b.department };
  }
  createDevice(b: { name: string; role: 'kiosk' | 'display' }) {
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, { kind: 'device', username: null, name: b.name, roles: [b.role], department: null });
    return { id: this.tokens.size, name: b.name, role: b.role, token };
  }

  waiting(code: string) {
    return this.tickets.filter((t) => t.category === code && t.status === 'waiting').length;
  }
  categoryViews() {
    return categories.map((c) => ({ ...c, waiting: this.waiting(c.code) }));
  }

  issue(category: string, key: string | undefined) {
    const cat = categories.find((c) => c.code === category);
    if (!cat) return null;
    if (key && this.idempotent.has(key)) return this.view(this.idempotent.get(key)!);
    const n = (this.seq.get(category) ?? 0) + 1;
    this.seq.set(category, n);
    const t: Ticket = {
      id: this.tickets.length + 1, number: `${category}${String(n).padStart(3, '0')}`, category,
      category_name: cat.name, priority: 'normal', status: 'waiting', issued_at: new Date().toISOString(),
    };
    this.tickets.push(t);
    if (key) this.idempotent.set(key, t);
    this.emit('ticket_issued', { ticket_id: t.id, number: t.number, category, waiting: this.waiting(category) });
    return this.view(t);
  }
  private view(t: Ticket) {
    const ahead = this.tickets.filter((o) => o.category === t.category && o.status === 'waiting' && o.id < t.id).length;
    return { id: t.id, number: t.number, category: t.category, category_name: t.category_name, priority: t.priority, status: t.status, waiting_ahead: ahead, issued_at: t.issued_at };
  }

  callNext(counterCode: string) {
    const counter = counters.find((c) => c.code === counterCode);
    if (!counter) return undefined;
    const serves = new Set(counter.categories.map((c) => c.code));
    const t = this.tickets.find((x) => x.status === 'waiting' && serves.has(x.category));
    if (!t) return null;
    t.status = 'called';
    t.called_at = new Date().toISOString();
    t.counter = counter.code;
    const call = { ticket_id: t.id, number: t.number, category: t.category, counter: counter.code, counter_name: counter.name, called_at: t.called_at };
    this.recentCalls = [call, ...this.recentCalls].slice(0, 10);
    this.emit('ticket_called', call);
    return {
      ticket: { id: t.id, number: t.number, category: t.category, category_name: t.category_name, status: t.status, issued_at: t.issued_at, called_at: t.called_at, counter: counter.code },
      counter: { code: counter.code, name: counter.name },
    };
  }

  queue() {
    return {
      service_day: new Date().toISOString().slice(0, 10),
      categories: this.categoryViews(),
      counters: counters.map((c) => {
        const t = [...this.tickets].reverse().find((x) => x.counter === c.code);
        return { code: c.code, name: c.name, kind: c.kind, serving: t ? { ticket_id: t.id, number: t.number, status: t.status, called_at: t.called_at! } : null };
      }),
      recent_calls: this.recentCalls,
    };
  }

  private emit(kind: HallEvent['kind'], data: unknown) {
    const e = { id: this.events.length + 1, kind, data };
    this.events.push(e);
    for (const l of this.listeners) l(e);
  }
  subscribe(l: (e: HallEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

