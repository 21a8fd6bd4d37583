import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { buttonName, launchBrowser, login, openPage, pageHeading, PHONE, screenshot } from './helpers/browser.js';
import { acknowledgeIntegrityIfAsked, confirmPop, submittedApplication } from './review-support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('city reviewer', () => {
  it('reviews in the queue, returns one with a required comment and recommends another', async () => {
    const toReturn = await submittedApplication({
      city: 'city-320100',
      reviewer: 'nj-reviewer',
      spaceName: '南京退回测试生物医药专业化众创空间',
    });
    const toRecommend = await submittedApplication({
      city: 'city-320100',
      reviewer: 'nj-reviewer',
      spaceName: '南京推荐测试新材料专业化众创空间',
    });
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'nj-reviewer');
      await pageHeading(page, '市科技局经办工作台').waitFor();
      await page.goto('/city/review/applications');
      await pageHeading(page, '申报审核').waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'review-city-queue');
      const violations = await seriousA11yViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);

      await page.getByRole('link', { name: '南京退回测试生物医药专业化众创空间' }).click();
      await pageHeading(page, '南京退回测试生物医药专业化众创空间').waitFor();
      await acknowledgeIntegrityIfAsked(page);
      await page.getByText('参考指标').first().waitFor();
      await screenshot(page, 'review-city-detail');
      const onDetail = await seriousA11yViolations(page);
      expect(onDetail, describeViolations(onDetail)).toEqual([]);

      await page.getByRole('button', { name: buttonName('退回修改') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: buttonName('退回修改') }).click();
      await dialog.getByText('请填写意见').waitFor();
      await dialog.getByLabel('意见').fill('请补充场地租赁合同和成功案例的佐证材料。');
      await screenshot(page, 'review-city-return', { fullPage: false });
      await dialog.getByRole('button', { name: buttonName('退回修改') }).click();
      await page.locator('.ant-tag').filter({ hasText: '退回修改' }).first().waitFor();
      expect(toReturn.id).toBeTruthy();

      await page.goto(`/city/review/applications/${toRecommend.id}`);
      await pageHeading(page, '南京推荐测试新材料专业化众创空间').waitFor();
      await confirmPop(page, page.getByRole('button', { name: buttonName('推荐') }));
      await page.locator('.ant-tag').filter({ hasText: '市局已推荐' }).first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('is usable on a phone', async () => {
    const { context, page } = await openPage(browser, PHONE);
    try {
      await login(page, 'nj-reviewer');
      await page.goto('/city/review/applications?status=recommended');
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'review-city-queue-phone');
      await page.locator('.ant-table-row a').first().click();
      await page.getByText('参考指标').first().waitFor();
      await screenshot(page, 'review-city-detail-phone');
    } finally {
      await context.close();
    }
  });
});
