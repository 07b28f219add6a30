/**
 * In-memory hall for `npm run dev:mock` (and for trying the e2e test without the Rust server).
 * It follows the API contract loosely (sessions, call-next, ticket operations, desk, tracking);
 * the real server is the reference. No slip PDF nor voice: those answer 503, as a server
 * without them would.
 */
import { randomBytes } from 'node:crypto';

type Role = 'admin' | 'clerk' | 'kiosk' | 'display';
interface Principal { kind: 'user' | 'device'; username: string | null; name: string; roles: Role[]; department: string | null }
type Status = 'waiting' | 'called' | 'serving' | 'done' | 'no_show';
interface Ticket {
  id: number; number: string; category: string; queue_category: string; matter: string | null;
  priority: 'normal' | 'green'; status: Status; issued_at: string; queued_at: string; called_at: string | null;
  counter: string | null; target_counter: string | null; recall_count: number; started_at: string | null;
  finished_at: string | null; slip_status: 'pending' | 'printed' | 'failed'; track_code: string; id_number: string | null;
}
export interface HallEvent { id: number; kind: string; data: unknown }

/** A refusal the plugin turns into `{code, message}`. */
export class MockError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

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
const matter = (code: string, name: string, category: string, keywords: string[], department_name: string) => ({
  code, name, category, keywords, department: code.split('-')[0], department_name, kind: '行政许可', conditions: '',
  legal_limit_days: 20, promised_limit_days: 5, legal_extension_days: 0, visits: 1, fee_fen: 0, fee_note: '', materials: [],
});
export const matters = [
  matter('SCJGJ-001', '企业设立登记', 'A', ['办营业执照', '注册公司', '开公司'], '市市场监督管理局'),
  matter('SCJGJ-002', '食品经营许可', 'A', ['开饭店', '开餐馆', '餐饮许可'], '市市场监督管理局'),
  matter('RSJ-002', '社会保障卡申领', 'B', ['办社保卡', '补社保卡', '社保卡丢了'], '市人力资源和社会保障局'),
  matter('GAFJ-003', '居民身份证申领、换领、补领', 'B', ['办身份证', '换身份证', '补身份证'], '市公安局'),
  matter('JSGLJ-002', '建筑工程施工许可证核发', 'C', ['施工许可', '开工证'], '市住房和城乡建设局'),
];
const MINUTES_PER_TICKET = 6;

export class MockHall {
  private users = new Map<string, { password: string; p: Principal }>();
  private tokens = new Map<string, Principal>();
  private tickets: Ticket[] = [];
  private idempotent = new Map<string, Ticket>();
  private seq = new Map<string, number>();
  /** counter code → its session. */
  private sessions = new Map<string, { username: string; name: string; opened_at: string; paused: boolean }>();
  private reasons = new Map<number, string>();
  private listeners = new Set<(e: HallEvent) => void>();
  readonly events: HallEvent[] = [];
  recentCalls: { ticket_id: number; number: string; category: string; counter: string; counter_name: string; recall: boolean; called_at: string }[] = [];

  constructor(adminPassword: string) {
    this.users.set('admin', { password: adminPassword, p: { kind: 'user', username: 'admin', name: '系统管理员', roles: ['admin'], department: null } });
  }

  login(username: string, password: string) {
    const u = this.users.get(username);
    if (!u || u.password !== password) return null;
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, u.p);
    return { token, expires_at: new Date(Date.now() + 12 * 3600e3).toISOString(), user: { id: 1, username, name: u.p.name, roles: u.p.roles, department: u.p.department, disabled: false } };
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
    return { id: this.users.size, username: b.username, name: b.name, roles: b.roles, department: b.department, disabled: false };
  }
  createDevice(b: { name: string; role: 'kiosk' | 'display' }) {
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, { kind: 'device', username: null, name: b.name, roles: [b.role], department: null });
    return { id: this.tokens.size, name: b.name, role: b.role, token };
  }

  private waitingIn(code: string) {
    return this.tickets.filter((t) => t.queue_category === code && t.status === 'waiting');
  }
  categoryViews() {
    return categories.map((c) => ({ ...c, waiting: this.waitingIn(c.code).length }));
  }
  private counter(code: string) {
    const c = counters.find((x) => x.code === code && x.kind === 'intake');
    if (!c) throw new MockError(404, 'not_found', `没有“${code}”号窗口`);
    return c;
  }
  private ticket(id: number) {
    const t = this.tickets.find((x) => x.id === id);
    if (!t) throw new MockError(404, 'not_found', `没有编号为 ${id} 的号票`);
    return t;
  }
  private illegal(message: string): never {
    throw new MockError(409, 'illegal_transition', message);
  }

  issue(body: { category?: string; matter?: string; id_number?: string; green?: boolean }, key: string | undefined) {
    if (key && this.idempotent.has(key)) return this.view(this.idempotent.get(key)!);
    const m = body.matter ? matters.find((x) => x.code === body.matter) : undefined;
    if (body.matter && !m) throw new MockError(404, 'not_found', '没有该事项');
    const category = m?.category ?? body.category ?? '';
    const cat = categories.find((c) => c.code === category);
    if (!cat) throw new MockError(404, 'not_found', '没有该业务类别');
    const id_number = body.id_number?.toUpperCase() ?? null;
    if (id_number) {
      const held = this.tickets.find((t) => t.id_number === id_number && t.category === category && ['waiting', 'called', 'serving'].includes(t.status));
      if (held) throw new MockError(409, 'conflict', `您已持有本类业务的号票 ${held.number}，请勿重复取号`);
    }
    const senior = id_number ? new Date().getFullYear() - Number(id_number.slice(6, 10)) >= 60 : false;
    const n = (this.seq.get(category) ?? 0) + 1;
    this.seq.set(category, n);
    const now = new Date().toISOString();
    const t: Ticket = {
      id: this.tickets.length + 1, number: `${category}${String(n).padStart(3, '0')}`, category, queue_category: category,
      matter: m?.code ?? null, priority: body.green || senior ? 'green' : 'normal', status: 'waiting', issued_at: now, queued_at: now,
      called_at: null, counter: null, target_counter: null, recall_count: 0, started_at: null, finished_at: null,
      slip_status: 'pending', track_code: randomBytes(12).toString('base64url'), id_number,
    };
    this.tickets.push(t);
    if (key) this.idempotent.set(key, t);
    this.emit('ticket_issued', { ticket_id: t.id, number: t.number, category, waiting: this.waitingIn(category).length });
    return this.view(t);
  }

  /** Waiting order: transferred here, green, then first come. */
  private order(list: Ticket[]) {
    return [...list].sort((a, b) => Number(b.priority === 'green') - Number(a.priority === 'green') || a.queued_at.localeCompare(b.queued_at) || a.id - b.id);
  }
  private ahead(t: Ticket) {
    if (t.status !== 'waiting') return 0;
    return this.order(this.waitingIn(t.queue_category)).findIndex((x) => x.id === t.id);
  }
  view(t: Ticket) {
    const { id_number: _private, queued_at: _q, ...rest } = t;
    const ahead = this.ahead(t);
    return { ...rest, category_name: categories.find((c) => c.code === t.category)!.name, waiting_ahead: ahead, estimated_wait_minutes: t.status === 'waiting' ? ahead * MINUTES_PER_TICKET : null };
  }
  ticketView(id: number) {
    return this.view(this.ticket(id));
  }

  private sessionView(code: string) {
    const s = this.sessions.get(code);
    return s ? { counter: code, counter_name: this.counter(code).name, clerk: s.name, opened_at: s.opened_at, paused: s.paused } : null;
  }
  private hold(code: string, who: Principal) {
    const c = this.counter(code);
    const s = this.sessions.get(code);
    if (s && s.username !== who.username) throw new MockError(409, 'conflict', `${c.name}正由${s.name}使用，请选择其他窗口`);
    if (!s) {
      const other = [...this.sessions.entries()].find(([, v]) => v.username === who.username);
      if (other) throw new MockError(409, 'conflict', `您已在${other[0]}号窗口登录，请先在该窗口退出`);
      this.sessions.set(code, { username: who.username ?? '', name: who.name, opened_at: new Date().toISOString(), paused: false });
    }
    return this.sessions.get(code)!;
  }
  private own(code: string, who: Principal) {
    const c = this.counter(code);
    const s = this.sessions.get(code);
    if (!s) this.illegal(`您尚未在${c.name}登录`);
    if (s.username !== who.username) throw new MockError(409, 'conflict', `${c.name}正由${s.name}使用`);
    return s;
  }
  private current(code: string) {
    return this.tickets.find((t) => t.counter === code && (t.status === 'called' || t.status === 'serving')) ?? null;
  }
  openSession(code: string, who: Principal) {
    this.hold(code, who);
    return this.sessionView(code);
  }
  closeSession(code: string, who: Principal) {
    this.own(code, who);
    const cur = this.current(code);
    if (cur) this.illegal(`请先办结、转移或标记过号当前的 ${cur.number} 号`);
    this.sessions.delete(code);
  }
  setPaused(code: string, who: Principal, paused: boolean) {
    const s = this.own(code, who);
    if (s.paused === paused) this.illegal(paused ? '窗口已暂停' : '窗口正在服务');
    s.paused = paused;
    this.emit(paused ? 'counter_paused' : 'counter_resumed', { counter: code, counter_name: this.counter(code).name });
    return this.sessionView(code);
  }
  desk(code: string) {
    const c = this.counter(code);
    const serves = new Set(c.categories.map((x) => x.code));
    const now = Date.now();
    const waiting = this.order(this.tickets.filter((t) => t.status === 'waiting' && (t.target_counter ? t.target_counter === code : serves.has(t.queue_category))));
    const cur = this.current(code);
    const row = (t: Ticket) => ({
      id: t.id, number: t.number, queue_category: t.queue_category, category_name: categories.find((k) => k.code === t.queue_category)!.name,
      priority: t.priority, issued_at: t.issued_at, waited_minutes: Math.floor((now - Date.parse(t.issued_at)) / 60000), target_counter: t.target_counter,
    });
    return {
      counter: { code, name: c.name },
      session: this.sessionView(code),
      current: cur ? this.view(cur) : null,
      current_reason: cur ? (this.reasons.get(cur.id) ?? null) : null,
      waiting: waiting.map(row),
      recalls_before_no_show: 2,
      no_shows: this.tickets.filter((t) => t.status === 'no_show' && serves.has(t.queue_category)).map(row),
    };
  }

  callNext(code: string, who: Principal) {
    const counter = this.counter(code);
    const s = this.hold(code, who);
    if (s.paused) this.illegal(`${counter.name}已暂停服务，请先恢复`);
    const cur = this.current(code);
    if (cur) this.illegal(`请先办结、转移或标记过号当前的 ${cur.number} 号`);
    const serves = new Set(counter.categories.map((c) => c.code));
    const here = this.order(this.tickets.filter((t) => t.status === 'waiting' && t.target_counter === code));
    const line = this.order(this.tickets.filter((t) => t.status === 'waiting' && !t.target_counter && serves.has(t.queue_category)));
    const t = here[0] ?? line[0];
    if (!t) return null;
    const reason = here[0] ? '转来本窗口的号优先' : t.priority === 'green' ? '绿色通道优先' : '按取号先后';
    t.status = 'called';
    t.called_at = new Date().toISOString();
    t.counter = counter.code;
    t.target_counter = null;
    this.reasons.set(t.id, reason);
    this.announce(t, false);
    return { ticket: this.view(t), counter: { code: counter.code, name: counter.name }, reason };
  }

  private announce(t: Ticket, recall: boolean) {
    const counter = this.counter(t.counter!);
    const call = { ticket_id: t.id, number: t.number, category: t.category, counter: counter.code, counter_name: counter.name, recall, called_at: t.called_at! };
    this.recentCalls = [call, ...this.recentCalls].slice(0, 20);
    this.emit('ticket_called', call);
  }

  act(id: number, op: string, who: Principal, body: { category?: string; counter?: string } = {}) {
    const t = this.ticket(id);
    const from = t.counter;
    if (op !== 'reinstate') {
      if (!from || this.sessions.get(from)?.username !== who.username) throw new MockError(403, 'forbidden', `${t.number} 号不在您的窗口，不能操作`);
    }
    const now = new Date().toISOString();
    const need = (...ok: Status[]) => ok.includes(t.status) || this.illegal(`${t.number} 号当前状态不能执行此操作`);
    let note = '';
    switch (op) {
      case 'recall':
        need('called');
        t.recall_count++;
        t.called_at = now;
        this.announce(t, true);
        return this.view(t);
      case 'start':
        need('called');
        t.status = 'serving';
        t.started_at = now;
        break;
      case 'finish':
        need('called', 'serving');
        t.status = 'done';
        t.finished_at = now;
        break;
      case 'no-show':
        need('called');
        if (t.recall_count < 2) this.illegal(`请先重呼 2 次再标记过号（已重呼 ${t.recall_count} 次）`);
        t.status = 'no_show';
        break;
      case 'reinstate':
        need('no_show');
        Object.assign(t, { status: 'waiting', queued_at: now, counter: null, target_counter: null });
        break;
      case 'transfer':
        need('called', 'serving');
        if (Boolean(body.category) === Boolean(body.counter)) throw new MockError(422, 'invalid_input', '请指定转移到的业务类别或窗口（二选一）');
        if (body.counter) {
          if (body.counter === from) throw new MockError(422, 'invalid_input', '不能转到本窗口');
          note = `转至${this.counter(body.counter).name}`;
          t.target_counter = body.counter;
        } else {
          if (!categories.some((c) => c.code === body.category)) throw new MockError(422, 'invalid_input', `没有“${body.category}”类业务`);
          note = `转至 ${body.category} 类`;
          t.queue_category = body.category!;
          t.target_counter = null;
        }
        Object.assign(t, { status: 'waiting', counter: null, started_at: null });
        break;
      default:
        throw new MockError(404, 'not_found', `没有该操作：${op}`);
    }
    const kind = { start: 'ticket_started', finish: 'ticket_finished', 'no-show': 'ticket_no_show', reinstate: 'ticket_reinstated', transfer: 'ticket_transferred' }[op]!;
    this.emit(kind, { ticket_id: t.id, number: t.number, category: t.queue_category, counter: from, status: t.status, note });
    return this.view(t);
  }

  setSlip(id: number, printed: boolean) {
    const t = this.ticket(id);
    t.slip_status = printed ? 'printed' : 'failed';
    return this.view(t);
  }

  track(code: string) {
    const t = this.tickets.find((x) => x.track_code === code);
    if (!t) throw new MockError(404, 'not_found', '没有找到这张号票，请核对二维码');
    const v = this.view(t);
    return {
      number: t.number, category_name: v.category_name, status: t.status, waiting_ahead: v.waiting_ahead, estimated_wait_minutes: v.estimated_wait_minutes,
      issued_at: t.issued_at, counter_name: t.counter ? this.counter(t.counter).name : null, called_at: t.called_at,
    };
  }

  queue() {
    return {
      service_day: new Date().toISOString().slice(0, 10),
      categories: categories.map((c) => {
        const w = this.waitingIn(c.code);
        const oldest = w.reduce((m, t) => Math.min(m, Date.parse(t.issued_at)), Date.now());
        return { code: c.code, name: c.name, waiting: w.length, longest_wait_minutes: Math.floor((Date.now() - oldest) / 60000), estimated_wait_minutes: w.length * MINUTES_PER_TICKET };
      }),
      counters: counters.map((c) => {
        const t = this.current(c.code);
        const s = this.sessions.get(c.code);
        return { code: c.code, name: c.name, kind: c.kind, open: !!s, paused: s?.paused ?? false, serving: t ? { ticket_id: t.id, number: t.number, status: t.status, called_at: t.called_at } : null };
      }),
      recent_calls: this.recentCalls,
      stats: { average_wait_minutes: null, called_today: this.tickets.filter((t) => t.called_at).length, estimate_median_abs_error_minutes: null },
    };
  }

  private emit(kind: string, data: unknown) {
    const e = { id: this.events.length + 1, kind, data };
    this.events.push(e);
    for (const l of this.listeners) l(e);
  }
  subscribe(l: (e: HallEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
