/**
 * Tables at 1280 px with the side menu (issue 17): the registrations table and every role's application
 * queue show all their columns without sideways scrolling, the pinned 操作 column covers no text, the
 * 复制比 is visible for every reviewer role; telephone numbers and e-mail addresses do not break
 * mid-value. On a phone the audit log and the registrations are one card per record, and nothing scrolls
 * sideways. The queue sorts by 申报编号 (shown under the name, without a header) through its 排序 control,
 * kept in the URL and in step with the header sorters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { BASE_URL, launchBrowser, loggedIn, openPage, PHONE, screenshot, sidewaysOverflow } from './helpers/browser.js';
import { advance, makeUscc, nextSeed, registrationExtras, submittedApplication } from './review-support.js';

let browser: Browser;
let uscc = '';
const SPACE = '南京宽表测试集成电路专业化众创空间';
const UNIT = '南京宽表测试注册科技服务有限公司';
const EMAIL = 'registration.office@qixia-innovation-park.com.cn';
const MOBILE = '13951800123';
/** Three applications submitted in this order, so their numbers ascend C, B, A while their names ascend A, B, C. */
const SORTED = '南京编号排序测试';
const BY_NUMBER = ['C', 'B', 'A'].map((x) => `${SORTED}${x}专业化众创空间`);

beforeAll(async () => {
  browser = await launchBrowser();
  const seed = nextSeed();
  uscc = makeUscc('320100', seed);
  const res = await fetch(`${BASE_URL}/api/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      unitName: UNIT,
      uscc,
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
  for (const spaceName of BY_NUMBER)
    await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName });
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
    await loggedIn(page, username);
    await part(page);
  } catch (err) {
    await screenshot(page, `tables-${username}-failed`).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

/** Neither the page nor any table's scrolling box is wider than it shows: nothing hides to the right. */
async function expectNoSidewaysScrollAnywhere(page: Page): Promise<void> {
  const o = await sidewaysOverflow(page);
  expect(o.document).toBeLessThanOrEqual(0);
  expect(Math.max(0, ...o.tables)).toBeLessThanOrEqual(0);
}

/** Picks `option` in the antd Select labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** A loaded machine takes more than vitest's default second to sort and render a list. */
const POLL = { timeout: 10_000 };

/** The text of the antd Select labelled `label` (its prefix and its value). */
const selectText = (page: Page, label: string): Promise<string> =>
  page
    .locator('.ant-select')
    .filter({ has: page.getByRole('combobox', { name: label, exact: true }) })
    .first()
    .innerText();

/** The space names of the sort test as the list renders them, top to bottom. */
async function shownOrder(page: Page, selector: string): Promise<string[]> {
  const texts = await page.locator(selector).allInnerTexts();
  return texts.map((x) => BY_NUMBER.find((n) => x.includes(n))).filter((x): x is string => x !== undefined);
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

describe('sorting the queue by 申报编号', () => {
  const queue = `/city/review/applications?status=submitted&q=${encodeURIComponent(SORTED)}`;

  it('at 1280 px: 排序 → 申报编号 orders the rows by number, survives a reload and follows the headers', async () => {
    await as('nj-reviewer', async (page) => {
      await page.goto(queue);
      await page.locator('.ant-table-row').filter({ hasText: BY_NUMBER[0] }).waitFor();
      await choose(page, '排序', '申报编号');
      await page.waitForURL((u) => u.searchParams.get('sort') === 'number');
      await choose(page, '排序方向', '升序');
      await page.waitForURL((u) => u.searchParams.get('order') === 'asc');
      await expect.poll(() => shownOrder(page, '.ant-table-row'), POLL).toEqual(BY_NUMBER);
      const numbers = await page.locator('.ant-table-row .queue-number').allInnerTexts();
      expect(numbers).toEqual([...numbers].sort());
      await choose(page, '排序方向', '降序');
      await expect.poll(() => shownOrder(page, '.ant-table-row'), POLL).toEqual([...BY_NUMBER].reverse());
      await choose(page, '排序方向', '升序');
      await expect.poll(() => shownOrder(page, '.ant-table-row'), POLL).toEqual(BY_NUMBER);
      await expectNoSidewaysScrollAnywhere(page);
      await screenshot(page, 'tables-queue-sort-1280');
      // A reload keeps the order (URL) and the control says what it is.
      await page.reload();
      await expect.poll(() => shownOrder(page, '.ant-table-row'), POLL).toEqual(BY_NUMBER);
      expect(await selectText(page, '排序')).toContain('申报编号');
      // A header click sorts by its column, and the control follows.
      await page.getByRole('columnheader', { name: '众创空间名称' }).click();
      await page.waitForURL((u) => u.searchParams.get('sort') === 'spaceName');
      await expect.poll(() => shownOrder(page, '.ant-table-row'), POLL).toEqual([...BY_NUMBER].reverse());
      await expect.poll(() => selectText(page, '排序'), POLL).toContain('众创空间名称');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);
    });
  });

  it('on a phone: the cards sort by 申报编号 too', async () => {
    await as(
      'nj-reviewer',
      async (page) => {
        await page.goto(queue);
        await page.locator('.queue-card').filter({ hasText: BY_NUMBER[0] }).waitFor();
        await choose(page, '排序', '申报编号');
        await choose(page, '排序方向', '升序');
        await expect.poll(() => shownOrder(page, '.queue-card'), POLL).toEqual(BY_NUMBER);
        await page.reload();
        await expect.poll(() => shownOrder(page, '.queue-card'), POLL).toEqual(BY_NUMBER);
        await expectNoSidewaysScrollAnywhere(page);
        await screenshot(page, 'tables-queue-sort-375', { fullPage: false });
        const v = await seriousA11yViolations(page);
        expect(v, describeViolations(v)).toEqual([]);
      },
      PHONE,
    );
  });
});

describe('the registrations on a phone', () => {
  it('one card per registration, nothing scrolls sideways, the actions are there to tap', async () => {
    await as(
      'nj-reviewer',
      async (page) => {
        await page.goto('/city/review/registrations');
        await page.locator('.ant-table-row').first().waitFor();
        await expectNoSidewaysScrollAnywhere(page);
        const card = page.locator('.registration-card').filter({ hasText: UNIT });
        await card.waitFor();
        expect(await page.getByRole('columnheader', { name: '联系人' }).count()).toBe(0);
        const box = (await card.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(375);
        const text = await card.innerText();
        expect(text).toContain(uscc);
        expect(text).toContain('刘晓');
        expect(text).toContain('待审核');
        expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
        // Telephone and e-mail whole (the e-mail may break only before "@"), inside the card.
        expect(await linesOf(card.getByText(MOBILE))).toBe(1);
        const at = EMAIL.indexOf('@');
        expect(await linesOf(card.getByText(EMAIL.slice(0, at), { exact: true }))).toBe(1);
        expect(await linesOf(card.getByText(EMAIL.slice(at), { exact: true }))).toBe(1);
        expect(await card.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        // The actions: on screen and at least 32 px high.
        for (const name of [/^核对营业执照/, /^通过/, /^不予通过/]) {
          const button = card.getByRole('button', { name });
          const b = (await button.boundingBox())!;
          expect(b.height).toBeGreaterThanOrEqual(32);
          expect(b.x + b.width).toBeLessThanOrEqual(375);
        }
        await card.scrollIntoViewIfNeeded();
        await screenshot(page, 'tables-registrations-375', { fullPage: false });
        const v = await seriousA11yViolations(page);
        expect(v, describeViolations(v)).toEqual([]);
        // 不予通过 opens its dialog from the card.
        await card.getByRole('button', { name: /^不予通过/ }).click();
        await page.getByRole('dialog', { name: new RegExp(UNIT) }).waitFor();
      },
      PHONE,
    );
  });
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
