import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3917';
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo@2020js';
export const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

/** Debian's Chromium, headless, as root in CI: no sandbox, no GPU, no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh browser context (its own cookies) in Beijing time. bypassCSP lets axe-core be injected
 * into pages served with the app's strict Content-Security-Policy.
 */
export async function openPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    bypassCSP: true,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return { context, page };
}

/** antd puts a space between the two characters of a two-character Chinese button label. */
export const buttonName = (label: string): RegExp => new RegExp(`^\\s*${[...label].join('\\s*')}\\s*$`);

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
}

/**
 * Logs in and waits until the app has left the login page (the role's home, or the password change):
 * a page.goto right after login() could otherwise race the login's own navigation and be undone by it.
 */
export async function loggedIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await login(page, username, password);
  await page.waitForURL((u) => u.pathname !== '/login');
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.getByRole('heading', { name: '用户登录' }).waitFor();
}

/** Whether the page paints two frames within `ms` (requestAnimationFrame runs only when frames are produced). */
const paints = (page: Page, ms: number): Promise<boolean> =>
  page.evaluate(
    (timeout) =>
      new Promise<boolean>((resolve) => {
        setTimeout(() => resolve(false), timeout);
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
      }),
    ms,
  );

/**
 * Sets the viewport and waits until the page paints at the new size. Headless Chromium on a loaded
 * machine once stopped producing frames for a page after a viewport change, and every later click then
 * waited for a "stable" element (checked across frames) until it timed out: a second resize restarts
 * the frames. Throws, naming the cause, when the page still does not paint.
 */
export async function resizeViewport(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  if (await paints(page, 3_000)) return;
  console.warn(`[e2e] no frame painted 3 s after resizing to ${size.width}×${size.height}: resizing again`);
  await page.setViewportSize({ width: size.width, height: size.height + 1 });
  await page.setViewportSize(size);
  if (!(await paints(page, 5_000))) {
    throw new Error(`Chromium paints no frames after resizing to ${size.width}×${size.height}`);
  }
}

/** Waits for the page's h1. */
export const pageHeading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

/**
 * Saves e2e/artifacts/<name>.png once the page has stopped loading and animating. Overlays
 * (modals, drawers) are shot at viewport size, since their mask covers only the viewport.
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: opts.fullPage ?? true });
}

/**
 * How far the page and each table's scrolling box reach beyond what they show (0 when nothing hides to
 * the right): a list on a phone shows cards instead of scrolling sideways.
 */
export function sidewaysOverflow(page: Page): Promise<{ document: number; tables: number[] }> {
  return page.evaluate(() => ({
    document: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    tables: [...document.querySelectorAll('.ant-table-content, .ant-table-body')].map(
      (el) => el.scrollWidth - el.clientWidth,
    ),
  }));
}
