/**
 * The acceptance centre: receives a city package, registers paper copies by their printed code (a
 * code of another application, an unknown one and an outdated one are flagged and do not count),
 * accepts once both copies are in, and sends another application back for correction with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { examplePledge } from '../src/domain/example-content.js';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { launchBrowser, loggedIn, openPage, PHONE, screenshot } from './helpers/browser.js';
import {
  advance,
  ApiSession,
  confirmPop,
  receiveDispatchIn,
  submittedApplication,
  verificationCodeOf,
  type Submitted,
} from './review-support.js';

let browser: Browser;
let a: Submitted;
let b: Submitted;
/** The city's package holding a and b (other journeys leave packages of their own in the list). */
let packageId: string;
const A = '南京受理甲数字创意专业化众创空间';
const B = '南京受理乙工业软件专业化众创空间';
const SCANNED = ['南京扫码丙智能制造专业化众创空间', '南京扫码丁智能制造专业化众创空间'];
const scanned: Submitted[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  a = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: A });
  b = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: B });
  packageId = (await advance([a.id, b.id], 'dispatched_to_province')).cityDispatchId!;
  for (const spaceName of SCANNED)
    scanned.push(await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName }));
  await advance(
    scanned.map((x) => x.id),
    'dispatched_to_province',
  );
});
afterAll(async () => {
  await browser?.close();
});

async function asCenter(part: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  const { context, page } = await openPage(browser, viewport);
  try {
    await loggedIn(page, 'js-center');
    await part(page);
  } catch (err) {
    await screenshot(page, 'review-acceptance-failed', { fullPage: false }).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

/** Types a code into the paper-copy form of the open application and registers it. */
async function register(page: Page, code: string, count = 1) {
  const panel = page.getByTestId('paper-copies');
  await panel.getByLabel('校验码').fill(code);
  await panel.getByLabel('份数').fill(String(count));
  await panel.locator('button[type=submit]').click();
  return panel;
}

describe('acceptance centre', () => {
  it('flags a code of another application and an unknown code; counts the right one; accepts', async () => {
    const center = await ApiSession.login('js-center');
    const codeA = await verificationCodeOf(center, a.id);
    const codeB = await verificationCodeOf(center, b.id);
    await asCenter(async (page) => {
      await page.getByText('待接收的报送批').waitFor();
      await screenshot(page, 'review-acceptance-home');
      await page.goto('/acceptance/dispatches?status=sent');
      // This journey's package: the first row may be another journey's, and after the whole suite
      // it may be on a later page, where the redirect of /dispatches/{id} takes over.
      await page.locator('.ant-table-row').first().waitFor();
      const link = page.locator(`a[href$="/${packageId}"]`);
      if (await link.count()) await link.first().click();
      else await page.goto(`/dispatches/${packageId}`);
      await page.getByRole('link', { name: A }).waitFor();
      await receiveDispatchIn(page);
      await page.locator('.ant-tag').filter({ hasText: '已接收' }).first().waitFor();
      await screenshot(page, 'review-acceptance-dispatch');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);

      await page.goto(`/acceptance/applications/${a.id}`);
      let panel = await register(page, codeB);
      await panel.getByTestId('paper-result').getByText('属于另一份申报').first().waitFor();
      await screenshot(page, 'review-acceptance-wrong-code', { fullPage: false });
      panel = await register(page, '0000-0000-0000');
      await panel.getByTestId('paper-result').getByText('无法识别').first().waitFor();
      await panel.getByLabel('校验码').fill('not-a-code');
      await panel.locator('button[type=submit]').click();
      await panel.getByText('校验码应为 12 位十六进制数字').first().waitFor();
      expect(await page.getByRole('button', { name: /受理通过/ }).count()).toBe(0);

      panel = await register(page, codeA.toUpperCase(), 2);
      await panel.getByTestId('paper-result').getByText('与当前提交版本一致').first().waitFor();
      await expect.poll(() => panel.getByTestId('paper-totals').innerText()).toContain('有效 2 份');
      await panel.getByText('另有 2 份校验码不符，不计入').waitFor();
      await confirmPop(page, page.getByRole('button', { name: /受理通过/ }));
      await page.locator('.ant-tag').filter({ hasText: '省受理通过' }).first().waitFor();
      await screenshot(page, 'review-acceptance-accepted');
    });
  });

  it('requests a correction with a reason; an old code after resubmission is flagged as outdated', async () => {
    const center = await ApiSession.login('js-center');
    const oldCode = await verificationCodeOf(center, b.id);
    await asCenter(async (page) => {
      await page.goto(`/acceptance/applications/${b.id}`);
      await page.getByRole('button', { name: /要求补正/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /要求补正/ }).click();
      await dialog.getByText('请填写意见').waitFor();
      await dialog.getByLabel('补正原因').fill('纸质材料缺少运营主体盖章页，请补正后重新报送。');
      await dialog.getByRole('button', { name: /要求补正/ }).click();
      await page.locator('.ant-tag').filter({ hasText: '需补正' }).first().waitFor();
    });

    // The city returns it, the applicant submits again, the city sends it in a new package.
    const reviewer = await ApiSession.login('nj-reviewer');
    await reviewer.post(`/api/applications/${b.id}/actions/return`, { comment: '请按受理中心意见补正' });
    // A corrected submission: different content, so a different snapshot and code.
    const mine = await b.applicant.get<{ version: number; content: { basicInfo: Record<string, unknown> } }>(
      `/api/applications/${b.id}`,
    );
    await b.applicant.patch(`/api/applications/${b.id}`, {
      version: mine.version,
      basicInfo: { ...mine.content.basicInfo, eventCount: Number(mine.content.basicInfo.eventCount) + 1 },
    });
    await b.applicant.post(`/api/applications/${b.id}/actions/submit`, { pledge: examplePledge });
    await reviewer.post(`/api/applications/${b.id}/actions/recommend`, {});
    const d = await reviewer.post<{ dispatch: { id: string } }>('/api/dispatches', {
      applicationIds: [b.id],
      letter: '补正后重新报送',
    });
    const approver = await ApiSession.login('nj-approver');
    await approver.post(`/api/dispatches/${d.dispatch.id}/actions/send`, {
      pledge: { signerName: '周审核', agreed: true },
    });

    await asCenter(async (page) => {
      await page.goto(`/acceptance/applications/${b.id}`);
      const panel = await register(page, oldCode, 2);
      await panel.getByTestId('paper-result').getByText('对应该申报的旧版本').first().waitFor();
      await screenshot(page, 'review-acceptance-outdated', { fullPage: false });
    }, PHONE);
  });

  it('registers paper copies scan after scan, then accepts several at once with a result per row', async () => {
    const center = await ApiSession.login('js-center');
    const code = await verificationCodeOf(center, scanned[0]!.id);
    await asCenter(async (page) => {
      await page.getByRole('menuitem', { name: /扫码登记/ }).click();
      await page.getByRole('heading', { level: 1, name: '扫码登记纸质材料' }).waitFor();
      const input = page.getByLabel('校验码');
      await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
      // A scanner types the code and Enter; the input keeps the focus for the next one.
      for (const c of [code, code.toUpperCase(), '0000-0000-0000']) {
        await page.keyboard.type(c);
        await page.keyboard.press('Enter');
      }
      const rows = page.locator('.scan-results .ant-table-row');
      await expect.poll(() => rows.count()).toBe(3);
      await rows.nth(0).getByText('未登记').waitFor();
      await rows.nth(0).getByText('未找到与该校验码对应的本省申报').waitFor();
      await rows.nth(1).getByText('纸质材料已齐全').waitFor();
      await rows.nth(2).getByText(SCANNED[0]!).waitFor();
      await page.getByText('本次已扫描 2 份').waitFor();
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
      await screenshot(page, 'review-acceptance-scan', { fullPage: false });
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);

      await page.goto('/acceptance/applications?status=dispatched_to_province&q=扫码');
      await page.locator('.ant-table-row').first().waitFor();
      await expect.poll(() => page.locator('.ant-table-row').count()).toBe(2);
      await page.getByRole('checkbox', { name: '全选本页' }).check();
      await page.getByRole('button', { name: /批量受理通过/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /执\s*行/ })
        .click();
      const result = page.getByRole('dialog').filter({ hasText: '批量受理通过结果' });
      await result.getByText('成功 1 份，未办理 1 份').waitFor();
      await result
        .getByRole('row', { name: new RegExp(SCANNED[0]!) })
        .getByText('已办理')
        .waitFor();
      const refused = result.getByRole('row', { name: new RegExp(SCANNED[1]!) });
      await refused.getByText('未办理').waitFor();
      await screenshot(page, 'review-acceptance-bulk-result', { fullPage: false });
      const onResult = await seriousA11yViolations(page);
      expect(onResult, describeViolations(onResult)).toEqual([]);
    });
  });
});
