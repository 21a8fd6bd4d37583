/**
 * Helpers for the applicant's browser journeys: filling each step the way a user does (typing into
 * labelled fields, ticking boxes), waiting for the autosave, tiny valid uploads, and screenshots at
 * both widths.
 */
import type { Page } from 'playwright-core';
import type { ApplicationContent } from '../src/domain/application.js';
import { cloneExampleContent } from '../src/domain/example-content.js';
import { ApiSession, makeUscc, registerUnit, registrationExtras } from './review-support.js';
import { BASE_URL, DESKTOP, PHONE, resizeViewport, screenshot } from './helpers/browser.js';

/** A one-page PDF: enough for a check by content. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Screenshots at 1280 px and at 375 px; the page is left at 1280 px. */
export async function shootBoth(page: Page, name: string): Promise<void> {
  // From the top, so sticky bars sit where a user first sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `${name}-1280`);
  await resizeViewport(page, PHONE);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `${name}-375`);
  await resizeViewport(page, DESKTOP);
}

const status = (page: Page) => page.locator('.save-status-text');

/** The version the page last saved (the autosave status carries it). */
export async function savedVersion(page: Page): Promise<number> {
  return Number(await status(page).getAttribute('data-version'));
}

/** Waits until the autosave reports "已保存 HH:mm:ss" for a version newer than `after`. */
export async function waitSaved(page: Page, after: number): Promise<number> {
  await page
    .waitForFunction(
      (v) => {
        const el = document.querySelector('.save-status-text');
        return (
          el?.getAttribute('data-state') === 'saved' &&
          Number(el.getAttribute('data-version')) > v &&
          /已保存 \d\d:\d\d:\d\d/.test(el.textContent ?? '')
        );
      },
      after,
      { timeout: 20_000 },
    )
    .catch(async (e: unknown) => {
      const el = status(page);
      const state = `${await el.getAttribute('data-state')} v${await el.getAttribute('data-version')}: ${await el.textContent()}`;
      await screenshot(page, 'failed-wait-saved');
      throw new Error(`autosave did not report a save after version ${after} (now ${state})`, { cause: e });
    });
  return savedVersion(page);
}

export const stepButton = (page: Page, title: string) =>
  page.getByRole('navigation', { name: '填写步骤' }).getByText(title, { exact: true });

async function yesNo(page: Page, label: string, v: { answer: string; name?: string }, nameLabel: string) {
  await page
    .getByRole('radiogroup', { name: label })
    .getByLabel(v.answer === 'yes' ? '是' : '否')
    .check();
  if (v.answer === 'yes') await page.getByLabel(nameLabel, { exact: true }).fill(v.name!);
}

/** 基础信息表 typed field by field, as printed (operator name and USCC come prefilled from the registration). */
export async function fillBasicInfo(page: Page, b: ApplicationContent['basicInfo']): Promise<void> {
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await field('众创空间名称').fill(b.spaceName);
  await field('成立时间').fill(b.establishedOn);
  await field('成立时间').press('Enter');
  await page.getByRole('radiogroup', { name: '运营主体性质' }).getByLabel('2、企业').check();
  await page.getByRole('radiogroup', { name: '企业性质（国有或民营）' }).getByLabel('民营').check();
  await field('法人代表').fill(b.legalRepresentative.name);
  await field('法人代表联系电话').fill(b.legalRepresentative.phone);
  await field('负责人').fill(b.head.name);
  await field('负责人联系手机').fill(b.head.mobile);
  await field('联系人').fill(b.contact.name);
  await field('联系人联系手机').fill(b.contact.mobile);
  await field('单位地址').fill(b.address);
  await field('电子邮箱（Email）').fill(b.email);
  await yesNo(page, '是否依托或由龙头骨干企业建立', b.backing.leadingEnterprise, '龙头骨干企业详细名称');
  await yesNo(page, '是否依托或由高校建立', b.backing.university, '高校详细名称');
  await yesNo(page, '是否依托或由科研院所建立', b.backing.researchInstitute, '科研院所详细名称');
  await yesNo(page, '是否依托或由新型研发机构建立', b.backing.newRdInstitution, '新型研发机构详细名称');
  for (const f of b.mainFields) {
    await field('主要专业方向').fill(f);
    await field('主要专业方向').press('Enter');
  }
  await field('管理团队人员总数').fill(String(b.managementTeamSize));
  await field('其中大专以上人数').fill(String(b.collegeEducatedCount));
  await field('创业导师数').fill(String(b.mentorCount));
  await field('自主支配场地建筑面积（平方米）').fill(String(b.selfControlledArea));
  await field('公共办公与服务场地面积（平方米）').fill(String(b.publicServiceArea));
  await field('天使投资（种子）基金（资金）规模（万元）').fill(String(b.angelFundSize));
  await field('入驻项目数').fill(String(b.residentProjectCount));
  await field('入驻企业数').fill(String(b.residentCompanyCount));
  await field('举办创新创业活动次数').fill(String(b.eventCount));
  await yesNo(page, '是否建有线上服务平台', b.onlinePlatform, '线上服务平台详细名称');
  await yesNo(page, '是否建有公共技术服务平台', b.publicTechPlatform, '公共技术服务平台详细名称');
  await field('入驻标准').check();
  await field('退出条件').check();
  await field('在孵项目或企业数据库').check();
  await field('其他').check();
  await field('其他管理制度').fill(b.managementSystemsOther!);
  await field('其他管理制度').blur();
}

/** The paragraphs of a narrative HTML string as plain text. */
export const paragraphs = (html: string): string[] =>
  html
    .split(/<\/p>/)
    .map((p) => p.replace(/<[^>]+>/g, '').trim())
    .filter(Boolean);

/** Types paragraphs into a rich-text editor (Enter between them). */
export async function typeRich(page: Page, name: string, html: string): Promise<void> {
  const box = page.getByRole('textbox', { name, exact: true });
  await box.click();
  const paras = paragraphs(html);
  for (const [i, p] of paras.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.insertText(p);
  }
}

/** Pastes HTML into a rich-text editor as the clipboard would (text/html and text/plain). */
export async function pasteHtml(page: Page, name: string, html: string): Promise<void> {
  const box = page.getByRole('textbox', { name, exact: true });
  await box.click();
  await page.keyboard.press('Control+End');
  await box.evaluate((el, h) => {
    const data = new DataTransfer();
    data.setData('text/html', h);
    data.setData('text/plain', h.replace(/<[^>]+>/g, ''));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

/** 申报书: every section and three cases typed in. */
export async function fillNarrative(page: Page, n: ApplicationContent['narrative']): Promise<void> {
  await typeRich(page, '1. 建设主体基本情况', n.hostOverview);
  await typeRich(page, '2. 专业化众创空间现状', n.currentStatus);
  await typeRich(page, '1. 总体成效', n.overallResults);
  for (const [i, c] of n.successCases.entries()) {
    const card = page.locator('.case-card').nth(i);
    await card.getByLabel('案例标题').fill(c.title);
    await card.getByLabel('案例主体').fill(c.subject);
    await typeRich(page, `案例 ${i + 1} 案例内容`, c.body);
  }
  await typeRich(page, '三、发展目标和重点任务', n.goalsAndTasks);
  await typeRich(page, '四、组织与保障', n.organizationAndSupport);
}

/** The city reviewer sends the application back with a comment (acknowledging the integrity rules first). */
export async function returnByCity(reviewer: string, applicationId: string, comment: string): Promise<void> {
  const s = await ApiSession.login(reviewer);
  const app = await s.get<{ batchId: string }>(`/api/applications/${applicationId}`);
  const cfg = await s.get<{ config: { integrity: { version: number } } }>(`/api/batches/${app.batchId}/review-config`);
  await s.post(`/api/batches/${app.batchId}/acknowledgements`, { textVersion: cfg.config.integrity.version });
  await s.post(`/api/applications/${applicationId}/actions/return`, { comment });
}

let counter = (Date.now() % 1_000_000) + 500_000;

/** A new unit in 南京 (registered and approved over the API) with a draft filled from the example. */
export async function draftApplication(): Promise<{ id: string; username: string; password: string }> {
  counter += 1;
  const username = `tabs${counter}`;
  const password = 'Tabs@2020js';
  const uscc = makeUscc('320100', counter);
  const unitName = `南京多窗口测试${counter}科技有限公司`;
  const reg = await fetch(`${BASE_URL}/api/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      unitName,
      uscc,
      cityOrgId: 'city-320100',
      contactName: '测试联系人',
      mobile: '13800138000',
      email: `${username}@example.com`,
      username,
      password,
      ...(await registrationExtras()),
    }),
  });
  if (!reg.ok) throw new Error(`registration: ${reg.status} ${await reg.text()}`);
  const { registration } = (await reg.json()) as { registration: { id: string } };
  const reviewer = await ApiSession.login('nj-reviewer');
  await reviewer.post(`/api/registrations/${registration.id}/actions/approve`, {});
  const applicant = await ApiSession.login(username, password);
  const batches = await applicant.get<{ items: { id: string }[] }>('/api/batches?status=open');
  const created = await applicant.post<{ id: string; version: number }>('/api/applications', {
    batchId: batches.items[0]!.id,
  });
  const content = cloneExampleContent();
  content.basicInfo.operatorUscc = uscc;
  content.basicInfo.operatorName = unitName;
  content.basicInfo.spaceName = `南京多窗口${counter}集成电路专业化众创空间`;
  await applicant.patch(`/api/applications/${created.id}`, { version: created.version, ...content });
  return { id: created.id, username, password };
}

/**
 * The applicant journey's content and unit: the example with a space name of its own, so that the
 * reviewers' journeys never mistake this application for theirs, and a USCC and login of its own.
 */
export function journeyApplicant(seed = Date.now() % 10_000_000) {
  const ex = cloneExampleContent();
  ex.basicInfo.spaceName = '南京芯跃集成电路专业化众创空间';
  const unit = {
    name: ex.basicInfo.operatorName,
    uscc: makeUscc('320100', seed),
    username: `xinchuang${seed}`,
    password: 'Xinchuang@2020',
  };
  return { ex, unit };
}

/** Registers the unit through the API and has the Nanjing reviewer approve it, as the city does. */
export async function approvedUnit(unit: ReturnType<typeof journeyApplicant>['unit']): Promise<void> {
  const registration = await registerUnit({ city: 'city-320100', unitName: unit.name, ...unit });
  const reviewer = await ApiSession.login('nj-reviewer');
  await reviewer.post(`/api/registrations/${registration.id}/actions/approve`, {});
}
