/**
 * The city reviewer: the work queue and search, the read view with advisory indicators flagged
 * (advice, never a block), return with a required comment and recommend; the applicant then finds
 * the notification under the bell; unit registrations approved or refused; a declared conflict of
 * interest takes the actions away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import {
  buttonName,
  DESKTOP,
  launchBrowser,
  loggedIn,
  openPage,
  pageHeading,
  PHONE,
  resizeViewport,
  screenshot,
} from './helpers/browser.js';
import {
  acknowledgeByApi,
  acknowledgeIntegrityIfAsked,
  ApiSession,
  confirmPop,
  makeUscc,
  nextSeed,
  registerUnit,
  submittedApplication,
  type Submitted,
} from './review-support.js';

let browser: Browser;
let small: Submitted;
let fine: Submitted;
let related: Submitted;
const SMALL = '南京退回测试生物医药专业化众创空间';
const FINE = '南京推荐测试新材料专业化众创空间';
const RELATED = '南京回避测试区块链专业化众创空间';
const BULK = ['南京批量推荐甲专业化众创空间', '南京批量推荐乙专业化众创空间'];

beforeAll(async () => {
  browser = await launchBrowser();
  // Figures below the national thresholds (and some below Jiangsu's): flagged as advice only.
  small = await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: SMALL,
    tweak: (c) => {
      const d = new Date(Date.now() - 14 * 31 * 24 * 3600_000).toISOString().slice(0, 10);
      c.basicInfo.establishedOn = d;
      c.basicInfo.selfControlledArea = 350;
      c.basicInfo.publicServiceArea = 120;
      c.basicInfo.mentorCount = 2;
      c.basicInfo.eventCount = 6;
    },
  });
  fine = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: FINE });
  related = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: RELATED });
  for (const spaceName of BULK) await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName });
});
afterAll(async () => {
  await browser?.close();
});

async function asReviewer(part: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  const { context, page } = await openPage(browser, viewport);
  try {
    await loggedIn(page, 'nj-reviewer');
    await part(page);
  } catch (err) {
    await screenshot(page, 'review-city-failed', { fullPage: false }).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

describe('city reviewer', () => {
  it('works through the queue: indicators flagged as advice, return with a comment, recommend', async () => {
    await asReviewer(async (page) => {
      await pageHeading(page, '市科技局经办工作台').waitFor();
      await page.getByText('待核实的单位注册').waitFor();
      await screenshot(page, 'review-city-home');
      await page
        .getByRole('link', { name: /待审核/ })
        .first()
        .click();
      await pageHeading(page, '申报审核').waitFor();
      await page.getByRole('link', { name: SMALL }).waitFor();
      await screenshot(page, 'review-city-queue');
      const violations = await seriousA11yViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);

      // Search by USCC.
      const uscc = await page
        .locator('.ant-table-row')
        .filter({ hasText: FINE })
        .locator('.ant-typography')
        .innerText();
      await page.getByLabel('众创空间名称、运营主体或统一社会信用代码').fill(uscc);
      await page.getByRole('button', { name: buttonName('查询') }).click();
      await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
      await page.getByRole('link', { name: FINE }).waitFor();

      await page.goto(`/city/review/applications/${small.id}`);
      await pageHeading(page, SMALL).waitFor();
      await acknowledgeIntegrityIfAsked(page);
      await page
        .getByTestId('indicator-flag-selfControlledArea')
        .getByText('低于国家备案参考值（≥500平方米）')
        .waitFor();
      await page.getByTestId('indicator-flag-mentorCount').waitFor();
      await page
        .getByTestId('indicator-flag-monthsInOperation')
        .getByText(/低于国家备案参考值/)
        .waitFor();
      expect(await page.getByTestId('indicator-flag-monthsInOperation').getByText(/江苏/).count()).toBe(0);
      await screenshot(page, 'review-city-detail');
      const onDetail = await seriousA11yViolations(page);
      expect(onDetail, describeViolations(onDetail)).toEqual([]);

      // Advice never blocks: recommend stays on offer; return needs a comment.
      await page.getByRole('button', { name: buttonName('推荐') }).waitFor();
      await page.getByRole('button', { name: buttonName('退回修改') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: buttonName('退回修改') }).click();
      await dialog.getByText('请填写意见').waitFor();
      await dialog.getByLabel('意见').fill('请补充场地租赁合同和成功案例的佐证材料。');
      await screenshot(page, 'review-city-return', { fullPage: false });
      await dialog.getByRole('button', { name: buttonName('退回修改') }).click();
      await page.locator('.ant-tag').filter({ hasText: '退回修改' }).first().waitFor();

      await page.goto(`/city/review/applications/${fine.id}`);
      await pageHeading(page, FINE).waitFor();
      await confirmPop(page, page.getByRole('button', { name: buttonName('推荐') }));
      await page.locator('.ant-tag').filter({ hasText: '市局已推荐' }).first().waitFor();
    });
  });

  it('pages and sorts the queue in the URL, and recommends several at once with a result per row', async () => {
    await asReviewer(async (page) => {
      const reviewer = await ApiSession.login('nj-reviewer');
      const first = await reviewer.get<{ batchId: string }>(`/api/applications/${fine.id}`);
      await acknowledgeByApi(reviewer, first.batchId);
      await page.goto('/city/review/applications?status=submitted');
      await pageHeading(page, '申报审核').waitFor();
      await page
        .locator('.ant-pagination-total-text')
        .getByText(/共 \d+ 条/)
        .waitFor();
      await page.getByRole('columnheader', { name: '众创空间名称' }).click();
      await page.waitForURL((u) => u.searchParams.get('sort') === 'spaceName' && u.searchParams.get('order') === 'asc');
      await page.getByLabel('众创空间名称、运营主体或统一社会信用代码').fill('批量推荐');
      await page.getByRole('button', { name: buttonName('查询') }).click();
      await expect.poll(() => page.locator('.ant-table-row').count()).toBe(2);
      expect(new URL(page.url()).searchParams.get('q')).toBe('批量推荐');
      await page.getByRole('checkbox', { name: '全选本页' }).check();
      await page.getByText('已选 2 份').waitFor();
      await screenshot(page, 'review-city-bulk-selected', { fullPage: false });
      await page.getByRole('button', { name: buttonName('批量推荐') }).click();
      const confirm = page.getByRole('dialog');
      await confirm.getByText('将对所选 2 份申报逐份执行“批量推荐”').waitFor();
      await confirm.getByRole('button', { name: buttonName('执行') }).click();
      const result = page.getByRole('dialog').filter({ hasText: '批量推荐结果' });
      await result.getByText('批量推荐结果：成功 2 份，未办理 0 份').waitFor();
      for (const name of BULK)
        await result
          .getByRole('row', { name: new RegExp(name) })
          .getByText('已办理')
          .waitFor();
      // Each application's number stays on one line beside its name.
      const numbers = result.locator('.bulk-results .value-nowrap');
      expect(await numbers.count()).toBeGreaterThanOrEqual(2);
      for (const n of await numbers.all()) {
        // One line: every fragment of the number (one per font run) sits on the same line.
        const tops = await n.evaluate((el) => [...el.getClientRects()].map((r) => Math.round(r.top)));
        expect(new Set(tops).size).toBe(1);
      }
      await screenshot(page, 'review-city-bulk-result', { fullPage: false });
      const onResult = await seriousA11yViolations(page);
      expect(onResult, describeViolations(onResult)).toEqual([]);
      await result
        .locator('.ant-modal-footer')
        .getByRole('button', { name: buttonName('关闭') })
        .click();
      // Both left the 待审核 list.
      await expect.poll(() => page.locator('.ant-table-row').count()).toBe(0);
    });
  });

  it('the applicant finds the return under the bell; the notification opens the application', async () => {
    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, small.username, small.password);
      const bell = page.getByTestId('bell');
      await expect.poll(() => bell.getAttribute('aria-label')).toMatch(/\d+ 条未读通知/);
      await bell.click();
      const item = page.locator('.bell-popover .bell-item').filter({ hasText: '退回修改' }).first();
      await item.waitFor();
      await screenshot(page, 'review-bell', { fullPage: false });
      await item.click();
      await page.waitForURL((u) => u.pathname === `/applicant/applications/${small.id}`);
    } finally {
      await context.close();
    }
  });

  it('approves one unit registration and refuses another with a reason', async () => {
    const seedA = nextSeed();
    const seedB = nextSeed();
    const ok = `南京注册通过测试${seedA}科技有限公司`;
    const no = `南京注册不通过测试${seedB}科技有限公司`;
    await registerUnit({
      city: 'city-320100',
      unitName: ok,
      uscc: makeUscc('320100', seedA),
      username: `e2eok${seedA}`,
      password: 'Unit@2020js',
    });
    await registerUnit({
      city: 'city-320100',
      unitName: no,
      uscc: makeUscc('320100', seedB),
      username: `e2eno${seedB}`,
      password: 'Unit@2020js',
    });
    await asReviewer(async (page) => {
      await page.goto('/city/review/registrations');
      await pageHeading(page, '单位注册审核').waitFor();
      const okRow = page.locator('.ant-table-row').filter({ hasText: ok });
      await okRow.waitFor();
      // A telephone number is never broken over lines; the list downloads as Excel.
      const mobile = okRow.locator('.value-nowrap').first();
      expect(await mobile.evaluate((el) => el.getClientRects().length)).toBe(1);
      const excel = page.waitForEvent('download');
      await page.getByRole('button', { name: /导出 Excel/ }).click();
      const xlsx = await excel;
      expect(xlsx.suggestedFilename()).toMatch(/^单位注册申请-\d{4}-\d{2}-\d{2}\.xlsx$/);
      await xlsx.saveAs('e2e/artifacts/registrations.xlsx');
      await screenshot(page, 'review-city-registrations');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
      // Issue 17: the legal representative and address are listed; the licence is shown beside them.
      await okRow.getByText('测试法人').waitFor();
      await okRow.getByRole('button', { name: new RegExp(`^核对营业执照\\s*：\\s*${ok}`) }).click();
      const verify = page.getByRole('dialog');
      await verify.getByText('江苏省南京市鼓楼区测试路 1 号').waitFor();
      const licence = verify.getByRole('img', { name: `${ok}的营业执照` });
      await expect.poll(() => licence.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
      await screenshot(page, 'review-city-registration-licence-1280', { fullPage: false });
      const inDialog = await seriousA11yViolations(page);
      expect(inDialog, describeViolations(inDialog)).toEqual([]);
      await resizeViewport(page, PHONE);
      await screenshot(page, 'review-city-registration-licence-375', { fullPage: false });
      await resizeViewport(page, DESKTOP);
      await verify
        .getByRole('button', { name: buttonName('关闭') })
        .first()
        .click();
      await verify.waitFor({ state: 'hidden' });
      await confirmPop(page, page.getByRole('button', { name: new RegExp(`^通\\s*过\\s*：\\s*${ok}`) }));
      await page.getByText('已通过注册').waitFor();
      await page.getByRole('button', { name: new RegExp(`^不予通过\\s*：\\s*${no}`) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('不予通过的原因').fill('统一社会信用代码与营业执照不一致。');
      await dialog.getByRole('button', { name: /不予通过/ }).click();
      await page.getByText('已不予通过').waitFor();
      await expect.poll(() => page.locator('.ant-table-row').filter({ hasText: no }).count()).toBe(0);
    });
  });

  it('declares a conflict of interest: the review actions go away until it is withdrawn', async () => {
    await asReviewer(async (page) => {
      await page.goto(`/city/review/applications/${related.id}`);
      await pageHeading(page, RELATED).waitFor();
      await page.getByRole('button', { name: buttonName('推荐') }).waitFor();
      await page.getByRole('button', { name: /声明回避/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('回避原因').fill('本人配偶在该运营主体任职。');
      await dialog.getByRole('button', { name: /声明回避/ }).click();
      await page.getByText('当前状态下您没有可执行的操作。').waitFor();

      await page.goto('/conflicts');
      await pageHeading(page, '回避声明').waitFor();
      const row = page.locator('.ant-table-row').filter({ hasText: '南京回避测试区块链科技服务有限公司' });
      await row.waitFor();
      await screenshot(page, 'review-city-conflicts');
      await confirmPop(page, row.getByRole('button', { name: /撤销/ }));
      await row.waitFor({ state: 'detached' });
    });
  });

  it('is usable on a phone', async () => {
    await asReviewer(async (page) => {
      await page.goto('/city/review/applications?status=recommended');
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'review-city-queue-phone');
      await page.goto(`/city/review/applications/${small.id}`);
      await page.getByText('参考指标').first().waitFor();
      await screenshot(page, 'review-city-detail-phone', { fullPage: false });
    }, PHONE);
  });
});
