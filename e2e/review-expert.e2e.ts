/**
 * The expert: the landing page counts the tasks; a task of an application the expert is related to
 * is declined (回避) with a reason and leaves the to-do list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import {
  buttonName,
  launchBrowser,
  loggedIn,
  login,
  openPage,
  pageHeading,
  PHONE,
  screenshot,
} from './helpers/browser.js';
import { advance, ApiSession, submittedApplication } from './review-support.js';

let browser: Browser;
const SPACE = '苏州专家回避测试智能网联专业化众创空间';
const DUE_ON = '2099-12-31';

beforeAll(async () => {
  browser = await launchBrowser();
  const app = await submittedApplication({ city: 'city-320500', reviewer: 'sz-reviewer', spaceName: SPACE });
  await advance([app.id], 'accepted', 'sz');
  const dept = await ApiSession.login('js-dept');
  const experts = await dept.get<{ items: { id: string; displayName: string; eligible: boolean }[] }>(
    `/api/experts?applicationId=${app.id}`,
  );
  const expert1 = experts.items.find((e) => e.displayName === '王教授' && e.eligible);
  if (!expert1) throw new Error('王教授 (expert1, 南京) should be eligible for a 苏州 application');
  await dept.post('/api/expert-assignments', { applicationId: app.id, expertId: expert1.id, dueOn: DUE_ON });
});
afterAll(async () => {
  await browser?.close();
});

describe('expert', () => {
  it('sees the review deadline, declares no conflict before scoring, is refused 25 of 20, saves a draft', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'expert1');
      await pageHeading(page, '评审专家工作台').waitFor();
      await page.goto('/expert/assignments');
      await page.locator('.ant-table-row').filter({ hasText: SPACE }).getByText(DUE_ON).waitFor();
      // The tasks page on the server (issue 17): a search narrows it and stays in the URL, with the total.
      const search = page.getByRole('searchbox', { name: '按名称、运营主体或申报编号查找' });
      await search.fill(SPACE);
      await search.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('q') === SPACE);
      await page.locator('.ant-pagination-total-text').filter({ hasText: '共 1 条' }).waitFor();
      await page.getByRole('link', { name: SPACE }).click();
      await pageHeading(page, SPACE).waitFor();
      await page.getByTestId('due-on').getByText(`评审截止：${DUE_ON}`).waitFor();
      const form = page.getByTestId('score-form');
      expect(await form.getByRole('spinbutton').first().isDisabled()).toBe(true);
      const declaration = page.getByTestId('declaration');
      await declaration.getByRole('button', { name: /确认声明/ }).click();
      await declaration.getByText('请阅读并勾选无利害关系声明').waitFor();
      await screenshot(page, 'review-expert-declaration', { fullPage: false });
      await declaration.getByRole('checkbox').check();
      await declaration.getByRole('button', { name: /确认声明/ }).click();
      await page.getByTestId('declared').waitFor();
      const first = form.getByRole('spinbutton').first();
      await first.fill('25');
      await form.getByRole('button', { name: buttonName('暂存') }).click();
      await form.getByText('“专业化领域聚焦”的得分应在 0–20 分之间').waitFor();
      await first.fill('18');
      await form.getByLabel('评审意见').fill('初步意见：专业定位清晰。');
      await form.getByRole('button', { name: buttonName('暂存') }).click();
      await form.getByTestId('draft-saved-at').waitFor();
      await page.reload();
      await expect.poll(() => page.getByTestId('score-form').getByRole('spinbutton').first().inputValue()).toBe('18.0');
      await screenshot(page, 'review-expert-draft');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('declines a task with a reason', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'expert1');
      await pageHeading(page, '评审专家工作台').waitFor();
      await page.getByRole('link', { name: /待评分/ }).click();
      await pageHeading(page, '评审任务').waitFor();
      await screenshot(page, 'review-expert-tasks');
      // The pointer rests where the home page's tile was clicked: off the table, so no link shows its hover colour.
      await page.mouse.move(0, 0);
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
      await page.getByRole('link', { name: SPACE }).click();
      await pageHeading(page, SPACE).waitFor();
      await page.getByRole('button', { name: /申报回避/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/回避原因/).fill('本人曾担任该运营主体的技术顾问。');
      await dialog.getByRole('button', { name: /申报回避/ }).click();
      await page.getByText('您已申报回避，不再评审该申报').waitFor();
      expect(await page.getByRole('button', { name: /提交评分/ }).count()).toBe(0);
      await screenshot(page, 'review-expert-declined');
    } finally {
      await context.close();
    }
  });

  it('the task list on a phone', async () => {
    const { context, page } = await openPage(browser, PHONE);
    try {
      await loggedIn(page, 'expert1');
      await page.goto(`/expert/assignments?status=withdrawn&q=${encodeURIComponent(SPACE)}`);
      await page.getByRole('link', { name: SPACE }).waitFor();
      await page.locator('.ant-pagination-total-text').filter({ hasText: '共 1 条' }).waitFor();
      await screenshot(page, 'review-expert-tasks-phone');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
