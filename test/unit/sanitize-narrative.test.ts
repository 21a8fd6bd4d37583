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

  it('allows images only as embedded raster data or from this site', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(sanitizeRichText(`<img src="${png}" alt="图" onerror="x">`)).toBe(`<img src="${png}" alt="图" />`);
    expect(sanitizeRichText('<img src="/api/files/x.png">')).toBe('<img src="/api/files/x.png" />');
    for (const src of [
      'https://evil.example/x.png',
      '//evil.example/x.png',
      'javascript:alert(1)',
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html;base64,PGI+',
    ])
      expect(sanitizeRichText(`<p>x<img src="${src}"></p>`)).toBe('<p>x</p>');
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
