/**
 * 脱敏 on every public page: one made-up person takes a ticket with their ID number, applies
 * (name, ID, phone, a mail address), has the case decided, rates it and leaves a message that
 * is answered and published. Then each public page a citizen or a passer-by can open — the
 * ticket's and the case's tracking pages, the published messages and the lookup of one, the
 * public statistics and catalog, the booking page — is read as rendered text, which must show
 * the page's subject (so the check cannot pass on an empty page) and never the person's name,
 * ID number, phone or street address in full.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, BASE, drainHall, fetchJson, issueTicket, login, postJson, prepareHall, withApi } from './hall';

const NAME = '欧阳明珠';
const PHONE = '13987654321';
const STREET = '高新区深圳街88号3单元';
const ADDRESS = `吉林省吉林市${STREET}`;
const MATTER = 'SCJGJ-001';

/** A valid GB 11643 number for someone born on `birth` (YYYYMMDD), unique per run. */
function idNumber(birth: string): string {
  const first17 = `220271${birth}${String(Math.floor(Math.random() * 900) + 100)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

async function createUser(api: APIRequestContext, admin: string, role: string, department: string | null) {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const user = { username: `${role}_${suffix}`, password: `Pw-${suffix}-9x`, name: `${role}${suffix.slice(-4)}` };
  const res = await postJson(api, '/api/v1/users', { ...user, roles: [role], department }, admin);
  expect(res.status, res.body).toBe(201);
  return login(api, user.username, user.password);
}

interface Seeded {
  clerk: string;
  ticketTrack: string;
  ticketNumber: string;
  caseNo: string;
  caseTrack: string;
  messageNo: string;
  queryCode: string;
  id: string;
}

async function seedPerson(): Promise<Seeded> {
  const setup = await prepareHall();
  const id = idNumber('19800214');
  return withApi(async (api) => {
    const ticket = await issueTicket(api, setup.kioskToken, { category: 'A', id_number: id });
    const clerk = await login(api, setup.clerk.username, setup.clerk.password);
    const checklist = await fetchJson(api, 'GET', `/api/v1/checklists/${MATTER}`, clerk);
    const created = await postJson(
      api,
      '/api/v1/cases',
      {
        matter: MATTER,
        applicant: { kind: 'person', name: NAME, id_number: id, phone: PHONE },
        materials: (checklist.json.materials as { code: string }[]).map((m) => ({ code: m.code, state: 'provided' })),
        delivery: { method: 'mail', recipient: NAME, phone: PHONE, address: ADDRESS },
      },
      clerk,
      { 'Idempotency-Key': `e2e-privacy-${Date.now()}-${Math.random()}` },
    );
    expect(created.status, created.body).toBe(201);
    const approver = await createUser(api, setup.admin, 'approver', 'SCJGJ');
    const queue = await fetchJson(api, 'GET', '/api/v1/tasks', approver);
    const task = (queue.json.tasks as { id: number; case_no: string }[]).find((x) => x.case_no === created.json.case_no)!;
    expect((await postJson(api, `/api/v1/tasks/${task.id}/claim`, {}, approver)).status).toBe(200);
    expect((await postJson(api, `/api/v1/tasks/${task.id}/approve`, { opinion: '同意' }, approver)).status).toBe(200);
    const rated = await postJson(api, '/api/v1/ratings', { tracking_code: created.json.tracking_code, level: 5, comment: `${NAME}，电话${PHONE}，很满意` });
    expect(rated.status, rated.body).toBe(201);

    const admin = await login(api, 'admin', ADMIN_PASSWORD!);
    const sent = await postJson(
      api,
      '/api/v1/messages',
      { kind: 'suggestion', title: '建议增加邮寄服务', body: `我是${NAME}，住${ADDRESS}，电话${PHONE}，建议结果都能邮寄。`, name: NAME, phone: PHONE },
      undefined,
      { 'Idempotency-Key': `e2e-privacy-msg-${Date.now()}` },
    );
    expect(sent.status, sent.body).toBe(201);
    const all = await fetchJson(api, 'GET', '/api/v1/messages', admin);
    const mine = (all.json as { id: number; message_no: string }[]).find((m) => m.message_no === sent.json.message_no)!;
    for (const [action, body] of [
      ['forward', { department: 'GWH' }],
      ['answer', { answer: `${NAME}您好，已开通邮寄，如有疑问请拨打${PHONE}。` }],
      ['publish', {}],
    ] as const) {
      const r = await postJson(api, `/api/v1/messages/${mine.id}/${action}`, body, admin);
      expect(r.status, `${action}: ${r.body}`).toBe(200);
    }
    return {
      clerk,
      ticketTrack: ticket.track_code,
      ticketNumber: ticket.number,
      caseNo: created.json.case_no,
      caseTrack: created.json.tracking_code,
      messageNo: sent.json.message_no,
      queryCode: sent.json.query_code,
      id,
    };
  });
}

async function renderedText(page: Page, path: string, subject: RegExp | string): Promise<string> {
  await page.goto(path);
  await expect(page.locator('body')).toContainText(subject, { timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  return page.locator('body').innerText();
}

test('no public page shows the personal data of a citizen who used every service', async ({ browser }) => {
  test.setTimeout(120_000);
  const s = await seedPerson();
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  const secrets = [NAME, s.id, PHONE, STREET, s.id.slice(6, 14)];
  const pages: [string, RegExp | string][] = [
    [`/track/ticket/${s.ticketTrack}`, s.ticketNumber],
    [`/track/${s.caseTrack}`, s.caseNo],
    ['/public/messages', '建议增加邮寄服务'],
    ['/public/stats', /[0-9]/],
    ['/public/catalog', '企业'],
    ['/public/appointments', /预约/],
  ];
  const leaks: string[] = [];
  for (const [path, subject] of pages) {
    const text = await renderedText(page, path, subject);
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`${path} shows ${secret}`);
  }
  // The citizen follows their own message by its code: still masked.
  await page.goto('/public/messages');
  await page.getByTestId('message-lookup-code').fill(s.queryCode);
  await page.getByTestId('message-lookup-submit').click();
  await expect(page.getByTestId('message-lookup-result')).toContainText(s.messageNo);
  const lookup = await page.locator('body').innerText();
  for (const secret of secrets) if (lookup.includes(secret)) leaks.push(`message lookup shows ${secret}`);
  expect(leaks, leaks.join('\n')).toEqual([]);
  await context.close();
  // The next spec starts from an empty hall: the person's ticket is served.
  await withApi((api) => drainHall(api, '1', s.clerk));
});
