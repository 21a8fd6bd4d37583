/**
 * Issue 14 items 6–7 in the browser: after a return and a resubmission the city reviewer sees what
 * changed side by side and confirms last round's ticks again before recommending with an opinion;
 * the acceptance centre registers how the package arrived and works through its own 形式审查.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { examplePledge } from '../src/domain/example-content.js';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { buttonName, launchBrowser, loggedIn, openPage, pageHeading, screenshot } from './helpers/browser.js';
import { acknowledgeByApi, ApiSession, receiveDispatchIn, submittedApplication } from './review-support.js';

const NAME = '南京修改对比测试智能制造专业化众创空间';
let browser: Browser;
let appId = '';

interface Detail {
  id: string;
  version: number;
  batchId: string;
  content: { basicInfo: Record<string, unknown>; narrative: Record<string, unknown> };
}

beforeAll(async () => {
  browser = await launchBrowser();
  const s = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: NAME });
  appId = s.id;
  const reviewer = await ApiSession.login('nj-reviewer');
  const first = await reviewer.get<Detail>(`/api/applications/${appId}`);
  await acknowledgeByApi(reviewer, first.batchId);
  await reviewer.request('PUT', `/api/applications/${appId}/review-checklist`, {
    version: 0,
    items: [
      { key: 'materials_true', checked: true },
      { key: 'name_format', checked: true, note: '名称规范' },
    ],
  });
  await reviewer.post(`/api/applications/${appId}/actions/return`, { comment: '请补充发展目标的量化指标。' });
  const mine = await s.applicant.get<Detail>(`/api/applications/${appId}`);
  const narrative = {
    ...mine.content.narrative,
    goalsAndTasks: '<p>未来三年服务 120 家智能制造企业，新增孵化基金 5000 万元。</p>',
  };
  await s.applicant.patch(`/api/applications/${appId}`, { version: mine.version, ...mine.content, narrative });
  await s.applicant.post(`/api/applications/${appId}/actions/submit`, { pledge: examplePledge });
});
afterAll(async () => {
  await browser?.close();
});

describe('issue 14: opinions, 形式审查, 接收登记, what a resubmission changed', () => {
  it('nj-reviewer sees the changes side by side, confirms 上一轮 again and recommends with an opinion', async () => {
    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, 'nj-reviewer');
      await page.goto(`/city/review/applications/${appId}`);
      await pageHeading(page, NAME).waitFor();
      await page.getByRole('tab', { name: '修改对比' }).click();
      const changes = page.getByTestId('changes-view');
      await changes.getByText(/修改的申报书章节/).waitFor();
      await changes.locator('ins.changes-added').first().waitFor();
      expect(await changes.locator('ins.changes-added').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('120')]),
      );
      await changes.getByText(/请补充发展目标的量化指标/).waitFor();
      await screenshot(page, 'opinions-changes');
      const axe = await seriousA11yViolations(page);
      expect(axe, describeViolations(axe)).toEqual([]);

      const checklist = page.getByTestId('review-checklist');
      await checklist.getByText(/上一轮勾选的 2 项审查要点须逐项重新确认/).waitFor();
      expect(await checklist.getByText('上一轮已勾选').count()).toBe(2);
      expect(await page.getByRole('button', { name: buttonName('推荐') }).count()).toBe(0);
      await screenshot(page, 'opinions-previous-round');
      await checklist.getByRole('checkbox', { name: '申报材料真实、准确、完整' }).check();
      await checklist.getByRole('checkbox', { name: /名称符合/ }).check();
      await checklist.getByRole('button', { name: /保存审查记录/ }).click();
      await page.getByRole('button', { name: buttonName('推荐') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('审核意见（可选）').fill('修改到位，同意推荐。');
      await screenshot(page, 'opinions-recommend-opinion', { fullPage: false });
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.locator('.ant-tag').filter({ hasText: '市局已推荐' }).first().waitFor();
      await page
        .getByRole('tab', { name: /审核记录|办理记录|历史/ })
        .first()
        .click();
      await page.getByText('修改到位，同意推荐。').first().waitFor();
      await screenshot(page, 'opinions-history');
    } finally {
      await context.close();
    }
  });

  it('js-center registers how the package arrived and sees its own 形式审查 checklist', async () => {
    const reviewer = await ApiSession.login('nj-reviewer');
    const created = await reviewer.post<{ dispatch: { id: string } }>('/api/dispatches', {
      applicationIds: [appId],
      letter: '测试推荐函',
    });
    const approver = await ApiSession.login('nj-approver');
    await approver.post(`/api/dispatches/${created.dispatch.id}/actions/send`, {
      pledge: { signerName: '周审核', agreed: true },
      opinion: '经审核，同意报送省科技厅。',
    });
    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, 'js-center');
      await page.goto('/acceptance/dispatches');
      await pageHeading(page, '来件接收').waitFor();
      await page.locator('.ant-table-row').filter({ hasText: '南京市科学技术局' }).first().waitFor();
      await page.goto(`/acceptance/dispatches/${created.dispatch.id}`);
      await page.getByTestId('letter').waitFor({ timeout: 30_000 });
      await receiveDispatchIn(page, '邮寄');
      await page.getByText(/邮寄；电子版 1 份，纸质 2 份；附推荐函；附承诺书/).waitFor();
      await page.getByText('按时送达').first().waitFor();
      await page.getByText('经审核，同意报送省科技厅。').waitFor();
      await screenshot(page, 'opinions-arrival');
      await page.goto('/acceptance/dispatches');
      await page.locator('.ant-table-row').filter({ hasText: '邮寄' }).first().waitFor();

      await page.goto(`/acceptance/applications/${appId}`);
      await pageHeading(page, NAME).waitFor();
      const formal = page.getByTestId('acceptance-checklist');
      await formal.getByText('形式审查要点').waitFor();
      await formal.getByRole('checkbox', { name: /推荐函已加盖公章/ }).check();
      await formal.getByRole('button', { name: /保存审查记录/ }).click();
      await page.getByText('审查记录已保存').waitFor();
      await page
        .getByRole('button', { name: /下\s*载/ })
        .first()
        .click();
      await page.getByRole('menuitem', { name: '审核意见表（市科技局）' }).waitFor();
      await screenshot(page, 'opinions-acceptance');
      const axe = await seriousA11yViolations(page);
      expect(axe, describeViolations(axe)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
