/**
 * 好差评 end to end: a kiosk ticket is called and finished at counter 1 by a clerk; the counter's
 * evaluation screen (opened from the counter page, in the clerk's browser) shows its number; the
 * citizen taps 不满意; the bad review's follow-up appears on /admin/ratings, where the admin
 * cannot close it before replying (the server's Chinese sentence is shown), replies, then closes.
 * And the public rating of a decided case on its tracking page, by the tracking code (no login):
 * thanks, then 已经评价 on a second try; the block fits a 360 px phone.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`). Leaves counter 1 as found.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN_PASSWORD, BASE, fetchJson, field, issueTicket, login, loginPage, postJson, prepareHall, releaseCounter, withApi, type Clerk } from './hall';
import { type LayoutCheckOptions } from './layoutCheck';
import { checkAt, EN_SHOTS, SHOTS } from './layoutShots';

const COUNTER = '1';
const MATTER = 'SCJGJ-001';

async function createUser(api: APIRequestContext, admin: string, role: string, department: string | null = null): Promise<Clerk> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const user = { username: `${role}_${suffix}`, password: `Pw-${suffix}-9x`, name: `${role}${suffix.slice(-4)}` };
  const res = await postJson(api, '/api/v1/users', { ...user, roles: [role], department }, admin);
  expect(res.status, `create ${role}: ${res.body}`).toBe(201);
  return user;
}

/** A SCJGJ-001 case accepted by `clerk` and approved by a fresh approver: its tracking code. */
async function decidedCase(api: APIRequestContext, admin: string, clerk: string): Promise<string> {
  const approver = await createUser(api, admin, 'approver', 'SCJGJ');
  const checklist = await fetchJson(api, 'GET', `/api/v1/checklists/${MATTER}`, clerk);
  const body = {
    matter: MATTER,
    applicant: { kind: 'person', name: '李评价', id_number: '11010519491231002X', phone: '13900000000' },
    materials: (checklist.json.materials as { code: string }[]).map((m) => ({ code: m.code, state: 'provided' })),
    delivery: { method: 'window' },
  };
  const created = await postJson(api, '/api/v1/cases', body, clerk, { 'Idempotency-Key': `e2e-rating-${Date.now()}-${Math.random()}` });
  expect(created.status, created.body).toBe(201);
  const caseNo = created.json.case_no as string;
  const token = await login(api, approver.username, approver.password);
  const queue = await fetchJson(api, 'GET', '/api/v1/tasks', token);
  const task = (queue.json.tasks as { id: number; case_no: string }[]).find((x) => x.case_no === caseNo);
  expect(task, 'the task in the SCJGJ queue').toBeTruthy();
  expect((await postJson(api, `/api/v1/tasks/${task!.id}/claim`, {}, token)).status).toBe(200);
  const ok = await postJson(api, `/api/v1/tasks/${task!.id}/approve`, { opinion: '同意' }, token);
  expect(ok.status, ok.body).toBe(200);
  return created.json.tracking_code as string;
}

/** Counter-facing screens are small: a 7" or 10" panel, or a tablet on its side. */
const SCREENS = [
  { width: 800, height: 480 },
  { width: 1024, height: 600 },
  { width: 600, height: 1024 },
  { width: 1280, height: 800 },
];
const SCREEN: LayoutCheckOptions = {
  smallOk: ['header'],
  minFontPx: 22,
  touchSelector: '[data-testid^="rating-level-"]',
  minTouchPx: 80,
};

test('a ticket finished at the counter is rated 不满意 on its evaluation screen; the admin replies and closes the follow-up', async ({ browser }) => {
  const setup = await prepareHall();
  const ticket = await withApi((api) => issueTicket(api, setup.kioskToken, { category: 'A' }));
  const staff = await browser.newContext({ baseURL: BASE });
  const adminCtx = await browser.newContext({ baseURL: BASE });
  try {
    const counter = await staff.newPage();
    await loginPage(counter, setup.clerk);
    await counter.goto(`/counter?counter=${COUNTER}`);
    await expect(counter.getByTestId('counter-session-clerk')).toHaveText(setup.clerk.name);

    // The evaluation screen, from the counter page's link, in a window of its own: waiting.
    const [screen] = await Promise.all([staff.waitForEvent('page'), counter.getByTestId('counter-evaluate-link').click()]);
    await expect(screen).toHaveURL(new RegExp(`/evaluate\\?counter=${COUNTER}$`));
    await expect(screen.getByTestId('evaluate-waiting')).toContainText('请稍候');
    await expect(screen.getByTestId('evaluate-counter')).toHaveText('1号综合窗口');

    // Call until our ticket comes up (finishing any other on the way), then serve it.
    let called: string | null = null;
    for (let i = 0; i < 50 && called !== ticket.number; i++) {
      if (called) {
        await counter.getByTestId('counter-finish').click();
        await expect(counter.getByTestId('counter-current-number')).toBeHidden();
      }
      await expect(counter.getByTestId('counter-call-next')).toBeEnabled();
      const [res] = await Promise.all([
        counter.waitForResponse((r) => r.url().includes(`/counters/${COUNTER}/call-next`)),
        counter.getByTestId('counter-call-next').click(),
      ]);
      expect(res.status(), `call-next: ${await res.text()}`).toBe(200);
      called = (await res.json()).ticket.number;
    }
    await expect(counter.getByTestId('counter-current-number')).toHaveText(ticket.number);
    await counter.getByTestId('counter-start').click();
    await counter.getByTestId('counter-finish').click();
    await expect(counter.getByTestId('counter-current-number')).toBeHidden();

    // The citizen's screen shows the finished ticket and the five levels; 不满意.
    await expect(screen.getByTestId('evaluate-ticket')).toHaveText(`${ticket.number} 号`);
    await expect(screen.getByTestId('rating-buttons').locator('button')).toHaveText(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    // Small screens facing the citizen: nothing cut off, big type, big buttons.
    const problems: string[] = [];
    for (const size of SCREENS) problems.push(...(await checkAt(screen, 'evaluate-asking', size, SCREEN, true)));
    await screen.getByTestId('language-en').click();
    for (const size of SCREENS) problems.push(...(await checkAt(screen, 'evaluate-asking', size, SCREEN, true, 'en')));
    await screen.getByTestId('language-zh-CN').click();
    expect(problems, problems.join('\n')).toEqual([]);
    const [rated] = await Promise.all([
      screen.waitForResponse((r) => r.url().endsWith('/api/v1/ratings') && r.request().method() === 'POST'),
      screen.getByTestId('rating-level-2').click(),
    ]);
    expect(rated.status(), await rated.text()).toBe(201);
    expect(rated.request().postDataJSON()).toEqual({ ticket_id: ticket.id, level: 2 });
    expect(rated.request().headers()['idempotency-key']).toBeTruthy();
    const receipt = await rated.json();
    expect(receipt.follow_up_due).toBeTruthy();
    await expect(screen.getByTestId('evaluate-thanks')).toContainText('感谢您的评价');
    await expect(screen.getByTestId('evaluate-thanks')).toContainText('不满意');
    // Back to waiting by itself.
    await expect(screen.getByTestId('evaluate-waiting')).toBeVisible({ timeout: 15_000 });

    // The admin's follow-up of the bad review.
    const admin = await adminCtx.newPage();
    await loginPage(admin, { username: 'admin', password: ADMIN_PASSWORD!, name: 'admin' });
    await admin.goto('/admin/ratings');
    const item = admin.locator(`[data-rating="${receipt.id}"]`);
    await expect(item).toBeVisible();
    await expect(item).toContainText(ticket.number);
    await expect(item).toContainText('不满意');
    await expect(item).toContainText(receipt.follow_up_due);
    const followUpId = (await item.getAttribute('data-testid'))!.replace('follow-up-', '');
    await expect(admin.getByTestId('ratings-total-2')).toContainText(/不满意 [1-9]/);

    // Closing before a reply: refused, with the server's Chinese sentence.
    await admin.getByTestId(`follow-up-close-${followUpId}`).click();
    await expect(admin.getByTestId(`follow-up-problem-${followUpId}`)).toHaveText(/[\u4e00-\u9fff]/);

    await admin.locator(`textarea[data-testid="follow-up-reply-${followUpId}"]`).fill('已核实，窗口人员已接受批评教育。');
    await admin.getByTestId(`follow-up-send-${followUpId}`).click();
    await expect(admin.getByTestId(`follow-up-reply-text-${followUpId}`)).toContainText('已核实');
    await expect(admin.locator(`textarea[data-testid="follow-up-reply-${followUpId}"]`)).toBeHidden();
    await field(admin, `follow-up-note-${followUpId}`).fill('群众表示理解');
    await admin.getByTestId(`follow-up-close-${followUpId}`).click();
    await expect(admin.getByTestId(`follow-up-close-${followUpId}`)).toBeHidden();
    await expect(admin.getByTestId(`follow-up-problem-${followUpId}`)).toBeHidden();
    const after = await withApi(async (api) => fetchJson(api, 'GET', '/api/v1/follow-ups?state=closed', await login(api, 'admin', ADMIN_PASSWORD!)));
    expect((after.json as { id: number }[]).some((f) => String(f.id) === followUpId)).toBe(true);

    // A second rating of the same ticket is refused (409 already_rated).
    const again = await withApi(async (api) =>
      postJson(api, '/api/v1/ratings', { ticket_id: ticket.id, level: 5 }, await login(api, setup.clerk.username, setup.clerk.password)),
    );
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('already_rated');
  } finally {
    await staff.close();
    await adminCtx.close();
    await withApi(async (api) => releaseCounter(api, COUNTER, await login(api, setup.clerk.username, setup.clerk.password)));
  }
});

const PHONE = { width: 360, height: 740 };
/** Only the rating block is new here: the page's header and timeline are checked elsewhere. */
const PUBLIC: LayoutCheckOptions = {
  smallOk: ['header', '[data-testid="track-timeline"]'],
  minFontPx: 18,
  touchSelector: '[data-testid="track-rating"] button, [data-testid="track-rating"] textarea',
  minTouchPx: 44,
};

test('a decided case is rated in public on its tracking page, once', async ({ browser }) => {
  const setup = await prepareHall();
  const code = await withApi(async (api) => {
    const admin = await login(api, 'admin', ADMIN_PASSWORD!);
    return decidedCase(api, admin, await login(api, setup.clerk.username, setup.clerk.password));
  });
  const context = await browser.newContext({ baseURL: BASE, viewport: PHONE });
  try {
    const page = await context.newPage();
    await page.goto(`/track/${code}`);
    const block = page.getByTestId('track-rating');
    await expect(block).toContainText('请为本次办事评价');
    await block.scrollIntoViewIfNeeded();
    const problems: string[] = [];
    for (const size of [PHONE, ...SHOTS]) problems.push(...(await checkAt(page, 'track-rating', size, PUBLIC, true)));
    await page.getByTestId('language-en').click();
    for (const size of [PHONE, ...EN_SHOTS]) problems.push(...(await checkAt(page, 'track-rating', size, PUBLIC, true, 'en')));
    await page.getByTestId('language-zh-CN').click();
    await page.setViewportSize(PHONE);
    expect(problems, problems.join('\n')).toEqual([]);

    // Nothing chosen: asked to choose; then 满意 with a comment.
    await page.getByTestId('track-rating-submit').click();
    await expect(page.getByTestId('track-rating-problem')).toHaveText('请先选择一项评价');
    await page.getByTestId('rating-level-4').click();
    await page.getByTestId('track-rating-comment').fill('  办事很快  ');
    const [rated] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/ratings') && r.request().method() === 'POST'),
      page.getByTestId('track-rating-submit').click(),
    ]);
    expect(rated.status(), await rated.text()).toBe(201);
    expect(rated.request().postDataJSON()).toEqual({ tracking_code: code, level: 4, comment: '办事很快' });
    expect(rated.request().headers()['authorization']).toBeUndefined();
    await expect(page.getByTestId('track-rating-thanks')).toHaveText('感谢您的评价！');
    await expect(block).toContainText('满意');

    // Once only: a second try says it was rated already.
    await page.reload();
    await page.getByTestId('rating-level-5').click();
    await page.getByTestId('track-rating-submit').click();
    await expect(page.getByTestId('track-rating-already')).toContainText('已经评价过');
  } finally {
    await context.close();
  }
});
