/**
 * The smart queue end to end: a kiosk ticket is called at counter 1 (clerk A), recalled, and
 * transferred to counter 2, where clerk B (another browser) calls and finishes it; the display,
 * never reloaded, follows every step and announces the call and the recall; the ticket's public
 * tracking page follows too. Then: issuing by matter search with an ID number, the slip, and
 * the counter's rules (no no-show before two recalls, one clerk per counter) and putting a
 * no-show back in line.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD like the other specs; leaves the hall empty.
 */
import { expect, test, type Page } from '@playwright/test';
import { BASE, drainHall, fetchJson, login, loginPage, postJson, prepareHall, releaseCounter, withApi, type Hall } from './hall';

const A = { code: '1', name: '1号综合窗口' };
const B = { code: '2', name: '2号综合窗口' };

async function callUntil(counter: Page, code: string, number: string): Promise<string> {
  let called: string | null = null;
  let reason = '';
  for (let i = 0; i < 50 && called !== number; i++) {
    if (called) {
      await counter.getByTestId('counter-finish').click();
      await expect(counter.getByTestId('counter-current-number')).toBeHidden();
    }
    await expect(counter.getByTestId('counter-call-next')).toBeEnabled();
    const [res] = await Promise.all([
      counter.waitForResponse((r) => r.url().includes(`/counters/${code}/call-next`)),
      counter.getByTestId('counter-call-next').click(),
    ]);
    expect(res.status(), `call-next: ${await res.text()}`).toBe(200);
    const body = await res.json();
    called = body.ticket.number;
    reason = body.reason;
  }
  expect(called).toBe(number);
  await expect(counter.getByTestId('counter-current-number')).toHaveText(number);
  return reason;
}

async function cleanUp(hall: Hall) {
  await withApi(async (api) => {
    const [a, b] = hall.clerks;
    await releaseCounter(api, A.code, await login(api, a!.username, a!.password));
    await releaseCounter(api, B.code, await login(api, b!.username, b!.password));
    await drainHall(api, A.code, await login(api, a!.username, a!.password));
  });
}

test.describe('smart queue', () => {
  let hall: Hall;
  test.beforeAll(async () => {
    hall = await prepareHall(2);
  });
  test.afterAll(async () => {
    if (hall) await cleanUp(hall);
  });

  test('call, recall, transfer to another counter and finish, live on the display', async ({ browser }) => {
    test.setTimeout(120_000);
    const [clerkA, clerkB] = hall.clerks;
    const hallCtx = await browser.newContext({ baseURL: BASE });
    const ctxA = await browser.newContext({ baseURL: BASE });
    const ctxB = await browser.newContext({ baseURL: BASE });
    const phone = await browser.newContext({ baseURL: BASE, viewport: { width: 390, height: 800 } });
    try {
      const display = await hallCtx.newPage();
      await display.goto(`/display#device_token=${encodeURIComponent(hall.displayToken)}`);
      await expect(display.getByTestId('display-board')).toBeVisible();
      await display.evaluate(() => ((window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true));

      // The kiosk issues a ticket; its QR code leads to the tracking page.
      const kiosk = await hallCtx.newPage();
      await kiosk.goto(`/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
      const [issued] = await Promise.all([
        kiosk.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST'),
        kiosk.getByTestId('kiosk-category-B').click(),
      ]);
      const ticket = await issued.json();
      const number: string = ticket.number;
      await expect(kiosk.getByTestId('kiosk-ticket-number')).toHaveText(number);
      const qrText = await kiosk.getByTestId('kiosk-ticket-qr').getAttribute('data-qr-text');
      expect(qrText).toBe(`${new URL(BASE!).origin}/track/ticket/${ticket.track_code}`);

      const track = await phone.newPage();
      await track.goto(new URL(qrText!).pathname);
      await expect(track.getByTestId('track-number')).toHaveText(number);
      await expect(track.getByTestId('track-status')).toHaveText('等候中');
      await expect(track.getByTestId('track-ahead')).toBeVisible();

      // Clerk A at counter 1 calls it and sees why it was chosen.
      const counterA = await ctxA.newPage();
      await loginPage(counterA, clerkA!);
      await counterA.goto(`/counter?counter=${A.code}`);
      await expect(counterA.getByTestId('counter-session-counter')).toHaveText(A.name);
      const reason = await callUntil(counterA, A.code, number);
      await expect(counterA.getByTestId('counter-reason')).toHaveText(reason);
      await expect(counterA.getByTestId('counter-recall-count')).toHaveText('0');

      // The display, never reloaded, shows it within 2 s.
      await expect(display.getByTestId('display-latest-number')).toHaveText(number, { timeout: 2000 });
      await expect(display.getByTestId('display-latest-counter')).toHaveText(A.name, { timeout: 2000 });
      await expect(display.getByTestId('display-latest-recall')).toBeHidden();
      // Sound needs one touch on a browser that blocks autoplay (this headless one does).
      const voice = display.getByTestId('display-voice-enable');
      await voice.waitFor({ state: 'visible', timeout: 5000 }).then(() => voice.click(), () => undefined);

      // No no-show before two recalls: the button waits, with a hint.
      await expect(counterA.getByTestId('counter-no-show')).toBeDisabled();
      await expect(counterA.getByTestId('counter-no-show-hint')).toBeVisible();

      // Recall: the display marks it, the counter counts it.
      await counterA.getByTestId('counter-recall').click();
      await expect(counterA.getByTestId('counter-recall-count')).toHaveText('1');
      await expect(display.getByTestId('display-latest-recall')).toBeVisible({ timeout: 2000 });
      await expect(display.getByTestId('display-latest-number')).toHaveText(number);

      // The tracking page (refreshed by hand here: it polls every 15 s) says where to go.
      await track.getByTestId('track-refresh').click();
      await expect(track.getByTestId('track-status')).toHaveText('已叫号');
      await expect(track.getByTestId('track-counter')).toHaveText(A.name);

      // Transfer to counter 2.
      await counterA.getByTestId('counter-transfer').click();
      await counterA.getByTestId('counter-transfer-to-counter-2').click();
      await counterA.getByTestId('counter-transfer-confirm').click();
      await expect(counterA.getByTestId('counter-current-number')).toBeHidden();
      await expect(counterA.getByTestId('counter-call-next')).toBeEnabled();

      // Clerk B, in another browser, at counter 2: the transferred ticket comes first.
      const counterB = await ctxB.newPage();
      await loginPage(counterB, clerkB!);
      await counterB.goto(`/counter?counter=${B.code}`);
      await expect(counterB.getByTestId('counter-session-counter')).toHaveText(B.name);
      await expect(counterB.getByTestId('counter-waiting-item').filter({ hasText: number })).toContainText('转本窗口');
      const [res] = await Promise.all([
        counterB.waitForResponse((r) => r.url().includes(`/counters/${B.code}/call-next`)),
        counterB.getByTestId('counter-call-next').click(),
      ]);
      expect(res.status()).toBe(200);
      await expect(counterB.getByTestId('counter-current-number')).toHaveText(number);
      await expect(counterB.getByTestId('counter-recall-count')).toHaveText('1');
      await expect(display.getByTestId('display-latest-counter')).toHaveText(B.name, { timeout: 2000 });
      await expect(display.getByTestId('display-latest-recall')).toBeHidden();

      // Clerk B serves and finishes it.
      await counterB.getByTestId('counter-start').click();
      await expect(counterB.getByTestId('counter-current-status')).toHaveText('办理中');
      await counterB.getByTestId('counter-finish').click();
      await expect(counterB.getByTestId('counter-current-number')).toBeHidden();
      await track.getByTestId('track-refresh').click();
      await expect(track.getByTestId('track-status')).toHaveText('已办结');

      // The display announced the call and the recall, one after the other, in that order.
      const announced = async () =>
        display.evaluate(
          (n) => ((window as unknown as { __onetripAnnouncer?: { log: { number: string; step: string }[] } }).__onetripAnnouncer?.log ?? []).filter((l) => l.number === n),
          number,
        );
      await expect.poll(async () => (await announced()).length, { timeout: 45_000 }).toBeGreaterThanOrEqual(3);
      const voiceOk = await withApi(async (api) => (await fetchJson(api, 'GET', `/api/v1/voice/call.wav?number=${number}&counter=1`, hall.displayToken)).status === 200);
      if (voiceOk) expect((await announced()).slice(0, 3).map((l) => l.step)).toEqual(['played', 'played', 'played']);
      expect(await display.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(true);

      // Both counters are left for the next one.
      for (const page of [counterA, counterB]) {
        await page.getByTestId('counter-leave').click();
        await expect(page.getByTestId('counter-select')).toBeVisible();
      }
    } finally {
      for (const c of [hallCtx, ctxA, ctxB, phone]) await c.close();
    }
  });

  test('a counter held by one clerk is refused to another, with a clear message', async ({ browser }) => {
    const [clerkA, clerkB] = hall.clerks;
    const ctxA = await browser.newContext({ baseURL: BASE });
    const ctxB = await browser.newContext({ baseURL: BASE });
    try {
      const counterA = await ctxA.newPage();
      await loginPage(counterA, clerkA!);
      await counterA.goto(`/counter?counter=${A.code}`);
      await expect(counterA.getByTestId('counter-session')).toBeVisible();

      const counterB = await ctxB.newPage();
      await loginPage(counterB, clerkB!);
      await counterB.goto(`/counter?counter=${A.code}`);
      await expect(counterB.getByTestId('counter-session-error')).toContainText(`${A.name}正由${clerkA!.name}使用`);
      await expect(counterB.getByTestId('counter-call-next')).toBeDisabled();

      // Pause: no calling until resumed.
      await counterA.getByTestId('counter-pause').click();
      await expect(counterA.getByTestId('counter-paused-banner')).toBeVisible();
      await expect(counterA.getByTestId('counter-call-next')).toBeDisabled();
      await counterA.getByTestId('counter-pause').click();
      await expect(counterA.getByTestId('counter-paused-banner')).toBeHidden();

      // A leaves; B retries and gets the counter.
      await counterA.getByTestId('counter-leave').click();
      await expect(counterA.getByTestId('counter-select')).toBeVisible();
      await counterB.getByTestId('counter-session-retry').click();
      await expect(counterB.getByTestId('counter-session-clerk')).toHaveText(clerkB!.name);
      await counterB.getByTestId('counter-leave').click();
      await expect(counterB.getByTestId('counter-select')).toBeVisible();
    } finally {
      await ctxA.close();
      await ctxB.close();
    }
  });

  test('kiosk: find a matter, give an ID number, take the ticket and print the slip', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: BASE });
    // The slip goes to a stand-in printer (headless Chromium cannot print a PDF frame): first
    // it fails, then it works.
    await context.addInitScript(() => {
      let attempts = 0;
      (window as unknown as { onetripSlipPrinter: { print(pdf: Blob): Promise<void> } }).onetripSlipPrinter = {
        async print(pdf: Blob) {
          attempts++;
          if (pdf.type !== 'application/pdf' || pdf.size < 1000) throw new Error(`not a slip: ${pdf.type} ${pdf.size}`);
          if (attempts === 1) throw new Error('paper jam');
        },
      };
    });
    try {
      const kiosk = await context.newPage();
      await kiosk.goto(`/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);

      // A wrong check character is caught on the keypad; the right number is taken.
      await kiosk.getByTestId('kiosk-id-open').click();
      for (const d of '110105194912310021') await kiosk.getByTestId(`kiosk-id-key-${d}`).click();
      await expect(kiosk.getByTestId('kiosk-id-status')).toContainText('校验位不正确');
      await expect(kiosk.getByTestId('kiosk-id-ok')).toBeDisabled();
      await kiosk.getByTestId('kiosk-id-back').click();
      await kiosk.getByTestId('kiosk-id-key-X').click();
      await expect(kiosk.getByTestId('kiosk-id-status')).toContainText('绿色通道');
      await kiosk.getByTestId('kiosk-id-ok').click();
      await expect(kiosk.getByTestId('kiosk-id-summary')).toHaveText('110105 ******** 002X');

      // Search by everyday words, then by pinyin initials on the letter keys.
      await kiosk.getByTestId('kiosk-search-open').click();
      await kiosk.getByTestId('kiosk-search-input').fill('办身份证');
      await expect(kiosk.getByTestId('kiosk-matter-GAFJ-003')).toBeVisible();
      await kiosk.getByTestId('kiosk-search-clear').click();
      for (const k of 'SBK') await kiosk.getByTestId(`kiosk-search-key-${k}`).click();
      await expect(kiosk.getByTestId('kiosk-search-input')).toHaveValue('SBK');
      const matter = kiosk.getByTestId('kiosk-matter-RSJ-002');
      await expect(matter).toBeVisible();
      await expect(kiosk.getByTestId('kiosk-matter-GAFJ-003')).toBeHidden();

      const [issued] = await Promise.all([
        kiosk.waitForResponse((r) => r.url().endsWith('/api/v1/tickets') && r.request().method() === 'POST'),
        matter.click(),
      ]);
      expect(issued.request().postDataJSON()).toEqual({ matter: 'RSJ-002', id_number: '11010519491231002X' });
      expect(issued.status()).toBe(201);
      const ticket = await issued.json();
      expect(ticket.matter).toBe('RSJ-002');
      expect(ticket.priority).toBe('green'); // born 1949
      await expect(kiosk.getByTestId('kiosk-ticket-number')).toHaveText(/^B\d{3,}$/);
      await expect(kiosk.getByTestId('kiosk-ticket-matter')).toHaveText('社会保障卡申领');
      await expect(kiosk.getByTestId('kiosk-ticket-green')).toBeVisible();

      // The slip: a failed print says so and keeps the ticket; a reprint works.
      const slipStatus = () => kiosk.waitForRequest((r) => r.url().endsWith(`/tickets/${ticket.id}/slip-status`));
      let [req] = await Promise.all([slipStatus(), kiosk.getByTestId('kiosk-ticket-print').click()]);
      expect(req.postDataJSON()).toEqual({ printed: false });
      await expect(kiosk.getByTestId('kiosk-ticket-print-failed')).toHaveText('打印失败，请到服务台补打');
      await expect(kiosk.getByTestId('kiosk-ticket-number')).toHaveText(ticket.number);
      [req] = await Promise.all([slipStatus(), kiosk.getByTestId('kiosk-ticket-print').click()]);
      expect(req.postDataJSON()).toEqual({ printed: true });
      await expect(kiosk.getByTestId('kiosk-ticket-printed')).toBeVisible();
      await kiosk.getByTestId('kiosk-ticket-done').click();

      // The ID number was forgotten with the ticket; taking the same line again with it is refused.
      await expect(kiosk.getByTestId('kiosk-id-summary')).toBeHidden();
      await kiosk.getByTestId('kiosk-id-open').click();
      for (const d of '11010519491231002X') await kiosk.getByTestId(`kiosk-id-key-${d}`).click();
      await kiosk.getByTestId('kiosk-id-ok').click();
      await kiosk.getByTestId('kiosk-category-B').click();
      await expect(kiosk.getByTestId('device-banner')).toContainText(ticket.number);
      await expect(kiosk.getByTestId('kiosk-ticket')).toBeHidden();

      const server = await withApi(async (api) => fetchJson(api, 'GET', `/api/v1/tickets/${ticket.id}`, hall.kioskToken));
      expect(server.json.slip_status).toBe('printed');
    } finally {
      await context.close();
    }
  });

  test('the tracking page of an unknown code says so kindly', async ({ page }) => {
    await page.goto(`${BASE}/track/ticket/no-such-code`);
    await expect(page.getByTestId('track-not-found')).toContainText('没有找到这张号票');
  });

  test('no-show only after two recalls, then the counter may call again; a no-show can be put back in line', async ({ browser }) => {
    const [clerkA] = hall.clerks;
    await withApi(async (api) => drainHall(api, A.code, await login(api, clerkA!.username, clerkA!.password)));
    const issued = await withApi(async (api) =>
      postJson(api, '/api/v1/tickets', { category: 'E' }, hall.kioskToken, { 'Idempotency-Key': `e2e-noshow-${Date.now()}` }),
    );
    const context = await browser.newContext({ baseURL: BASE });
    try {
      const counter = await context.newPage();
      await loginPage(counter, clerkA!);
      await counter.goto(`/counter?counter=${A.code}`);
      const reason = await callUntil(counter, A.code, issued.json.number);
      // The reason comes with the desk, so it survives a reload.
      await counter.reload();
      await expect(counter.getByTestId('counter-current-number')).toHaveText(issued.json.number);
      await expect(counter.getByTestId('counter-reason')).toHaveText(reason);
      const noShow = counter.getByTestId('counter-no-show');
      for (const n of ['1', '2']) {
        await expect(noShow).toBeDisabled();
        await counter.getByTestId('counter-recall').click();
        await expect(counter.getByTestId('counter-recall-count')).toHaveText(n);
      }
      await expect(noShow).toBeEnabled();
      await expect(counter.getByTestId('counter-no-show-hint')).toBeHidden();
      await noShow.click();
      await expect(counter.getByTestId('counter-current-number')).toBeHidden();
      await expect(counter.getByTestId('counter-call-next')).toBeEnabled();
      const after = await withApi(async (api) => fetchJson(api, 'GET', `/api/v1/tickets/${issued.json.id}`, hall.kioskToken));
      expect(after.json.status).toBe('no_show');

      // Today's no-shows: 恢复排队 puts it back at the end of its line, and it can be called again.
      const waitingItem = counter.getByTestId('counter-waiting-item').filter({ hasText: issued.json.number });
      await expect(waitingItem).toHaveCount(0);
      const noShowRow = counter.getByTestId('counter-no-show-item').filter({ hasText: issued.json.number });
      await expect(counter.getByTestId('counter-no-shows')).toContainText('今日过号');
      await expect(noShowRow).toHaveCount(1);
      const reinstate = noShowRow.getByTestId('counter-reinstate');
      await expect(reinstate).toHaveText('恢复排队');
      const [res] = await Promise.all([
        counter.waitForResponse((r) => r.url().endsWith(`/tickets/${issued.json.id}/reinstate`)),
        reinstate.click(),
      ]);
      expect(res.status(), `reinstate: ${await res.text()}`).toBe(200);
      await expect(noShowRow).toHaveCount(0);
      await expect(waitingItem).toHaveCount(1);
      const back = await withApi(async (api) => fetchJson(api, 'GET', `/api/v1/tickets/${issued.json.id}`, hall.kioskToken));
      expect(back.json.status).toBe('waiting');
      await callUntil(counter, A.code, issued.json.number);
      await expect(waitingItem).toHaveCount(0);
      await counter.getByTestId('counter-finish').click();
      await expect(counter.getByTestId('counter-current-number')).toBeHidden();
      const done = await withApi(async (api) => fetchJson(api, 'GET', `/api/v1/tickets/${issued.json.id}`, hall.kioskToken));
      expect(done.json.status).toBe('done');
      await counter.getByTestId('counter-leave').click();
      await expect(counter.getByTestId('counter-select')).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
