/**
 * The whole chain in the browser: the applicant's submission (through the API: the applicant's
 * screens have their own journey) → the city reviewer recommends → builds the dispatch → the city
 * approver signs attachment 5 and sends → the acceptance centre receives, registers two paper copies
 * with the printed code and accepts → the province assigns experts, who score → the province
 * records a field visit, recommends and sends to the Ministry → the
 * Ministry receives and files → the public list shows the space.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { examplePledge } from '../src/domain/example-content.js';
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
  screenshot,
} from './helpers/browser.js';
import {
  acknowledgeIntegrityIfAsked,
  ApiSession,
  confirmPop,
  publishDecisions,
  receiveDispatchIn,
  submittedApplication,
  uploadRequiredScans,
  verificationCodeOf,
} from './review-support.js';

let browser: Browser;
let appId = '';
let spaceName = '';
let cityDispatch = '';
let provinceDispatch = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Leaves only this run's application ticked in the dispatch builder (others may be recommended too). */
async function onlyThis(page: Page) {
  for (const box of await page.getByRole('checkbox').all()) {
    const label = await box.evaluate((el) => el.closest('label')?.textContent ?? '');
    if (!label.includes(spaceName)) await box.uncheck();
  }
  await expect.poll(() => page.getByTestId('ranked-table').locator('.ant-table-row').count()).toBe(1);
}

/** Turns the province's same-city recusal on or off on the review configuration page. */
async function setSameCityRecusal(page: Page, on: boolean) {
  await page.goto('/province/review-config');
  await pageHeading(page, '评审配置').waitFor();
  const toggle = page.getByRole('switch', { name: '同城回避' });
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await page.getByRole('button', { name: buttonName('保存') }).click();
  await page.getByText('评审配置已保存').waitFor();
}

/** A tiny PNG (1×1 pixel) for the field-visit photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Runs one role's part in a fresh context at 1280 px. */
async function as(username: string, part: (page: Page) => Promise<void>) {
  const { context, page } = await openPage(browser);
  try {
    await login(page, username);
    await page.waitForURL((url) => url.pathname !== '/login');
    await part(page);
    await logout(page);
  } catch (err) {
    await screenshot(page, `chain-failed-${username}`, { fullPage: false }).catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

describe('the whole chain, applicant to the public list', () => {
  it('the applicant submits (nj-applicant’s demo draft, else a fresh unit)', async () => {
    const applicant = await ApiSession.login('nj-applicant');
    const mine = await applicant.get<{ items: { id: string; status: string; version: number; spaceName: string }[] }>(
      '/api/applications',
    );
    const draft = mine.items.find((a) => a.status === 'draft');
    if (draft) {
      // A name of its own, so that the pages of this run can be told from other runs' applications.
      spaceName = `南京全链路${Date.now() % 100_000}集成电路专业化众创空间`;
      const full = await applicant.get<{ version: number; content: { basicInfo: Record<string, unknown> } }>(
        `/api/applications/${draft.id}`,
      );
      await applicant.patch(`/api/applications/${draft.id}`, {
        version: full.version,
        basicInfo: { ...full.content.basicInfo, spaceName },
      });
      await uploadRequiredScans(applicant, draft.id);
      await applicant.post(`/api/applications/${draft.id}/actions/submit`, { pledge: examplePledge });
      appId = draft.id;
    } else {
      spaceName = '南京全链路测试人工智能专业化众创空间';
      appId = (await submittedApplication({ city: 'city-320100', reviewer: 'nj-reviewer', spaceName })).id;
    }
    expect(appId).not.toBe('');
  });

  it('nj-reviewer reviews and recommends in the UI', async () => {
    await as('nj-reviewer', async (page) => {
      await pageHeading(page, '市科技局经办工作台').waitFor();
      await page
        .getByRole('navigation', { name: '导航菜单' })
        .getByRole('menuitem', { name: /申报审核/ })
        .click();
      await pageHeading(page, '申报审核').waitFor();
      await page.getByRole('link', { name: spaceName }).click();
      await pageHeading(page, spaceName).waitFor();
      await acknowledgeIntegrityIfAsked(page);
      const checklist = page.getByTestId('review-checklist');
      for (const box of await checklist.getByRole('checkbox').all()) await box.check();
      await checklist.getByRole('button', { name: /保存审查记录/ }).click();
      await page.getByText('审查记录已保存').waitFor();
      await screenshot(page, 'chain-1-reviewer-detail');
      await page.getByRole('tab', { name: '申报书' }).click();
      await page.getByRole('heading', { name: '一、专业化众创空间介绍' }).waitFor();
      await screenshot(page, 'chain-1-reviewer-narrative');
      await page.getByRole('tab', { name: '省级备案与承诺' }).click();
      await page.getByTestId('verification-code').waitFor();
      await confirmPop(page, page.getByRole('button', { name: buttonName('推荐') }));
      await page.locator('.ant-tag').filter({ hasText: '市局已推荐' }).first().waitFor();
      await page.getByRole('tab', { name: '办理记录' }).click();
      await page.getByText('推荐').first().waitFor();
      await screenshot(page, 'chain-1-reviewer-recommended');
    });
  });

  it('nj-reviewer builds the dispatch: ranked list and prefilled 推荐函', async () => {
    await as('nj-reviewer', async (page) => {
      await page.goto('/city/review/dispatches');
      await pageHeading(page, '推荐报送').waitFor();
      await page.getByRole('button', { name: /组织报送批/ }).click();
      await pageHeading(page, '组织报送批').waitFor();
      await page.getByTestId('ranked-table').getByText(spaceName).waitFor();
      await onlyThis(page);
      const letter = page.getByLabel('推荐函', { exact: true });
      await expect.poll(() => letter.inputValue()).toContain(spaceName);
      // The body cites the batch's notice; addressee, sender, date and seal are printed once by the documents.
      expect(await letter.inputValue()).toContain(
        '《关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知》（苏科高发〔2020〕174号）',
      );
      expect(await letter.inputValue()).not.toContain('南京市科学技术局');
      await page.getByLabel('推荐函文号').fill('宁科函〔2020〕56号');
      await screenshot(page, 'chain-2-dispatch-builder');
      await noSeriousViolations(page);
      await page.getByRole('button', { name: /保存草稿/ }).click();
      await page.getByTestId('letter').waitFor();
      await page.getByText('草稿已保存，等待本局审核人复核并签发。').waitFor();
      cityDispatch = new URL(page.url()).pathname.split('/').pop()!;
      await screenshot(page, 'chain-2-dispatch-draft');
    });
  });

  it('nj-approver reads the package, signs attachment 5 and sends it', async () => {
    await as('nj-approver', async (page) => {
      await page.goto('/city/approve/dispatches');
      await pageHeading(page, '报送签发').waitFor();
      await page.getByText('距截止还有').first().waitFor();
      await page.locator('.ant-table-row').filter({ hasText: '草稿' }).first().waitFor();
      await page.goto(`/city/approve/dispatches/${cityDispatch}`);
      await page.getByTestId('letter').waitFor();
      await page.getByTestId('countdown').waitFor();
      await screenshot(page, 'chain-3-approver-dispatch');
      await page.getByRole('button', { name: /签发报送/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('主管部门信用承诺书').first().waitFor();
      await dialog.getByRole('button', { name: /签署并报送/ }).click();
      await dialog.getByText('请填写签字人姓名').waitFor();
      await dialog.getByLabel('签字人姓名').fill('周审核');
      await dialog.getByLabel(/本人已阅读并同意以上承诺/).check();
      await screenshot(page, 'chain-3-approver-pledge', { fullPage: false });
      await noSeriousViolations(page);
      await dialog.getByRole('button', { name: /签署并报送/ }).click();
      await page.locator('.ant-tag').filter({ hasText: '已报送' }).first().waitFor();
      await page.getByText('周审核').waitFor();
    });
  });

  it('js-center receives, registers two paper copies with the printed code and accepts', async () => {
    const center = await ApiSession.login('js-center');
    const code = await verificationCodeOf(center, appId);
    await as('js-center', async (page) => {
      await page.goto('/acceptance/dispatches');
      await pageHeading(page, '来件接收').waitFor();
      await page.locator('.ant-table-row').filter({ hasText: '南京市科学技术局' }).first().waitFor();
      await page.goto(`/acceptance/dispatches/${cityDispatch}`);
      await receiveDispatchIn(page, '机要交换');
      await page.locator('.ant-tag').filter({ hasText: '已接收' }).first().waitFor();
      await page.getByText('按时送达').first().waitFor();
      await page.getByRole('button', { name: new RegExp(`登\\s*记\\s*：\\s*${spaceName}`) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('校验码').fill(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
      await dialog.getByLabel('份数').fill('2');
      await dialog.getByRole('button', { name: buttonName('登记') }).click();
      await dialog.getByTestId('paper-result').getByText('与当前提交版本一致').first().waitFor();
      await expect.poll(() => dialog.getByTestId('paper-totals').innerText()).toContain('有效 2 份');
      await screenshot(page, 'chain-4-paper-copies', { fullPage: false });
      await page.keyboard.press('Escape');
      await page.getByRole('link', { name: spaceName }).click();
      await pageHeading(page, spaceName).waitFor();
      await confirmPop(page, page.getByRole('button', { name: /受理通过/ }));
      await page.locator('.ant-tag').filter({ hasText: '省受理通过' }).first().waitFor();
      await screenshot(page, 'chain-4-accepted');
    });
  });

  it('js-dept assigns experts: the same-city experts are refused with the reason until recusal is switched off', async () => {
    await as('js-dept', async (page) => {
      await page.goto(`/province/applications/${appId}`);
      await pageHeading(page, spaceName).waitFor();
      const card = page.getByTestId('expert-assignments');
      await card.getByLabel('选择专家').click();
      await page.locator('.ant-select-dropdown:visible').getByText('同城回避').first().waitFor();
      await screenshot(page, 'chain-5-experts-refused', { fullPage: false });
      await page.keyboard.press('Escape');

      await setSameCityRecusal(page, false);
      await page.goto(`/province/applications/${appId}`);
      for (const name of ['王教授', '李研究员']) {
        await card.getByLabel('选择专家').click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).click();
        const assign = card.locator('button.ant-btn-primary');
        await expect.poll(() => assign.getAttribute('class')).not.toContain('ant-btn-loading');
        await assign.click();
        await card.locator('.ant-list-item').filter({ hasText: name }).waitFor({ timeout: 30_000 });
      }
      await screenshot(page, 'chain-5-experts-assigned');
      await setSameCityRecusal(page, true);
    });
  });

  it('expert1 scores on the batch criteria; expert2 scores too', async () => {
    await as('expert1', async (page) => {
      await pageHeading(page, '评审专家工作台').waitFor();
      await page.getByRole('link', { name: /待评分/ }).click();
      await page.getByRole('link', { name: spaceName }).click();
      // The no-conflict declaration for this task comes first (issue 14).
      const declaration = page.getByTestId('declaration');
      await declaration.getByRole('checkbox').check();
      await declaration.getByRole('button', { name: /确认声明/ }).click();
      await page.getByTestId('declared').waitFor();
      const form = page.getByTestId('score-form');
      await form.getByRole('spinbutton').first().waitFor();
      // A value above the criterion's maximum is refused with a message, not silently clamped (issue 14).
      const first = form.getByRole('spinbutton').first();
      await first.fill('250');
      await first.blur();
      await form.getByText(/的得分应在 0–\d+ 分之间/).waitFor();
      expect(await first.inputValue()).toBe('250.0');
      for (const input of await form.getByRole('spinbutton').all()) await input.fill('8');
      await form.getByLabel('评审意见').fill('专业化定位清晰，平台服务能力较强，孵化成效明显。');
      await expect.poll(() => page.getByTestId('score-total').innerText()).toContain('48');
      await screenshot(page, 'chain-6-expert-score');
      await noSeriousViolations(page);
      await confirmPop(page, form.getByRole('button', { name: /提交评分/ }));
      await page.getByText('评分已提交').waitFor();
    });
    const expert2 = await ApiSession.login('expert2');
    const tasks = await expert2.get<{ items: { id: string; criteria: { key: string; weight: number }[] }[] }>(
      `/api/expert-assignments?applicationId=${appId}`,
    );
    const task = tasks.items[0]!;
    await expert2.post(`/api/expert-assignments/${task.id}/declaration`, { agreed: true });
    await expert2.post(`/api/expert-assignments/${task.id}/score`, {
      scores: task.criteria.map((c) => ({ key: c.key, score: c.weight - 2 })),
      comment: '材料真实完整，建议推荐。',
    });
  });

  it('js-dept sees the ranking, records a field visit with a photo, recommends and builds the list for the Ministry', async () => {
    await as('js-dept', async (page) => {
      await page.goto('/province/ranking');
      await pageHeading(page, '评审排名').waitFor();
      await page.locator('.ant-table-row').filter({ hasText: spaceName }).waitFor();
      await screenshot(page, 'chain-7-ranking');
      await page.getByRole('link', { name: spaceName }).click();
      await pageHeading(page, spaceName).waitFor();
      await page.getByRole('tab', { name: '实地调研' }).click();
      const visits = page.getByTestId('field-visits');
      await visits.getByRole('button', { name: /登记实地调研/ }).click();
      await visits.getByLabel('调研人员').fill('省科技厅高新处 张某；东南大学 王教授');
      await visits.getByLabel('调研情况').fill('现场查看了公共技术服务平台和孵化场地，运营情况与申报材料一致。');
      await visits.getByRole('button', { name: buttonName('保存') }).click();
      await visits.getByText('现场查看了公共技术服务平台').waitFor();
      await visits.locator('input[type=file]').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG });
      await visits.locator('img').first().waitFor();
      await page.getByRole('tab', { name: '专家评分' }).click();
      await page.getByText('王教授的评审意见').waitFor();
      await screenshot(page, 'chain-7-province-detail');
      await confirmPop(page, page.getByRole('button', { name: /省厅推荐/ }));
      await page.locator('.ant-tag').filter({ hasText: '省厅已推荐' }).first().waitFor();
      await page.goto('/province/dispatches/new');
      await page.getByTestId('ranked-table').getByText(spaceName).waitFor();
      await onlyThis(page);
      // The letter cites the notice from the batch's data; the salutation and signature are printed by the documents.
      await expect
        .poll(() => page.getByLabel('推荐函', { exact: true }).inputValue())
        .toContain('（苏科高发〔2020〕174号）');
      await page.getByLabel('推荐函文号').fill('苏科高函〔2020〕88号');
      await page.getByLabel('联系人').fill('张处长');
      await page.getByLabel('联系电话').fill('025-83379768');
      await page.getByRole('button', { name: /保存草稿/ }).click();
      await page.getByTestId('letter').waitFor();
      provinceDispatch = new URL(page.url()).pathname.split('/').pop()!;
      // Four eyes: the builder cannot send its own list.
      await page.getByTestId('four-eyes').or(page.getByText('等待分管领导复核并签发')).first().waitFor();
      expect(await page.getByRole('button', { name: /报送科技部/ }).count()).toBe(0);
      await screenshot(page, 'chain-8-province-dispatch');
    });
  });

  it('js-leader (分管领导) signs the province’s pledge and sends the list to the Ministry', async () => {
    await as('js-leader', async (page) => {
      await pageHeading(page, '省科技厅分管领导工作台').waitFor();
      await page.goto(`/province-leader/dispatches/${provinceDispatch}`);
      await page.getByTestId('letter').waitFor();
      await page.getByText('苏科高函〔2020〕88号').waitFor();
      await screenshot(page, 'chain-8-leader-dispatch');
      await noSeriousViolations(page);
      await page.getByRole('button', { name: /报送科技部/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('主管部门信用承诺书').first().waitFor();
      await dialog.getByLabel('签字人姓名').fill('刘分管');
      await dialog.getByLabel(/本人已阅读并同意以上承诺/).check();
      await dialog.getByRole('button', { name: /签署并报送/ }).click();
      await page.locator('.ant-tag').filter({ hasText: '已报送' }).first().waitFor();
      await page.getByText('刘分管').waitFor();
    });
  });

  it('most receives and files', async () => {
    await as('most', async (page) => {
      await page.goto('/ministry/dispatches');
      await pageHeading(page, '各省报送').waitFor();
      await page.locator('.ant-table-row').filter({ hasText: '江苏省' }).first().waitFor();
      await page.goto(`/ministry/dispatches/${provinceDispatch}`);
      await receiveDispatchIn(page, '电子');
      await page.locator('.ant-tag').filter({ hasText: '已接收' }).first().waitFor();
      await page.getByRole('link', { name: spaceName }).click();
      await pageHeading(page, spaceName).waitFor();
      await confirmPop(page, page.getByRole('button', { name: /予以备案/ }));
      await page.locator('.ant-tag').filter({ hasText: '已备案' }).first().waitFor();
      await screenshot(page, 'chain-9-filed');
    });
  });

  it('filed is not yet public; most publishes the batch’s list with its 文号 and date after a preview', async () => {
    const anon = await fetch(`${BASE_URL}/api/public/filed?q=${encodeURIComponent(spaceName)}`);
    expect(((await anon.json()) as { total: number }).total).toBe(0);
    await as('most', async (page) => {
      await page
        .getByRole('navigation', { name: '导航菜单' })
        .getByRole('menuitem', { name: /公布备案名单/ })
        .click();
      await pageHeading(page, '公布备案名单').waitFor();
      await page.locator('.ant-table-row').filter({ hasText: spaceName }).waitFor();
      await page.getByLabel('公布文号').fill('国科火字〔2020〕180号');
      await screenshot(page, 'chain-9-publication-preview');
      await noSeriousViolations(page);
      await confirmPop(page, page.getByRole('button', { name: /^公\s*布$/ }));
      await page.getByText(/已公布：\d+ 家众创空间予以备案/).waitFor();
      await page.getByRole('cell', { name: '国科火字〔2020〕180号' }).waitFor();
    });
    // Whatever other journeys left filed in this run is published too, so the public list is complete.
    await publishDecisions();
  });

  it('the public list shows the space without login', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/public/filed');
      await pageHeading(page, '国家专业化众创空间备案示范名单').waitFor();
      await page.getByText(spaceName).waitFor();
      await screenshot(page, 'chain-10-public-list');
      await noSeriousViolations(page);
    } finally {
      await context.close();
    }
    const phone = await openPage(browser, PHONE);
    try {
      await phone.page.goto('/public/filed');
      await phone.page.getByText(spaceName).waitFor();
      await screenshot(phone.page, 'chain-10-public-list-phone');
    } finally {
      await phone.context.close();
    }
  });
});
