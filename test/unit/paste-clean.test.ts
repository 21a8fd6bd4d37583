import { describe, expect, it } from 'vitest';
import { cleanPastedHtml, plainTextToHtml } from '../../src/domain/paste-clean.js';
import { sanitizeRichText } from '../../src/server/commands/applications/sanitizeNarrative.js';

/** What Chromium puts on the clipboard when text is copied from Word (shortened). */
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta charset=utf-8><meta name=ProgId content=Word.Document>
<style><!-- p.MsoNormal {margin:0cm; font-family:宋体} @list l0:level1 {mso-level-text:"%1\\."} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head><body lang=ZH-CN style='tab-interval:21.0pt'>
<!--StartFragment-->
<h1 style='mso-list:l1 level1 lfo2'><![if !supportLists]><span lang=EN-US>一、<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span style='font-family:黑体'>专业化众创空间介绍</span></h1>
<p class=MsoNormal style='text-indent:21.0pt'><span style='font-size:12.0pt;font-family:宋体;color:#333333;mso-bidi-font-family:"Times New Roman"'>空间位于<b>南京市</b>江北新区，<i>面积</i>
6800<u>平方米</u>。<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>入驻标准</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>退出条件</p>
<p class=MsoListParagraph style='mso-list:l2 level1 lfo3'><span style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span>在孵企业数据库</p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
 <tr style='mso-yfti-irow:0'><td width=200 colspan=2 valign=top style='width:150pt;border:solid windowtext 1.0pt'><p class=MsoNormal><b>年度</b></p></td></tr>
 <tr><td rowspan=1><p class=MsoNormal>2019<o:p></o:p></p></td><td><p class=MsoNormal><o:p>&nbsp;</o:p></p></td></tr>
</table>
<p class=MsoNormal><!--[if gte vml 1]><v:shape id="图片_1" style='width:100pt'><v:imagedata src="file:///C:/Users/x/clip_image001.png"/></v:shape><![endif]--><![if !vml]><img width=133 height=80 src="file:///C:/Users/x/clip_image002.png" v:shapes="图片_1"><![endif]>图注</p>
<!--EndFragment-->
</body></html>`;

describe('paste cleaning', () => {
  it("keeps Word's structure and drops its clutter", () => {
    expect(cleanPastedHtml(WORD)).toBe(
      '<h3>一、专业化众创空间介绍</h3>' +
        '<p>空间位于<strong>南京市</strong>江北新区，<em>面积</em> 6800<u>平方米</u>。</p>' +
        '<ol><li>入驻标准</li><li>退出条件</li></ol>' +
        '<ul><li>在孵企业数据库</li></ul>' +
        '<table> <tr><td colspan="2"><p><strong>年度</strong></p></td></tr> <tr><td><p>2019</p></td><td></td></tr> </table>' +
        '<p>图注</p>',
    );
  });

  it('takes mso-list:none for an ordinary paragraph', () => {
    expect(cleanPastedHtml('<p class=MsoNormal style="mso-list:none">正文</p>')).toBe('<p>正文</p>');
  });

  it('maps headings to h3/h4 and b/i/div to the editor vocabulary', () => {
    expect(cleanPastedHtml('<h1>一</h1><h2>二</h2><h3>三</h3><h4>四</h4><h6>六</h6>')).toBe(
      '<h3>一</h3><h3>二</h3><h3>三</h3><h4>四</h4><h4>六</h4>',
    );
    expect(cleanPastedHtml('<div>one<div>two</div></div><blockquote>引</blockquote>')).toBe(
      '<p>one</p><p>two</p><p>引</p>',
    );
  });

  it('reads Google Docs spans and ignores its bold wrapper', () => {
    const docs =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr" style="line-height:1.38">' +
      '<span style="font-size:11pt;font-weight:700;color:#000000">粗体</span><span style="font-style:italic">斜体</span>' +
      '<span style="text-decoration:underline">下划线</span>正文</p></b>';
    expect(cleanPastedHtml(docs)).toBe('<p><strong>粗体</strong><em>斜体</em><u>下划线</u>正文</p>');
  });

  it('drops scripts, handlers, links, classes, styles and foreign images', () => {
    expect(
      cleanPastedHtml(
        '<p class="x" style="color:red" onclick="steal()">a<script>alert(1)</script><a href="javascript:x">链接</a></p>' +
          '<iframe src="https://evil.example"></iframe><img src="https://evil.example/x.png"><img src="x" onerror="alert(1)">',
      ),
    ).toBe('<p>a链接</p>');
  });

  it("keeps only the application's own uploaded images, by file id", () => {
    const app = 'app-1';
    const file = '0b8e8c1e-1111-4222-8333-944444444444';
    const stored = `<img data-file-id="${file}" src="/api/applications/${app}/files/${file}" alt="图&quot;">`;
    expect(
      cleanPastedHtml(
        `<p><img width="10" src="/api/applications/${app}/files/${file}" alt="图&quot;" onerror="x"></p>`,
        {
          applicationId: app,
        },
      ),
    ).toBe(`<p>${stored}</p>`);
    // The browser pastes this site's images with absolute URLs.
    expect(
      cleanPastedHtml(`<img src="https://site.example/api/applications/${app}/files/${file}?disposition=inline">`, {
        origin: 'https://site.example',
        applicationId: app,
      }),
    ).toBe(`<p>${stored.replace('图&quot;', '')}</p>`);
    for (const src of [
      'data:image/png;base64,iVBORw0KGgo=',
      '/api/exports/applications.xlsx',
      '/%2F%2Fevil.example/x.png',
      `/api/applications/other-app/files/${file}`,
      'https://evil.example/x.png',
    ])
      expect(cleanPastedHtml(`<p>x<img src="${src}"></p>`, { applicationId: app })).toBe('<p>x</p>');
    // Without an application nothing can be an upload of it.
    expect(cleanPastedHtml(`<p>x${stored}</p>`)).toBe('<p>x</p>');
  });

  it("drops Word's bullet character in front of list items (issue 17)", () => {
    // Word/WPS bullets written as text: Symbol's ·, Wingdings' §, Courier's o, •, ▪, private-use glyphs.
    for (const bullet of ['·', '•', '▪', '§', 'o', '\uf0b7', '\uf0a7']) {
      const html =
        `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>${bullet}</span>` +
        `<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span>第一项</p>` +
        `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>${bullet}&nbsp;第二项</p>`;
      expect(cleanPastedHtml(html)).toBe('<ul><li>第一项</li><li>第二项</li></ul>');
    }
    expect(cleanPastedHtml('<ul><li>• 甲</li><li>·乙</li><li>o 丙</li></ul>')).toBe(
      '<ul><li>甲</li><li>乙</li><li>丙</li></ul>',
    );
    // Only in front of an item: a bullet inside the text and an item beginning with a word stay.
    expect(cleanPastedHtml('<ul><li>甲 • 乙</li><li>open</li></ul>')).toBe('<ul><li>甲 • 乙</li><li>open</li></ul>');
  });

  it('drops empty paragraphs and formatting, keeps empty table cells and line breaks', () => {
    expect(cleanPastedHtml('<p>&nbsp;</p><p><b> </b></p><p>a<br>b</p><table><tr><td></td></tr></table>')).toBe(
      '<p>a<br>b</p><table><tr><td></td></tr></table>',
    );
  });

  it('escapes a lone < and survives unbalanced or truncated markup', () => {
    expect(cleanPastedHtml('<p>1 < 2</p>')).toBe('<p>1 &lt; 2</p>');
    expect(cleanPastedHtml('<p><b>粗</p>正文</b>')).toBe('<p><strong>粗</strong></p>正文');
    expect(cleanPastedHtml('<ul><li>a<li>b</ul><p>c')).toBe('<ul><li>a</li><li>b</li></ul><p>c</p>');
    expect(cleanPastedHtml('<p title="a>b">x</p><p')).toBe('<p>x</p>');
    expect(cleanPastedHtml('<td>孤立单元格</td><tr>')).toBe('孤立单元格');
  });

  it('gives what the server keeps unchanged', () => {
    const cleaned = cleanPastedHtml(WORD).replace(/> </g, '><');
    expect(sanitizeRichText(cleaned).replace(/ \/>/g, '>')).toBe(cleaned);
  });

  it('turns plain text into paragraphs', () => {
    expect(plainTextToHtml('第一行\r\n\r\n  第二行 <b>\n')).toBe('<p>第一行</p><p>第二行 &lt;b&gt;</p>');
  });
});
