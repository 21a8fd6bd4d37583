import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { noSeriousViolations } from './helpers/axe.js';
import { DESKTOP, launchBrowser, login, openPage, pageHeading, PHONE, resizeViewport } from './helpers/browser.js';
import { shootBoth, TINY_PNG, journeyApplicant } from './applicant-support.js';
import { ApiSession } from './review-support.js';
import { demoLicencePng } from '../src/server/db/seed/demo-licence.js';

/**
 * Item 7 of the applicant's issue, its first part: a new unit registers on the public page, sees its
 * registration pending and replaces its licence, and logs in once its city approves it.
 */
const { ex, unit } = journeyApplicant();

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ context, page } = await openPage(browser));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('the applicant, from registration to resubmission', () => {
  it('registers a new unit on the public page', async () => {
    await page.goto('/login');
    await page.getByRole('link', { name: '申报单位注册' }).click();
    await pageHeading(page, '申报单位注册').waitFor();
    await page.getByLabel('单位名称（运营主体全称）').fill(unit.name);
    await page.getByLabel('统一社会信用代码').fill(unit.uscc);
    await page.getByText('校验通过').waitFor();
    await page.getByLabel('所在设区市').click();
    await page.keyboard.type('南京');
    await page.keyboard.press('Enter');
    await page.getByLabel('法定代表人').fill(ex.basicInfo.legalRepresentative.name);
    await page.getByLabel('注册地址（通讯地址）').fill('南京市江宁区秣周东路 12 号');
    // The licence is uploaded at once (anonymously) and previewed; the form then carries its token.
    await page.locator('input[type="file"]').setInputFiles({
      name: '营业执照.png',
      mimeType: 'image/png',
      buffer: demoLicencePng(),
    });
    await page.getByText('已上传：营业执照.png').waitFor();
    await page.getByRole('img', { name: '营业执照预览' }).waitFor();
    await page.getByLabel('联系人姓名').fill(ex.basicInfo.contact.name);
    await page.getByLabel('联系人手机').fill(ex.basicInfo.contact.mobile);
    await page.getByLabel('电子邮箱').fill(ex.basicInfo.email);
    await page.getByLabel('登录名').fill(unit.username);
    await page.getByLabel('密码', { exact: true }).fill(unit.password);
    await page.getByLabel('确认密码').fill(unit.password);
    await shootBoth(page, 'applicant-01-register');
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByRole('heading', { name: '注册申请已提交' }).waitFor();
    await page.getByText('请等待 南京市科学技术局 审核').waitFor();
    await shootBoth(page, 'applicant-02-registered');
  });

  it('cannot log in before the city approves, and can after', async () => {
    await login(page, unit.username, unit.password);
    await page.getByText('单位注册尚待所在市科技局审核，审核通过后方可登录').waitFor();

    // While pending, the unit sees its registration and the licence it uploaded, and replaces it.
    await page.getByRole('link', { name: '查询注册进度' }).click();
    await pageHeading(page, '查询注册进度').waitFor();
    await page.getByLabel('登录名').fill(unit.username);
    await page.getByLabel('密码').fill(unit.password);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.locator('.ant-tag').filter({ hasText: '待审核' }).waitFor();
    await page.getByText(/营业执照\.png（/).waitFor();
    await page.getByRole('button', { name: /查\s*看/ }).click();
    await page.getByRole('dialog').getByRole('img', { name: '营业执照：营业执照.png' }).waitFor();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Close|关闭/ })
      .click();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: '新营业执照.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByText('已上传：新营业执照.png').waitFor();
    await page.getByRole('button', { name: '确认更换' }).click();
    await page.getByText('营业执照已更换').waitFor();
    await page.getByText(/新营业执照\.png（/).waitFor();
    await noSeriousViolations(page);
    await resizeViewport(page, PHONE);
    await noSeriousViolations(page);
    await resizeViewport(page, DESKTOP);
    await shootBoth(page, 'applicant-02b-registration-status');

    const reviewer = await ApiSession.login('nj-reviewer');
    const list = await reviewer.get<{ items: { id: string }[] }>(`/api/registrations?q=${unit.uscc}`);
    await reviewer.post(`/api/registrations/${list.items[0]!.id}/actions/approve`, {});

    await login(page, unit.username, unit.password);
    await pageHeading(page, '申报单位工作台').waitFor();
    await page.getByText('本市截止时间').waitFor();
    await shootBoth(page, 'applicant-03-workbench');
  });
});
