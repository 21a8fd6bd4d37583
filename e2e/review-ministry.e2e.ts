/**
 * The Ministry: receives a province's list, files one application and rejects another with a
 * required reason; the public list then shows the filed space only.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { launchBrowser, loggedIn, openPage, pageHeading, PHONE, screenshot } from './helpers/browser.js';
import {
  advance,
  confirmPop,
  publishDecisions,
  receiveDispatchIn,
  submittedApplication,
  type Submitted,
} from './review-support.js';

let browser: Browser;
let good: Submitted;
let bad: Submitted;
/** The province's list holding good and bad (other journeys leave lists of their own). */
let listId: string;
const GOOD = '苏州备案测试光电子专业化众创空间';
const BAD = '苏州不予备案测试跨境电商专业化众创空间';

beforeAll(async () => {
  browser = await launchBrowser();
  good = await submittedApplication({ city: 'city-320500', reviewer: 'sz-reviewer', spaceName: GOOD });
  bad = await submittedApplication({ city: 'city-320500', reviewer: 'sz-reviewer', spaceName: BAD });
  listId = (await advance([good.id, bad.id], 'dispatched_to_ministry', 'sz')).provinceDispatchId!;
});
afterAll(async () => {
  await browser?.close();
});

async function asMost(part: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  const { context, page } = await openPage(browser, viewport);
  try {
    await loggedIn(page, 'most');
    await part(page);
  } catch (err) {
    await screenshot(page, 'review-ministry-failed', { fullPage: false }).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

describe('Ministry', () => {
  it('receives the province list, files one and rejects the other with a reason', async () => {
    await asMost(async (page) => {
      await pageHeading(page, '科技部工作台').waitFor();
      await page.getByText('待接收的各省报送').waitFor();
      await screenshot(page, 'review-ministry-home');
      await page.goto('/ministry/dispatches?status=sent');
      // This journey's list: the first row may be another journey's, or on a later page after the suite.
      await page.locator('.ant-table-row').first().waitFor();
      const link = page.locator(`a[href$="/${listId}"]`);
      if (await link.count()) await link.first().click();
      else await page.goto(`/dispatches/${listId}`);
      await page.getByRole('link', { name: GOOD }).waitFor();
      await receiveDispatchIn(page);
      await page.locator('.ant-tag').filter({ hasText: '已接收' }).first().waitFor();
      await screenshot(page, 'review-ministry-dispatch');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);

      await page.getByRole('link', { name: GOOD }).click();
      await pageHeading(page, GOOD).waitFor();
      await confirmPop(page, page.getByRole('button', { name: /予以备案/ }));
      await page.locator('.ant-tag').filter({ hasText: '已备案' }).first().waitFor();

      await page.goto(`/ministry/applications/${bad.id}`);
      await pageHeading(page, BAD).waitFor();
      await page.getByRole('button', { name: /不予备案/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /不予备案/ }).click();
      await dialog.getByText('请填写意见').waitFor();
      await dialog.getByLabel('不予备案的原因').fill('专业化服务能力不足，孵化成效不明显。');
      await dialog.getByRole('button', { name: /不予备案/ }).click();
      await page.locator('.ant-tag').filter({ hasText: '未予备案' }).first().waitFor();
      await page.getByRole('tab', { name: '办理记录' }).click();
      await page.getByText('专业化服务能力不足').waitFor();
      await screenshot(page, 'review-ministry-rejected');
    });
  });

  it('the queue filters by province; on a phone each row is a card; the public list shows the filed space and not the rejected one', async () => {
    await asMost(async (page) => {
      await page.goto('/ministry/applications?status=filed');
      await page.getByRole('link', { name: GOOD }).waitFor();
      // Each row names its province.
      await page.getByRole('columnheader', { name: '省份' }).waitFor();
      await page.locator('.ant-table-row').filter({ hasText: GOOD }).getByRole('cell', { name: /^江苏/ }).waitFor();
    });
    await asMost(async (page) => {
      await page.goto('/ministry/applications?status=filed');
      // On a phone (issue 17) the name was squeezed to a few characters: now one card per row, the
      // name in full on its own line, then status, number, unit, province and city.
      const card = page.locator('.ant-table-row').filter({ hasText: GOOD }).locator('.queue-card');
      await card.getByRole('link', { name: GOOD }).waitFor();
      await card.getByText(/江苏.*苏州/).waitFor();
      const link = await card.getByRole('link', { name: GOOD }).boundingBox();
      expect(link!.width).toBeGreaterThan(200);
      expect(await page.getByRole('columnheader', { name: '省份' }).count()).toBe(0);
      await screenshot(page, 'review-ministry-queue');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
    }, PHONE);
    // The publication preview pages on the server; its search and decision filter stay in the URL.
    for (const viewport of [undefined, PHONE])
      await asMost(async (page) => {
        await page.goto(`/ministry/publications?q=${encodeURIComponent(GOOD)}`);
        await pageHeading(page, '公布备案名单').waitFor();
        await page.locator('.ant-table-row').filter({ hasText: GOOD }).waitFor();
        await page.locator('.ant-pagination-total-text').filter({ hasText: '共 1 条' }).waitFor();
        const v = await seriousA11yViolations(page);
        expect(v, describeViolations(v)).toEqual([]);
      }, viewport);
    await asMost(async (page) => {
      await page.goto('/ministry/publications');
      await pageHeading(page, '公布备案名单').waitFor();
      await page.getByRole('combobox', { name: '决定' }).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: '不予备案' })
        .click();
      await page.waitForURL((u) => u.searchParams.get('decision') === 'not_filed');
      const search = page.getByRole('searchbox', { name: '按名称、运营主体或申报编号查找' });
      await search.fill(BAD);
      await search.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('q') === BAD);
      await page.locator('.ant-table-row').filter({ hasText: BAD }).waitFor();
      // BAD was on the unfiltered page too: wait for the filtered answer, which leaves GOOD out.
      await expect.poll(() => page.locator('.ant-table-row').filter({ hasText: GOOD }).count()).toBe(0);
      await page.locator('.ant-pagination-total-text').filter({ hasText: '共 1 条' }).waitFor();
      await screenshot(page, 'review-ministry-publication-preview');
    });
    // Filing and publication are different acts: the Ministry publishes the batch's list first.
    await publishDecisions();
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/public/filed');
      await page.getByText(GOOD).waitFor();
      expect(await page.getByText(BAD).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('exports the selected rows only (导出所选): the workbook opens and has one row per selected application', async () => {
    await asMost(async (page) => {
      await page.goto('/ministry/applications?status=filed,not_filed');
      await page.getByRole('link', { name: GOOD }).waitFor();
      await page.getByRole('checkbox', { name: `选择 ${GOOD}` }).check();
      await page.getByRole('checkbox', { name: `选择 ${BAD}` }).check();
      const bar = page.getByRole('region', { name: '批量办理' });
      await bar.getByText('已选 2 份').waitFor();
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await bar.getByRole('button', { name: /导出所选/ }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^申报汇总表-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(await file.path()) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const texts: string[] = [];
      ws.eachRow((row) => texts.push(JSON.stringify(row.values)));
      // The title, the header, and the two selected applications.
      expect(texts).toHaveLength(4);
      expect(texts.filter((r) => r.includes(GOOD))).toHaveLength(1);
      expect(texts.filter((r) => r.includes(BAD))).toHaveLength(1);
      await screenshot(page, 'review-ministry-export-selected', { fullPage: false });
    });
  });

  it('the home shows progress by province; a number opens the queue filtered by province and status', async () => {
    await asMost(async (page) => {
      await pageHeading(page, '科技部工作台').waitFor();
      const table = page.locator('.ministry-progress');
      const jiangsu = table.locator('.ant-table-row').filter({ hasText: '江苏省' });
      await jiangsu.waitFor();
      // Columns: province, lists to receive, lists received, at the Ministry, pending, filed, not filed, published.
      await table.getByRole('columnheader', { name: '予以备案' }).waitFor();
      const filed = jiangsu.locator('td').nth(5).getByRole('link');
      expect(Number(await filed.innerText())).toBeGreaterThanOrEqual(1);
      await screenshot(page, 'review-ministry-progress');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
      await filed.click();
      await page.waitForURL((u) => u.pathname === '/ministry/applications');
      const url = new URL(page.url());
      expect(url.searchParams.get('provinceId')).toBe('prov-320000');
      expect(url.searchParams.get('status')).toBe('filed');
      await page.getByRole('link', { name: GOOD }).waitFor();
      expect(await page.getByRole('link', { name: BAD }).count()).toBe(0);
    });
    await asMost(async (page) => {
      // 已公布 opens the queue filtered to the published decisions (it opened the publication page).
      await pageHeading(page, '科技部工作台').waitFor();
      const jiangsu = page.locator('.ministry-progress .ant-table-row').filter({ hasText: '江苏省' });
      await jiangsu.waitFor();
      const published = jiangsu.locator('td').nth(7).getByRole('link');
      expect(Number(await published.innerText())).toBeGreaterThanOrEqual(2);
      await published.click();
      await page.waitForURL((u) => u.pathname === '/ministry/applications');
      const url = new URL(page.url());
      expect(url.searchParams.get('published')).toBe('true');
      expect(url.searchParams.get('provinceId')).toBe('prov-320000');
      await page.locator('.ant-tag').filter({ hasText: '已公布' }).waitFor();
      // Both decisions were published (publishDecisions above): the filed and the not filed one.
      await page.getByRole('link', { name: GOOD }).waitFor();
      await page.getByRole('link', { name: BAD }).waitFor();
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
    });
    await asMost(async (page) => {
      await pageHeading(page, '科技部工作台').waitFor();
      await page.locator('.ministry-progress .ant-table-row').filter({ hasText: '江苏省' }).waitFor();
      await screenshot(page, 'review-ministry-progress-phone');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
    }, PHONE);
  });
});
