/**
 * 查重: a city reviewer opens the 查重 tab of an application whose 申报书 repeats another's (the demo
 * content), sees the figures, the source and the passages side by side, and the 复制比 column in the queue.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, openPage, screenshot } from './helpers/browser.js';
import { submittedApplication, type Submitted } from './review-support.js';

let browser: Browser;
let second: Submitted;

beforeAll(async () => {
  browser = await launchBrowser();
  await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: '南京查重甲集成电路专业化众创空间',
  });
  second = await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: '南京查重乙集成电路专业化众创空间',
  });
});
afterAll(async () => {
  await browser?.close();
});

it('shows the 查重 tab with figures, sources and passages', async () => {
  const { context, page } = await openPage(browser);
  try {
    await login(page, 'nj-reviewer');
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.goto(`/city/review/applications/${second.id}`);
    await page.getByRole('tab', { name: '查重' }).click();
    await page.getByText('总文字复制比').waitFor({ timeout: 20_000 });
    await page.getByText('相似片段对照').waitFor();
    expect(await page.getByText('南京查重甲集成电路专业化众创空间').count()).toBeGreaterThan(0);
    await screenshot(page, 'review-similarity-tab');
  } finally {
    await context.close();
  }
});
