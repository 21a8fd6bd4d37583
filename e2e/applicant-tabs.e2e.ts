import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, openPage, pageHeading } from './helpers/browser.js';
import { draftApplication, savedVersion, shootBoth, stepButton, waitSaved } from './applicant-support.js';
import { ApiSession, makeUscc, uploadRequiredScans } from './review-support.js';

/**
 * Two tabs on one draft never overwrite each other silently, and what is typed offline is kept in
 * the browser and saved when the connection returns.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('autosave across tabs and connections', () => {
  it('tells the stale tab and offers the newer version', async () => {
    const draft = await draftApplication();
    const { context, page: a } = await openPage(browser);
    try {
      await login(a, draft.username, draft.password);
      await pageHeading(a, '申报单位工作台').waitFor();
      const path = `/applicant/applications/${draft.id}`;
      await a.goto(path);
      const b = await context.newPage();
      await b.goto(path);
      await b.getByLabel('单位地址').waitFor();

      const va = await savedVersion(a);
      await a.getByLabel('众创空间名称', { exact: true }).fill('南京芯创集成电路设计专业化众创空间');
      await waitSaved(a, va);

      await b.getByLabel('单位地址').fill('南京市江北新区研创园星火路15号芯创大厦9层');
      const told = b.getByRole('alert').filter({ hasText: '此申报已在其他窗口或设备上修改' });
      await told.waitFor({ timeout: 20_000 });
      await shootBoth(b, 'applicant-13-conflict');
      await b.getByRole('button', { name: '载入最新版本' }).click();
      await expect
        .poll(() => b.getByLabel('众创空间名称', { exact: true }).inputValue())
        .toBe('南京芯创集成电路设计专业化众创空间');
      expect(await told.count()).toBe(0);

      // Nothing was overwritten: the first tab's change is what the server holds.
      await a.reload();
      await expect
        .poll(() => a.getByLabel('众创空间名称', { exact: true }).inputValue())
        .toBe('南京芯创集成电路设计专业化众创空间');
    } finally {
      await context.close();
    }
  });

  it('keeps what is typed offline in the browser and saves it when the connection returns', async () => {
    const draft = await draftApplication();
    const { context, page } = await openPage(browser);
    try {
      await login(page, draft.username, draft.password);
      await pageHeading(page, '申报单位工作台').waitFor();
      await page.goto(`/applicant/applications/${draft.id}`);
      await page.getByLabel('单位地址').waitFor();
      const before = await savedVersion(page);

      await context.setOffline(true);
      await page.getByLabel('单位地址').fill('南京市江北新区研创园星火路15号芯创大厦10层');
      await page.locator('.save-status-text', { hasText: '网络已断开' }).waitFor({ timeout: 20_000 });
      await page.getByText('修改已暂存在本浏览器中，恢复连接后自动保存到服务器').waitFor();
      const kept = await page.evaluate((id) => window.localStorage.getItem(`makerspace:draft:${id}`), draft.id);
      expect(kept).toContain('芯创大厦10层');
      await shootBoth(page, 'applicant-14-offline');

      await context.setOffline(false);
      await waitSaved(page, before);
      await page.reload();
      await expect
        .poll(() => page.getByLabel('单位地址').inputValue())
        .toBe('南京市江北新区研创园星火路15号芯创大厦10层');
    } finally {
      await context.close();
    }
  });

  it('warns before leaving with changes not yet saved', async () => {
    const draft = await draftApplication();
    const { context, page } = await openPage(browser);
    try {
      await login(page, draft.username, draft.password);
      await pageHeading(page, '申报单位工作台').waitFor();
      await page.goto(`/applicant/applications/${draft.id}`);
      await page.getByLabel('单位地址').waitFor();
      const before = await savedVersion(page);
      await page.getByLabel('单位地址').fill('南京市江北新区研创园星火路15号');
      await page.getByRole('button', { name: '返回工作台' }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '有尚未保存的修改' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '留在本页' }).click();
      expect(page.url()).toContain(`/applications/${draft.id}`);
      await waitSaved(page, before);
      await page.getByRole('button', { name: '返回工作台' }).click();
      await pageHeading(page, '申报单位工作台').waitFor();
    } finally {
      await context.close();
    }
  });

  it('puts the server’s refusal of a submission beside the field and in the checklist', async () => {
    const draft = await draftApplication();
    // The required scans are there: only the server's own check (the USCC) stands in the way.
    await uploadRequiredScans(await ApiSession.login(draft.username, draft.password), draft.id);
    const { context, page } = await openPage(browser);
    try {
      await login(page, draft.username, draft.password);
      await pageHeading(page, '申报单位工作台').waitFor();
      await page.goto(`/applicant/applications/${draft.id}`);
      const uscc = page.getByLabel('运营主体统一社会信用代码');
      await uscc.waitFor();
      // A well-formed code of another unit: only the server knows it is not this unit's.
      const before = await savedVersion(page);
      await uscc.fill(makeUscc('320100', 4242));
      await uscc.blur();
      await waitSaved(page, before);

      await stepButton(page, '信用承诺与提交').click();
      await page.getByLabel('签字人姓名（运营主体法人）').fill('王建国');
      await page.getByLabel('本单位已阅读并同意以上信用承诺').check();
      await page.getByRole('button', { name: '提交申报' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '提交申报' }).click();
      await page.locator('.checklist').getByText('运营主体统一社会信用代码应与注册单位一致').waitFor();
      await page
        .locator('.ant-form-item-explain-error', { hasText: '运营主体统一社会信用代码应与注册单位一致' })
        .waitFor();
      expect(await uscc.isVisible()).toBe(true);
      await shootBoth(page, 'applicant-15-refused-submission');
    } finally {
      await context.close();
    }
  });

  it('takes back changes kept in a closed tab, asking first when the server has moved on', async () => {
    const draft = await draftApplication();
    const { context, page } = await openPage(browser);
    try {
      await login(page, draft.username, draft.password);
      await pageHeading(page, '申报单位工作台').waitFor();
      const path = `/applicant/applications/${draft.id}`;
      await page.goto(path);
      await page.getByLabel('单位地址').waitFor();
      await context.setOffline(true);
      await page.getByLabel('单位地址').fill('南京市江北新区研创园星火路15号芯创大厦11层');
      await page.locator('.save-status-text', { hasText: '网络已断开' }).waitFor({ timeout: 20_000 });
      // Closing the tab asks first (unsaved changes); the user leaves anyway.
      const asked = new Promise<string>((resolve) =>
        page.once('dialog', (d) => {
          resolve(d.type());
          void d.accept();
        }),
      );
      await page.close({ runBeforeUnload: true });
      expect(await asked).toBe('beforeunload');
      await page.waitForEvent('close');
      await context.setOffline(false);

      // Meanwhile the application changed on the server (another device).
      const other = await ApiSession.login(draft.username, draft.password);
      const current = await other.get<{ version: number }>(`/api/applications/${draft.id}`);
      await other.patch(`/api/applications/${draft.id}`, {
        version: current.version,
        provincialFiling: { status: 'planned' },
      });

      const again = await context.newPage();
      await again.goto(path);
      await again.getByText('服务器上的申报之后已被更新').waitFor();
      await shootBoth(again, 'applicant-16-kept-in-browser');
      const before = await savedVersion(again);
      await again.getByRole('button', { name: '恢复本浏览器中的修改' }).click();
      await waitSaved(again, before);
      expect(await again.getByLabel('单位地址').inputValue()).toBe('南京市江北新区研创园星火路15号芯创大厦11层');
      // The other section changed elsewhere is kept: only what this browser changed replaced it.
      await stepButton(again, '省级备案情况').click();
      expect(await again.getByLabel('拟推荐申请省级众创空间备案').isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
