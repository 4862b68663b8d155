import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/domain/demo/demo-school.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(ROOT, 'tests', '.artifacts', 'screenshots');

interface Tap {
  teardown(fn: () => unknown): void;
}

/**
 * Headless Chromium from the system (Debian's package), closed when the test ends. A missing
 * browser is a failure with the fix in the message, never a silent skip.
 */
export async function launchBrowser(t: Tap): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Chromium. Run \`bash scripts/setup-debian.sh\` (as root) and try again.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    ],
  });
  t.teardown(() => browser.close());
  return browser;
}

export interface Viewport {
  width: number;
  height: number;
}

export const KIOSK: Viewport = { width: 1920, height: 1080 };
export const PHONE: Viewport = { width: 390, height: 844 };
export const LAPTOP: Viewport = { width: 1366, height: 900 };

/** A fresh context (own cookies and storage) and page, at the given size, in Vietnam's time zone. */
export async function newPage(browser: Browser, baseUrl: string, viewport: Viewport = LAPTOP, opts: { mobile?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    ...(opts.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  // Uncaught exceptions in the page are collected so a test can assert there were none.
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { context, page, pageErrors };
}

/**
 * Signs in through the real login form (Vietnamese labels) and waits until the app has left it.
 * `from`: a page to open first (a protected page redirects to /dang-nhap?next=…); by default the
 * login page itself. Tests that check the login form's own behaviour (errors, lockout) fill it by hand.
 */
export async function signIn(page: Page, login: string, opts: { password?: string; from?: string } = {}): Promise<void> {
  await page.goto(opts.from ?? '/dang-nhap');
  await page.waitForURL((u) => u.pathname.startsWith('/dang-nhap'));
  await page.getByLabel('Mã định danh').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(opts.password ?? DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
}

/** Saves a full-page screenshot to tests/.artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// In-page measurements. The test sources compile without the DOM library, so the browser's
// globals are reached through a typed view of globalThis.
interface BrowserGlobals {
  document: { documentElement: { scrollWidth: number } };
  getComputedStyle(el: unknown): { fontSize: string };
}

/** The page's full width; more than the viewport means the user can scroll sideways. */
export function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth);
}

/** The computed font size of the first element of a locator, in CSS pixels. */
export async function fontSizePx(locator: Locator): Promise<number> {
  return parseFloat(await locator.first().evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).fontSize));
}

/**
 * A link of the header's main navigation by its exact name, found even when it sits in a closed
 * group panel (hidden). Its `count()` is 0 only when the signed-in role has no such item at all.
 */
export function navLink(page: Page, name: string): Locator {
  return page.locator('ph-app-header nav').getByRole('link', { name, exact: true, includeHidden: true });
}

/**
 * Follows a link of the header's navigation as a user would: when the link is in a closed group
 * ("Dạy học ▾"), opens that group first, then clicks the link.
 */
export async function navTo(page: Page, name: string): Promise<void> {
  const link = navLink(page, name);
  await link.waitFor({ state: 'attached' });
  if (!(await link.isVisible())) {
    const inner = page.getByRole('link', { name, exact: true, includeHidden: true });
    await page.locator('ph-app-header nav li.group').filter({ has: inner }).getByRole('button').click();
  }
  await link.click();
}
