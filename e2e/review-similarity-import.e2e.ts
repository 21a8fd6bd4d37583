/**
 * 查重 of earlier years: earlier 申报书 imported with `npm run similarity:import` (run here on the
 * server's data) are sources of a new application's report; the city reviewer sees the imported
 * source with the unit, city and year of the CSV, and the passage beside it without a link.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runCli } from '../test/helpers/backup.js';
import { buildImportFolder } from '../test/helpers/similarityImport.js';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { launchBrowser, loggedIn, openPage, screenshot } from './helpers/browser.js';
import { submittedApplication, type Submitted } from './review-support.js';

let browser: Browser;
let submitted: Submitted;
let folder: Awaited<ReturnType<typeof buildImportFolder>>;

// Text no other journey has (the demo content is boilerplate to the 查重 once many hold it).
const seed = Date.now() % 100_000;
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('');
// Only the docx shares text with the application below; the other files share none with it or each other.
const texts = {
  docxHost: lines(
    10,
    (i) =>
      `第${seed}号往年导入段落${i}：往年空间围绕高端装备开展特色孵化服务第${i * 11 + (seed % 89)}项，累计孵化${(seed % 700) + i}家。`,
  ),
  docxGoals: lines(4, (i) => `目标${i + 1}为建设共享实验平台并引进投资机构${i + 2}家；`),
  pdf: lines(4, (i) => `生物医药中试基地第${i + 1}期提供检测认证服务${i * 13 + 7}次，`),
  txtResults: lines(4, (i) => `物联网方向创业导师${i + 3}名辅导团队融资${(seed % 500) + i * 17}万元；`),
};

beforeAll(async () => {
  browser = await launchBrowser();
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (run the journeys with npm run test:e2e)');
  folder = await buildImportFolder(texts);
  const run = await runCli('similarity-import', [folder.dir], { DATA_DIR: dataDir, SEED_DEMO: '0' });
  // The folder's CSV has a row naming a missing file and one with a bad year: exit code 1, three imported.
  expect(run.stdout, run.stderr).toContain('导入 3，跳过 0，失败 2');
  submitted = await submittedApplication({
    city: 'city-320100',
    reviewer: 'nj-reviewer',
    spaceName: '南京往年比对高端装备专业化众创空间',
    tweak: (content) => {
      content.narrative.hostOverview = `${content.narrative.hostOverview ?? ''}<p>${texts.docxHost}</p>`;
    },
  });
}, 180_000);
afterAll(async () => {
  folder?.cleanup();
  await browser?.close();
});

it('shows an imported earlier 申报书 as a source, with its year and unit, and the passage without a link', async () => {
  const { context, page } = await openPage(browser);
  try {
    await loggedIn(page, 'nj-reviewer');
    await page.goto(`/city/review/applications/${submitted.id}`);
    await page.getByRole('tab', { name: '查重' }).click();
    await page.getByText('相似片段对照').waitFor({ timeout: 20_000 });
    const row = page.locator('.ant-table-row', { hasText: 'a.docx' });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('南京往年人工智能专业化众创空间');
    const cells = await row.innerText();
    expect(cells).toContain('南京往年示范科技有限公司');
    expect(cells).toContain('往年申报（导入） / 2019');
    // The imported source cannot be opened: no link in its row.
    expect(await row.getByRole('link').count()).toBe(0);
    await page.getByText(`第${seed}号往年导入段落0`).first().waitFor();
    // The passage names its source file (the only imported source here), and offers no link.
    // (Other journeys' applications may share passages with this one and are linked: only the
    // imported file's passages are looked at.)
    const imported = page.locator('.similarity-passage', { hasText: 'a.docx' });
    await imported.first().waitFor();
    expect(await imported.getByRole('link').count()).toBe(0);
    const found = await seriousA11yViolations(page);
    expect(found, describeViolations(found)).toEqual([]);
    await screenshot(page, 'review-similarity-imported');
  } finally {
    await context.close();
  }
});
