/**
 * Tables at 1280 px with the side menu (issue 17): the registrations table and every role's application
 * queue show all their columns without sideways scrolling, the pinned 操作 column covers no text, the
 * 复制比 is visible for every reviewer role; telephone numbers and e-mail addresses do not break
 * mid-value. On a phone the audit log is one card per record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { BASE_URL, launchBrowser, login, openPage, PHONE, screenshot } from './helpers/browser.js';
import { advance, makeUscc, nextSeed, registrationExtras, submittedApplication } from './review-support.js';

let browser: Browser;
const SPACE = '南京宽表测试集成电路专业化众创空间';
const UNIT = '南京宽表测试注册科技服务有限公司';
const EMAIL = 'registration.office@qixia-innovation-park.com.cn';
const MOBILE = '13951800123';

beforeAll(async () => {
  browser = await launchBrowser();
  const seed = nextSeed();
  const res = await fetch(`${BASE_URL}/api/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      unitName: UNIT,
      uscc: makeUscc('320100', seed),
      cityOrgId: 'city-320100',
      contactName: '刘晓',
      mobile: MOBILE,
      email: EMAIL,
      username: `widetable${seed}`,
      password: 'Unit@2020js',
      ...(await registrationExtras()),
    }),
  });
  if (!res.ok) throw new Error(`registration: ${res.status} ${await res.text()}`);
  const app = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: SPACE });
  await advance([app.id], 'dispatched_to_ministry');
});
afterAll(async () => {
  await browser?.close();
});

async function as(
  username: string,
  part: (page: Page) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  const { context, page } = await openPage(browser, viewport);
  try {
    await login(page, username);
    await page.waitForURL((u) => u.pathname !== '/login');
    await part(page);
  } catch (err) {
    await screenshot(page, `tables-${username}-failed`).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

/** The table's scrolling box is no wider than it shows: nothing hides to the right. */
async function expectNoSidewaysScroll(table: Locator): Promise<void> {
  const { scroll, client } = await table.locator('.ant-table-content').evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** The right edge of the text in a cell (each line of each text node), or -Infinity when empty. */
async function textRight(cell: Locator): Promise<number> {
  return cell.evaluate((el) => {
    let right = -Infinity;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0) right = Math.max(right, r.right);
    }
    return right;
  });
}

/** The lines a value's text occupies (distinct tops of its client rects). */
async function linesOf(value: Locator): Promise<number> {
  return value.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
}

describe('tables at 1280 px', () => {
  it('the registrations table fits: 操作 covers nothing, telephone and e-mail stay whole', async () => {
    await as('nj-reviewer', async (page) => {
      await page.goto('/city/review/registrations');
      const row = page.locator('.ant-table-row').filter({ hasText: UNIT });
      await row.waitFor();
      const table = page.locator('.ant-table-wrapper');
      await expectNoSidewaysScroll(table);
      // Every row: the action cell starts right of the text of the cell before it.
      const cells = row.locator('td');
      const count = await cells.count();
      const actions = (await cells.nth(count - 1).boundingBox())!;
      expect(
        await cells
          .nth(count - 1)
          .getByRole('button', { name: /不予通过/ })
          .isVisible(),
      ).toBe(true);
      const before = await textRight(cells.nth(count - 2));
      expect(before).toBeLessThanOrEqual(actions.x);
      // 联系人: whole, inside its cell and on screen.
      const contact = cells.nth(2);
      const box = (await contact.boundingBox())!;
      expect(await textRight(contact)).toBeLessThanOrEqual(box.x + box.width);
      expect(await linesOf(contact.getByText(MOBILE))).toBe(1);
      const at = EMAIL.indexOf('@');
      expect(await linesOf(contact.getByText(EMAIL.slice(0, at), { exact: true }))).toBe(1);
      expect(await linesOf(contact.getByText(EMAIL.slice(at), { exact: true }))).toBe(1);
      await screenshot(page, 'tables-registrations-1280');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
    });
  });

  for (const [username, path] of [
    ['nj-reviewer', '/city/review/applications'],
    ['js-center', '/acceptance/applications'],
    ['js-dept', '/province/applications'],
    ['most', '/ministry/applications'],
  ] as const) {
    it(`${username}: the queue shows every column with 复制比 and scrolls not sideways`, async () => {
      await as(username, async (page) => {
        await page.goto(`${path}?status=dispatched_to_ministry`);
        const row = page.locator('.ant-table-row').filter({ hasText: SPACE });
        await row.waitFor();
        await page.getByRole('columnheader', { name: '复制比' }).waitFor();
        const table = page.locator('.ant-table-wrapper').last();
        await expectNoSidewaysScroll(table);
        // The last column (提交时间) lies inside the table's visible box.
        const content = (await table.locator('.ant-table-content').boundingBox())!;
        const last = (await row.locator('td').last().boundingBox())!;
        expect(last.x + last.width).toBeLessThanOrEqual(content.x + content.width + 1);
        // The 复制比 arrives after the list: a percentage or 无, never NaN.
        const ratio = row.locator('td').nth(-2);
        await expect.poll(() => ratio.innerText()).toMatch(/^(\d+\.\d%|无|—|-)$/);
        await screenshot(page, `tables-queue-${username}-1280`);
        const v = await seriousA11yViolations(page);
        expect(v, describeViolations(v)).toEqual([]);
      });
    });
  }
});

describe('the audit log on a phone', () => {
  it('one card per record: time, actor, action, object, 封存 and the proof link', async () => {
    await as(
      'auditor',
      async (page) => {
        await page.goto('/audit/log');
        const card = page.locator('.audit-card').first();
        await card.waitFor();
        await card.getByRole('button', { name: /^详情 #\d+$/ }).waitFor();
        const text = await card.innerText();
        expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
        expect(text).toMatch(/对象/);
        const box = (await card.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(375);
        expect(await page.getByRole('columnheader', { name: '序号' }).count()).toBe(0);
        await card.scrollIntoViewIfNeeded();
        await screenshot(page, 'tables-audit-375', { fullPage: false });
        const v = await seriousA11yViolations(page);
        expect(v, describeViolations(v)).toEqual([]);
      },
      PHONE,
    );
  });
});
