/**
 * Issue 5 end to end: a clerk accepts 企业开办一件事 (YJS-002: SCJGJ, GAFJ, RSJ, all or nothing)
 * for an organisation at the counter's intake wizard → the acceptance notice; the approvers of
 * two departments (own browser contexts) see it arrive live, claim and approve in the UI; the
 * third approves through the API; the counter's case look-up shows the case approved. Then an
 * intake started from the kiosk's draft (智能自助); one with a missing material → the one-time
 * notice lists it; and a refusal notice.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { BASE, drainHall, field, fetchJson, issueTicket, login, loginPage, postJson, prepareHall, releaseCounter, withApi, type Clerk } from './hall';

const COUNTER = '1';
const BUNDLE = 'YJS-002';
const DEPARTMENTS = ['SCJGJ', 'GAFJ', 'RSJ'] as const;
const ORG = { name: '某某网络科技有限公司', credit: '91350100M000100Y43', legal: '李四', phone: '13800138000' };

async function createApprover(api: APIRequestContext, admin: string, department: string): Promise<Clerk> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const user = { username: `appr_${department.toLowerCase()}_${suffix}`, password: `Appr-${suffix}-pw9`, name: `审批员${department}${suffix.slice(-3)}` };
  const res = await postJson(api, '/api/v1/users', { ...user, roles: ['approver'], department }, admin);
  expect(res.status, `create approver: ${res.body}`).toBe(201);
  return user;
}

async function openApprover(browser: Browser, who: Clerk): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await loginPage(page, who);
  await page.goto('/approver');
  await expect(page.getByTestId('approver-page')).toBeVisible();
  return page;
}

/** Picks the bundle by an everyday word and fills the organisation; ticks are left to `tick`. */
async function intakeUpTo(page: Page, tick: (page: Page) => Promise<void>) {
  await field(page, 'intake-search').fill('开公司');
  await page.getByTestId(`intake-target-${BUNDLE}`).click();
  await expect(page.getByTestId('intake-materials')).toBeVisible();
  await expect(page.getByTestId(`intake-guide-SCJGJ-001`)).toBeVisible();
  await tick(page);
  await page.getByTestId('intake-next').click();
  await page.getByTestId('intake-kind-organisation').click();
  await field(page, 'intake-org-name').fill(ORG.name);
  // A wrong check character is caught before anything is sent.
  await field(page, 'intake-org-credit').fill('91350100M000100Y44');
  await field(page, 'intake-org-legal').fill(ORG.legal);
  await field(page, 'intake-org-phone').fill(ORG.phone);
  await page.getByTestId('intake-next').click();
  await expect(page.getByText('统一社会信用代码不正确')).toBeVisible();
  await field(page, 'intake-org-credit').fill(ORG.credit);
  await page.getByTestId('intake-next').click();
  await page.getByTestId('intake-delivery-window').click();
}

test('a bundle accepted at the counter is approved by three departments', async ({ browser }) => {
  const setup = await prepareHall();
  const approvers = await withApi(async (api) => {
    const admin = await login(api, 'admin', process.env.ONETRIP_ADMIN_PASSWORD!);
    const out: Record<string, Clerk> = {};
    for (const d of DEPARTMENTS) out[d] = await createApprover(api, admin, d);
    return out;
  });
  const context = await browser.newContext({ baseURL: BASE });
  const approverPages: Page[] = [];
  try {
    // Two approvers watch their queues before the case exists.
    const scj = await openApprover(browser, approvers.SCJGJ!);
    const gaf = await openApprover(browser, approvers.GAFJ!);
    approverPages.push(scj, gaf);
    await expect(scj.getByTestId('approver-department')).toHaveText('市场监管局');

    // The clerk opens counter 1 and goes to intake from it.
    const counter = await context.newPage();
    await loginPage(counter, setup.clerk);
    await counter.goto(`/counter?counter=${COUNTER}`);
    await expect(counter.getByTestId('counter-session-counter')).toBeVisible();
    // The applicant came with a ticket: call it, then 受理办件 for it.
    const ticket = await withApi((api) => issueTicket(api, setup.kioskToken, { category: 'A' }));
    await counter.getByTestId('counter-call-next').click();
    await expect(counter.getByTestId('counter-current-number')).toHaveText(ticket.number);
    await expect(counter.getByTestId('counter-intake')).toContainText(ticket.number);
    await counter.getByTestId('counter-intake').click();
    await expect(counter).toHaveURL(new RegExp(`/counter/intake\\?.*ticket_id=${ticket.id}`));
    await expect(counter).toHaveURL(/counter=1/);
    await expect(counter.getByTestId('intake-page')).toBeVisible();

    await intakeUpTo(counter, async (page) => {
      await expect(page.getByTestId('intake-outcome')).toContainText('可予受理');
      // Deferred only where the matter allows it.
      await expect(page.getByTestId('intake-tick-01-deferred').locator('input')).toBeDisabled();
      await expect(page.getByTestId('intake-tick-05-deferred').locator('input')).toBeEnabled();
    });
    const [res] = await Promise.all([
      counter.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST'),
      counter.getByTestId('intake-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(201);
    expect(res.request().headers()['idempotency-key']).toBeTruthy();
    const sent = res.request().postDataJSON();
    expect(sent.applicant).toEqual({ kind: 'organisation', name: ORG.name, credit_code: ORG.credit, legal_representative: ORG.legal, phone: ORG.phone });
    expect(sent.delivery).toEqual({ method: 'window' });
    expect(sent.counter).toBe(COUNTER);
    expect(sent.ticket_id).toBe(ticket.id);

    await expect(counter.getByTestId('notice-accepted')).toBeVisible();
    await expect(counter.getByTestId('notice-accepted')).toContainText('受理通知书');
    const caseNo = (await counter.getByTestId('notice-case-no').textContent())!.trim();
    expect(caseNo).not.toBe('');
    await expect(counter.getByTestId('notice-tracking-code')).not.toBeEmpty();
    await expect(counter.getByTestId('notice-status')).toHaveText('办理中');
    for (const d of DEPARTMENTS) await expect(counter.getByTestId(`notice-task-${d}`)).toBeVisible();
    await expect(counter.getByTestId('notice-print')).toBeVisible();

    // The approvers' queues show it live (no reload), with a lamp; each claims and approves.
    for (const page of [scj, gaf]) {
      const row = page.getByTestId(`approver-task-${caseNo}`);
      await expect(row).toBeVisible({ timeout: 5000 });
      await expect(page.getByTestId(`approver-lamp-${caseNo}`)).toHaveAttribute('data-light', /green|yellow|red/);
      await row.click();
      await expect(page.getByTestId('case-detail')).toBeVisible();
      await expect(page.getByTestId('approver-approve')).toBeDisabled();
      await page.getByTestId('approver-claim').click();
      await expect(page.getByTestId('approver-detail-status')).toHaveText('审批中');
      await page.getByTestId('approver-approve').click();
      await page.getByTestId('approver-confirm').click();
      await expect(page.getByTestId('approver-dialog')).toBeHidden();
      // Decided: it leaves the open queue; with decided tasks shown it reads 准予.
      await expect(page.getByTestId(`approver-task-${caseNo}`)).toBeHidden();
      await page.getByTestId('approver-include-done').click();
      await expect(page.getByTestId(`approver-status-${caseNo}`)).toHaveText('准予');
    }

    // The third department approves through the API.
    await withApi(async (api) => {
      const token = await login(api, approvers.RSJ!.username, approvers.RSJ!.password);
      const q = await fetchJson(api, 'GET', '/api/v1/tasks', token);
      expect(q.status, q.body).toBe(200);
      const task = (q.json.tasks as { id: number; case_no: string }[]).find((x) => x.case_no === caseNo);
      expect(task, 'RSJ task').toBeTruthy();
      expect((await postJson(api, `/api/v1/tasks/${task!.id}/claim`, undefined, token)).status).toBe(200);
      const ok = await postJson(api, `/api/v1/tasks/${task!.id}/approve`, { opinion: '同意' }, token);
      expect(ok.status, ok.body).toBe(200);
    });

    // Back at the counter: the case look-up shows it approved, with its history.
    await counter.getByTestId('intake-back-counter').click();
    await expect(counter.getByTestId('counter-page')).toBeVisible();
    await field(counter, 'case-lookup-input').fill(caseNo);
    await counter.getByTestId('case-lookup-submit').click();
    await expect(counter.getByTestId('case-status')).toHaveText('已办结（准予）');
    for (const d of DEPARTMENTS) await expect(counter.getByTestId(`case-task-status-${d}`)).toHaveText('准予');
    await expect(counter.getByTestId('case-history')).toContainText('受理');
  } finally {
    for (const p of approverPages) await p.context().close();
    await context.close();
    await withApi(async (api) => releaseCounter(api, COUNTER, await login(api, setup.clerk.username, setup.clerk.password)));
  }
});

test('a kiosk draft starts the intake; a missing material gives the one-time notice; a refusal its notice', async ({ browser }) => {
  const setup = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE });
  try {
    const page = await context.newPage();
    await loginPage(page, setup.clerk);

    // 智能自助: what the applicant entered at the kiosk on their ticket starts the intake.
    const ticket = await withApi(async (api) => {
      const tk = await issueTicket(api, setup.kioskToken, { category: 'A' });
      const res = await api.put(`/api/v1/tickets/${tk.id}/draft`, {
        data: { matter: BUNDLE, applicant: { kind: 'person', name: '赵六', id_number: '11010519491231002X', phone: '13900000000' } },
        headers: { Authorization: `Bearer ${setup.kioskToken}` },
      });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return tk;
    });
    await page.goto(`/counter/intake?ticket_id=${ticket.id}`);
    await expect(page.getByTestId('intake-from-draft')).toBeVisible();
    await expect(page.getByTestId('intake-chosen')).toContainText(BUNDLE);
    await expect(page.getByTestId('intake-materials')).toBeVisible();
    await page.getByTestId('intake-next').click();
    await expect(field(page, 'intake-person-name')).toHaveValue('赵六');
    await expect(field(page, 'intake-person-id')).toHaveValue('11010519491231002X');
    // The ticket goes back to an empty hall: served and finished at the counter.
    await withApi(async (api) => drainHall(api, COUNTER, await login(api, setup.clerk.username, setup.clerk.password)));

    await page.goto('/counter/intake');
    await expect(page.getByTestId('intake-page')).toBeVisible();

    await intakeUpTo(page, async (p) => {
      await p.getByTestId('intake-tick-02-missing').click();
      await expect(p.getByTestId('intake-outcome')).toContainText('一次性告知书');
    });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST'),
      page.getByTestId('intake-submit').click(),
    ]);
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.code).toBe('materials_incomplete');
    await expect(page.getByTestId('notice-incomplete')).toContainText('一次性告知书');
    await expect(page.getByTestId('notice-missing-02')).toContainText('公司章程');
    await expect(page.getByTestId('notice-missing-02')).toContainText('未提交');
    await expect(page.getByTestId('notice-id')).toHaveText(String(body.notice_id));
    await expect(page.getByTestId('notice-print')).toBeVisible();

    // 不予受理: the notice names where to apply.
    await page.getByTestId('intake-restart').click();
    await field(page, 'intake-search').fill(BUNDLE);
    await page.getByTestId(`intake-target-${BUNDLE}`).click();
    await page.getByTestId('intake-refuse').click();
    await field(page, 'refusal-applicant').fill('王五');
    await page.locator('textarea[data-testid="refusal-reason"], [data-testid="refusal-reason"] textarea').first().fill('申请事项属于省级权限');
    await field(page, 'refusal-where').fill('省政务服务中心');
    await page.getByTestId('refusal-confirm').click();
    await expect(page.getByTestId('notice-refused')).toContainText('不予受理通知书');
    await expect(page.getByTestId('notice-where')).toHaveText('省政务服务中心');
    await expect(page.getByTestId('notice-reason')).toHaveText('申请事项属于省级权限');
  } finally {
    await context.close();
  }
});

test('returned for 补正, supplemented at the counter, back in the queue; extended once', async ({ browser }) => {
  const setup = await prepareHall();
  const { approver, caseNo } = await withApi(async (api) => {
    const admin = await login(api, 'admin', process.env.ONETRIP_ADMIN_PASSWORD!);
    const approver = await createApprover(api, admin, 'SCJGJ');
    const clerk = await login(api, setup.clerk.username, setup.clerk.password);
    const checklist = await fetchJson(api, 'GET', '/api/v1/checklists/SCJGJ-001', clerk);
    const body = {
      matter: 'SCJGJ-001',
      applicant: { kind: 'organisation', name: ORG.name, credit_code: ORG.credit, legal_representative: ORG.legal, phone: ORG.phone },
      materials: (checklist.json.materials as { code: string }[]).map((m) => ({ code: m.code, state: 'provided' })),
      delivery: { method: 'mail', recipient: ORG.legal, phone: ORG.phone, address: '某市某区某路1号' },
    };
    const res = await postJson(api, '/api/v1/cases', body, clerk, { 'Idempotency-Key': `e2e-case-${Date.now()}` });
    expect(res.status, res.body).toBe(201);
    return { approver, caseNo: res.json.case_no as string };
  });
  const counterContext = await browser.newContext({ baseURL: BASE });
  let approverPage: Page | null = null;
  try {
    approverPage = await openApprover(browser, approver);
    const page = approverPage;
    await page.getByTestId(`approver-task-${caseNo}`).click();
    await page.getByTestId('approver-claim').click();
    await expect(page.getByTestId('approver-detail-status')).toHaveText('审批中');

    // Extend once, with a reason; then the button stays disabled.
    await page.getByTestId('approver-extend').click();
    await page.locator('textarea[data-testid="approver-reason"], [data-testid="approver-reason"] textarea').first().fill('需现场核查');
    await page.getByTestId('approver-confirm').click();
    await expect(page.getByTestId('approver-dialog')).toBeHidden();
    await expect(page.getByTestId('approver-extend')).toBeDisabled();

    // Return for 补正: the task leaves the claimed state, the case is suspended.
    await page.getByTestId('approver-return').click();
    await page.locator('textarea[data-testid="approver-items"], [data-testid="approver-items"] textarea').first().fill('公司章程签字页\n股东会决议');
    await page.getByTestId('approver-confirm').click();
    await expect(page.getByTestId('approver-detail-status')).toHaveText('退回补正');
    await expect(page.getByTestId('case-suspensions')).toContainText('公司章程签字页');

    // The applicant brings them to any counter: look up, 补正/补齐材料.
    const counter = await counterContext.newPage();
    await loginPage(counter, setup.clerk);
    await counter.goto('/counter/intake');
    await field(counter, 'case-lookup-input').fill(caseNo);
    await counter.getByTestId('case-lookup-submit').click();
    await expect(counter.getByTestId('case-status')).toHaveText('补正中（暂停计时）');
    await expect(counter.getByTestId('case-asked')).toContainText('股东会决议');
    await counter.getByTestId('case-supplement').click();
    await counter.locator('textarea[data-testid="supplement-note"], [data-testid="supplement-note"] textarea').first().fill('已补交签字页和决议');
    await counter.getByTestId('supplement-confirm').click();
    await expect(counter.getByTestId('case-status')).toHaveText('办理中');

    // Live: the approver's queue shows the task waiting again.
    await expect(page.getByTestId(`approver-status-${caseNo}`)).toHaveText('待认领', { timeout: 5000 });
  } finally {
    await approverPage?.context().close();
    await counterContext.close();
  }
});
