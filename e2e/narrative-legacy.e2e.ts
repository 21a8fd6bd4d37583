import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, openPage, pageHeading } from './helpers/browser.js';
import { draftApplication, stepButton, TINY_PNG, waitSaved } from './applicant-support.js';

/**
 * A draft written with the old editor keeps its pictures: they were inline data: URLs, which the
 * server no longer keeps; opening the draft in the Tiptap editor uploads them to the application and
 * names them by file id, and the autosave stores that.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('narrative pictures of older drafts', () => {
  it('uploads a data: picture of an older draft when it is opened, and saves it by file id', async () => {
    const draft = await draftApplication();
    const { context, page } = await openPage(browser);
    try {
      await login(page, draft.username, draft.password);
      await pageHeading(page, '申报单位工作台').waitFor();
      // The browser's copy of changes made with the old editor (the server would drop a data: image).
      const legacy = `<p>场地平面图：</p><p><img src="data:image/png;base64,${TINY_PNG.toString('base64')}" alt="平面图"></p>`;
      await page.evaluate(
        ({ id, html }) =>
          window.localStorage.setItem(
            `makerspace:draft:${id}`,
            JSON.stringify({
              baseVersion: 2,
              changes: { narrative: { hostOverview: html } },
              at: new Date(Date.now() - 60_000).toISOString(),
              tabId: 'closed',
            }),
          ),
        { id: draft.id, html: legacy },
      );
      await page.goto(`/applicant/applications/${draft.id}`);
      await stepButton(page, '申报书').click();
      const box = page.getByRole('textbox', { name: '1. 建设主体基本情况', exact: true });
      const img = box.locator('img[data-file-id]');
      await img.waitFor();
      const fileId = await img.getAttribute('data-file-id');
      await waitSaved(page, 2);

      const stored = await page.evaluate(async (id) => {
        const res = await fetch(`/api/applications/${id}`);
        return (await res.json()) as {
          content: { narrative: { hostOverview: string } };
          files: { id: string; kind: string; mime: string }[];
        };
      }, draft.id);
      expect(stored.content.narrative.hostOverview).toBe(
        `<p>场地平面图：</p><p><img data-file-id="${fileId}" src="/api/applications/${draft.id}/files/${fileId}" alt="平面图" /></p>`,
      );
      expect(stored.files).toContainEqual(
        expect.objectContaining({ id: fileId, kind: 'narrative_image', mime: 'image/png' }),
      );
    } finally {
      await context.close();
    }
  });
});
