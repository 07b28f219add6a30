/**
 * Appointments end to end, on a hall server of the spec's own (`hallServer.ts`) whose clock can be
 * set: a citizen books a slot on the public page (phone-sized, no login) and gets a code; the
 * kiosk's 预约签到 keypad sends it to the server.
 *
 * - Refused: before its day (bookings start one working day ahead; the server starts on real
 *   time), an unknown code, and after the booking was cancelled on the public page.
 * - On time: the server is restarted on the same database with its clock on the slot's day, first
 *   35 minutes before the slot (too early: refused), then 10 minutes before: a real ticket in the
 *   appointment line (预约到号，优先办理), called before a walk-in who came first.
 * - Late: another person, the clock 20 minutes after the slot's start: a ticket in the normal
 *   line, with the late notice, called after the walk-in.
 *
 * Needs the server binary (`../target/debug/onetrip`, ONETRIP_BIN overrides); not ONETRIP_URL.
 * The spec's hall is deleted afterwards.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { idCheckChar } from '../src/lib/idNumber';
import { drainHall, issueTicket, login, postJson, prepareHall, withApi, type Hall } from './hall';
import { HallServer } from './hallServer';

const PHONE = { width: 390, height: 800 };

const usedIdNumbers = new Set<string>();

/** A valid ID number of someone born in 1985, another person every call (one booking per person and day). */
function freshIdNumber(): string {
  for (;;) {
    const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
    const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
    const first17 = `110105198506${day}${seq}`;
    const id = `${first17}${idCheckChar(first17)}`;
    if (usedIdNumbers.has(id)) continue;
    usedIdNumbers.add(id);
    return id;
  }
}

/** "09:00" moved by `minutes`, as "HH:MM" (within the day). */
function shift(start: string, minutes: number): string {
  const [h, m] = start.split(':').map(Number) as [number, number];
  const t = h * 60 + m + minutes;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

/** 30 minutes before the slot's start until 15 after it: "09:00" → "08:30–09:15". */
function checkInWindow(start: string): string {
  return `${shift(start, -30)}–${shift(start, 15)}`;
}

/** The hall's time (Asia/Shanghai, +08:00) `minutes` from the slot's start, for `--clock-start`. */
function hallClock(slot: Booked, minutes: number): string {
  return `${slot.date}T${shift(slot.start, minutes)}:00+08:00`;
}

interface Booked {
  code: string;
  date: string;
  start: string;
}

async function openPhonePage(browser: Browser, base: string) {
  const context = await browser.newContext({ baseURL: base, viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('/public/appointments');
  return { context, page };
}

/**
 * Category → the day the page offers first (or `date`) → the slot starting at `prefer` if the
 * page offers it with places left, else its first slot with places left.
 */
async function chooseSlot(page: Page, category: string, date?: string, prefer?: string): Promise<{ date: string; start: string }> {
  await page.getByTestId(`appt-category-${category}`).click();
  const step = page.getByTestId('appt-step-slot');
  await expect(step.locator('button.slot').first()).toBeVisible();
  if (date) await page.getByTestId(`appt-day-${date}`).click();
  const day = (await step.locator('button.day[aria-checked="true"]').getAttribute('data-testid'))!.replace('appt-day-', '');
  const preferred = prefer ? step.locator(`button.slot:enabled[data-testid="appt-slot-${prefer}"]`) : null;
  const slot = preferred && (await preferred.count()) > 0 ? preferred : step.locator('button.slot:enabled').first();
  const start = (await slot.getAttribute('data-testid'))!.replace('appt-slot-', '');
  await expect(page.getByTestId(`appt-slot-left-${start}`)).toHaveText(/余 \d+ 个|仅剩 \d+ 个/);
  await slot.click();
  return { date: day, start };
}

async function fillPerson(page: Page, idNumber: string) {
  await page.getByTestId('appt-name').fill('欧阳娜娜');
  await page.getByTestId('appt-idNumber').fill(idNumber);
  await page.getByTestId('appt-phone').fill('138 0013 8000');
  await page.getByTestId('appt-person-next').click();
  await expect(page.getByTestId('appt-step-confirm')).toBeVisible();
}

async function typeCode(kiosk: Page, code: string) {
  await kiosk.getByTestId('kiosk-checkin-clear').click();
  for (const c of code) await kiosk.getByTestId(`kiosk-checkin-key-${c}`).click();
  await expect(kiosk.getByTestId('kiosk-checkin-value')).toHaveAttribute('aria-label', code);
}

/** Enters `code` on the kiosk and returns the sentence the check-in screen shows for a refusal. */
async function checkInRefused(kiosk: Page, code: string): Promise<string> {
  await typeCode(kiosk, code);
  const [res] = await Promise.all([
    kiosk.waitForResponse((r) => r.url().includes(`/api/v1/appointments/${code}/check-in`)),
    kiosk.getByTestId('kiosk-checkin-submit').click(),
  ]);
  expect(res.status(), await res.text()).toBeGreaterThanOrEqual(400);
  const body = await res.json();
  await expect(kiosk.getByTestId('kiosk-checkin-error')).toHaveText(body.message);
  return body.message as string;
}

async function cancelByApi(base: string, code: string, idNumber: string) {
  await withApi((api) => postJson(api, `/api/v1/public/appointments/${code}/cancel`, { id_number: idNumber }), base);
}

/** Books on the public page: the first bookable day, at 09:00 if offered; returns the code. */
async function bookOnPage(browser: Browser, base: string, idNumber: string): Promise<Booked> {
  const { context, page } = await openPhonePage(browser, base);
  try {
    const { date, start } = await chooseSlot(page, 'A', undefined, '09:00');
    await fillPerson(page, idNumber);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/public/appointments') && r.request().method() === 'POST'),
      page.getByTestId('appt-confirm-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(201);
    const code = (await res.json()).code as string;
    await expect(page.getByTestId('appt-booked-code')).toHaveText(code);
    await expect(page.getByTestId('appt-booked-checkIn')).toHaveText(checkInWindow(start));
    return { code, date, start };
  } finally {
    await context.close();
  }
}

/** The kiosk at the server's current address (a new origin after a restart: the token again). */
async function openKiosk(browser: Browser, server: HallServer, hall: Hall) {
  const context = await browser.newContext({ baseURL: server.url });
  const kiosk = await context.newPage();
  await kiosk.goto(`/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
  await expect(kiosk.getByTestId('kiosk-category-A')).toBeVisible();
  return { context, kiosk };
}

interface CheckInAnswer {
  appointment: { code: string; status: string; check_in_until: string };
  ticket: { id: number; number: string; priority: string; status: string; issued_at: string };
  on_time: boolean;
}

/** Enters `code` on the kiosk's 预约签到 keypad; the server must answer with a ticket. */
async function checkIn(kiosk: Page, code: string): Promise<CheckInAnswer> {
  await kiosk.getByTestId('kiosk-checkin-open').click();
  await typeCode(kiosk, code);
  const [res] = await Promise.all([
    kiosk.waitForResponse((r) => r.url().includes(`/api/v1/appointments/${code}/check-in`)),
    kiosk.getByTestId('kiosk-checkin-submit').click(),
  ]);
  const body = await res.text();
  expect(res.status(), body).toBe(201);
  const answer = JSON.parse(body) as CheckInAnswer;
  expect(answer.appointment.code).toBe(code);
  expect(answer.appointment.status).toBe('checked_in');
  expect(answer.ticket.number).toMatch(/^A\d{3}$/);
  expect(answer.ticket.status).toBe('waiting');
  await expect(kiosk.getByTestId('kiosk-checkin')).toBeHidden();
  await expect(kiosk.getByTestId('kiosk-ticket-number')).toHaveText(answer.ticket.number);
  await expect(kiosk.getByTestId('kiosk-ticket-category')).toContainText(/\S/);
  await expect(kiosk.getByTestId('kiosk-ticket-print')).toBeVisible();
  return answer;
}

/** Issued on the hall's clock (started at `clockStart` moments ago), not on the real time. */
function expectIssuedAtHallTime(answer: CheckInAnswer, clockStart: string) {
  const issued = Date.parse(answer.ticket.issued_at) - Date.parse(clockStart);
  expect(issued, `issued at ${answer.ticket.issued_at}, the clock started at ${clockStart}`).toBeGreaterThanOrEqual(0);
  expect(issued).toBeLessThan(120_000);
}

/** What counter 1 calls next, and why (the clerk logs in afresh: the clock moved on). */
async function callNext(server: HallServer, hall: Hall): Promise<{ number: string; reason: string }> {
  return withApi(async (api) => {
    const token = await login(api, hall.clerk.username, hall.clerk.password);
    const res = await postJson(api, '/api/v1/counters/1/call-next', {}, token);
    expect(res.status, `call-next: ${res.body}`).toBe(200);
    const fin = await postJson(api, `/api/v1/tickets/${res.json.ticket.id}/finish`, {}, token);
    expect(fin.status, `finish: ${fin.body}`).toBe(200);
    return { number: res.json.ticket.number as string, reason: res.json.reason as string };
  }, server.url);
}

async function emptyHall(server: HallServer, hall: Hall) {
  if (!server.url) return;
  await withApi(async (api) => drainHall(api, '1', await login(api, hall.clerk.username, hall.clerk.password)), server.url);
}

test.describe('appointments', () => {
  let server: HallServer;
  let hall: Hall;
  test.beforeAll(async () => {
    server = await HallServer.start(); // real time: every bookable day is a later one
    hall = await prepareHall(1, server);
  });
  test.afterAll(async () => {
    await server?.dispose();
  });
  test.afterEach(async ({}, info) => {
    if (info.status !== info.expectedStatus && server) await info.attach('server.log', { body: await server.log(), contentType: 'text/plain' });
  });

  test('book on the public page, refused at the kiosk before its day, cancelled', async ({ browser }) => {
    test.setTimeout(120_000);
    const idNumber = freshIdNumber();
    const { context, page } = await openPhonePage(browser, server.url);
    const hallCtx = await browser.newContext({ baseURL: server.url });
    let booked: Booked | null = null;
    try {
      // 1 service, 2 day and slot (the remaining places shown), 3 the person, checked as typed.
      await expect(page.getByTestId('appt-step-category')).toBeVisible();
      const { date, start } = await chooseSlot(page, 'A');
      await expect(page.getByTestId('appt-rules')).toContainText('自助终端签到');
      await page.getByTestId('appt-name').fill('欧阳娜娜');
      await page.getByTestId('appt-idNumber').fill(`${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`);
      await page.getByTestId('appt-phone').fill('0432-6468888');
      await page.getByTestId('appt-person-next').click();
      await expect(page.getByTestId('appt-idNumber-error')).toHaveText('身份证号校验位不正确，请核对号码');
      await expect(page.getByTestId('appt-phone-error')).toHaveText('请填写 11 位手机号码');
      await page.getByTestId('appt-idNumber').fill(idNumber.toLowerCase());
      await page.getByTestId('appt-phone').fill('138 0013 8000');
      await page.getByTestId('appt-person-next').click();

      // 4 confirm: the ID number masked, never in full.
      await expect(page.getByTestId('appt-confirm-idNumber')).toHaveText(`${idNumber.slice(0, 6)} ******** ${idNumber.slice(14)}`);
      await expect(page.getByTestId('appt-confirm-time')).toContainText(start);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/public/appointments') && r.request().method() === 'POST'),
        page.getByTestId('appt-confirm-submit').click(),
      ]);
      expect(res.status(), await res.text()).toBe(201);
      const view = await res.json();
      booked = { code: view.code, date, start };
      expect(view.date).toBe(date);

      // The code, big, with when, where and how to check in.
      await expect(page.getByTestId('appt-booked-code')).toHaveText(booked.code);
      expect(booked.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      await expect(page.getByTestId('appt-booked-time')).toContainText(start);
      await expect(page.getByTestId('appt-booked-hall')).toHaveText('只跑一次综合服务大厅');
      await expect(page.getByTestId('appt-booked-name')).toHaveText('欧**娜');
      await expect(page.getByTestId('appt-booked-phone')).toHaveText('138****8000');
      await expect(page.getByTestId('appt-booked-checkIn')).toHaveText(checkInWindow(start));
      await expect(page.getByTestId('appt-booked-hint')).toContainText('自助终端');
      // English too: the weekday follows the language.
      await page.getByTestId('language-en').click();
      await expect(page.getByTestId('appt-booked-date')).toHaveText(/day$/);
      await page.getByTestId('language-zh-CN').click();
      await expect(page.getByTestId('appt-booked-date')).toHaveText(/星期/);
      expect(await page.locator('body').innerText()).not.toContain(idNumber);
      expect(await page.locator('body').innerText()).not.toContain(idNumber.slice(6, 14));

      // The same person on the same day again: the server's sentence is shown.
      await page.getByTestId('appt-booked-another').click();
      await chooseSlot(page, 'A', date);
      await fillPerson(page, idNumber);
      await page.getByTestId('appt-confirm-submit').click();
      await expect(page.getByTestId('appt-book-error')).toContainText('每人每天限约一次');

      // The kiosk: 预约签到 → keypad → refused before the day, with the way back.
      const kiosk = await hallCtx.newPage();
      await kiosk.goto(`/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
      await kiosk.getByTestId('kiosk-checkin-open').click();
      await expect(kiosk.getByTestId('kiosk-checkin-key-0')).toHaveCount(0); // no look-alikes on the keypad
      await expect(kiosk.getByTestId('kiosk-checkin-key-O')).toHaveCount(0);
      await expect(kiosk.getByTestId('kiosk-checkin-submit')).toBeDisabled();
      expect(await checkInRefused(kiosk, booked.code)).toBe(`该预约的日期是 ${date}，请在当天签到`);
      await kiosk.getByTestId('kiosk-checkin-edit').click();
      await expect(kiosk.getByTestId('kiosk-checkin-value')).toHaveAttribute('aria-label', booked.code);
      // A keyboard (or scanner) works too: lower case and separators are fine.
      await kiosk.getByTestId('kiosk-checkin-clear').click();
      await kiosk.keyboard.type('2345-6789');
      await expect(kiosk.getByTestId('kiosk-checkin-value')).toHaveAttribute('aria-label', '23456789');
      expect(await checkInRefused(kiosk, 'ZZZZZZZZ')).toBe('没有找到该预约，请核对预约码');
      await kiosk.getByTestId('kiosk-checkin-home').click();
      await expect(kiosk.getByTestId('kiosk-checkin')).toBeHidden();
      await expect(kiosk.getByTestId('kiosk-category-A')).toBeVisible();

      // Cancelled on the public page (the code carried over), with the ID number as proof.
      await page.getByTestId('appt-confirm-back').click();
      await page.getByTestId('appt-person-back').click();
      await page.getByTestId('appt-slot-back').click();
      await page.getByTestId('appt-cancel-code').fill(booked.code.toLowerCase());
      await page.getByTestId('appt-cancel-id').fill(idNumber);
      await page.getByTestId('appt-cancel-submit').click();
      await expect(page.getByTestId('appt-cancel-confirm')).toContainText(booked.code);
      await page.getByTestId('appt-cancel-yes').click();
      await expect(page.getByTestId('appt-cancel-done')).toContainText('已取消');
      await expect(page.getByTestId('appt-cancel-done')).toContainText(start);
      await expect(page.getByTestId('appt-cancel-id')).toHaveValue('');
      const cancelled = booked.code;
      booked = null;

      await kiosk.getByTestId('kiosk-checkin-open').click();
      expect(await checkInRefused(kiosk, cancelled)).toBe('该预约已签到或已取消');
      await kiosk.getByTestId('kiosk-checkin-home').click();
    } finally {
      if (booked) await cancelByApi(server.url, booked.code, idNumber);
      await context.close();
      await hallCtx.close();
    }
  });

  test('checked in on time: a ticket in the appointment line, called first', async ({ browser }) => {
    test.setTimeout(120_000);
    const booked = await bookOnPage(browser, server.url, freshIdNumber());
    let kioskCtx: Awaited<ReturnType<typeof openKiosk>>['context'] | null = null;
    try {
      // The slot's day, 35 minutes before it: not yet.
      await server.restart({ clockStart: hallClock(booked, -35) });
      let opened = await openKiosk(browser, server, hall);
      kioskCtx = opened.context;
      await opened.kiosk.getByTestId('kiosk-checkin-open').click();
      expect(await checkInRefused(opened.kiosk, booked.code)).toBe(`签到时间未到，请于 ${shift(booked.start, -30)} 后签到`);
      await opened.kiosk.getByTestId('kiosk-checkin-home').click();
      await kioskCtx.close();

      // 10 minutes before it, with a walk-in already waiting: 预约到号, ahead of the walk-in.
      const clock = hallClock(booked, -10);
      await server.restart({ clockStart: clock });
      const walkIn = await withApi((api) => issueTicket(api, hall.kioskToken, { category: 'A' }), server.url);
      opened = await openKiosk(browser, server, hall);
      kioskCtx = opened.context;
      const kiosk = opened.kiosk;
      const answer = await checkIn(kiosk, booked.code);
      expect(answer.on_time).toBe(true);
      expect(answer.ticket.priority).toBe('appointment');
      expect(answer.ticket.number).not.toBe(walkIn.number);
      expectIssuedAtHallTime(answer, clock);
      await expect(kiosk.getByTestId('kiosk-ticket-appointment')).toHaveText('预约到号，优先办理');
      await expect(kiosk.getByTestId('kiosk-ticket-notice')).toHaveCount(0);
      await expect(kiosk.getByTestId('kiosk-ticket-ahead')).toHaveText('前面没有人等候，请留意叫号');
      await kiosk.getByTestId('kiosk-ticket-done').click();
      await expect(kiosk.getByTestId('kiosk-ticket')).toBeHidden();

      // Checked in once only.
      await kiosk.getByTestId('kiosk-checkin-open').click();
      expect(await checkInRefused(kiosk, booked.code)).toBe('该预约已签到或已取消');
      await kiosk.getByTestId('kiosk-checkin-home').click();

      // The counter calls the appointment before the walk-in who came first.
      expect(await callNext(server, hall)).toEqual({ number: answer.ticket.number, reason: '预约到号优先' });
      expect((await callNext(server, hall)).number).toBe(walkIn.number);
    } finally {
      await kioskCtx?.close();
      await emptyHall(server, hall);
    }
  });

  test('checked in late: a ticket in the normal line, with the late notice', async ({ browser }) => {
    test.setTimeout(120_000);
    const booked = await bookOnPage(browser, server.url, freshIdNumber());
    let kioskCtx: Awaited<ReturnType<typeof openKiosk>>['context'] | null = null;
    try {
      // 20 minutes after the slot's start (the window closed at +15), a walk-in already waiting.
      const clock = hallClock(booked, 20);
      await server.restart({ clockStart: clock });
      const walkIn = await withApi((api) => issueTicket(api, hall.kioskToken, { category: 'A' }), server.url);
      const opened = await openKiosk(browser, server, hall);
      kioskCtx = opened.context;
      const kiosk = opened.kiosk;
      const answer = await checkIn(kiosk, booked.code);
      expect(answer.on_time).toBe(false);
      expect(answer.ticket.priority).toBe('normal');
      expectIssuedAtHallTime(answer, clock);
      await expect(kiosk.getByTestId('kiosk-ticket-appointment')).toHaveCount(0);
      await expect(kiosk.getByTestId('kiosk-ticket-notice')).toHaveText(
        `您已超过签到时间（${shift(booked.start, 15)} 前），已按普通号排队`,
      );
      await expect(kiosk.getByTestId('kiosk-ticket-ahead')).toHaveText('前面还有 1 人');
      await kiosk.getByTestId('kiosk-ticket-done').click();
      await expect(kiosk.getByTestId('kiosk-ticket')).toBeHidden();

      // In line behind the walk-in.
      expect((await callNext(server, hall)).number).toBe(walkIn.number);
      const late = await callNext(server, hall);
      expect(late.number).toBe(answer.ticket.number);
      expect(late.reason).not.toContain('预约');
    } finally {
      await kioskCtx?.close();
      await emptyHall(server, hall);
    }
  });
});
