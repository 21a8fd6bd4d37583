/**
 * Files the server produces: a download that takes longer than a second shows its progress (the
 * network is throttled here so that it does), can be cancelled from the keyboard, and ends with the
 * file under the server's name and a button to save it again; a quick one just saves; an error shows
 * the server's message. The 汇总表 from the queue, the dispatch package at 375 px.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { listZip } from '../test/helpers/documents.js';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { buttonName, launchBrowser, loggedIn, openPage, PHONE, screenshot } from './helpers/browser.js';
import { acknowledgeByApi, ApiSession, submittedApplication } from './review-support.js';

let browser: Browser;
let dispatchId = '';
const names = ['南京下载甲智能制造专业化众创空间', '南京下载乙生命健康专业化众创空间'];

beforeAll(async () => {
  browser = await launchBrowser();
  const ids: string[] = [];
  for (const spaceName of names) {
    ids.push((await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName })).id);
  }
  const reviewer = await ApiSession.login('nj-reviewer');
  const first = await reviewer.get<{ batchId: string }>(`/api/applications/${ids[0]}`);
  await acknowledgeByApi(reviewer, first.batchId);
  for (const id of ids) await reviewer.post(`/api/applications/${id}/actions/recommend`, {});
  const created = await reviewer.post<{ dispatch: { id: string } }>('/api/dispatches', {
    applicationIds: ids,
    letter: '下载测试推荐函',
  });
  dispatchId = created.dispatch.id;
});
afterAll(async () => {
  await browser?.close();
});

/** Slows the page's network down (bytes per second) so that producing and sending a file takes seconds. */
async function throttle(page: Page, bytesPerSecond: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: -1,
  });
  return async () => {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  };
}

/** axe's serious findings inside the dialog (the page behind it has its own journeys). */
const dialogA11yViolations = (page: Page) => seriousA11yViolations(page, '.download-modal');

const dialog = (page: Page) => page.getByTestId('download-dialog');
const dialogText = (page: Page) => page.getByRole('dialog').innerText();
const focused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
/** The 下载 menu button (its icon adds a name of its own before the label). */
const menuButtonOf = (page: Page) => page.getByRole('button', { name: /下\s*载$/ });

async function bytesOf(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

describe('downloads of produced files', () => {
  it('the 汇总表: progress while it comes, then the file under its name, and again on request', async () => {
    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, 'nj-reviewer');
      await page.goto('/city/review/applications');
      const exportButton = page.getByRole('button', { name: /导出汇总表/ });
      await exportButton.waitFor();
      await page.waitForLoadState('networkidle');
      const unthrottle = await throttle(page, 3 * 1024);

      const first = page.waitForEvent('download', { timeout: 60_000 });
      await exportButton.click();
      await dialog(page).and(page.locator('[data-phase="running"]')).waitFor();
      expect(await dialogText(page)).toContain('正在生成文件…');
      expect(await dialogText(page)).toContain('正在生成：申报汇总表（Excel）');
      // No length is known for the 汇总表: a running bar, the bytes received and the time.
      await expect
        .poll(() => page.getByTestId('download-amount').innerText(), { timeout: 20_000 })
        .toMatch(/已接收 \d/);
      expect(await page.getByRole('progressbar', { name: '文件生成进度' }).isVisible()).toBe(true);
      expect(await dialogText(page)).toMatch(/已用时 \d+ 秒/);
      await screenshot(page, 'download-progress-xlsx', { fullPage: false });

      const download = await first;
      expect(download.suggestedFilename()).toMatch(/^申报汇总表-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const xlsx = await bytesOf(download);
      expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(listZip(xlsx).map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
      fs.writeFileSync('e2e/artifacts/summary.xlsx', xlsx);
      await unthrottle();

      // Done: the name and size, and the file again on request (focus is on that button).
      await dialog(page).and(page.locator('[data-phase="done"]')).waitFor();
      expect(await dialogText(page)).toContain(download.suggestedFilename());
      await expect.poll(() => focused(page.getByRole('button', { name: /保存文件/ }))).toBe(true);
      await screenshot(page, 'download-done-xlsx', { fullPage: false });
      const v = await dialogA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
      const again = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      expect((await again).suggestedFilename()).toBe(download.suggestedFilename());
      await page
        .locator('.ant-modal-footer')
        .getByRole('button', { name: buttonName('关闭') })
        .click();
      await expect.poll(() => dialog(page).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('the dispatch package at 375 px: percent against the estimate, cancel by keyboard, then the ZIP', async () => {
    const { context, page } = await openPage(browser, PHONE);
    try {
      await loggedIn(page, 'nj-reviewer');
      await page.goto(`/city/review/dispatches/${dispatchId}`);
      const menuButton = menuButtonOf(page);
      await menuButton.waitFor();
      await page.waitForLoadState('networkidle');

      // A quick file (the 推荐函) just saves: no dialog.
      const letter = page.waitForEvent('download');
      await menuButton.click();
      await page.getByRole('menuitem', { name: '推荐函 PDF' }).click();
      expect((await letter).suggestedFilename()).toMatch(/^南京市科学技术局-推荐函-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(await dialog(page).count()).toBe(0);

      const unthrottle = await throttle(page, 40 * 1024);
      let saved = false;
      page.on('download', () => (saved = true));
      await menuButton.click();
      await page.getByRole('menuitem', { name: '报送材料包 ZIP' }).click();
      await dialog(page).and(page.locator('[data-phase="running"]')).waitFor();
      // The server's estimate of the package gives a percent.
      const bar = page.getByRole('progressbar', { name: '文件生成进度' });
      await expect
        .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 })
        .toBeGreaterThan(0);
      expect(await page.getByTestId('download-amount').innerText()).toContain('预计共约');
      await screenshot(page, 'download-progress-zip-phone', { fullPage: false });
      // 取消 has the focus: Enter cancels, the dialog goes, nothing is saved.
      await expect.poll(() => focused(page.getByRole('button', { name: buttonName('取消') }))).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => dialog(page).count()).toBe(0);
      await page.waitForTimeout(500);
      expect(saved).toBe(false);

      const zipped = page.waitForEvent('download', { timeout: 60_000 });
      await menuButton.click();
      await page.getByRole('menuitem', { name: '报送材料包 ZIP' }).click();
      const download = await zipped;
      await unthrottle();
      expect(download.suggestedFilename()).toMatch(/^南京市科学技术局-报送材料-\d{4}-\d{2}-\d{2}\.zip$/);
      const entries = listZip(await bytesOf(download)).map((e) => e.name);
      expect(entries.slice(0, 3)).toEqual(['推荐函.pdf', '信用承诺书.pdf', '汇总表.xlsx']);
      for (const name of names) expect(entries.some((e) => e.includes(`-${name}/申报材料（`))).toBe(true);
      await dialog(page).and(page.locator('[data-phase="done"]')).waitFor();
      await screenshot(page, 'download-done-zip-phone', { fullPage: false });
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog(page).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a refused file shows the server’s message, in Chinese, with 重试', async () => {
    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, 'nj-reviewer');
      await page.goto(`/city/review/dispatches/${dispatchId}`);
      const message = '材料包无法生成：以下上传文件在存储中缺失，请联系系统管理员：测试文件.pdf';
      await page.route('**/package.zip', (route) =>
        route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'conflict', message } }),
        }),
      );
      await menuButtonOf(page).click();
      await page.getByRole('menuitem', { name: '报送材料包 ZIP' }).click();
      await dialog(page).and(page.locator('[data-phase="failed"]')).waitFor();
      expect(await dialogText(page)).toContain('下载失败');
      expect(await dialog(page).getByRole('alert').innerText()).toContain(message);
      await expect.poll(() => focused(page.getByRole('button', { name: buttonName('重试') }))).toBe(true);
      await screenshot(page, 'download-failed', { fullPage: false });
    } finally {
      await context.close();
    }
  });
});
