import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { usccCheckChar } from '../src/domain/uscc.js';
import { noSeriousViolations } from './helpers/axe.js';
import {
  BASE_URL,
  DESKTOP,
  launchBrowser,
  openPage,
  pageHeading,
  PHONE,
  resizeViewport,
  screenshot,
} from './helpers/browser.js';
import { shootBoth } from './applicant-support.js';

/** The pages open to everyone: the batch notice and the registration of an applicant unit. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('public pages', () => {
  it('shows the notice with its deadlines in Beijing time, templates to download and contacts', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: '查看申报通知' }).click();
      await pageHeading(page, '第四批国家专业化众创空间备案示范').waitFor();
      await page.getByRole('heading', { name: '截止时间（北京时间）' }).waitFor();
      // The demo deadlines end a day at 23:59:59 Beijing time.
      expect(await page.getByText(/\d{4}-\d{2}-\d{2} 23:59/).count()).toBeGreaterThan(2);
      await page.getByText('省科技厅报送科技部截止时间').first().waitFor();
      const contacts = page.locator('.ant-card', { has: page.getByRole('heading', { name: '联系方式' }) });
      await contacts.getByText('联系人：省科技厅高新技术处 张迪 025-83379768').waitFor();
      await contacts.getByText('邮箱：jscxcybgs@163.com').waitFor();
      await contacts.getByText('联系人：曹煜中、雷洋，联系电话：010-58884274、58884276').waitFor();
      await page
        .getByRole('heading', { name: '省科技厅关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知' })
        .waitFor();

      const link = page.getByRole('link', { name: /附件2 国家专业化众创空间基础信息表/ });
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/api\/batches\/[^/]+\/documents\/[^/]+$/);
      const res = await fetch(`${BASE_URL}${href}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('wordprocessingml');

      await noSeriousViolations(page);
      await shootBoth(page, 'public-01-notice');
      await resizeViewport(page, PHONE);
      await noSeriousViolations(page);
    } finally {
      await context.close();
    }
  });

  it('checks the USCC as it is typed, shows the password rules and refuses in Chinese', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/notice');
      await page.getByRole('link', { name: '单位注册' }).click();
      await pageHeading(page, '申报单位注册').waitFor();
      await noSeriousViolations(page);

      const uscc = page.getByLabel('统一社会信用代码');
      // A letter the code never uses is refused at once; the count tells how far the user is.
      await uscc.pressSequentially('91320100I');
      await page.getByText('统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）').waitFor();
      await uscc.fill('');
      await uscc.pressSequentially('91320100MA1N2B3C4');
      await page.getByText('（17/18）').waitFor();
      const first17 = '91320100MA1N2B3C4';
      const wrong = usccCheckChar(first17) === '1' ? '2' : '1';
      await uscc.press(wrong);
      await page.getByText('统一社会信用代码校验位不正确，请核对').waitFor();
      // Leaving the field keeps the message (the blur rules used to replace it with nothing).
      await page.getByLabel('单位名称').click();
      // (The blur's validation asks the server whether the code is taken: wait for it to settle.)
      await expect
        .poll(() => page.locator('.ant-form-item-explain-error', { hasText: '校验位不正确' }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      // Submitting with the wrong check digit tells it once, not once per rule.
      await page.getByRole('button', { name: '提交注册' }).click();
      // The submit's validation ends (its USCC rule asks the server) by showing every field's error and
      // focusing the first field in error: wait for it, or on a loaded machine the focus moves away in the
      // middle of the typing below.
      await page.locator('.ant-form-item-explain-error', { hasText: '请填写单位名称' }).waitFor();
      await expect
        .poll(() => page.locator('.ant-form-item-explain-error', { hasText: '校验位不正确' }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      await uscc.fill(first17 + usccCheckChar(first17)!);
      await page.getByText('校验通过').waitFor();
      // Lower-case letters are shown as the capitals they are stored as.
      // (Entered in one input event: keystroke by keystroke, a fresh-clone CI run saw the focus leave the
      // field after the first character, as the submit's late validation focused the first field in error.)
      await uscc.fill('91320100ma1n2b3c4');
      await expect.poll(() => uscc.inputValue()).toBe('91320100MA1N2B3C4');
      await uscc.focus();
      await uscc.press(usccCheckChar(first17)!);
      await page.getByText('校验通过').waitFor();

      const password = page.getByLabel('密码', { exact: true });
      await password.fill('abc');
      await page.getByText('（已包含 1 类）').waitFor();
      await password.fill('Abc@2020x');
      await page.getByText('（已包含 4 类）').waitFor();
      expect(await page.locator('#password-rules').getByText('（已满足）').count()).toBe(2);

      await page.getByRole('button', { name: '提交注册' }).click();
      const error = (text: string) => page.locator('.ant-form-item-explain-error', { hasText: text });
      await error('请填写单位名称').waitFor();
      await error('请填写法定代表人').waitFor();
      await error('请上传营业执照').waitFor();
      // A file that is not a PDF, JPG or PNG is refused by the server with its Chinese message.
      await page.locator('input[type="file"]').setInputFiles({
        name: '营业执照.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('这不是 PDF 文件'),
      });
      await page.getByText(/营业执照上传失败：不支持的文件类型：只能上传 PDF、JPG、PNG 文件/).waitFor();
      await error('请选择所在设区市').waitFor();
      await error('请再次输入密码').waitFor();
      await page.getByLabel('联系人手机').fill('1234');
      await page.getByLabel('电子邮箱').focus();
      await error('手机号码应为 11 位数字，以 1 开头').waitFor();
      await noSeriousViolations(page);
      await shootBoth(page, 'public-02-register-errors');
    } finally {
      await context.close();
    }
  });

  it('refuses a USCC that is already registered, beside the field', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/register');
      await page.getByLabel('单位名称（运营主体全称）').fill('南京紫金智造科技发展有限公司');
      // The demo unit in 南京 holds the example's USCC.
      await page.getByLabel('统一社会信用代码').fill('91320100MA1N2B3C40');
      await page.getByLabel('所在设区市').click();
      await page.keyboard.type('南京');
      await page.keyboard.press('Enter');
      await page.getByLabel('法定代表人').fill('王五');
      await page.getByLabel('注册地址（通讯地址）').fill('南京市玄武区玄武大道 699 号');
      await page.locator('input[type="file"]').setInputFiles({
        name: '营业执照.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
      });
      await page.getByText('已上传：营业执照.pdf').waitFor();
      await page.getByLabel('联系人姓名').fill('王五');
      await page.getByLabel('联系人手机').fill('13912345678');
      await page.getByLabel('电子邮箱').fill('wangwu@example.com');
      await page.getByLabel('登录名').fill(`dup${Date.now() % 100_000}`);
      await page.getByLabel('密码', { exact: true }).fill('Dup@2020js');
      await page.getByLabel('确认密码').fill('Dup@2020js');
      await page.getByRole('button', { name: '提交注册' }).click();
      await page.locator('.ant-form-item-explain-error', { hasText: '该统一社会信用代码已注册或正在审核中' }).waitFor();
      await page.getByRole('alert').filter({ hasText: '注册未成功' }).waitFor();
      // The refused code is not also shown as 校验通过, and stays refused when the field is left.
      expect(await page.getByText('校验通过').count()).toBe(0);
      await page.getByLabel('统一社会信用代码').focus();
      await page.getByLabel('联系人姓名').focus();
      expect(
        await page.locator('.ant-form-item-explain-error', { hasText: '该统一社会信用代码已注册或正在审核中' }).count(),
      ).toBe(1);
      await shootBoth(page, 'public-03-register-taken');
    } finally {
      await context.close();
    }
  });

  it('links the list of filed spaces from the login page and the public header; an empty list shows no pages', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: '已备案的众创空间' }).click();
      await pageHeading(page, '国家专业化众创空间备案示范名单').waitFor();
      await page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name: '通知公告' }).click();
      await pageHeading(page, '第四批国家专业化众创空间备案示范').waitFor();
      await page.getByRole('navigation', { name: '导航菜单' }).getByRole('link', { name: '备案名单' }).click();
      await pageHeading(page, '国家专业化众创空间备案示范名单').waitFor();
      // On a phone, a search that finds nothing shows the empty state and no "1 / 0" pager.
      await resizeViewport(page, PHONE);
      await page.getByRole('searchbox', { name: '名称或运营主体' }).fill('不存在的空间名称XYZ');
      await page.keyboard.press('Enter');
      await page.getByText('暂无已备案的专业化众创空间').waitFor();
      expect(await page.locator('.ant-pagination').count()).toBe(0);
      await noSeriousViolations(page);
      await screenshot(page, 'public-03-filed-empty-375');
      // The search is in the URL: a reload (or a shared link) shows the same empty list, still without pages.
      await page.waitForURL((u) => u.searchParams.get('q') === '不存在的空间名称XYZ');
      await page.reload();
      await page.getByText('暂无已备案的专业化众创空间').waitFor();
      expect(await page.getByRole('searchbox', { name: '名称或运营主体' }).inputValue()).toBe('不存在的空间名称XYZ');
      expect(await page.locator('.ant-pagination').count()).toBe(0);
      // On a desktop, the page size and the sort join it in the URL, and a reload keeps them all.
      await resizeViewport(page, DESKTOP);
      await page.goto('/public/filed?pageSize=50&sort=spaceName&order=desc');
      await pageHeading(page, '国家专业化众创空间备案示范名单').waitFor();
      expect(await page.getByRole('columnheader', { name: '众创空间名称' }).getAttribute('aria-sort')).toBe(
        'descending',
      );
      await page.getByRole('searchbox', { name: '名称或运营主体' }).fill('不存在的空间名称XYZ');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('q') === '不存在的空间名称XYZ');
      await page.reload();
      await page.getByText('暂无已备案的专业化众创空间').waitFor();
      const url = new URL(page.url());
      expect([url.searchParams.get('pageSize'), url.searchParams.get('sort'), url.searchParams.get('order')]).toEqual([
        '50',
        'spaceName',
        'desc',
      ]);
      expect(await page.getByRole('columnheader', { name: '众创空间名称' }).getAttribute('aria-sort')).toBe(
        'descending',
      );
    } finally {
      await context.close();
    }
  });
});
