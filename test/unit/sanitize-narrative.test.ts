import { describe, expect, it } from 'vitest';
import { sanitizeNarrative, sanitizeRichText } from '../../src/server/commands/applications/sanitizeNarrative.js';
import { canonicalJson } from '../../src/server/commands/applications/canonicalJson.js';

describe('narrative sanitising', () => {
  it('keeps the outline formatting', () => {
    const html =
      '<h2>一、介绍</h2><p><strong>粗</strong><em>斜</em><u>下划线</u><s>删除</s><br /></p><ul><li>一</li></ul><ol><li>二</li></ol>' +
      '<blockquote>引用</blockquote><table><thead><tr><th rowspan="2">表头</th></tr></thead><tbody><tr><td colspan="3">格</td></tr></tbody></table>';
    expect(sanitizeRichText(html)).toBe(html);
  });

  it("drops scripts, handlers, styles, classes and Word's clutter", () => {
    const word =
      '<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->' +
      '<p class="MsoNormal" style="mso-pagination:none;font-family:宋体"><span lang="EN-US" style="font-size:12pt">正文<o:p></o:p></span></p>' +
      '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>';
    expect(sanitizeRichText(word)).toBe('<p>正文</p>');
    expect(
      sanitizeRichText('<p onclick="steal()" onmouseover="x">a<script>alert(1)</script><style>p{}</style></p>'),
    ).toBe('<p>a</p>');
    expect(
      sanitizeRichText('<b>b</b><i>i</i><div>d</div><a href="javascript:x">链接</a><iframe src="x"></iframe>'),
    ).toBe('<strong>b</strong><em>i</em><p>d</p>链接');
  });

  describe("images: only the application's own uploaded images (issue 11 item 4)", () => {
    const app = 'app-1';
    const own = '0b8e8c1e-1111-4222-8333-944444444444';
    const foreign = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const scope = { applicationId: app, imageFileIds: new Set([own]) };
    const stored = (alt = '') =>
      `<img data-file-id="${own}" src="/api/applications/${app}/files/${own}" alt="${alt}" />`;

    it('keeps an own image, named by its address or its id, with the src derived from the id', () => {
      expect(
        sanitizeRichText(`<p>x<img src="/api/applications/${app}/files/${own}" alt="图" onerror="x"></p>`, scope),
      ).toBe(`<p>x${stored('图')}</p>`);
      expect(
        sanitizeRichText(`<img data-file-id="${own.toUpperCase()}" src="/api/exports/applications.xlsx">`, scope),
      ).toBe(stored());
      expect(sanitizeRichText(`<img data-file-id="${own}" width="300" height="99999">`, scope)).toBe(
        stored().replace(' />', ' width="300" height="2000" />'),
      );
    });

    it('drops every other image: attack URLs, data:, other sites, other applications, non-images', () => {
      for (const src of [
        '/api/exports/applications.xlsx',
        '/%2F%2Fevil.example/x.png',
        '//evil.example/x.png',
        'https://evil.example/x.png',
        'http://evil.example/x.png',
        'javascript:alert(1)',
        'data:image/png;base64,iVBORw0KGgo=',
        'data:image/svg+xml;base64,PHN2Zz4=',
        `/api/applications/other-app/files/${own}`,
        `/api/applications/${app}/files/${foreign}`,
        `/api/applications/${app}/files/${own}/../../../exports/applications.xlsx`,
        `/api/applications/${app}/files/${own}?disposition=attachment&x=1`,
      ])
        expect(sanitizeRichText(`<p>x<img src="${src}"></p>`, scope), src).toBe('<p>x</p>');
      // A foreign application's file id, even when named directly.
      expect(sanitizeRichText(`<p>x<img data-file-id="${foreign}"></p>`, scope)).toBe('<p>x</p>');
      expect(sanitizeRichText(`<p>x<img data-file-id="../x"></p>`, scope)).toBe('<p>x</p>');
      // Without the application's images (the default) nothing survives.
      expect(sanitizeRichText(`<p>x${stored()}</p>`)).toBe('<p>x</p>');
    });

    it('sanitises the success cases with the same scope', () => {
      const out = sanitizeNarrative(
        {
          hostOverview: `<p>甲<img src="/api/applications/${app}/files/${own}"></p>`,
          successCases: [
            { title: 't', subject: 's', body: `<p>乙<img src="/api/applications/${app}/files/${foreign}"></p>` },
          ],
        },
        scope,
      );
      expect(out).toEqual({
        hostOverview: `<p>甲${stored()}</p>`,
        successCases: [{ title: 't', subject: 's', body: '<p>乙</p>' }],
      });
    });
  });

  it('sanitises every rich-text field of a narrative and leaves the rest', () => {
    const out = sanitizeNarrative({
      hostOverview: '<p style="color:red">甲</p>',
      successCases: [{ title: '<b>标题</b>', subject: '主体', body: '<p onclick="x">案例</p>' }, null],
      unknown: 1,
    });
    expect(out).toEqual({
      hostOverview: '<p>甲</p>',
      successCases: [{ title: '<b>标题</b>', subject: '主体', body: '<p>案例</p>' }, null],
      unknown: 1,
    });
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"x":2,"z":1}]},"b":1}',
    );
  });
});
