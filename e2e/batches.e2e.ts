import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { noSeriousViolations } from './helpers/axe.js';
import {
  BASE_URL,
  buttonName,
  launchBrowser,
  login,
  logout,
  openPage,
  pageHeading,
  PHONE,
  resizeViewport,
  screenshot,
} from './helpers/browser.js';
import { shootBoth } from './applicant-support.js';
import { ApiSession } from './review-support.js';

/**
 * 批次管理: the province officer creates a batch (三员分立: no longer the system administrator), the
 * Ministry sets the national deadline, the province sets and extends its cities' deadline (the
 * extension with a reason, shown in the history), ticks a required upload and uploads a template; a
 * city reviewer sees only its own actions; the system administrator has no 批次管理 at all. The new batch is of an earlier year than the demo batch and is
 * closed at the end, so the other journeys keep finding the demo batch first among the open ones.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DAY = 24 * 60 * 60 * 1000;
/**
 * "Today" is fixed once for the whole file: a run that crosses midnight in Beijing must not compare a
 * deadline entered before midnight with one computed after it (a fresh-clone CI run started at 23:58
 * Beijing time failed that way).
 */
const TODAY = Date.now();
/** A day `days` ahead, as the pickers show it (Beijing time), at the given time of day. */
function beijingDay(days: number, time = '23:59'): string {
  const d = new Date(TODAY + 8 * 60 * 60 * 1000 + days * DAY).toISOString().slice(0, 10);
  return `${d} ${time}`;
}

/**
 * Types a date-time into the antd picker bound to `label` inside `scope` and presses Enter, which
 * confirms the value and submits the form, as a keyboard user would.
 */
async function pickAndSubmit(scope: Locator, label: string, value: string): Promise<void> {
  await scope.waitFor();
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

const explain = (scope: Locator) => scope.locator('.ant-form-item-explain-error');

/** A 1×1 PNG, enough for the file store's content check. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** From the list to the batch's page. */
async function openBatch(page: Page, name: string): Promise<void> {
  // The login has landed before another page is opened (else the session cookie may not be there yet).
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.goto('/manage/batches');
  await page.locator('.ant-table-row').first().waitFor();
  await page.getByRole('link', { name, exact: true }).click();
  await pageHeading(page, name).waitFor();
}

describe('batch management, end to end', () => {
  const name = `E2E测试批次${Date.now() % 1_000_000}`;
  const reason = '受疫情影响，部分申报单位材料盖章延误，延期一周';

  it('the province officer creates a batch; a duplicate name is refused in Chinese beside the field', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'js-dept');
      await page
        .getByRole('navigation', { name: '导航菜单' })
        .getByRole('menuitem', { name: /批次管理/ })
        .click();
      await pageHeading(page, '批次管理').waitFor();
      await page.locator('.ant-table-row').filter({ hasText: '第四批国家专业化众创空间备案示范' }).waitFor();
      await noSeriousViolations(page);
      await shootBoth(page, 'batches-01-list');

      // From here the page runs no CSS transitions, as with a user style sheet that turns them off (some
      // accessibility tools do) or a page that stops painting on a busy machine (seen in CI): the save
      // button's loading icon must still go when the request ends, else the button stays named
      // "loading 保存" (what a screen reader reads) and cannot be found by its name.
      await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
      await page.getByRole('button', { name: /新建批次/ }).click();
      const dialog = page.getByRole('dialog', { name: '新建申报批次' });
      await dialog.getByLabel('批次名称').fill('第四批国家专业化众创空间备案示范');
      await dialog.getByLabel('年度').fill('2019');
      await dialog
        .getByLabel('通知正文')
        .fill('关于组织开展E2E测试批次推荐工作的通知\n\n各设区市科技局：\n请按要求组织申报。');
      await dialog.getByLabel('运营主体营业执照').check();
      await screenshot(page, 'batches-02-create', { fullPage: false });
      await dialog.getByRole('button', { name: buttonName('保存') }).click();
      // The server refuses (409) and its message sits beside the name.
      await explain(dialog).filter({ hasText: '已有同名批次' }).waitFor();
      await dialog.getByLabel('批次名称').scrollIntoViewIfNeeded();
      await screenshot(page, 'batches-03-create-refused', { fullPage: false });

      await dialog.getByLabel('批次名称').fill(name);
      await dialog.getByRole('button', { name: buttonName('保存') }).click();
      await pageHeading(page, name).waitFor();
      await page.getByText('申报中', { exact: true }).first().waitFor();
      await page.getByText('2019 年度').waitFor();
      // A new batch has the placeholder integrity text: the province is told the review cannot begin.
      const notice = page.getByTestId('integrity-placeholder');
      await notice.getByText('本批次的廉政规定仍为占位文本，各设区市科技局尚不能开始审核').waitFor();
      await screenshot(page, 'batches-03b-integrity-placeholder', { fullPage: false });
      await noSeriousViolations(page);
      // The link opens this batch's configuration, which says the same above the form.
      await notice.getByRole('button', { name: /录入正式条文/ }).click();
      await pageHeading(page, '评审配置').waitFor();
      await page.getByText(name).first().waitFor();
      await page.getByTestId('integrity-placeholder').waitFor();
      await logout(page);
    } finally {
      await context.close();
    }
  });

  it('sets the cascade in Beijing time; a city deadline after the national one is refused by the server', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'most');
      await openBatch(page, name);
      await page.getByRole('button', { name: '设置省科技厅报送科技部截止时间：全国统一' }).click();
      let dialog = page.getByRole('dialog', { name: '设置省科技厅报送科技部截止时间' });
      await pickAndSubmit(dialog, '截止时间（北京时间）', beijingDay(40));
      await dialog.waitFor({ state: 'hidden' });
      const national = page.getByRole('region', { name: '省科技厅报送科技部截止时间' });
      await national.getByText(beijingDay(40)).waitFor();
      await logout(page);

      await login(page, 'js-dept');
      await openBatch(page, name);
      await page.getByRole('button', { name: /^设置市科技局报送省科技厅截止时间：江苏/ }).click();
      dialog = page.getByRole('dialog', { name: '设置市科技局报送省科技厅截止时间' });
      await dialog.getByText(`${beijingDay(40)}（省科技厅报送科技部截止时间）`).waitFor();
      await pickAndSubmit(dialog, '截止时间（北京时间）', beijingDay(50));
      await explain(dialog)
        .filter({ hasText: '市科技局报送省科技厅截止时间不得晚于省科技厅报送科技部截止时间' })
        .waitFor();
      await screenshot(page, 'batches-04-deadline-refused', { fullPage: false });
      await dialog.getByLabel('截止时间（北京时间）', { exact: true }).fill('');
      await pickAndSubmit(dialog, '截止时间（北京时间）', beijingDay(30, '17:00'));
      await dialog.waitFor({ state: 'hidden' });
      const city = page.getByRole('region', { name: '市科技局报送省科技厅截止时间' });
      await city.locator('.ant-table-row').filter({ hasText: '江苏省' }).getByText(beijingDay(30, '17:00')).waitFor();
      await logout(page);
    } finally {
      await context.close();
    }
  });

  it('the province extends its cities’ deadline with a reason and shows the extension history', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'js-dept');
      await openBatch(page, name);

      await page.getByRole('button', { name: /^延期市科技局报送省科技厅截止时间：江苏/ }).click();
      const dialog = page.getByRole('dialog', { name: '延期：市科技局报送省科技厅截止时间' });
      await pickAndSubmit(dialog, '延期至（北京时间）', beijingDay(35, '17:00'));
      // No reason: the shared schema's message, before anything is sent.
      await explain(dialog).filter({ hasText: '请填写延期理由' }).waitFor();
      await dialog.getByLabel('延期理由').fill(reason);
      await screenshot(page, 'batches-05-extend', { fullPage: false });
      await dialog.getByRole('button', { name: buttonName('延期') }).click();
      await dialog.waitFor({ state: 'hidden' });

      const city = page.getByRole('region', { name: '市科技局报送省科技厅截止时间' });
      await city.getByText(beijingDay(35, '17:00')).first().waitFor();
      await city.getByText(`原定 ${beijingDay(30, '17:00')}`).waitFor();
      await city.getByRole('button', { name: '延期记录（1）' }).click();
      const history = page.getByRole('list', { name: /延期记录/ });
      await history.getByText(reason, { exact: false }).waitFor();
      await history.getByText(`${beijingDay(30, '17:00')} → ${beijingDay(35, '17:00')}`).waitFor();
      await noSeriousViolations(page);
      await shootBoth(page, 'batches-06-detail');

      // The public notice shows the same deadline, extended.
      const res = await fetch(`${BASE_URL}/api/batches?status=open`);
      const body = (await res.json()) as {
        items: { name: string; deadlines: { extensions: { reason: string }[] }[] }[];
      };
      const mine = body.items.find((b) => b.name === name);
      expect(mine?.deadlines.flatMap((d) => d.extensions.map((e) => e.reason))).toEqual([reason]);
      await logout(page);
    } finally {
      await context.close();
    }
  });

  it('an edit based on a stale version is refused (409): the user is told and sees the newer version', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'js-dept');
      await openBatch(page, name);
      await page.getByRole('button', { name: '修改信息' }).click();
      const dialog = page.getByRole('dialog', { name: '修改批次信息' });
      await dialog.getByLabel('通知正文').fill('本人修改的通知正文');

      // Meanwhile another session of the province changes the notice.
      const other = await ApiSession.login('js-dept');
      const list = await other.get<{ items: { id: string; name: string; version: number }[] }>('/api/batches');
      const batch = list.items.find((b) => b.name === name)!;
      await other.patch(`/api/batches/${batch.id}`, { version: batch.version, noticeText: '他人修改的通知正文' });

      await dialog.getByRole('button', { name: buttonName('保存') }).click();
      await dialog.getByText('数据已被他人修改，已为您载入最新内容，请核对后重新操作。').waitFor();
      await expect.poll(() => dialog.getByLabel('通知正文').inputValue()).toBe('他人修改的通知正文');
      await screenshot(page, 'batches-06b-conflict', { fullPage: false });
      await dialog.getByRole('button', { name: buttonName('取消') }).click();
      await logout(page);
    } finally {
      await context.close();
    }
  });

  it('toggles a required upload, uploads a template, then closes the batch', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'js-dept');
      await openBatch(page, name);
      await pageHeading(page, name).waitFor();

      const required = page.locator('.ant-card', { has: page.getByRole('heading', { name: '必传材料' }) });
      const license = required.getByLabel('运营主体营业执照');
      const photos = required.getByLabel('场地照片');
      expect(await license.isChecked()).toBe(true);
      await license.uncheck();
      await photos.check();
      await required.getByRole('button', { name: '保存必传材料' }).click();
      await page.getByText('必传材料已保存').waitFor();
      await page.reload();
      await pageHeading(page, name).waitFor();
      expect(await required.getByLabel('场地照片').isChecked()).toBe(true);
      expect(await required.getByLabel('运营主体营业执照').isChecked()).toBe(false);

      const docs = page.locator('.ant-card', { has: page.getByRole('heading', { name: '通知文件与附件模板' }) });
      await docs.getByRole('button', { name: /上传文件/ }).click();
      const dialog = page.getByRole('dialog', { name: '上传通知文件或附件模板' });
      await dialog.getByLabel('文件标题').fill('附件5 场地示意图');
      await dialog.locator('input[type=file]').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG });
      await dialog.getByRole('button', { name: buttonName('上传文件') }).click();
      await dialog.waitFor({ state: 'hidden' });
      const link = docs.getByRole('link', { name: '下载：附件5 场地示意图' });
      const href = await link.getAttribute('href');
      const file = await fetch(`${BASE_URL}${href}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');

      await page.getByRole('button', { name: '关闭批次' }).click();
      const confirm = page.getByRole('dialog').filter({ hasText: '关闭后不能再设置或延长截止时间' });
      await confirm.getByRole('button', { name: '关闭批次' }).click();
      await page.getByText('批次已关闭，不能设置或延期。').waitFor();
      await page.getByText('已关闭', { exact: true }).first().waitFor();
      expect(await page.getByRole('button', { name: /^延期(省|市|申)/ }).count()).toBe(0);
      await screenshot(page, 'batches-07-closed');
      await logout(page);
    } finally {
      await context.close();
    }
  });

  it('the batch list pages and filters on the server; reload keeps the status filter and the sort in the URL', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'js-dept');
      await page.waitForURL((url) => url.pathname !== '/login');
      await page.goto('/manage/batches');
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByText(/共 \d+ 条/).waitFor();
      await page.locator('.ant-segmented').getByText('已关闭', { exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('status') === 'closed');
      await page.getByRole('columnheader', { name: '批次名称' }).click();
      await page.waitForURL((u) => u.searchParams.get('sort') === 'name' && u.searchParams.get('order') === 'asc');
      await page.reload();
      await pageHeading(page, '批次管理').waitFor();
      // The batch closed above is listed, and only closed batches are.
      await page.getByRole('link', { name, exact: true }).waitFor();
      // Read until the rows settle (a fresh-checkout run once read them mid-render and saw a row without it).
      const allClosed = async () => {
        const rows = await page.locator('.ant-table-row').allInnerTexts();
        return rows.length > 0 && rows.every((r) => r.includes('已关闭'));
      };
      await expect.poll(allClosed, { timeout: 10_000 }).toBe(true);
      expect(await page.getByRole('columnheader', { name: '批次名称' }).getAttribute('aria-sort')).toBe('ascending');
      await screenshot(page, 'batches-07b-list-closed');
      await noSeriousViolations(page);
    } finally {
      await context.close();
    }
  });

  it('a city reviewer sees the cascade and may extend only its own city’s deadline', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'nj-reviewer');
      await page
        .getByRole('navigation', { name: '导航菜单' })
        .getByRole('menuitem', { name: /申报批次与截止时间/ })
        .click();
      await pageHeading(page, '批次管理').waitFor();
      expect(await page.getByRole('button', { name: /新建批次/ }).count()).toBe(0);
      await page.getByRole('link', { name: '第四批国家专业化众创空间备案示范' }).click();
      await pageHeading(page, '第四批国家专业化众创空间备案示范').waitFor();
      await page.getByRole('button', { name: '延期申报单位报送市科技局截止时间：南京市科学技术局' }).waitFor();
      expect(await page.getByRole('button', { name: /苏州市科学技术局/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '修改信息' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '保存必传材料' }).count()).toBe(0);
      await shootBoth(page, 'batches-08-city');
      await logout(page);
    } finally {
      await context.close();
    }
  });

  it('the batch page shows the demo notice as the public page does: no raw **, 附件2 on one grid', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'js-dept');
      await openBatch(page, '第四批国家专业化众创空间备案示范');
      const notice = page.locator('#batch-notice-text');
      await notice
        .getByRole('heading', { name: /关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知/ })
        .first()
        .waitFor();
      await page.getByRole('button', { name: '展开全文' }).click();
      expect(await notice.innerText()).not.toContain('**');
      expect(await notice.locator('strong').count()).toBeGreaterThan(0);
      // Every row of the 基础信息表 spans the same grid; 创业导师数 sits in a label cell of its own.
      const table = notice.locator('table.notice-form');
      const widths = await table
        .locator('tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.children].reduce((n, c) => n + (c as HTMLTableCellElement).colSpan, 0)),
        );
      expect(new Set(widths).size).toBe(1);
      await table.locator('td.notice-label', { hasText: '创业导师数' }).waitFor();
      await noSeriousViolations(page);
      await shootBoth(page, 'batches-notice-rendered');
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, 'batches-notice-table-1280', { fullPage: false });
      await resizeViewport(page, PHONE);
      await noSeriousViolations(page);
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, 'batches-notice-table-375', { fullPage: false });
    } finally {
      await context.close();
    }
  });

  it('the system administrator keeps configuration only: no 批次管理 in its menu (三员分立)', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'admin');
      const menu = page.getByRole('navigation', { name: '导航菜单' });
      await menu.getByRole('menuitem').first().waitFor();
      expect(await menu.getByRole('menuitem', { name: /批次/ }).count()).toBe(0);
      await logout(page);
    } finally {
      await context.close();
    }
  });
});
