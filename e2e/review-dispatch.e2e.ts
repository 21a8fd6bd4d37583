/**
 * The city's package: the reviewer ranks three recommended applications by keyboard and by
 * dragging, the 推荐函 follows the order; an account holding both city roles cannot send its own
 * package (four eyes); the approver signs attachment 5 and sends before the deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { launchBrowser, loggedIn, openPage, pageHeading, PHONE, screenshot } from './helpers/browser.js';
import { acknowledgeByApi, ApiSession, reviewerApproverAccount, submittedApplication } from './review-support.js';

let browser: Browser;
const names: [string, string, string] = [
  '南京排序甲智能制造专业化众创空间',
  '南京排序乙生命健康专业化众创空间',
  '南京排序丙新能源专业化众创空间',
];
const ids: string[] = [];
let fourEyesId = '';
let dispatchUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const reviewer = await ApiSession.login('nj-reviewer');
  for (const spaceName of names) {
    const { id } = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName });
    ids.push(id);
  }
  fourEyesId = (
    await submittedApplication({
      city: 'city-320100',
      reviewer: 'nj-reviewer',
      spaceName: '南京双人复核测试专业化众创空间',
    })
  ).id;
  const first = await reviewer.get<{ batchId: string }>(`/api/applications/${ids[0]}`);
  await acknowledgeByApi(reviewer, first.batchId);
  for (const id of [...ids, fourEyesId]) await reviewer.post(`/api/applications/${id}/actions/recommend`, {});
});
afterAll(async () => {
  await browser?.close();
});

const rankedNames = (page: Page) =>
  page.getByTestId('ranked-table').locator('.ant-table-row td:nth-child(2)').allInnerTexts();

describe('the city dispatch', () => {
  it('the reviewer ranks by keyboard and by dragging; the letter follows the order', async () => {
    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, 'nj-reviewer');
      await page.goto('/city/review/dispatches/new');
      await pageHeading(page, '组织报送批').waitFor();
      // Only this test's three: untick anything else that is recommended in 南京.
      for (const box of await page.getByRole('checkbox').all()) {
        const label = await box.evaluate((el) => el.closest('label')?.textContent ?? '');
        if (!names.some((n) => label.includes(n))) await box.uncheck();
      }
      await expect.poll(async () => (await rankedNames(page)).length).toBe(3);
      const [a, b, c] = (await rankedNames(page)) as [string, string, string];
      expect([a, b, c].sort()).toEqual([...names].sort());

      // 上移 with the keyboard: focus the button and press Enter.
      await page.getByRole('button', { name: new RegExp(`^上移\\s*：\\s*${c}`) }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => rankedNames(page)).toEqual([a, c, b]);
      await page.getByText(`“${c}”已移至第 2 位`).waitFor({ state: 'attached' });

      // Drag the last row onto the first.
      const rows = page.getByTestId('ranked-table').locator('.ant-table-row');
      await rows.nth(2).dragTo(rows.nth(0));
      const final = [b, a, c];
      await expect.poll(() => rankedNames(page)).toEqual(final);

      const letter = await page.getByLabel('推荐函', { exact: true }).inputValue();
      expect(letter.indexOf(b)).toBeLessThan(letter.indexOf(a));
      expect(letter.indexOf(a)).toBeLessThan(letter.indexOf(c));
      expect(letter).toContain('推荐以下 3 家');
      await screenshot(page, 'review-dispatch-ranked');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);

      await page.getByRole('button', { name: /保存草稿/ }).click();
      await page.getByTestId('letter').waitFor();
      dispatchUrl = new URL(page.url()).pathname;
      await expect.poll(() => page.locator('.ant-table-row td:nth-child(2)').allInnerTexts()).toEqual(final);
      // The server's note for the reviewer who assembled it (sendNote): it waits for an approver.
      await page.getByText('草稿已保存，等待本局审核人复核并签发。').waitFor();
      await screenshot(page, 'review-dispatch-awaiting-signature', { fullPage: false });
    } finally {
      await context.close();
    }
  });

  it('an account with both city roles cannot send the package it assembled (four eyes)', async () => {
    const both = await reviewerApproverAccount();
    const session = await ApiSession.login(both.username, both.password);
    const own = await session.post<{ dispatch: { id: string; allowedActions: string[]; sendNote: string | null } }>(
      '/api/dispatches',
      {
        applicationIds: [fourEyesId],
        letter: '双角色账号组织的报送批',
      },
    );
    expect(own.dispatch.allowedActions).not.toContain('send');
    expect(own.dispatch.sendNote).toBe('four_eyes');
    await expect(
      session.post(`/api/dispatches/${own.dispatch.id}/actions/send`, {
        pledge: { signerName: '双角色', agreed: true },
      }),
    ).rejects.toThrow(/双人复核/);

    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, both.username, both.password);
      await page.goto(`/city/approve/dispatches/${own.dispatch.id}`);
      await page.getByTestId('four-eyes').waitFor();
      expect(await page.getByRole('button', { name: /签发报送/ }).count()).toBe(0);
      await screenshot(page, 'review-dispatch-four-eyes', { fullPage: false });
    } finally {
      await context.close();
    }
  });

  it('the approver sees the countdown, must sign with a name, and sends', async () => {
    const { context, page } = await openPage(browser);
    try {
      await loggedIn(page, 'nj-approver');
      await page.getByText('待签发的报送批').waitFor();
      await screenshot(page, 'review-approver-home');
      await page.goto(dispatchUrl.replace('/city/review/', '/city/approve/'));
      await page.getByTestId('countdown').waitFor();
      // The server's note for an approver who may sign (sendNote can_send).
      await page.getByText('请复核排序和推荐函后签署承诺并报送').waitFor();
      await page.getByRole('button', { name: /签发报送/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('checkbox').check();
      await dialog.getByRole('button', { name: /签署并报送/ }).click();
      await dialog.getByText('请填写签字人姓名').waitFor();
      await dialog.getByLabel('签字人姓名').fill('周审核');
      await dialog.getByRole('button', { name: /签署并报送/ }).click();
      await page.locator('.ant-tag').filter({ hasText: '已报送' }).first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('the dispatch pages are usable on a phone', async () => {
    const { context, page } = await openPage(browser, PHONE);
    try {
      await loggedIn(page, 'nj-approver');
      await page.goto(dispatchUrl.replace('/city/review/', '/city/approve/'));
      await page.getByTestId('letter').waitFor();
      await screenshot(page, 'review-dispatch-phone');
    } finally {
      await context.close();
    }
  });
});
