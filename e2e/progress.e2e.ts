/**
 * Where the applicant stands (issue 14 item 9, and the filing-vs-publication defect): the progress
 * bar 提交 → 市局审核 → 省受理 → 省评审 → 科技部备案 → 公布, the decision with its reason at the top of the
 * page instead of the countdown, the receipt printed alone on one page, and a Ministry decision that
 * reaches the applicant only once published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { launchBrowser, loggedIn, openPage, PHONE, screenshot } from './helpers/browser.js';
import { advance, ApiSession, publishDecisions, submittedApplication } from './review-support.js';

let browser: Browser;
type Submitted = Awaited<ReturnType<typeof submittedApplication>>;
let filed: Submitted;
let declined: Submitted;
const FILED = `南京进度${Date.now() % 100_000}工业软件专业化众创空间`;
const DECLINED = `南京进度${Date.now() % 100_000}智能传感专业化众创空间`;
const DECLINE_REASON = '专业化服务平台尚未建成，孵化成效不足，本批次不予推荐。';

beforeAll(async () => {
  browser = await launchBrowser();
  filed = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: FILED });
  declined = await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName: DECLINED });
});
afterAll(async () => {
  await browser?.close();
});

async function asApplicant(app: Submitted, part: (page: Page) => Promise<void>, viewport?: typeof PHONE) {
  const { context, page } = await openPage(browser, viewport);
  try {
    await loggedIn(page, app.username, app.password);
    await page.goto(`/applicant/applications/${app.id}`);
    await part(page);
  } finally {
    await context.close();
  }
}

const currentStep = (page: Page) =>
  page
    .getByTestId('progress-bar')
    .locator('.ant-steps-item-process, .ant-steps-item-error, .ant-steps-item-wait')
    .first();

describe('where the applicant stands', () => {
  it('on a phone every step of the bar keeps its name on one line (they wrapped a character a line)', async () => {
    await asApplicant(
      filed,
      async (page) => {
        const titles = page.getByTestId('progress-bar').locator('.ant-steps-item-title');
        await titles.first().waitFor();
        const heights = await titles.evaluateAll((els) =>
          els.map((el) => ({
            text: el.textContent ?? '',
            height: el.getBoundingClientRect().height,
            line: parseFloat(getComputedStyle(el).lineHeight) || 22,
          })),
        );
        expect(heights.length).toBe(6);
        for (const h of heights) expect(h.height, h.text).toBeLessThan(h.line * 1.5);
        await screenshot(page, 'progress-0-phone', { fullPage: false });
        // The bar now scrolls sideways on a phone: reachable by keyboard too.
        const v = await seriousA11yViolations(page);
        expect(v, describeViolations(v)).toEqual([]);
      },
      PHONE,
    );
  });

  it('after submitting: the bar at 市局审核, no countdown, and the receipt prints alone on one page', async () => {
    await asApplicant(filed, async (page) => {
      await page.getByRole('heading', { name: '提交回执' }).waitFor();
      await page.getByTestId('progress-bar').getByText('市局审核').waitFor();
      expect(await page.getByTestId('progress-bar').locator('.ant-steps-item-active').innerText()).toContain(
        '市局审核',
      );
      await page.getByText('已提交，等待市科技局审核。').waitFor();
      expect(await page.locator('.deadline').count()).toBe(0);
      await screenshot(page, 'progress-1-submitted');
      const v = await seriousA11yViolations(page);
      expect(v, describeViolations(v)).toEqual([]);

      // 打印回执: only the receipt, on one A4 page.
      // The browser's print dialog is replaced by a PDF of the print layout.
      await page.evaluate(() => {
        window.print = () => undefined;
      });
      await page.getByRole('button', { name: /打印回执/ }).click();
      expect(await page.locator('#print-root .receipt-code').count()).toBe(1);
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'progress-2-receipt-print', { fullPage: false });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect(pages).toHaveLength(1);
      await page.emulateMedia({ media: 'screen' });
    });
  });

  it('a decision shows its result and reason at the top; the bar marks where it stopped', async () => {
    const reviewer = await ApiSession.login('nj-reviewer');
    await advance([filed.id], 'dispatched_to_ministry', 'nj');
    await reviewer.post(`/api/applications/${declined.id}/actions/decline`, { comment: DECLINE_REASON });
    await asApplicant(declined, async (page) => {
      const decision = page.getByTestId('decision');
      await decision.getByText('办理结果：不予推荐').waitFor();
      await decision.getByText(DECLINE_REASON).waitFor();
      expect(await page.locator('.deadline').count()).toBe(0);
      expect(await page.getByTestId('progress-bar').locator('.ant-steps-item-error').innerText()).toContain('市局审核');
      await screenshot(page, 'progress-3-declined');
    });
    await asApplicant(
      declined,
      async (page) => {
        await page.getByTestId('decision').waitFor();
        await screenshot(page, 'progress-3-declined-phone');
      },
      PHONE,
    );
  });

  it('the Ministry’s decision reaches the applicant only once published', async () => {
    const most = await ApiSession.login('most');
    await most.post(`/api/applications/${filed.id}/actions/file`, {});
    await asApplicant(filed, async (page) => {
      await page.getByTestId('waiting').getByText('等待科技部备案并公布结果').waitFor();
      expect(await page.getByText('已备案').count()).toBe(0);
      expect(await currentStep(page).innerText()).toContain('科技部备案');
      await page.goto('/applicant');
      await page.getByText(FILED).first().waitFor();
      await page.getByText('已报送科技部').first().waitFor();
      expect(await page.getByText('已备案').count()).toBe(0);
      await screenshot(page, 'progress-4-home-before-publication');
    });
    await publishDecisions();
    await asApplicant(filed, async (page) => {
      await page.getByTestId('decision').getByText('办理结果：已备案').waitFor();
      expect(await page.getByTestId('progress-bar').locator('.ant-steps-item-finish').count()).toBe(6);
      await screenshot(page, 'progress-5-filed');
    });
  });
});
