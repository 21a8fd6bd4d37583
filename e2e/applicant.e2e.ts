import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { examplePledge } from '../src/domain/example-content.js';
import { noSeriousViolations } from './helpers/axe.js';
import {
  DESKTOP,
  launchBrowser,
  login,
  openPage,
  pageHeading,
  PHONE,
  resizeViewport,
  screenshot,
} from './helpers/browser.js';
import {
  fillBasicInfo,
  fillNarrative,
  pasteHtml,
  returnByCity,
  savedVersion,
  shootBoth,
  stepButton,
  TINY_PDF,
  TINY_PNG,
  waitSaved,
  journeyApplicant,
  approvedUnit,
} from './applicant-support.js';

/**
 * Item 7 of the applicant's issue, from the first form on (registration is applicant-register.e2e.ts):
 * a unit its city approved fills every step by typing, autosave and reload keep everything, uploads
 * (one refused), submits with the pledge, is returned with a comment, fixes and resubmits.
 */
// A seed apart from the registration journey's, which may run at the same moment.
const { ex, unit } = journeyApplicant((Date.now() + 5_000_000) % 10_000_000);
const RETURN_COMMENT = '请在基础信息表中核实举办创新创业活动次数，并补充近一年的活动清单。';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let applicationId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  ({ context, page } = await openPage(browser));
  await approvedUnit(unit);
  await login(page, unit.username, unit.password);
  await pageHeading(page, '申报单位工作台').waitFor();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** A message shown beside a form field (the checklist repeats it, so the form's is picked). */
const fieldError = (p: Page, text: string) => p.locator('.ant-form-item-explain-error', { hasText: text });

describe('the applicant, from registration to resubmission', () => {
  it('starts the application and fills the basic-info form, with errors beside the fields', async () => {
    await page.getByRole('button', { name: /开始申报/ }).click();
    await page.waitForURL(/\/applicant\/applications\//);
    applicationId = page.url().split('/applications/')[1]!.split('?')[0]!;
    await expect.poll(() => page.getByLabel('运营主体统一社会信用代码').inputValue()).toBe(unit.uscc);

    // The name rule and a cross-field rule, shown as the user leaves the field.
    await page.getByLabel('众创空间名称', { exact: true }).fill('集成电路众创空间');
    await page.getByLabel('成立时间').focus();
    await fieldError(page, '众创空间名称应规范为“XXX专业化众创空间”').waitFor();
    await page.getByLabel('管理团队人员总数').fill('5');
    await page.getByLabel('其中大专以上人数').fill('9');
    await page.getByLabel('创业导师数').focus();
    await fieldError(page, '其中大专以上人数不能超过管理团队人员总数').waitFor();
    await shootBoth(page, 'applicant-04-basic-info-errors');

    // The checklist names every missing item and jumps to it.
    const checklist = page.locator('.checklist');
    await checklist.getByRole('button', { name: /建设主体基本情况/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('narrative-hostOverview');
    await stepButton(page, '基础信息表').click();

    const before = await savedVersion(page);
    await fillBasicInfo(page, ex.basicInfo);
    await expect(fieldError(page, '其中大专以上人数不能超过管理团队人员总数').count()).resolves.toBe(0);
    await waitSaved(page, before);
    await noSeriousViolations(page);
    await shootBoth(page, 'applicant-05-basic-info');
  });

  it('writes the 申报书, pasting a table from Word', async () => {
    await stepButton(page, '申报书').click();
    const before = await savedVersion(page);
    await fillNarrative(page, ex.narrative);
    await pasteHtml(
      page,
      '2. 专业化众创空间现状',
      '<p class=MsoNormal style="mso-list:none"><span style="font-family:宋体;color:red">场地分布如下：<o:p></o:p></span></p>' +
        '<table class=MsoTableGrid style="mso-yfti-tbllook:1184"><tr><td style="width:100pt"><p class=MsoNormal>楼层</p></td><td><p>面积</p></td></tr>' +
        '<tr><td>8层</td><td>2600</td></tr></table>',
    );
    const box = page.getByRole('textbox', { name: '2. 专业化众创空间现状', exact: true });
    await box.locator('table').waitFor();
    const html = await box.innerHTML();
    expect(html).toContain('<table');
    expect(html).toContain('场地分布如下：');
    expect(html).not.toMatch(/mso-|Mso|<o:p|<span|宋体|color:\s*red/);

    // A Word bullet list: one marker per item (the list's), not Word's "·" as well (issue 17). Pasted
    // into a section without a table, so that the end of the text is a paragraph, not a table cell.
    const listBox = page.getByRole('textbox', { name: '1. 建设主体基本情况', exact: true });
    // On a new line, as one pastes a list (at the end of a sentence ProseMirror joins the first item to it).
    await listBox.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await pasteHtml(
      page,
      '1. 建设主体基本情况',
      "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>·</span>" +
        '<span style=\'font:7.0pt "Times New Roman"\'>&nbsp;&nbsp; </span>孵化服务</p>' +
        "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>·</span>&nbsp;投融资服务</p>",
    );
    await listBox.locator('ul li', { hasText: '投融资服务' }).waitFor();
    expect(await listBox.locator('ul li').allInnerTexts()).toEqual(['孵化服务', '投融资服务']);

    // Undo takes back the last edit, redo brings it again (ProseMirror's history, not the browser's).
    await box.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('临时一句');
    await box.getByText('临时一句').waitFor();
    await page.keyboard.press('Control+z');
    await box.getByText('临时一句').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Shift+z');
    await box.getByText('临时一句').waitFor();
    await page.keyboard.press('Control+z');
    await box.getByText('临时一句').waitFor({ state: 'detached' });

    // The toolbar: a 2×2 table and a picture from this computer, in 四、组织与保障.
    const section = page.locator('.rte', { has: page.getByRole('textbox', { name: '四、组织与保障', exact: true }) });
    await section.getByRole('textbox').click();
    await page.keyboard.press('Control+End');
    await section.getByRole('button', { name: '插入表格' }).click();
    await page.getByRole('spinbutton', { name: '行数' }).fill('2');
    await page.getByRole('spinbutton', { name: '列数' }).fill('2');
    await page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /插\s*入/ })
      .click();
    await section.locator('table tr').nth(1).waitFor();
    expect(await section.locator('table tr').count()).toBe(2);
    await section
      .locator('input[type="file"]')
      .setInputFiles({ name: '场地.png', mimeType: 'image/png', buffer: TINY_PNG });
    // The picture is uploaded to the application and named by its file id.
    const img = section.locator('img[data-file-id]');
    await img.waitFor();
    const fileId = await img.getAttribute('data-file-id');
    expect(await img.getAttribute('src')).toBe(`/api/applications/${applicationId}/files/${fileId}`);
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
    await waitSaved(page, before);
    // As the server stored it: the schema's vocabulary, the table and the own picture kept.
    const stored = await page.evaluate(async (id) => {
      const res = await fetch(`/api/applications/${id}`);
      return ((await res.json()) as { content: { narrative: Record<string, string> } }).content.narrative;
    }, applicationId);
    expect(stored.currentStatus).toContain('<table>');
    expect(stored.hostOverview).toContain('<ul><li>孵化服务</li><li>投融资服务</li></ul>');
    expect(stored.currentStatus).not.toMatch(/临时一句|colgroup|style=|class=/);
    expect(stored.organizationAndSupport).toContain(`<img data-file-id="${fileId}"`);
    await noSeriousViolations(page);
    await shootBoth(page, 'applicant-06-narrative');
  });

  it('uploads files; a .pdf that is really text is refused in Chinese and not listed', async () => {
    await stepButton(page, '附件').click();
    await page.locator('input[data-kind="business_license"]').setInputFiles({
      name: '营业执照.pdf',
      mimeType: 'application/pdf',
      buffer: TINY_PDF,
    });
    await page.getByText('营业执照.pdf', { exact: true }).waitFor();
    // Required by the demo batch, as by every new one: the stamped attachment 2 and the signed attachment 4.
    for (const [kind, name] of [
      ['stamp_scan', '基础信息表盖章页.pdf'],
      ['pledge_scan', '信用承诺书签字页.pdf'],
    ] as const) {
      await page.locator(`input[data-kind="${kind}"]`).setInputFiles({
        name,
        mimeType: 'application/pdf',
        buffer: Buffer.concat([TINY_PDF, Buffer.from(`% ${kind}\n`)]),
      });
      await page.getByText(name, { exact: true }).waitFor();
    }
    await page.locator('input[data-kind="site_photos"]').setInputFiles({
      name: '场地照片.png',
      mimeType: 'image/png',
      buffer: TINY_PNG,
    });
    await page.getByText('场地照片.png', { exact: true }).waitFor();
    await page.locator('input[data-kind="other"]').setInputFiles({
      name: '伪装文件.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('这其实是一个文本文件，不是 PDF。'),
    });
    const refused = page.getByRole('alert').filter({ hasText: '“伪装文件.pdf”未能上传' });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/[\u4e00-\u9fa5]/);
    expect(await page.getByText('伪装文件.pdf', { exact: true }).count()).toBe(0);

    // A draft's file can be deleted (and uploaded again).
    await page.getByRole('button', { name: '删除：场地照片.png' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByText('附件已删除').waitFor();
    // The toast comes with the server's answer; the list follows once it has been read again.
    await page.getByText('场地照片.png', { exact: true }).waitFor({ state: 'detached' });
    await page.locator('input[data-kind="site_photos"]').setInputFiles({
      name: '场地照片.png',
      mimeType: 'image/png',
      buffer: TINY_PNG,
    });
    await page.getByText('场地照片.png', { exact: true }).waitFor();
    await shootBoth(page, 'applicant-07-files');
  });

  it('states the provincial filing, and a reload keeps everything', async () => {
    await stepButton(page, '省级备案情况').click();
    const before = await savedVersion(page);
    await page.getByLabel('已纳入省级众创空间备案管理').check();
    await page.getByLabel('纳入省级备案年份').fill(String(ex.provincialFiling.year));
    await page.getByLabel('省级备案文号').fill(ex.provincialFiling.documentNo!);
    await page.getByLabel('省级备案文号').blur();
    await waitSaved(page, before);
    await shootBoth(page, 'applicant-08-provincial');

    await page.reload();
    await page.getByLabel('省级备案文号').waitFor();
    expect(await page.getByLabel('省级备案文号').inputValue()).toBe(ex.provincialFiling.documentNo);
    await stepButton(page, '基础信息表').click();
    expect(await page.getByLabel('众创空间名称', { exact: true }).inputValue()).toBe(ex.basicInfo.spaceName);
    expect(await page.getByLabel('其他管理制度').inputValue()).toBe(ex.basicInfo.managementSystemsOther);
    await stepButton(page, '申报书').click();
    await page.getByText(ex.narrative.successCases[2]!.subject).count();
    expect(await page.locator('.case-card').nth(2).getByLabel('案例主体').inputValue()).toBe(
      ex.narrative.successCases[2]!.subject,
    );
    await page.getByRole('textbox', { name: '2. 专业化众创空间现状', exact: true }).locator('table').waitFor();
  });

  it('下一步 lands at the top of the next step; on a phone the checklist opens from any step', async () => {
    await stepButton(page, '基础信息表').click();
    await page.locator('#step-panel-0').waitFor();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.locator('#step-panel-1').waitFor();
    await expect
      .poll(() => page.locator('#step-panel-1').evaluate((el) => Math.round(el.getBoundingClientRect().top)))
      .toBeLessThanOrEqual(24);
    expect(await page.locator('#step-panel-1').evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(
      0,
    );

    await resizeViewport(page, PHONE);
    await page.getByRole('button', { name: /完整性检查（/ }).click();
    const drawer = page.getByRole('dialog', { name: '完整性检查' });
    await drawer.waitFor();
    await screenshot(page, 'applicant-08b-checklist-from-step-2-375');
    const items = drawer.locator('.checklist-item');
    if ((await items.count()) > 0) {
      await items.first().click();
      await drawer.waitFor({ state: 'hidden' });
    } else {
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    }
    await resizeViewport(page, DESKTOP);
  });

  it('signs the pledge and submits; the receipt shows number, time and fingerprint', async () => {
    await stepButton(page, '信用承诺与提交').click();
    await page.getByRole('heading', { name: '申报单位信用承诺书', exact: true }).waitFor();
    await page.getByLabel('签字人姓名（运营主体法人）').fill(examplePledge.signerName);
    await page.getByLabel('本单位已阅读并同意以上信用承诺').check();
    await page.getByText('已全部填写完整，可以提交。').waitFor();
    await noSeriousViolations(page);
    await shootBoth(page, 'applicant-09-pledge');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交申报' }).click();
    await page.getByRole('heading', { name: '提交回执' }).waitFor();
    const receipt = page.locator('.receipt');
    expect(await receipt.locator('.receipt-number').textContent()).toMatch(/\S{6,}/);
    expect(await receipt.locator('.receipt-sha').textContent()).toMatch(/[0-9a-f]{64}/);
    // The 12-character 校验码 of the PDF pages, under that one name (issue 14).
    expect(await receipt.getByTestId('receipt-code').textContent()).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    await page.getByText('已提交待审核').first().waitFor();
    await noSeriousViolations(page);
    await shootBoth(page, 'applicant-10-receipt');

    // The unit prints its paper copies from the PDF of what it submitted (with the verification code).
    const saved = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: /下\s*载$/ }).click();
    await page.getByRole('menuitem', { name: '下载申报材料 PDF' }).click();
    const download = await saved;
    expect(download.suggestedFilename()).toBe(`${ex.basicInfo.spaceName}-申报材料.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // On a slow machine the progress dialog may have opened (after a second); Escape closes it.
    if (await page.locator('.download-modal').count()) {
      await page.keyboard.press('Escape');
      await page.locator('.download-modal').waitFor({ state: 'hidden' });
    }
  });

  it('is returned by the city with a comment, fixes and resubmits', async () => {
    await returnByCity('nj-reviewer', applicationId, RETURN_COMMENT);
    await page.reload();
    await page.getByText('南京市科学技术局退回修改').waitFor();
    await page.getByText(RETURN_COMMENT).first().waitFor();
    await shootBoth(page, 'applicant-11-returned');

    await stepButton(page, '基础信息表').click();
    const before = await savedVersion(page);
    await page.getByLabel('举办创新创业活动次数', { exact: true }).fill('45');
    await page.getByLabel('举办创新创业活动次数', { exact: true }).blur();
    await waitSaved(page, before);

    await stepButton(page, '信用承诺与提交').click();
    await page.getByLabel('签字人姓名（运营主体法人）').fill(examplePledge.signerName);
    await page.getByLabel('本单位已阅读并同意以上信用承诺').check();
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交申报' }).click();
    await page.getByRole('heading', { name: '提交回执' }).waitFor();
    await page.getByText('第 2 次提交').waitFor();
    await page.getByText(RETURN_COMMENT).first().waitFor();
    await shootBoth(page, 'applicant-12-resubmitted');
    expect(await page.getByRole('button', { name: /撤回申报/ }).count()).toBe(1);
  });

  it('withdraws and reopens, as the server allows', async () => {
    await page.getByRole('button', { name: /撤回申报/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.locator('.application-header').getByText('已撤回', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /撤回申报/ }).count()).toBe(0);
    await shootBoth(page, 'applicant-17-withdrawn');
    await page.getByRole('button', { name: /重新编辑/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.locator('.save-status-text').waitFor();
    await page.getByLabel('众创空间名称', { exact: true }).waitFor();
  });
});
