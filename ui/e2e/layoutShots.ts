/**
 * What the layout specs share: the window sizes checked (and photographed into
 * test-results/layout/), the large-type rules of the kiosk, and checking a page at a size or at
 * all of them, in Chinese and English.
 */
import path from 'node:path';
import { test, type Browser, type Page } from '@playwright/test';
import { BASE } from './hall';
import { findLayoutProblems, type LayoutCheckOptions } from './layoutCheck';

export interface Size {
  width: number;
  height: number;
}
/** Checked and photographed. */
export const SHOTS: Size[] = [
  { width: 400, height: 600 },
  { width: 430, height: 1000 },
  { width: 580, height: 1000 },
  { width: 1024, height: 600 },
  { width: 1920, height: 1080 },
];
/** Checked only: a sweep through the widths in between, around the breakpoints, and short windows. */
export const SWEEP: Size[] = [
  ...[460, 520, 640, 699, 700, 701, 760, 820, 900, 1100, 1280, 1440, 1600].map((width) => ({ width, height: 1000 })),
  ...[480, 800, 1366, 1920].map((width) => ({ width, height: 600 })),
  { width: 1280, height: 720 },
  { width: 1080, height: 1080 },
];
/** English is longer: photographed at the narrow and the wide end too. */
export const EN_SHOTS: Size[] = [SHOTS[1], SHOTS[4]];

export const KIOSK: LayoutCheckOptions = {
  minFontPx: 20,
  touchSelector: '[data-testid^="kiosk-category-"], [data-testid^="language-"], [data-testid="kiosk-ticket-done"], [data-testid="kiosk-checkin-open"]',
  minTouchPx: 48,
};
/** The search and keypad overlays scroll when the window is short; their keys are touch targets. */
export const KIOSK_OVERLAY: LayoutCheckOptions = {
  minFontPx: 20,
  touchSelector: '[data-testid^="kiosk-search-key-"], [data-testid^="kiosk-id-key-"], [data-testid^="kiosk-matter-"], [data-testid="kiosk-search-close"], [data-testid="kiosk-id-ok"]',
  minTouchPx: 48,
};

export const shotDir = () => path.join(test.info().project.outputDir, 'layout');

export async function checkAt(page: Page, screen: string, size: Size, opts: LayoutCheckOptions, shot: boolean, lang = 'zh') {
  await page.setViewportSize(size);
  // Let layout, fonts and the clock settle after the resize.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const label = `${screen}-${size.width}x${size.height}${lang === 'zh' ? '' : `-${lang}`}`;
  if (shot) await page.screenshot({ path: path.join(shotDir(), `${label}.png`) });
  const problems = await page.evaluate(findLayoutProblems, opts);
  return problems.map((p) => `${label}: ${p}`);
}

export async function checkAll(page: Page, screen: string, opts: LayoutCheckOptions): Promise<string[]> {
  const problems: string[] = [];
  for (const size of SHOTS) problems.push(...(await checkAt(page, screen, size, opts, true)));
  for (const size of SWEEP) problems.push(...(await checkAt(page, screen, size, opts, false)));
  await page.getByTestId('language-en').first().click();
  for (const size of EN_SHOTS) problems.push(...(await checkAt(page, screen, size, opts, true, 'en')));
  for (const size of [...SHOTS, ...SWEEP]) problems.push(...(await checkAt(page, screen, size, opts, false, 'en')));
  await page.getByTestId('language-zh-CN').first().click();
  return problems;
}

export async function openPage(browser: Browser, url: string) {
  const context = await browser.newContext({ baseURL: BASE, viewport: SHOTS[1] });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}
