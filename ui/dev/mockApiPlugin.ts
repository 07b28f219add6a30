/** Vite dev-server middleware serving the mock hall API (mode `mock` only). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { MockAppointments } from './mockAppointments.ts';
import { counters, matters, MockError, MockHall } from './mockHall.ts';

const PASSWORD = process.env.ONETRIP_ADMIN_PASSWORD ?? 'admin-dev-password';

function send(res: ServerResponse, status: number, body?: unknown) {
  res.statusCode = status;
  if (body === undefined) return res.end();
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
const fail = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { code, message });

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export function mockApiPlugin(): Plugin {
  const hall = new MockHall(PASSWORD);
  const appointments = new MockAppointments();
  return {
    name: 'onetrip-mock-api',
    configureServer(server) {
      server.config.logger.info(`  mock API on: admin password "${PASSWORD}"`);
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://mock');
        const path = url.pathname;
        if (path === '/healthz') return send(res, 200, { status: 'ok' });
        if (!path.startsWith('/api/v1/')) return next();
        const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('access_token');
        const who = hall.principal(bearer);
        const method = req.method ?? 'GET';
        const need = (...roles: string[]) => {
          if (!who) return fail(res, 401, 'unauthorized', '请先登录'), false;
          if (roles.length && !who.roles.some((r) => roles.includes(r))) return fail(res, 403, 'forbidden', '没有权限执行此操作'), false;
          return true;
        };
        try {
          const body = method === 'POST' ? await readBody(req) : ({} as Record<string, unknown>);
          const route = `${method} ${path}`;
          if (route === 'POST /api/v1/auth/login') {
            const r = hall.login(String(body.username ?? ''), String(body.password ?? ''));
            return r ? send(res, 200, r) : fail(res, 401, 'bad_credentials', '用户名或密码错误');
          }
          if (route === 'GET /api/v1/categories') return send(res, 200, hall.categoryViews());
          if (route === 'GET /api/v1/matters') return send(res, 200, matters);
          if (route === 'POST /api/v1/auth/logout') return need() && (hall.logout(bearer!), send(res, 204));
          if (route === 'GET /api/v1/auth/me') return need() && send(res, 200, who);
          if (route === 'POST /api/v1/users') {
            if (!need('admin')) return;
            const u = hall.createUser(body as never);
            return u ? send(res, 201, u) : fail(res, 409, 'conflict', '用户名已存在');
          }
          if (route === 'POST /api/v1/devices') return need('admin') && send(res, 201, hall.createDevice(body as never));
          if (route === 'GET /api/v1/counters') return need() && send(res, 200, counters);
          if (route === 'GET /api/v1/queue') return need() && send(res, 200, hall.queue());
          if (route === 'POST /api/v1/tickets') {
            if (!need('kiosk', 'clerk')) return;
            const key = req.headers['idempotency-key'];
            return send(res, 201, hall.issue(body as never, typeof key === 'string' ? key : undefined));
          }
          if (route === 'GET /api/v1/public/appointment-slots') return send(res, 200, appointments.slots(url.searchParams.get('category') ?? ''));
          if (route === 'POST /api/v1/public/appointments') return send(res, 201, appointments.book(body as never));
          let m = /^POST \/api\/v1\/public\/appointments\/([^/]+)\/cancel$/.exec(route);
          if (m) return send(res, 200, appointments.cancel(decodeURIComponent(m[1]!), String(body.id_number ?? '')));
          m = /^POST \/api\/v1\/appointments\/([^/]+)\/check-in$/.exec(route);
          if (m) {
            if (!need('kiosk', 'clerk')) return;
            return send(res, 201, appointments.checkIn(decodeURIComponent(m[1]!), (category) => hall.issue({ category }, undefined)));
          }
          m = /^GET \/api\/v1\/track\/ticket\/([^/]+)$/.exec(route);
          if (m) return send(res, 200, hall.track(decodeURIComponent(m[1]!)));
          if (route === 'GET /api/v1/voice/call.wav') return fail(res, 503, 'service_unavailable', '模拟服务没有语音合成，请使用浏览器语音');
          m = /^(POST|DELETE|GET) \/api\/v1\/counters\/([^/]+)\/(call-next|session|pause|resume|desk)$/.exec(route);
          if (m) {
            const [, verb, code, what] = m as unknown as [string, string, string, string];
            if (!need('clerk')) return;
            const c = decodeURIComponent(code);
            if (what === 'desk') return send(res, 200, hall.desk(c));
            if (what === 'session') {
              if (verb === 'DELETE') return hall.closeSession(c, who!), send(res, 204);
              return send(res, 200, hall.openSession(c, who!));
            }
            if (what === 'pause' || what === 'resume') return send(res, 200, hall.setPaused(c, who!, what === 'pause'));
            const r = hall.callNext(c, who!);
            return r ? send(res, 200, r) : send(res, 204);
          }
          m = /^(GET|POST) \/api\/v1\/tickets\/(\d+)(?:\/([a-z.-]+))?$/.exec(route);
          if (m) {
            const [, verb, id, op] = m as unknown as [string, string, string, string | undefined];
            if (!need('kiosk', 'clerk')) return;
            if (verb === 'GET' && !op) return send(res, 200, hall.ticketView(Number(id)));
            if (op === 'slip.pdf') return fail(res, 503, 'service_unavailable', '模拟服务不生成凭条');
            if (op === 'slip-status') return send(res, 200, hall.setSlip(Number(id), body.printed === true));
            if (!need('clerk')) return;
            return send(res, 200, hall.act(Number(id), op ?? '', who!, body as never));
          }
          if (route === 'GET /api/v1/events') {
            if (!need()) return;
            res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
            const write = (e: { id: number; kind: string; data: unknown }) =>
              res.write(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e.data)}\n\n`);
            const last = Number(req.headers['last-event-id'] ?? url.searchParams.get('last_event_id') ?? 0);
            if (last) hall.events.filter((e) => e.id > last).forEach(write);
            res.write(': connected\n\n');
            const unsubscribe = hall.subscribe(write);
            const ping = setInterval(() => res.write(': ping\n\n'), 15000);
            req.on('close', () => (unsubscribe(), clearInterval(ping)));
            return;
          }
          return fail(res, 404, 'not_found', `没有该接口：${route}`);
        } catch (e) {
          if (e instanceof MockError) return fail(res, e.status, e.code, e.message);
          return fail(res, 500, 'internal', `模拟服务出错：${String(e)}`);
        }
      });
    },
  };
}
