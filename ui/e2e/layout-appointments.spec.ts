/**
 * Layout of the appointment screens, checked like the others (`layout.spec.ts`): the public
 * booking page at every step, from a 360 px phone to a 1920 px desktop, in large type for older
 * readers; and the kiosk's 预约签到 keypad and its refusal screen.
 *
 * Tagged @layout. Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD like the other specs; the one
 * booking it makes is cancelled afterwards.
 */
import { expect, test, type Page } from '@playwright/test';
import { idCheckChar } from '../src/lib/idNumber';
import { postJson, prepareHall, withApi } from './hall';
import { type LayoutCheckOptions } from './layoutCheck';
import { checkAll, checkAt, EN_SHOTS, openPage, SHOTS, SWEEP, type Size } from './layoutShots';

/** Phones first: that is where most people book. */
const PHONES: Size[] = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
];
const PUBLIC: LayoutCheckOptions = {
  minFontPx: 18,
  touchSelector: 'button, input, [data-testid^="language-"]',
  minTouchPx: 44,
};
const KIOSK_CHECKIN: LayoutCheckOptions = {
  minFontPx: 20,
  touchSelector: '[data-testid^="kiosk-checkin-"]:is(button)',
  minTouchPx: 48,
};

/** Every size in Chinese (photographed at the phones and SHOTS), and English at a few. */
async function checkPublic(page: Page, screen: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of [...PHONES, ...SHOTS]) problems.push(...(await checkAt(page, screen, size, PUBLIC, true)));
  for (const size of SWEEP) problems.push(...(await checkAt(page, screen, size, PUBLIC, false)));
  await page.getByTestId('language-en').click();
  for (const size of [PHONES[0]!, ...EN_SHOTS]) problems.push(...(await checkAt(page, screen, size, PUBLIC, true, 'en')));
  await page.getByTestId('language-zh-CN').click();
  await page.setViewportSize(PHONES[1]!);
  return problems;
}

function freshIdNumber(): string {
  const first17 = `11010519600101${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

test.describe('layout of the appointment screens', { tag: '@layout' }, () => {
  test('public booking page, every step', async ({ browser }) => {
    test.setTimeout(180_000);
    const idNumber = freshIdNumber();
    const { context, page } = await openPage(browser, '/public/appointments');
    let code: string | null = null;
    try {
      await page.setViewportSize(PHONES[1]!);
      await expect(page.getByTestId('appt-category-A')).toBeVisible();
      const problems = await checkAll(page, 'appt-category', PUBLIC);
      for (const size of PHONES) problems.push(...(await checkAt(page, 'appt-category', size, PUBLIC, true)));

      await page.getByTestId('appt-category-A').click();
      await expect(page.getByTestId('appt-step-slot').locator('button.slot').first()).toBeVisible();
      problems.push(...(await checkPublic(page, 'appt-slot')));

      await page.getByTestId('appt-step-slot').locator('button.slot:enabled').first().click();
      await page.getByTestId('appt-name').fill('阿依古丽·买买提');
      await page.getByTestId('appt-idNumber').fill('110105194912310021');
      await page.getByTestId('appt-person-next').click(); // every field's problem on show
      await expect(page.getByTestId('appt-phone-error')).toBeVisible();
      problems.push(...(await checkPublic(page, 'appt-person')));

      await page.getByTestId('appt-idNumber').fill(idNumber);
      await page.getByTestId('appt-phone').fill('13800138000');
      await page.getByTestId('appt-person-next').click();
      await expect(page.getByTestId('appt-step-confirm')).toBeVisible();
      problems.push(...(await checkPublic(page, 'appt-confirm')));

      await page.getByTestId('appt-confirm-submit').click();
      await expect(page.getByTestId('appt-booked-code')).toHaveText(/^[2-9A-Z]{8}$/);
      code = (await page.getByTestId('appt-booked-code').textContent())!.trim();
      problems.push(...(await checkPublic(page, 'appt-booked')));

      // The cancel section with its questions shown.
      await page.getByTestId('appt-cancel-code').fill('ABC');
      await page.getByTestId('appt-cancel-submit').click();
      await expect(page.getByTestId('appt-cancel-code-error')).toBeVisible();
      await page.getByTestId('appt-cancel').scrollIntoViewIfNeeded();
      for (const size of PHONES) problems.push(...(await checkAt(page, 'appt-cancel', size, PUBLIC, true)));

      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      if (code) await withApi((api) => postJson(api, `/api/v1/public/appointments/${code}/cancel`, { id_number: idNumber }));
      await context.close();
    }
  });

  test('kiosk appointment check-in: keypad and refusal', async ({ browser }) => {
    const hall = await prepareHall(0);
    const { context, page } = await openPage(browser, `/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
    await expect(page.getByTestId('kiosk-checkin-open')).toBeVisible();
    const problems: string[] = [];

    await page.getByTestId('kiosk-checkin-open').click();
    for (const c of 'ZZZZ22') await page.getByTestId(`kiosk-checkin-key-${c}`).click();
    for (const size of [...SHOTS, ...SWEEP]) problems.push(...(await checkAt(page, 'kiosk-checkin', size, KIOSK_CHECKIN, SHOTS.includes(size))));

    for (const c of '22') await page.getByTestId(`kiosk-checkin-key-${c}`).click();
    await page.getByTestId('kiosk-checkin-submit').click();
    await expect(page.getByTestId('kiosk-checkin-error')).toHaveText('没有找到该预约，请核对预约码');
    for (const size of [...SHOTS, ...SWEEP]) problems.push(...(await checkAt(page, 'kiosk-checkin-failed', size, KIOSK_CHECKIN, SHOTS.includes(size))));
    await page.getByTestId('kiosk-checkin-home').click();
    await context.close();
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
