/**
 * 智能引导 (issue 8) at the kiosk and the public catalog: 开餐馆 (or KCG) finds 开办餐饮店一件事
 * with its materials; 打印 yields the guide slip PDF (no desktop bridge in the browser); a few
 * questions reach a matter whose ticket is taken from the guide. /public/catalog#<code> opens that
 * guide and never shows the draft matter (SHSYJ-005). Layout of the guide at the kiosk's sizes
 * and of the public page at 360 px. Afterwards the hall is empty again.
 *
 * Needs ONETRIP_URL and ONETRIP_ADMIN_PASSWORD (user `admin`).
 */
import { expect, test, type Page } from '@playwright/test';
import { BASE, drainHall, login, prepareHall, releaseCounter, withApi, type Hall } from './hall';
import { type LayoutCheckOptions } from './layoutCheck';
import { checkAt, KIOSK, SHOTS, SWEEP } from './layoutShots';

const KIOSK_GUIDE: LayoutCheckOptions = {
  minFontPx: 20,
  touchSelector:
    '[data-testid^="kiosk-guide-key-"], [data-testid^="kiosk-guide-item-"], [data-testid^="kiosk-guide-choice-"], [data-testid^="kiosk-guide-candidate-"], [data-testid^="kiosk-guide-mode-"], [data-testid="kiosk-guide-print"], [data-testid="kiosk-guide-take"], [data-testid="kiosk-guide-close"], [data-testid="kiosk-guide-open"]',
  minTouchPx: 48,
};
const PUBLIC: LayoutCheckOptions = { minFontPx: 14, smallOk: ['[data-testid="language-switch"]'] };

async function openGuide(page: Page, hall: Hall) {
  await page.goto(`/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
  await expect(page.getByTestId('kiosk-category-A')).toBeVisible();
  await page.getByTestId('kiosk-guide-open').click();
  await expect(page.getByTestId('kiosk-guide')).toBeVisible();
}

async function emptyHall(hall: Hall) {
  await withApi(async (api) => {
    const token = await login(api, hall.clerk.username, hall.clerk.password);
    await releaseCounter(api, '1', token);
    await drainHall(api, '1', token);
  });
}

test('开餐馆 finds the restaurant bundle, its guide prints as a PDF', async ({ browser }) => {
  const hall = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE, viewport: SHOTS[4] });
  const page = await context.newPage();
  try {
    await openGuide(page, hall);
    await page.getByTestId('kiosk-guide-input').fill('开餐馆');
    const first = page.getByTestId('kiosk-guide-results').locator('[data-testid^="kiosk-guide-item-"]').first();
    await expect(first).toHaveAttribute('data-testid', 'kiosk-guide-item-YJS-001');
    await expect(first).toContainText('开办餐饮店一件事');
    const problems: string[] = [];
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'kiosk-guide-search', size, KIOSK_GUIDE, true)));
    await page.setViewportSize(SHOTS[4]!);
    await first.click();

    const detail = page.getByTestId('kiosk-guide-detail');
    await expect(detail).toContainText('开办餐饮店一件事');
    const materials = page.getByTestId('guide-materials-YJS-001');
    await expect(materials).toContainText('食品经营许可申请书');
    await expect(materials).toContainText('原件 1 份');
    expect(await materials.locator('li').count()).toBeGreaterThanOrEqual(5);
    for (const size of [...SHOTS, ...SWEEP]) problems.push(...(await checkAt(page, 'kiosk-guide-detail', size, KIOSK_GUIDE, SHOTS.includes(size))));
    await page.setViewportSize(SHOTS[4]!);

    // No desktop bridge in a browser: the slip is fetched as a PDF and opened (or framed).
    const slip = page.waitForResponse((r) => r.url().includes('/api/v1/guides/YJS-001/slip.pdf'));
    await page.getByTestId('kiosk-guide-print').click();
    const res = await slip;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    // The page consumed the body; the same URL fetched again is the PDF itself.
    const body = await (await page.request.get(res.url())).body();
    expect(body.subarray(0, 4).toString()).toBe('%PDF');
    expect(body.length).toBeGreaterThan(5_000);
    await expect(page.getByTestId('kiosk-guide-opened').or(page.getByTestId('kiosk-guide-printed'))).toBeVisible();

    // Pinyin initials of a keyword: KCG (开餐馆).
    await page.getByTestId('kiosk-guide-back-list').click();
    await page.getByTestId('kiosk-guide-input').fill('');
    for (const k of 'KCG') await page.getByTestId(`kiosk-guide-key-${k}`).click();
    await expect(page.getByTestId('kiosk-guide-input')).toHaveValue('KCG');
    await expect(page.getByTestId('kiosk-guide-results').locator('[data-testid^="kiosk-guide-item-"]').first()).toHaveAttribute(
      'data-testid',
      'kiosk-guide-item-YJS-001',
    );
    // The draft matter is nowhere to be found.
    await page.getByTestId('kiosk-guide-clear').click();
    await page.getByTestId('kiosk-guide-input').fill('高龄津贴');
    await expect(page.getByTestId('kiosk-guide-empty')).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a few questions lead to a matter whose ticket is taken from its guide', async ({ browser }) => {
  const hall = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE, viewport: SHOTS[1] });
  const page = await context.newPage();
  try {
    await openGuide(page, hall);
    const problems: string[] = [];
    await page.getByTestId('kiosk-guide-mode-questions').click();
    await page.getByTestId('kiosk-guide-choice-business').click();
    await page.getByTestId('kiosk-guide-choice-open').click();
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'kiosk-guide-questions', size, KIOSK_GUIDE, true)));
    await page.getByTestId('kiosk-guide-choice-restaurant').click();
    await expect(page.getByTestId('kiosk-guide-candidate-YJS-001')).toBeVisible();
    await page.getByTestId('kiosk-guide-back').click();
    await page.getByTestId('kiosk-guide-back').click();
    await page.getByTestId('kiosk-guide-back').click();

    await page.getByTestId('kiosk-guide-choice-person').click();
    await page.getByTestId('kiosk-guide-choice-idCard').click();
    await page.getByTestId('kiosk-guide-candidate-GAFJ-003').click();
    await expect(page.getByTestId('kiosk-guide-detail')).toContainText('居民身份证申领、换领、补领');
    await expect(page.getByTestId('guide-materials-GAFJ-003')).toBeVisible();
    expect(problems).toEqual([]);

    await page.getByTestId('kiosk-guide-take').click();
    await expect(page.getByTestId('kiosk-guide')).toBeHidden();
    await expect(page.getByTestId('kiosk-ticket-number')).toHaveText(/^D\d{3,}$/);
  } finally {
    await context.close();
    await emptyHall(hall);
  }
});

test('the kiosk home keeps its layout with the guide button', async ({ browser }) => {
  const hall = await prepareHall();
  const context = await browser.newContext({ baseURL: BASE, viewport: SHOTS[1] });
  const page = await context.newPage();
  try {
    await page.goto(`/kiosk#device_token=${encodeURIComponent(hall.kioskToken)}`);
    await expect(page.getByTestId('kiosk-guide-open')).toBeVisible();
    const problems: string[] = [];
    for (const size of SHOTS) problems.push(...(await checkAt(page, 'kiosk-home-guide', size, { ...KIOSK, touchSelector: `${KIOSK.touchSelector}, [data-testid="kiosk-guide-open"]` }, true)));
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('/public/catalog opens a guide at its anchor and hides the draft', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  try {
    await page.goto('/public/catalog#SCJGJ-002');
    const detail = page.getByTestId('guide-detail-SCJGJ-002');
    await expect(detail).toBeVisible();
    await expect(detail).toContainText('食品经营许可申请书');
    await expect(detail).toContainText('市场监管局');
    await expect(page.getByTestId('public-item-YJS-001')).toBeVisible();
    await expect(page.getByTestId('public-item-GWH-001')).toBeVisible();
    await expect(page.getByTestId('public-item-SHSYJ-005')).toHaveCount(0);
    await expect(page.getByTestId('public-catalog-json')).toHaveAttribute('href', '/api/v1/public/catalog');
    const problems = await checkAt(page, 'public-catalog', { width: 360, height: 740 }, PUBLIC, true);
    expect(problems).toEqual([]);

    await page.getByTestId('public-catalog-search').fill('开餐馆');
    await expect(page.locator('[data-testid^="public-item-"]').first()).toHaveAttribute('data-testid', 'public-item-YJS-001');

    // The decision tree's leaves exist in the published catalog.
    const catalog = (await (await page.request.get('/api/v1/public/catalog')).json()) as { matters: { code: string }[]; bundles: { code: string }[] };
    const codes = new Set([...catalog.matters, ...catalog.bundles].map((x) => x.code));
    const { leafCodes } = await import('../src/lib/guideQuestions');
    for (const code of leafCodes()) expect(codes.has(code), code).toBe(true);
    expect(codes.has('SHSYJ-005')).toBe(false);
  } finally {
    await context.close();
  }
});
