/**
 * The province department: its landing page with the funnel by city, the distributions and the
 * ECharts chart (every number links to the filtered list), the review configuration, and cancelling
 * an application for dishonesty, which writes a credit record listed and exported on its page.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { launchBrowser, loggedIn, openPage, pageHeading, PHONE, screenshot } from './helpers/browser.js';
import { advance, ApiSession, submittedApplication, type Submitted } from './review-support.js';

let browser: Browser;
let cheat: Submitted;
let other: Submitted;
const CHEAT = '苏州失信测试纳米技术专业化众创空间';
const OTHER = '苏州看板测试生物医药专业化众创空间';

beforeAll(async () => {
  browser = await launchBrowser();
  cheat = await submittedApplication({ city: 'city-320500', reviewer: 'sz-reviewer', spaceName: CHEAT });
  other = await submittedApplication({
    city: 'city-320500',
    reviewer: 'sz-reviewer',
    spaceName: OTHER,
  });
  await advance([cheat.id, other.id], 'accepted', 'sz');
  // Two field visits, for the paged visit records.
  const dept = await ApiSession.login('js-dept');
  for (const visitedOn of ['2026-06-10', '2026-06-20'])
    await dept.post(`/api/applications/${other.id}/field-visits`, {
      visitedOn,
      visitors: '省科技厅高新处',
      findings: `${visitedOn} 现场核查：场地与申报一致。`,
    });
  await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: '南京看板测试新材料专业化众创空间',
  });
});
afterAll(async () => {
  await browser?.close();
});

async function asDept(part: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  const { context, page } = await openPage(browser, viewport);
  try {
    await loggedIn(page, 'js-dept');
    await part(page);
  } catch (err) {
    await screenshot(page, 'review-province-failed', { fullPage: false }).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

describe('province department', () => {
  it('the landing page shows the funnel by city, distributions and a chart; numbers link to the list', async () => {
    await asDept(async (page) => {
      await pageHeading(page, '省科技厅工作台').waitFor();
      await page.getByText('各设区市推荐进度', { exact: false }).waitFor();
      await page.getByTestId('chart').locator('svg').waitFor();
      await screenshot(page, 'review-province-home');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);

      // 苏州 row, 受理通过 column → the list of 苏州's accepted applications.
      const suzhou = page.locator('.funnel-table .ant-table-row').filter({ hasText: '苏州' });
      await suzhou.locator('td').nth(4).getByRole('link').click();
      await pageHeading(page, '省级评审').waitFor();
      expect(new URL(page.url()).searchParams.get('cityId')).toBe('city-320500');
      await page.getByRole('link', { name: CHEAT }).waitFor();
      await screenshot(page, 'review-province-filtered');
    });
  });

  it('cancels for dishonesty with a warning about the credit record; the record is listed and exportable', async () => {
    await asDept(async (page) => {
      await page.goto(`/province/applications/${cheat.id}`);
      await pageHeading(page, CHEAT).waitFor();
      await page.getByRole('button', { name: /取消资格/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('不良科技信用记录').first().waitFor();
      await dialog.getByLabel('意见').fill('经实地调研核实，申报的场地面积和入驻企业数严重失实。');
      await screenshot(page, 'review-province-cancel', { fullPage: false });
      await dialog.getByRole('button', { name: /取消资格/ }).click();
      await page.locator('.ant-tag').filter({ hasText: '已取消资格' }).first().waitFor();

      await page.goto('/province/credit');
      await pageHeading(page, '不良科技信用记录').waitFor();
      await page.locator('.ant-table-row').filter({ hasText: '苏州失信测试纳米技术科技服务有限公司' }).waitFor();
      const exported = page.waitForEvent('download');
      await page.getByRole('button', { name: /导出 CSV/ }).click();
      const csv = await exported;
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      expect(fs.readFileSync(await csv.path(), 'utf8')).toContain('苏州失信测试纳米技术科技服务有限公司');
      // Also as Excel (kept beside the screenshots to be opened and looked at).
      const excel = page.waitForEvent('download');
      await page.getByRole('button', { name: /导出 Excel/ }).click();
      const xlsx = await excel;
      expect(xlsx.suggestedFilename()).toMatch(/^不良科技信用记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
      await xlsx.saveAs('e2e/artifacts/credit-records.xlsx');
      await screenshot(page, 'review-province-credit');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
    });
  });

  it('the review configuration and the ranking pages', async () => {
    await asDept(async (page) => {
      await page.goto('/province/review-config');
      await pageHeading(page, '评审配置').waitFor();
      await page.getByText('权重合计 100 / 100').waitFor();
      await screenshot(page, 'review-province-config');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
      await page.goto('/province/ranking');
      await pageHeading(page, '评审排名').waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      const r = await seriousA11yViolations(page);
      expect(r, describeViolations(r)).toEqual([]);
      const excel = page.waitForEvent('download');
      await page.getByRole('button', { name: /导出 Excel/ }).click();
      const xlsx = await excel;
      expect(xlsx.suggestedFilename()).toMatch(/^评审排名-\d{4}-\d{2}-\d{2}\.xlsx$/);
      await xlsx.saveAs('e2e/artifacts/ranking.xlsx');
      // The list is paged on the server with its total; the export is still the whole ranking.
      const totalText = await page.locator('.ant-pagination-total-text').first().innerText();
      const total = Number(/共 (\d+) 条/.exec(totalText)?.[1]);
      expect(total).toBeGreaterThanOrEqual(1);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync('e2e/artifacts/ranking.xlsx') as unknown as ArrayBuffer);
      // A title row, a subtitle row, the header, then one row per ranked application.
      expect(wb.worksheets[0]!.actualRowCount - 3).toBe(total);
      // The ranking fits a 1280 px screen: the criteria share one column, nothing scrolls sideways.
      await page.getByRole('columnheader', { name: '各项平均分（满分）' }).waitFor();
      const content = page.locator('.ant-table-content').first();
      expect(await content.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
      await screenshot(page, 'review-province-ranking');

      // A search narrows the ranking on the server and stays in the URL (reload, share, back).
      const search = page.getByRole('searchbox', { name: '按名称、运营主体或申报编号查找' });
      await search.fill(OTHER);
      await search.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('q') === OTHER);
      await page.locator('.ant-pagination-total-text').filter({ hasText: '共 1 条' }).waitFor();
      await page.locator('.ant-table-row').filter({ hasText: OTHER }).waitFor();
      expect(await page.locator('.ant-table-row').count()).toBe(1);
      await page.reload();
      await page.locator('.ant-table-row').filter({ hasText: OTHER }).waitFor();

      // Its field visits page on the server too: the latest first, with the total; the order can be turned.
      await page.goto(`/province/applications/${other.id}`);
      await pageHeading(page, OTHER).waitFor();
      await page.getByRole('tab', { name: '实地调研' }).click();
      const visits = page.getByTestId('field-visits');
      await visits.getByText('共 2 条').waitFor();
      expect(await visits.locator('.ant-card-head-title').first().innerText()).toContain('2026-06-20');
      await visits.getByRole('combobox', { name: '排列顺序' }).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: '最早的调研在前' })
        .click();
      await page.waitForURL((u) => u.searchParams.get('order') === 'asc');
      await expect.poll(() => visits.locator('.ant-card-head-title').first().innerText()).toContain('2026-06-10');
      const fv = await seriousA11yViolations(page);
      expect(fv, describeViolations(fv)).toEqual([]);
    });
    await asDept(async (page) => {
      // Sorting by a column goes to the server too, and into the URL; on a phone as on a screen.
      await page.goto('/province/ranking');
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByRole('columnheader', { name: '设区市' }).click();
      await page.waitForURL((u) => u.searchParams.get('sort') === 'cityName');
      await page.locator('.ant-table-row').first().waitFor();
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
      await page.goto(`/province/applications/${other.id}`);
      await pageHeading(page, OTHER).waitFor();
      await page.getByRole('tab', { name: '实地调研' }).click();
      await page.getByTestId('field-visits').getByText('共 2 条').waitFor();
      const fv = await seriousA11yViolations(page);
      expect(fv, describeViolations(fv)).toEqual([]);
    }, PHONE);
  });

  it('the landing page and the queue on a phone', async () => {
    await asDept(async (page) => {
      await page.getByTestId('chart').locator('svg').waitFor();
      await screenshot(page, 'review-province-home-phone');
      await page.goto('/province/applications');
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'review-province-queue-phone');
    }, PHONE);
  });
});
