/**
 * Issue 14 in the browser: the province approver (分管领导) sends the province's list back with a
 * reason and its builder sees why; the applicant prints the pages to sign and stamp (下载打印) beside
 * their required slots, and confirms a pledge signed by someone other than the 法人代表.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { login, launchBrowser, openPage, pageHeading, screenshot } from './helpers/browser.js';
import { draftApplication, stepButton } from './applicant-support.js';
import { advance, ApiSession, submittedApplication } from './review-support.js';

let browser: Browser;
let dispatchId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const { id } = await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: '南京退回测试智能传感专业化众创空间',
  });
  await advance([id], 'province_recommended');
  const dept = await ApiSession.login('js-dept');
  const d = await dept.post<{ dispatch: { id: string } }>('/api/dispatches', { applicationIds: [id] });
  dispatchId = d.dispatch.id;
});
afterAll(async () => {
  await browser?.close();
});

describe('issue 14: the officials’ process', () => {
  it('js-leader sends the province’s list back with a reason; js-dept sees it', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'js-leader');
      await pageHeading(page, '省科技厅分管领导工作台').waitFor();
      await page.goto(`/province-leader/dispatches/${dispatchId}`);
      await page.getByTestId('letter').waitFor();
      await page.getByRole('button', { name: /退回经办人/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /退回经办人/ }).click();
      await dialog.getByText('请填写退回理由').waitFor();
      await dialog.getByLabel('退回理由').fill('请按专家评审排名调整排序。');
      await dialog.getByRole('button', { name: /退回经办人/ }).click();
      await page.locator('.ant-tag').filter({ hasText: '已退回经办人' }).first().waitFor();
      expect(await page.getByRole('button', { name: /报送科技部/ }).count()).toBe(0);
      await screenshot(page, 'process-leader-returned');
    } finally {
      await context.close();
    }
    const dept = await openPage(browser);
    try {
      await login(dept.page, 'js-dept');
      // login() only clicks 登录: opening the dispatch before the session exists raced the login request
      // (under load the page loaded first, found no session and stayed on the login page). The workbench
      // is what a finished login shows.
      await pageHeading(dept.page, '省科技厅工作台').waitFor();
      await dept.page.goto(`/province/dispatches/${dispatchId}`);
      await dept.page
        .getByTestId('returned')
        .getByText(/请按专家评审排名调整排序/)
        .waitFor();
      await dept.page.getByRole('button', { name: /修改/ }).first().waitFor();
      await screenshot(dept.page, 'process-builder-returned');
    } finally {
      await dept.context.close();
    }
  });

  it('the applicant downloads the pages to print beside the required slots and confirms another signer', async () => {
    const draft = await draftApplication();
    const { context, page } = await openPage(browser);
    try {
      await login(page, draft.username, draft.password);
      await pageHeading(page, '申报单位工作台').waitFor();
      await page.goto(`/applicant/applications/${draft.id}`);
      await stepButton(page, '附件').click();
      const buttons = page.getByRole('button', { name: /下载打印/ });
      await expect.poll(() => buttons.count()).toBe(2);
      const saved = page.waitForEvent('download', { timeout: 60_000 });
      await buttons.first().click();
      expect((await saved).suggestedFilename()).toMatch(/基础信息表（附件2）-打印\.pdf$/);
      await screenshot(page, 'process-print-buttons');

      // A fresh load, past the download dialog.
      await page.goto(`/applicant/applications/${draft.id}`);
      await stepButton(page, '信用承诺与提交').click();
      await page.getByLabel('签字人姓名（运营主体法人）').fill('李授权');
      await page
        .getByText(/与基础信息表中的法人代表“王建国”不一致/)
        .first()
        .waitFor();
      await page.getByLabel(/签字人不是法人代表/).check();
      await screenshot(page, 'process-signer-warning');
    } finally {
      await context.close();
    }
  });
});
