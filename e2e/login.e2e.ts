import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import {
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

/** Every demo account and the heading of its landing page. */
const LANDINGS: [username: string, heading: string, org: string][] = [
  ['admin', '系统管理', '江苏省科学技术厅高新技术处'],
  ['secadmin', '账号管理', '江苏省科学技术厅高新技术处'],
  ['auditor', '审计日志', '江苏省科学技术厅高新技术处'],
  ['most', '科技部工作台', '科学技术部成果与区域司'],
  ['js-dept', '省科技厅工作台', '江苏省科学技术厅高新技术处'],
  ['js-center', '省受理中心工作台', '江苏省高新技术创业服务中心'],
  ['nj-reviewer', '市科技局经办工作台', '南京市科学技术局'],
  ['nj-approver', '市科技局审核工作台', '南京市科学技术局'],
  ['sz-reviewer', '市科技局经办工作台', '苏州市科学技术局'],
  ['sz-approver', '市科技局审核工作台', '苏州市科学技术局'],
  ['expert1', '评审专家工作台', '东南大学'],
  ['expert2', '评审专家工作台', '苏州大学'],
  ['nj-applicant', '申报单位工作台', '南京紫金智造科技发展有限公司'],
  ['sz-applicant', '申报单位工作台', '苏州纳米城创业服务有限公司'],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('login', () => {
  it.each(LANDINGS)('%s logs in and lands on 「%s」', async (username, heading, org) => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, username);
      await pageHeading(page, heading).waitFor();
      // The header names the user's organisation.
      await page.locator('header').getByText(org, { exact: true }).first().waitFor();
      await screenshot(page, username);
    } finally {
      await context.close();
    }
  });

  it('shows the server’s Chinese message for a wrong password', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'sz-applicant', 'Wrong@password1');
      await page.getByText('用户名或密码错误').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      // The hint before the lock-out counts down, and an unknown name is answered the same way.
      await page.getByText('还可尝试 4 次').waitFor();
      await login(page, 'nobody-e2e', 'Wrong@password1');
      await page.getByText('还可尝试 4 次').waitFor();
      await login(page, 'nobody-e2e', 'Wrong@password1');
      await page.getByText('还可尝试 3 次').waitFor();
      const found = await seriousA11yViolations(page);
      expect(found, describeViolations(found)).toEqual([]);
      await screenshot(page, 'login-wrong-password');
      await resizeViewport(page, PHONE);
      const onPhone = await seriousA11yViolations(page);
      expect(onPhone, describeViolations(onPhone)).toEqual([]);
      await screenshot(page, 'login-wrong-password-375');
    } finally {
      await context.close();
    }
  });

  it('logging out returns to the login page and ends the session', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'js-dept');
      await pageHeading(page, '省科技厅工作台').waitFor();
      await logout(page);
      await page.getByText('您已安全退出').waitFor();
      // The old session no longer opens a protected page.
      await page.goto('/province');
      await page.getByRole('heading', { name: '用户登录' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  it('answers an unknown path with 404 and another role’s page with 403', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'nj-applicant');
      await pageHeading(page, '申报单位工作台').waitFor();
      await page.goto('/no-such-page');
      await pageHeading(page, '页面不存在').waitFor();
      await page.goto('/audit/log');
      await pageHeading(page, '无权访问').waitFor();
    } finally {
      await context.close();
    }
  });

  it('has no serious accessibility violations on the login page and a landing page', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/login');
      await page.getByRole('heading', { name: '用户登录' }).waitFor();
      const onLogin = await seriousA11yViolations(page);
      expect(onLogin, describeViolations(onLogin)).toEqual([]);

      await login(page, 'nj-reviewer');
      await pageHeading(page, '市科技局经办工作台').waitFor();
      const onLanding = await seriousA11yViolations(page);
      expect(onLanding, describeViolations(onLanding)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works on a 375 px phone: the menu opens in a drawer', async () => {
    const { context, page } = await openPage(browser, PHONE);
    try {
      await page.goto('/login');
      await page.getByRole('heading', { name: '用户登录' }).waitFor();
      await screenshot(page, 'login-375');
      const onLogin = await seriousA11yViolations(page);
      expect(onLogin, describeViolations(onLogin)).toEqual([]);

      await login(page, 'nj-applicant');
      await pageHeading(page, '申报单位工作台').waitFor();
      await screenshot(page, 'nj-applicant-375');
      await page.getByRole('button', { name: '打开导航菜单' }).click();
      await page
        .getByRole('dialog')
        .getByRole('menuitem', { name: /申报单位工作台/ })
        .waitFor();
      await screenshot(page, 'nj-applicant-375-menu', { fullPage: false });
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /用户菜单/ }).click();
      await page.getByRole('menuitem', { name: /退出登录/ }).click();
      await page.getByRole('heading', { name: '用户登录' }).waitFor();
      expect(await page.getByRole('button', { name: buttonName('登录') }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
