/**
 * Issue 17: the acceptance centre receives several incoming city dispatches at once (批量接收登记)
 * with one 接收登记, and sees per dispatch whether it was received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { launchBrowser, loggedIn, openPage, pageHeading, screenshot } from './helpers/browser.js';
import { advance, submittedApplication } from './review-support.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  // Two separate lists from 南京, each sent by the city's approver.
  for (const name of ['南京批量接收测试一专业化众创空间', '南京批量接收测试二专业化众创空间']) {
    const a = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: name });
    await advance([a.id], 'dispatched_to_province', 'nj');
  }
});
afterAll(async () => {
  await browser?.close();
});

describe('acceptance centre: bulk receive', () => {
  it('selects two sent dispatches, registers one 接收登记 for both, and sees the result per dispatch', async () => {
    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, 'js-center');
      await page.goto('/acceptance/dispatches?status=sent');
      await pageHeading(page, '来件接收').waitFor();
      const bar = page.getByRole('region', { name: '批量接收' });
      await bar.waitFor();
      const rows = page.locator('.ant-table-row');
      await rows.first().waitFor();
      const before = await rows.count();
      expect(before).toBeGreaterThanOrEqual(2);
      // The newest two are this journey's.
      await rows.nth(0).getByRole('checkbox').check();
      await rows.nth(1).getByRole('checkbox').check();
      await bar.getByText('已选 2 个报送批').waitFor();
      await bar.getByRole('button', { name: /批量接收登记/ }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '送达方式' });
      await dialog.getByText('批量接收登记：2 个报送批').waitFor();
      await dialog.getByText('邮寄', { exact: true }).click();
      await screenshot(page, 'review-bulk-receive-form', { fullPage: false });
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
      await dialog.getByRole('button', { name: /登\s*记\s*接\s*收/ }).click();
      const result = page.getByRole('dialog').filter({ hasText: '批量接收结果' });
      await result.getByText('批量接收结果：已接收 2 个，未接收 0 个').waitFor();
      expect(await result.locator('.ant-tag').filter({ hasText: '已接收' }).count()).toBe(2);
      await screenshot(page, 'review-bulk-receive-result', { fullPage: false });
      await result.locator('.ant-modal-footer button').click();
      // Both left the list of those waiting.
      await expect.poll(() => rows.count()).toBe(before - 2);
    } finally {
      await context.close();
    }
  });
});
