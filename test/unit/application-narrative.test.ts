import { describe, expect, it } from 'vitest';
import { htmlTextLength, narrativeSchema } from '../../src/domain/application.js';
import { cloneExampleContent, exampleContent } from '../../src/domain/example-content.js';
import { expectOnly, expectValid, problems } from '../helpers/content.js';

describe('narrative (attachment 3)', () => {
  const sections = [
    ['hostOverview', '建设主体基本情况'],
    ['currentStatus', '专业化众创空间现状'],
    ['overallResults', '总体成效'],
    ['goalsAndTasks', '发展目标和重点任务'],
    ['organizationAndSupport', '组织与保障'],
  ] as const;

  it.each(sections)('%s needs visible text', (key, title) => {
    for (const html of [undefined, null, '', '   ', '<p></p>', '<p>&nbsp; </p><p><br></p>', '<!-- 草稿 -->']) {
      expectOnly({ [`narrative.${key}`]: html }, `narrative.${key}`, `请填写“${title}”`);
    }
    expectValid({ [`narrative.${key}`]: '<p>有</p>' });
  });

  it.each(sections)('%s is at most 50,000 characters of HTML', (key, title) => {
    const html = `<p>${'字'.repeat(50_000 - 7)}</p>`;
    expect(html).toHaveLength(50_000);
    expectValid({ [`narrative.${key}`]: html });
    expectOnly(
      { [`narrative.${key}`]: `${html} ` + '<p>多</p>' },
      `narrative.${key}`,
      `“${title}”内容过长，不能超过 50,000 个字符（含格式）`,
    );
  });

  it('has 3 to 5 success cases', () => {
    const cases = cloneExampleContent().narrative.successCases;
    const c = cases[0]!;
    expectOnly({ 'narrative.successCases': cases.slice(0, 2) }, 'narrative.successCases', '成功案例应为 3–5 个');
    expectOnly({ 'narrative.successCases': [] }, 'narrative.successCases', '成功案例应为 3–5 个');
    expectOnly({ 'narrative.successCases': undefined }, 'narrative.successCases', '成功案例应为 3–5 个');
    expectValid({ 'narrative.successCases': [...cases, c] });
    expectValid({ 'narrative.successCases': [...cases, c, c] });
    expectOnly({ 'narrative.successCases': [...cases, c, c, c] }, 'narrative.successCases', '成功案例应为 3–5 个');
  });

  it('needs each case’s title, subject and body, pointing at the case', () => {
    expectOnly({ 'narrative.successCases.1.title': '' }, 'narrative.successCases.1.title', '请填写案例标题');
    expectOnly({ 'narrative.successCases.2.subject': ' ' }, 'narrative.successCases.2.subject', '请填写案例主体');
    expectOnly({ 'narrative.successCases.0.body': '<p> </p>' }, 'narrative.successCases.0.body', '请填写案例内容');
    expectOnly(
      { 'narrative.successCases.0.title': '题'.repeat(101) },
      'narrative.successCases.0.title',
      '案例标题不能超过 100 个字',
    );
  });

  it('reports each field of an empty case slot', () => {
    const cases = [...cloneExampleContent().narrative.successCases, undefined];
    expect(problems({ 'narrative.successCases': cases })).toEqual([
      { path: 'narrative.successCases.3.title', message: '请填写案例标题' },
      { path: 'narrative.successCases.3.subject', message: '请填写案例主体' },
      { path: 'narrative.successCases.3.body', message: '请填写案例内容' },
    ]);
  });

  it('narrativeSchema can be used on its own', () => {
    expect(narrativeSchema.safeParse(exampleContent.narrative).success).toBe(true);
    expect(narrativeSchema.safeParse({ ...exampleContent.narrative, overallResults: '' }).error?.issues).toMatchObject([
      { path: ['overallResults'], message: '请填写“总体成效”' },
    ]);
  });
});

describe('htmlTextLength', () => {
  it.each([
    ['', 0],
    ['<p></p>', 0],
    ['<p>abc</p>', 3],
    ['<p>集成电路</p><p>专业化</p>', 7],
    ['<p>a b\tc\n</p>', 3],
    ['<p>a&nbsp;b</p>', 2],
    ['&amp;&lt;&gt;&quot;', 4],
    ['&#20013;&#x6587;', 2],
    ['&copy; 2020', 5],
    ['<p>\u3000\u200b\ufeff</p>', 0],
    ['<!-- 注释 -->正文', 2],
    ['<script>var a = "<p>x</p>";</script>正文', 2],
    ['<STYLE>p { color: red }</STYLE>正文', 2],
    ['<a href="x" title="a > b">链接</a>', 2],
    ["<img alt='>' src=x>图", 1],
    ['a < b', 3],
    ['𠮷野家', 3],
    ['<p>第一段</p><br/><ul><li>一</li><li>二</li></ul>', 5],
  ])('%j has %i visible characters', (html, n) => {
    expect(htmlTextLength(html)).toBe(n);
  });

  it('is linear on hostile input', () => {
    const start = performance.now();
    expect(htmlTextLength('<'.repeat(200_000))).toBe(200_000);
    expect(htmlTextLength('<a '.repeat(100_000))).toBe(0);
    expect(htmlTextLength('<a title="'.repeat(50_000))).toBe(0);
    expect(htmlTextLength('<script>'.repeat(50_000))).toBe(0);
    expect(htmlTextLength('&amp'.repeat(100_000))).toBe(400_000);
    // Quadratic work on these inputs takes minutes; the bound is loose for a loaded machine.
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
