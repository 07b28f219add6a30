/**
 * 智能自助 (issue 5) at the kiosk: after taking a ticket the citizen taps 边等边填, confirms or
 * changes the matter and fills in the applicant; a wrong ID check character is refused on the
 * keypad and nothing typed is lost; the saved draft is shown masked. A clerk then calls that
 * ticket at counter 1 and the intake starts from the draft (matter, name, ID number). A draft
 * for a ticket already served gets the server's Chinese refusal, and the form keeps its fields.
 * Afterwards every ticket is finished and counter 1 left: an empty hall for the next spec.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, test, type Page } from '@playwright/test';
import { BASE, drainHall, field, login, loginPage, prepareHall, releaseCounter, withApi, type Hall } from './hall';

const COUNTER = '1';
/** GB 11643: 3201021955031204 + check character 4; the same with 5 is wrong. */
const VALID_ID = '320102195503120414';
const WRONG_ID = '320102195503120415';
const NAME = '王建国';
const PHONE = '13912345678';

async function openKiosk(page: Page, hall: Hall) {
  await page.goto(`/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
  await expect(page.getByTestId('kiosk-category-A')).toBeVisible();
}

async function typeId(page: Page, id: string) {
  for (const d of id) await page.getByTestId(`kiosk-id-key-${d}`).click();
}

async function pickMatter(page: Page, query: string, code: string) {
  await page.getByTestId('kiosk-draft-pick').click();
  await page.getByTestId('kiosk-search-input').fill(query);
  await page.getByTestId(`kiosk-matter-${code}`).click();
  await expect(page.getByTestId('kiosk-search')).toBeHidden();
}

async function emptyHall(hall: Hall) {
  await withApi(async (api) => {
    const token = await login(api, hall.clerk.username, hall.clerk.password);
    await releaseCounter(api, COUNTER, token);
    await drainHall(api, COUNTER, token);
  });
}

test('a draft filled in at the kiosk starts the intake at the counter', async ({ browser }) => {
  const hall = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE });
  try {
    // A ticket for a matter (社会保障卡申领, found by search).
    const kiosk = await context.newPage();
    await openKiosk(kiosk, hall);
    await kiosk.getByTestId('kiosk-search-open').click();
    await kiosk.getByTestId('kiosk-search-input').fill('社保卡');
    await kiosk.getByTestId('kiosk-matter-RSJ-002').click();
    const numberEl = kiosk.getByTestId('kiosk-ticket-number');
    await expect(numberEl).toHaveText(/^B\d{3,}$/);
    const number = (await numberEl.textContent())!.trim();

    // 边等边填: the matter is already chosen; changed here to 失业登记.
    await expect(kiosk.getByTestId('kiosk-ticket-prefill')).toContainText('边等边填 · 预填办事信息');
    await kiosk.getByTestId('kiosk-ticket-prefill').click();
    await expect(kiosk.getByTestId('kiosk-draft')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-draft-matter')).toHaveText('社会保障卡申领');
    await pickMatter(kiosk, '失业', 'RSJ-003');
    await expect(kiosk.getByTestId('kiosk-draft-matter')).toHaveText('失业登记');

    // A wrong check character: refused on the keypad in Chinese; the name typed stays.
    await kiosk.getByTestId('kiosk-draft-person-name').fill(NAME);
    await kiosk.getByTestId('kiosk-draft-person-id').click();
    await typeId(kiosk, WRONG_ID);
    await expect(kiosk.getByTestId('kiosk-id-status')).toHaveText('身份证号校验位不正确，请核对号码');
    await expect(kiosk.getByTestId('kiosk-id-ok')).toBeDisabled();
    await kiosk.getByTestId('kiosk-id-cancel').click();
    await expect(kiosk.getByTestId('kiosk-id')).toBeHidden();
    await expect(kiosk.getByTestId('kiosk-draft-person-name')).toHaveValue(NAME);

    // Saving without an ID number and phone: told what is missing, nothing sent, nothing lost.
    await kiosk.getByTestId('kiosk-draft-save').click();
    await expect(kiosk.getByTestId('kiosk-draft-error')).toHaveText('还有信息没有填好，请按红字提示修改');
    await expect(kiosk.getByTestId('kiosk-draft-problem-id')).toContainText('身份证号码不正确');
    await expect(kiosk.getByTestId('kiosk-draft-problem-phone')).toHaveText('请填写正确的手机号码');
    await expect(kiosk.getByTestId('kiosk-draft-person-name')).toHaveValue(NAME);

    await kiosk.getByTestId('kiosk-draft-person-id').click();
    await typeId(kiosk, VALID_ID);
    await expect(kiosk.getByTestId('kiosk-id-status')).toContainText('号码有效');
    await kiosk.getByTestId('kiosk-id-ok').click();
    await expect(kiosk.getByTestId('kiosk-draft-person-id')).toHaveText('320102 19550312 0414');
    await kiosk.getByTestId('kiosk-draft-person-phone').fill(PHONE);
    const [res] = await Promise.all([
      kiosk.waitForResponse((r) => /\/api\/v1\/tickets\/\d+\/draft$/.test(r.url()) && r.request().method() === 'PUT'),
      kiosk.getByTestId('kiosk-draft-save').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    expect(res.request().headers()['authorization']).toBe(`Bearer ${hall.kioskToken}`);
    expect(res.request().postDataJSON()).toEqual({ matter: 'RSJ-003', applicant: { kind: 'person', name: NAME, id_number: VALID_ID, phone: PHONE } });

    // The confirmation: the details masked as the server returned them.
    const saved = kiosk.getByTestId('kiosk-draft-saved');
    await expect(saved).toContainText('已保存，窗口工作人员将直接使用您填写的信息');
    await expect(saved).toContainText(number);
    await expect(kiosk.getByTestId('kiosk-draft-saved-matter')).toHaveText('失业登记');
    const shownId = (await kiosk.getByTestId('kiosk-draft-saved-idNumber').textContent())!.trim();
    expect(shownId).not.toBe('');
    expect(shownId).not.toContain(VALID_ID);
    await kiosk.getByTestId('kiosk-draft-done').click();
    await expect(kiosk.getByTestId('kiosk-draft')).toBeHidden();
    await expect(kiosk.getByTestId('kiosk-ticket')).toBeHidden();
    await expect(kiosk.getByTestId('kiosk-category-A')).toBeVisible();

    // The clerk calls the ticket at counter 1 and opens the intake: it starts from the draft.
    const counter = await context.newPage();
    await loginPage(counter, hall.clerk);
    await counter.goto(`/counter?counter=${COUNTER}`);
    await expect(counter.getByTestId('counter-session-counter')).toBeVisible();
    await counter.getByTestId('counter-call-next').click();
    await expect(counter.getByTestId('counter-current-number')).toHaveText(number);
    await counter.getByTestId('counter-intake').click();
    await expect(counter.getByTestId('intake-page')).toBeVisible();
    await expect(counter.getByTestId('intake-from-draft')).toBeVisible();
    await expect(counter.getByTestId('intake-chosen')).toContainText('RSJ-003');
    await expect(counter.getByTestId('intake-materials')).toBeVisible();
    await counter.getByTestId('intake-next').click();
    await expect(field(counter, 'intake-person-name')).toHaveValue(NAME);
    await expect(field(counter, 'intake-person-id')).toHaveValue(VALID_ID);
  } finally {
    await context.close();
    await emptyHall(hall);
  }
});

test('a refused draft shows the server’s message and keeps what was typed', async ({ browser }) => {
  const hall = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE });
  try {
    const kiosk = await context.newPage();
    await openKiosk(kiosk, hall);
    await kiosk.getByTestId('kiosk-category-A').click();
    await expect(kiosk.getByTestId('kiosk-ticket-number')).toHaveText(/^A\d{3,}$/);
    await kiosk.getByTestId('kiosk-ticket-prefill').click();

    // A ticket by category: no matter yet, so one must be picked.
    await expect(kiosk.getByTestId('kiosk-draft-matter')).toHaveCount(0);
    await kiosk.getByTestId('kiosk-draft-save').click();
    await expect(kiosk.getByTestId('kiosk-draft-problem-matter')).toHaveText('请先选择要办理的事项');
    await pickMatter(kiosk, '代理记账', 'CZJ-001');

    // 单位: the organisation's fields.
    await kiosk.getByTestId('kiosk-draft-kind-organisation').click();
    await kiosk.getByTestId('kiosk-draft-org-name').fill('某某网络科技有限公司');
    await kiosk.getByTestId('kiosk-draft-org-credit').fill('91350100M000100Y43');
    await kiosk.getByTestId('kiosk-draft-org-legal').fill('李四');
    await kiosk.getByTestId('kiosk-draft-org-phone').fill('13800138000');

    // Meanwhile the ticket was served and finished: the server refuses the draft.
    await emptyHall(hall);
    const [res] = await Promise.all([
      kiosk.waitForResponse((r) => /\/api\/v1\/tickets\/\d+\/draft$/.test(r.url()) && r.request().method() === 'PUT'),
      kiosk.getByTestId('kiosk-draft-save').click(),
    ]);
    expect(res.status()).toBeGreaterThanOrEqual(400);
    const body = await res.json();
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    await expect(kiosk.getByTestId('kiosk-draft-error')).toHaveText(body.message);
    await expect(kiosk.getByTestId('kiosk-draft-saved')).toHaveCount(0);
    await expect(kiosk.getByTestId('kiosk-draft-org-name')).toHaveValue('某某网络科技有限公司');
    await expect(kiosk.getByTestId('kiosk-draft-org-credit')).toHaveValue('91350100M000100Y43');

    // 返回: back to the ticket, then home.
    await kiosk.getByTestId('kiosk-draft-back').click();
    await expect(kiosk.getByTestId('kiosk-draft')).toBeHidden();
    await expect(kiosk.getByTestId('kiosk-ticket')).toBeVisible();
    await kiosk.getByTestId('kiosk-ticket-done').click();
    await expect(kiosk.getByTestId('kiosk-category-A')).toBeVisible();
  } finally {
    await context.close();
    await emptyHall(hall);
  }
});
