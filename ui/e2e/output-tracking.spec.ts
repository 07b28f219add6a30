/**
 * Issue 6 end to end: a case (one department, a person, delivery by mail) accepted and approved
 * through the API; the output window (统一出件) prints its 办结通知书 (the PDF request answers 200
 * application/pdf), records the mailing (carrier and waybill), then the delivery; the public
 * tracking page shows the timeline with 已寄出 and 签收, the due date and only the masked name;
 * the verify page tells garbage (这不是本厅文书的二维码) and an altered seal (已被改动) from a real
 * one (真实有效) when the seal can be read from the sealed PDF.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { inflateSync } from 'node:zlib';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { BASE, fetchJson, field, login, loginPage, postJson, prepareHall, withApi, type Clerk } from './hall';

const PERSON = { name: '王小明', idNumber: '11010519491231002X', phone: '13900000000' };
const MATTER = 'SCJGJ-001';

async function createUser(api: APIRequestContext, admin: string, role: string, department: string | null = null, extra: string[] = []): Promise<Clerk> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const user = { username: `${role}_${suffix}`, password: `Pw-${suffix}-9x`, name: `${role}${suffix.slice(-4)}` };
  const res = await postJson(api, '/api/v1/users', { ...user, roles: [role, ...extra], department }, admin);
  expect(res.status, `create ${role}: ${res.body}`).toBe(201);
  return user;
}

/** A `?s=` seal from a sealed PDF, when its text is readable there (else null). */
async function sealFromPdf(api: APIRequestContext, caseNo: string, token: string): Promise<string | null> {
  const res = await api.get(`/api/v1/cases/${caseNo}/documents/acceptance.pdf`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const body = await res.body();
  // The raw file, then every Flate stream inflated (the seal is ASCII; the glyphs may not be).
  const texts = [body.toString('latin1')];
  const raw = texts[0]!;
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      texts.push(inflateSync(body.subarray(start, end)).toString('latin1'));
    } catch {
      // not Flate, or not whole
    }
  }
  for (const text of texts) {
    const m = /\/track\/[A-Za-z0-9_-]+\?s=([A-Za-z0-9._~-]+)/.exec(text);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * A seal of the right shape, naming the hall's current key, whose signature cannot match: what a
 * QR with one changed character looks like to the server (核验不通过：已被改动).
 */
async function forgedSeal(api: APIRequestContext, caseNo: string): Promise<string> {
  const res = await api.get('/api/v1/keys');
  expect(res.status()).toBe(200);
  const keys = (await res.json()) as { id: string; current?: boolean; revoked: boolean }[];
  const key = keys.find((k) => k.current) ?? keys.find((k) => !k.revoked)!;
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return ['1', 'acceptance', caseNo, today, 'A'.repeat(22), key.id, 'A'.repeat(86)].join('.');
}

/** A SCJGJ-001 case for the person, accepted and approved through the API. */
async function approvedCase(api: APIRequestContext, clerk: string, approver: Clerk, delivery: Record<string, string>): Promise<string> {
  const checklist = await fetchJson(api, 'GET', `/api/v1/checklists/${MATTER}`, clerk);
  const body = {
    matter: MATTER,
    applicant: { kind: 'person', name: PERSON.name, id_number: PERSON.idNumber, phone: PERSON.phone },
    materials: (checklist.json.materials as { code: string }[]).map((m) => ({ code: m.code, state: 'provided' })),
    delivery,
  };
  const created = await postJson(api, '/api/v1/cases', body, clerk, { 'Idempotency-Key': `e2e-output-${Date.now()}-${Math.random()}` });
  expect(created.status, created.body).toBe(201);
  const caseNo = created.json.case_no as string;
  const token = await login(api, approver.username, approver.password);
  const queue = await fetchJson(api, 'GET', '/api/v1/tasks', token);
  const task = (queue.json.tasks as { id: number; case_no: string }[]).find((x) => x.case_no === caseNo);
  expect(task, 'the task in the SCJGJ queue').toBeTruthy();
  expect((await postJson(api, `/api/v1/tasks/${task!.id}/claim`, {}, token)).status).toBe(200);
  const ok = await postJson(api, `/api/v1/tasks/${task!.id}/approve`, { opinion: '同意' }, token);
  expect(ok.status, ok.body).toBe(200);
  return caseNo;
}

test('picked up at the window with the ID checked; the counter opens the case papers as PDFs', async ({ browser }) => {
  const setup = await prepareHall();
  const { output, caseNo } = await withApi(async (api) => {
    const admin = await login(api, 'admin', process.env.ONETRIP_ADMIN_PASSWORD!);
    const approver = await createUser(api, admin, 'approver', 'SCJGJ');
    const output = await createUser(api, admin, 'output', null, ['clerk']);
    const clerk = await login(api, setup.clerk.username, setup.clerk.password);
    return { output, caseNo: await approvedCase(api, clerk, approver, { method: 'window' }) };
  });
  const staff = await browser.newContext({ baseURL: BASE });
  try {
    const page = await staff.newPage();
    await loginPage(page, output);
    await page.goto('/output');
    await page.getByTestId(`output-handover-${caseNo}`).click();
    await expect(field(page, 'output-recipient-name')).toHaveValue(PERSON.name);
    await field(page, 'output-recipient-id').fill('110105194912310021');
    await expect(page.getByTestId('output-dialog')).toContainText('身份证号');
    await expect(page.getByTestId('output-confirm')).toBeDisabled();
    await field(page, 'output-recipient-id').fill(PERSON.idNumber);
    await expect(page.getByTestId('output-confirm')).toBeEnabled();
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/api/v1/cases/${caseNo}/handover`)),
      page.getByTestId('output-confirm').click(),
    ]);
    expect(sent.postDataJSON()).toEqual({ method: 'pickup', recipient_name: PERSON.name, recipient_id_number: PERSON.idNumber });
    await expect(page.getByTestId(`output-item-${caseNo}`)).toBeHidden();
    await page.getByTestId('output-show-done').click();
    await expect(page.getByTestId(`output-state-${caseNo}`)).toHaveText('已领取');

    // The counter's case look-up: 受理通知书 and 办结通知书 (no 补正: never suspended).
    await page.goto('/counter/intake');
    await field(page, 'case-lookup-input').fill(caseNo);
    await page.getByTestId('case-lookup-submit').click();
    await expect(page.getByTestId('case-no')).toHaveText(caseNo);
    await expect(page.getByTestId('case-doc-correction')).toHaveCount(0);
    for (const doc of ['acceptance', 'completion']) {
      const [pdf] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseNo}/documents/${doc}.pdf`)),
        page.getByTestId(`case-doc-${doc}`).click(),
      ]);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
    }
  } finally {
    await staff.close();
  }
});

test('mailed by the output window, delivered, tracked in public and its seal verified', async ({ browser }) => {
  const setup = await prepareHall();
  const { output, caseNo, trackingCode, seal, forged } = await withApi(async (api) => {
    const admin = await login(api, 'admin', process.env.ONETRIP_ADMIN_PASSWORD!);
    const approver = await createUser(api, admin, 'approver', 'SCJGJ');
    // The server lets only clerk / approver / admin fetch case PDFs (documents.rs, case_document):
    // the output clerk also gets `clerk` until `output` is allowed there.
    const output = await createUser(api, admin, 'output', null, ['clerk']);
    const clerk = await login(api, setup.clerk.username, setup.clerk.password);
    const checklist = await fetchJson(api, 'GET', `/api/v1/checklists/${MATTER}`, clerk);
    const body = {
      matter: MATTER,
      applicant: { kind: 'person', name: PERSON.name, id_number: PERSON.idNumber, phone: PERSON.phone },
      materials: (checklist.json.materials as { code: string }[]).map((m) => ({ code: m.code, state: 'provided' })),
      delivery: { method: 'mail', recipient: PERSON.name, phone: PERSON.phone, address: '某市某区某路8号' },
    };
    const created = await postJson(api, '/api/v1/cases', body, clerk, { 'Idempotency-Key': `e2e-output-${Date.now()}` });
    expect(created.status, created.body).toBe(201);
    const caseNo = created.json.case_no as string;

    const approverToken = await login(api, approver.username, approver.password);
    const queue = await fetchJson(api, 'GET', '/api/v1/tasks', approverToken);
    const task = (queue.json.tasks as { id: number; case_no: string }[]).find((x) => x.case_no === caseNo);
    expect(task, 'the task in the SCJGJ queue').toBeTruthy();
    expect((await postJson(api, `/api/v1/tasks/${task!.id}/claim`, {}, approverToken)).status).toBe(200);
    const ok = await postJson(api, `/api/v1/tasks/${task!.id}/approve`, { opinion: '同意' }, approverToken);
    expect(ok.status, ok.body).toBe(200);
    const kase = await fetchJson(api, 'GET', `/api/v1/cases/${caseNo}`, clerk);
    expect(kase.json.status).toBe('approved');
    return { output, caseNo, trackingCode: kase.json.tracking_code as string, seal: await sealFromPdf(api, caseNo, clerk), forged: await forgedSeal(api, caseNo) };
  });

  const staff = await browser.newContext({ baseURL: BASE });
  const pub = await browser.newContext({ baseURL: BASE, viewport: { width: 360, height: 780 } });
  try {
    // The output window: the case is ready, mail asked for.
    const page = await staff.newPage();
    await loginPage(page, output);
    await page.goto('/output');
    await expect(page.getByTestId('output-page')).toBeVisible();
    await expect(page.getByTestId(`output-item-${caseNo}`)).toBeVisible();
    await expect(page.getByTestId(`output-state-${caseNo}`)).toHaveText('待出件');

    // Printing: the sealed completion notice, fetched with the session.
    const [pdf] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseNo}/documents/completion.pdf`)),
      page.getByTestId(`output-print-${caseNo}`).click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    for (const p of staff.pages()) if (p !== page) await p.close();

    // Mailed: carrier and waybill.
    await page.getByTestId(`output-handover-${caseNo}`).click();
    await expect(page.getByTestId('output-dialog')).toBeVisible();
    await expect(field(page, 'output-carrier')).toBeVisible();
    await field(page, 'output-carrier').fill('中国邮政EMS');
    await field(page, 'output-waybill').fill('EA123456789CN');
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/api/v1/cases/${caseNo}/handover`)),
      page.getByTestId('output-confirm').click(),
    ]);
    expect(sent.postDataJSON()).toEqual({ method: 'mail', carrier: '中国邮政EMS', waybill_no: 'EA123456789CN' });
    await expect(page.getByTestId('output-dialog')).toBeHidden();
    await expect(page.getByTestId(`output-state-${caseNo}`)).toHaveText('已寄出');
    await expect(page.getByTestId(`output-waybill-${caseNo}`)).toContainText('EA123456789CN');

    // Delivered: the case leaves the list (shown again with 显示已出件).
    await page.getByTestId(`output-delivered-${caseNo}`).click();
    await expect(page.getByTestId(`output-item-${caseNo}`)).toBeHidden();
    await page.getByTestId('output-show-done').click();
    await expect(page.getByTestId(`output-state-${caseNo}`)).toHaveText('已签收');

    // Public tracking: no login, phone-sized; the timeline has the mailing and the delivery.
    const track = await pub.newPage();
    await track.goto(`/track/${trackingCode}`);
    await expect(track.getByTestId('track-case-no')).toHaveText(caseNo);
    const timeline = track.getByTestId('track-timeline');
    await expect(timeline).toContainText('已寄出');
    await expect(timeline).toContainText('签收');
    await expect(track.getByTestId('track-promised-due')).toHaveText(/\d{4}-\d{2}-\d{2}/);
    await expect(track.getByTestId('track-applicant')).toHaveText('王*明');
    await expect(track.locator('body')).not.toContainText(PERSON.name);
    await expect(track.locator('body')).not.toContainText(PERSON.idNumber);
    await expect(track.getByTestId('verify-badge')).toHaveCount(0);
    const fits = () => document.documentElement.scrollWidth <= window.innerWidth;
    expect(await track.evaluate(fits), 'tracking page: no sideways scroll on a phone').toBe(true);

    // The ticket tracking route still wins over /track/:code.
    await track.goto('/track/ticket/NOSUCHCODE');
    await expect(track.getByTestId('track-page')).toHaveCount(0);

    // Verify: garbage, then an altered seal, then (when readable) the real one.
    const verify = await pub.newPage();
    await verify.goto('/verify');
    await verify.getByTestId('verify-input').fill('hello, not a seal');
    await verify.getByTestId('verify-input').press('Enter');
    await expect(verify.getByTestId('verify-message')).toHaveText('这不是本厅文书的二维码');
    expect(await verify.evaluate(fits), 'verify page: no sideways scroll on a phone').toBe(true);

    // A seal in the hall's format under its key, but not signed by it: 已被改动.
    await verify.goto(`/verify?s=${forged}`);
    await expect(verify.getByTestId('verify-label')).toHaveText('已被改动');
    await expect(verify.getByTestId('verify-message')).toHaveText('核验不通过：二维码内容已被改动');
    await expect(verify.getByTestId('verify-badge')).toHaveAttribute('data-result', 'altered');
    expect(await verify.evaluate(fits), 'verify result: no sideways scroll on a phone').toBe(true);
    // On the tracking page as printed: the case still shows, under the red badge.
    await track.goto(`/track/${trackingCode}?s=${forged}`);
    await expect(track.getByTestId('verify-label')).toHaveText('已被改动');
    await expect(track.getByTestId('track-case-no')).toHaveText(caseNo);

    // The kiosk's 扫码查询/核验: a wedge scanner types the printed tracking URL and Enter.
    await verify.goto('/verify?from=kiosk');
    await expect(verify.getByTestId('verify-input')).toBeFocused();
    await verify.keyboard.type(`${BASE}/track/${trackingCode}`);
    await verify.keyboard.press('Enter');
    await expect(verify).toHaveURL(new RegExp(`/track/${trackingCode}$`));
    await expect(verify.getByTestId('track-case-no')).toHaveText(caseNo);

    if (seal) {
      const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      // Altered: one character changed in the middle of the signed part.
      await verify.goto(`/verify?s=${flip(seal, Math.floor(seal.length / 3))}`);
      await expect(verify.getByTestId('verify-label')).toHaveText(/已被改动|无法识别/);
      await verify.goto(`/verify?s=${seal}`);
      await expect(verify.getByTestId('verify-label')).toHaveText('真实有效');
      await expect(verify.getByTestId('verify-kind')).toHaveText('受理通知书');
      await expect(verify.getByTestId('verify-subject')).toHaveText(caseNo);

      // The printed tracking URL with its seal: the tracking page shows the badge too.
      await track.goto(`/track/${trackingCode}?s=${seal}`);
      await expect(track.getByTestId('verify-label')).toHaveText('真实有效');
      // Scanned at the kiosk-style box: a tracking URL opens the tracking page.
      await verify.goto('/verify');
      await verify.getByTestId('verify-input').fill(`${BASE}/track/${trackingCode}?s=${seal}`);
      await verify.getByTestId('verify-input').press('Enter');
      await expect(verify).toHaveURL(new RegExp(`/track/${trackingCode}\\?s=`));
      await expect(verify.getByTestId('verify-label')).toHaveText('真实有效');
    } else {
      test.info().annotations.push({ type: 'note', description: 'no seal readable in the PDF: authentic case not checked' });
    }
  } finally {
    await staff.close();
    await pub.close();
  }
});
