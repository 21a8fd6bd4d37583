import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousA11yViolations } from './helpers/axe.js';
import { launchBrowser, login, openPage, pageHeading, PHONE, screenshot, sidewaysOverflow } from './helpers/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Row = { id: string; name: string; parentId: string | null; parentName: string | null; childCount: number };

/** The first column (名称) of the table's rows. */
const names = async (page: Page) =>
  (await page.locator('.ant-table-row td:first-child').allInnerTexts()).map((t) => t.trim());

async function axeClean(page: Page): Promise<void> {
  const violations = await seriousA11yViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

// Issue 17: the server-paged organisation list shows the hierarchy again (上级单位, 下级单位, a breadcrumb).
describe('system administrator: the organisations’ hierarchy', () => {
  it('shows each row’s parent and children; following them filters by parent, kept in the URL, with a way back up', async () => {
    const { context, page } = await openPage(browser);
    try {
      await login(page, 'admin');
      await pageHeading(page, '系统管理').waitFor();
      const city = (
        (await (await page.request.get(`/api/orgs/paged?kind=city&q=${encodeURIComponent('南京')}`)).json()) as {
          items: Row[];
        }
      ).items[0]!;
      expect(city.parentName).toBeTruthy();

      await page.goto(`/system/orgs?kind=city&q=${encodeURIComponent('南京')}`);
      const row = page.locator('.ant-table-row').filter({ hasText: city.name });
      // The parent's name is a link to its children (this city and its siblings).
      await row.getByRole('button', { name: city.parentName! }).click();
      await page.waitForURL((u) => u.searchParams.get('parentId') === city.parentId && !u.searchParams.has('kind'));
      const siblings = (await (await page.request.get(`/api/orgs/paged?parentId=${city.parentId}`)).json()) as {
        items: Row[];
        total: number;
      };
      await expect.poll(() => names(page)).toEqual(siblings.items.map((o) => o.name));
      const crumbs = page.getByRole('navigation', { name: '单位层级' });
      await crumbs.getByText(city.parentName!).waitFor();
      await crumbs.getByRole('link', { name: '全部单位' }).waitFor();
      await screenshot(page, 'orgs-hierarchy-1280');
      await axeClean(page);

      // The city's 下级单位 lead one level down; the breadcrumb leads back up; a reload keeps the level.
      await page.getByRole('button', { name: `“${city.name}”的下级单位` }).click();
      await page.waitForURL((u) => u.searchParams.get('parentId') === city.id);
      // The first page of the city's units (other journeys may have registered more than a page of them).
      const units = (await (await page.request.get(`/api/orgs/paged?parentId=${city.id}`)).json()) as {
        items: Row[];
        total: number;
      };
      expect(units.total).toBe(city.childCount);
      await expect.poll(() => names(page)).toEqual(units.items.map((o) => o.name));
      await page.reload();
      await pageHeading(page, '系统管理').waitFor();
      await expect.poll(() => names(page)).toEqual(units.items.map((o) => o.name));
      await crumbs.getByRole('link', { name: city.parentName! }).click();
      await page.waitForURL((u) => u.searchParams.get('parentId') === city.parentId);
      await crumbs.getByRole('link', { name: '全部单位' }).click();
      await page.waitForURL((u) => !u.searchParams.has('parentId'));
      // The address changes first; the breadcrumb goes with the next render.
      await expect.poll(() => crumbs.count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('on a phone each unit is a card with its hierarchy links, and the breadcrumb wraps', async () => {
    const { context, page } = await openPage(browser, PHONE);
    try {
      await login(page, 'admin');
      await pageHeading(page, '系统管理').waitFor();
      // The province of Nanjing (which has cities in the demo data).
      const city = (
        (await (await page.request.get(`/api/orgs/paged?kind=city&q=${encodeURIComponent('南京')}`)).json()) as {
          items: Row[];
        }
      ).items[0]!;
      await page.goto(`/system/orgs?parentId=${city.parentId}`);
      await page.getByRole('navigation', { name: '单位层级' }).getByText(city.parentName!).waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      // 上级单位 and 下级单位 were off screen to the right (issue 17): cards instead.
      const overflow = await sidewaysOverflow(page);
      expect(overflow.document).toBeLessThanOrEqual(0);
      expect(Math.max(0, ...overflow.tables)).toBeLessThanOrEqual(0);
      const card = page.locator('.org-card').filter({ hasText: city.name });
      expect(await card.innerText()).toContain('上级单位');
      const children = card.getByRole('button', { name: new RegExp(`${city.name}`) });
      if (await children.count()) expect((await children.boundingBox())!.height).toBeGreaterThanOrEqual(32);
      await screenshot(page, 'orgs-hierarchy-375');
      await axeClean(page);
    } finally {
      await context.close();
    }
  });
});
