/**
 * 查重: a city reviewer opens the 查重 tab of an application whose 申报书 repeats another's (the demo
 * content), sees the figures, the source and the passages side by side, and the 复制比 column in the queue.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import {
  buttonName,
  launchBrowser,
  loggedIn,
  openPage,
  pageHeading,
  PHONE,
  resizeViewport,
  screenshot,
} from './helpers/browser.js';
import { submittedApplication, type Submitted } from './review-support.js';

let browser: Browser;
let second: Submitted;

// A passage only these two applications share: the other journeys submit the same demo content,
// which the 查重 rightly discounts as boilerplate once many applications hold it. The passage is about as
// long as the demo narrative (~1,700 characters), so that after the whole suite the pair's 复制比 (about
// half) stays above the batch's default threshold (30 %) and the province panel lists it.
const seed = Date.now() % 100_000;
// Names of this run only: on a reused database earlier runs left applications of the same names, and
// a search for "南京查重" listed theirs too (four rows, or a pair with the earlier 乙 instead of 甲).
const TAG = `南京查重${seed}`;
const A = `${TAG}甲集成电路专业化众创空间`;
const B = `${TAG}乙集成电路专业化众创空间`;
const shared = Array.from(
  { length: 36 },
  (_, i) =>
    `第${seed}号查重测试段落${i}：本空间围绕集成电路设计验证开展第${i * 7 + (seed % 97)}项特色服务，累计服务企业${(seed % 1000) + i}家。`,
).join('');
const tweak = (content: Parameters<NonNullable<Parameters<typeof submittedApplication>[0]['tweak']>>[0]) => {
  content.narrative.goalsAndTasks = `${content.narrative.goalsAndTasks ?? ''}<p>${shared}</p>`;
};

beforeAll(async () => {
  browser = await launchBrowser();
  await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: A,
    tweak,
  });
  second = await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: B,
    tweak,
  });
  // A third holder of the passage: 乙's tab shows it once, with 丙 as a further source.
  await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: `${TAG}丙集成电路专业化众创空间`,
    tweak,
  });
});
afterAll(async () => {
  await browser?.close();
});

it('shows the 查重 tab with figures, sources and passages', async () => {
  const { context, page } = await openPage(browser);
  try {
    await loggedIn(page, 'nj-reviewer');
    await page.goto(`/city/review/applications/${second.id}`);
    await page.getByRole('tab', { name: '查重' }).click();
    await page.getByText('总文字复制比').waitFor({ timeout: 20_000 });
    await page.getByText('相似片段对照').waitFor();
    expect(await page.getByText(A).count()).toBeGreaterThan(0);
    // The passage 甲 and 丙 both hold is shown once, the further source listed below it.
    await page
      .getByText(/另有 \d+ 个来源含相同文字/)
      .first()
      .waitFor();
    await page.locator('.similarity-also').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'review-similarity-grouped', { fullPage: false });
    // A figure stays on one line (100.0% was split before its %), and the passages' source links are
    // told apart from the text around them by more than colour.
    const figure = page.locator('.ant-descriptions-item-content').filter({ hasText: '%' }).first();
    const style = await figure.evaluate((el) => getComputedStyle(el).whiteSpace);
    expect(style).toBe('nowrap');
    const violations = await seriousA11yViolations(page, '.similarity-passage');
    expect(violations, describeViolations(violations)).toEqual([]);
    // The top of the tab (figures and sources): the side-by-side passages make the full page very long.
    await screenshot(page, 'review-similarity-tab', { fullPage: false });
  } finally {
    await context.close();
  }
});

it('sorts and filters the queue by 复制比 on the server, kept in the URL', async () => {
  const { context, page } = await openPage(browser);
  try {
    await loggedIn(page, 'nj-reviewer');
    await page.goto('/city/review/applications?q=' + encodeURIComponent(TAG));
    await pageHeading(page, '申报审核').waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(3);
    await page.getByRole('columnheader', { name: '复制比' }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'similarity' && u.searchParams.get('order') === 'asc');
    // The filter: only applications at or above 10 %, asked of the server (the URL carries it).
    await page.getByRole('columnheader', { name: '复制比' }).locator('.ant-table-filter-trigger').click();
    await page.getByRole('menuitem', { name: /≥ 10%/ }).click();
    await page.getByRole('button', { name: buttonName('确定') }).click();
    await page.waitForURL((u) => u.searchParams.get('minSimilarity') === '0.1');
    expect(new URL(page.url()).searchParams.get('q')).toBe(TAG);
    // 乙 repeats 甲's passage: it is listed, and every row listed shows a 复制比 of at least 10 %.
    await page.getByRole('link', { name: B }).waitFor();
    // The figures arrive after the rows (their own request; a spinner until then). Rows and figures are
    // read in one pass, the column found by its header in the same pass: two separate reads could see
    // two renderings (the list refreshed in between) and read a spinner or the wrong cell as NaN.
    const snapshot = () =>
      page.locator('.ant-table-wrapper').evaluate((wrapper) => {
        const heads = [...wrapper.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
        const at = heads.findIndex((h) => h.includes('复制比'));
        return [...wrapper.querySelectorAll<HTMLTableRowElement>('tbody tr.ant-table-row')].map((r) =>
          Number.parseFloat(r.cells[at]?.textContent ?? ''),
        );
      });
    let shown: number[] = [];
    await expect
      .poll(async () => {
        shown = await snapshot();
        return shown.length > 0 && shown.every((r) => Number.isFinite(r));
      })
      .toBe(true);
    for (const r of shown) expect(r).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'review-similarity-queue-filtered');
  } finally {
    await context.close();
  }
});

it('shows the 复制比 on the queue cards of a phone too', async () => {
  const { context, page } = await openPage(browser, PHONE);
  try {
    await loggedIn(page, 'nj-reviewer');
    await page.goto('/city/review/applications?q=' + encodeURIComponent(B));
    await pageHeading(page, '申报审核').waitFor();
    const card = page.locator('.queue-card').filter({ hasText: B });
    // The figures arrive after the rows (their own request).
    await card.getByText(/^复制比 \d+\.\d%$/).waitFor();
    const violations = await seriousA11yViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, 'review-similarity-queue-phone');
  } finally {
    await context.close();
  }
});

it('the province finds its pair in the 查重 panel by searching for the number; batch, search and page stay in the URL', async () => {
  const { context, page } = await openPage(browser);
  try {
    await loggedIn(page, 'js-dept');
    const home = new URL(page.url()).pathname;
    const card = page
      .locator('.ant-card')
      .filter({ has: page.getByRole('heading', { name: '查重：复制比较高的申报' }) });
    await card.waitFor();
    // Many journeys' pairs pass the threshold after the whole suite: the panel pages them (total shown),
    // and the journey finds its own pair by the application's number, in the journey's batch.
    const app = await second.applicant.get<{ batchId: string; number: string }>(`/api/applications/${second.id}`);
    expect(app.number).toBeTruthy();
    // The panel's batch lives in the URL: open the journey's batch by it (after the whole suite the
    // panel's default is another journey's newer batch, and picking the default again changes nothing).
    await page.goto(`${home}?batch=${encodeURIComponent(app.batchId)}`);
    await card.waitFor();
    const search = card.getByLabel('按申报编号或空间名称搜索', { exact: true });
    await search.fill(app.number);
    // 乙 is paired with 甲 and with 丙 (each pair listed from both sides, since the earlier report is
    // re-checked when a later copy is found): the journey looks at the pair 乙–甲.
    const row = card.locator('.ant-table-row').filter({ hasText: B }).filter({ hasText: A }).first();
    // The pair is listed once both reports are in; 搜索 again asks the server again.
    await expect
      .poll(
        async () => {
          await search.press('Enter');
          return row.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe(app.number);
    expect(await row.innerText()).toContain(A);
    // Every pair listed has the number on one side; the total is shown under the table.
    // (The filtered page may arrive after the unfiltered one showed the pair: wait for it.)
    await expect
      .poll(async () => (await card.locator('.ant-table-row').allInnerTexts()).every((t) => t.includes(app.number)), {
        timeout: 15_000,
      })
      .toBe(true);
    await card.getByText(/共 \d+ 条/).waitFor();

    // A reload keeps the batch and the search: the same pair, the search box still filled.
    const before = page.url();
    await page.reload();
    await card.waitFor();
    expect(page.url()).toBe(before);
    expect(new URL(page.url()).pathname).toBe(home);
    await row.waitFor();
    expect(await search.inputValue()).toBe(app.number);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-similarity-province-pairs');
    const violations = await seriousA11yViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    // On a phone each pair is a card with its 复制比 and 相同字数, and the panel does not scroll sideways
    // (its four columns hid both figures to the right, issue 17).
    await resizeViewport(page, PHONE);
    const pair = card.locator('.similarity-pair-card').filter({ hasText: B }).filter({ hasText: A }).first();
    await pair.waitFor();
    expect(await pair.innerText()).toMatch(/复制比 \d+\.\d%[\s\S]*相同字数 \d+/);
    const { scroll, client } = await card
      .locator('.ant-table-content')
      .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await pair.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-similarity-province-pairs-375', { fullPage: false });
    const phoneViolations = await seriousA11yViolations(page);
    expect(phoneViolations, describeViolations(phoneViolations)).toEqual([]);
    await row.getByRole('link', { name: B }).first().click();
    await page.waitForURL((u) => u.pathname.endsWith(`/applications/${second.id}`));
  } finally {
    await context.close();
  }
});
