/**
 * 网民留言 end to end: a citizen leaves a complaint on the public page on a 360 px phone (their
 * name and phone in the text too) and gets a receipt with a query code; the admin forwards it to
 * 管委会办公室 on /admin/messages; an approver of that department answers on /messages; the admin
 * reviews the de-identified preview and publishes; the public list then shows the message and
 * its answer with the name masked and no phone, and the query code follows it. The kiosk's
 * button opens the same form in the kiosk's layout.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, BASE, loginPage, postJson, prepareHall, withApi, type Clerk } from './hall';

const NAME = '欧阳明华';
const PHONE = '13957864213';

async function createApprover(api: APIRequestContext, admin: string, department: string): Promise<Clerk> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const user = { username: `approver_${suffix}`, password: `Pw-${suffix}-9x`, name: `审批${suffix.slice(-4)}` };
  const res = await postJson(api, '/api/v1/users', { ...user, roles: ['approver'], department }, admin);
  expect(res.status, `create approver: ${res.body}`).toBe(201);
  return user;
}

async function expectNoPersonalData(page: Page) {
  const text = await page.locator('body').innerText();
  for (const secret of [NAME, PHONE, '明华', PHONE.slice(3, 7)]) expect(text, `shows ${secret}`).not.toContain(secret);
}

test('a message is left publicly, forwarded, answered, published de-identified and followed by its code', async ({ browser }) => {
  const setup = await prepareHall();
  const approver = await withApi((api) => createApprover(api, setup.admin, 'GWH'));
  const citizenCtx = await browser.newContext({ baseURL: BASE, viewport: { width: 360, height: 740 } });
  const adminCtx = await browser.newContext({ baseURL: BASE });
  const deptCtx = await browser.newContext({ baseURL: BASE });
  try {
    // The citizen: a mistake is shown before sending, then the message goes once.
    const citizen = await citizenCtx.newPage();
    await citizen.goto('/public/messages');
    await citizen.getByTestId('message-submit').click();
    await expect(citizen.getByTestId('message-form')).toContainText('请选择留言类型');
    await expect(citizen.getByTestId('message-form')).toContainText('请填写11位手机号码');
    await citizen.getByTestId('message-kind-complaint').click();
    await citizen.getByTestId('message-title').fill('窗口排队太久');
    await citizen.getByTestId('message-body').fill(`我是${NAME}，上周在社保窗口等了两个小时。电话${PHONE}。`);
    await citizen.getByTestId('message-name').fill(NAME);
    await citizen.getByTestId('message-phone').fill(PHONE);
    const [sent] = await Promise.all([
      citizen.waitForResponse((r) => r.url().endsWith('/api/v1/messages') && r.request().method() === 'POST'),
      citizen.getByTestId('message-submit').click(),
    ]);
    expect(sent.status(), await sent.text()).toBe(201);
    expect(sent.request().headers()['idempotency-key']).toBeTruthy();
    const receipt = await sent.json();
    await expect(citizen.getByTestId('message-receipt-no')).toHaveText(receipt.message_no);
    await expectNoPersonalData(citizen);
    // Nothing wider than the phone.
    expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The admin forwards it to 管委会办公室.
    const admin = await adminCtx.newPage();
    await loginPage(admin, { username: 'admin', password: ADMIN_PASSWORD!, name: 'admin' });
    await admin.goto('/admin/messages');
    const item = admin.getByTestId(`staff-message-${receipt.message_no}`);
    await expect(item).toContainText(PHONE); // staff see whom to call back
    await item.getByTestId('staff-message-department').click();
    await admin.locator('[data-testid="staff-department-GWH"]:visible').click();
    await item.getByTestId('staff-message-forward').click();
    await expect(item.getByTestId('staff-message-state')).toHaveText('办理中');
    await expect(item.getByTestId('staff-message-light')).toContainText('个工作日');

    // The department's approver answers.
    const dept = await deptCtx.newPage();
    await loginPage(dept, approver);
    await dept.goto('/messages');
    const ours = dept.getByTestId(`staff-message-${receipt.message_no}`);
    await ours.locator('textarea[data-testid="staff-message-answer-input"], [data-testid="staff-message-answer-input"] textarea').first().fill(`${NAME}您好：经核实，已增开两个社保窗口。`);
    await ours.getByTestId('staff-message-answer-send').click();
    await expect(ours.getByTestId('staff-message-state')).toHaveText('已答复');

    // The admin reviews the de-identified preview and publishes.
    await admin.reload();
    await expect(item.getByTestId('staff-message-preview')).toContainText('欧**华');
    await expect(item.getByTestId('staff-message-preview')).not.toContainText(PHONE);
    await item.getByTestId('staff-message-publish').click();
    await expect(item.getByTestId('staff-message-state')).toHaveText('已公开');

    // Public: the answer with the message, masked; the code follows it.
    await citizen.goto('/public/messages');
    const published = citizen.getByTestId(`published-${receipt.message_no}`);
    await expect(published).toContainText('已增开两个社保窗口');
    await expect(published).toContainText('欧**华');
    await expect(published).toContainText('139****4213');
    await citizen.getByTestId('message-lookup-code').fill(receipt.query_code.toLowerCase());
    await citizen.getByTestId('message-lookup-submit').click();
    await expect(citizen.getByTestId('message-lookup-state')).toHaveText('已公开');
    await expectNoPersonalData(citizen);
    expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  } finally {
    await citizenCtx.close();
    await adminCtx.close();
    await deptCtx.close();
  }
});

test('the kiosk opens the message form in its own layout and leads back home', async ({ browser }) => {
  const setup = await prepareHall();
  const ctx = await browser.newContext({ baseURL: BASE, viewport: { width: 1080, height: 1920 } });
  try {
    const page = await ctx.newPage();
    await page.goto(`/kiosk#device_token=${setup.kioskToken}`);
    await page.getByTestId('kiosk-messages-open').click();
    await expect(page).toHaveURL(/\/public\/messages\?kiosk=1$/);
    await expect(page.getByTestId('message-form')).toBeVisible();
    await page.getByTestId('message-kind-suggestion').click();
    await page.getByTestId('message-title').fill('自助终端建议');
    await page.getByTestId('message-body').fill('希望增加打印复印服务。');
    await page.getByTestId('message-phone').fill('13812345678');
    const [sent] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/messages') && r.request().method() === 'POST'),
      page.getByTestId('message-submit').click(),
    ]);
    expect(sent.status(), await sent.text()).toBe(201);
    expect(sent.request().headers()['authorization'], 'sent with the kiosk token').toBeTruthy();
    await expect(page.getByTestId('message-receipt')).toBeVisible();
    await page.getByTestId('messages-home').click();
    await expect(page.getByTestId('kiosk-home')).toBeVisible();
  } finally {
    await ctx.close();
  }
});
