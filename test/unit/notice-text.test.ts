import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticeContacts, parseNotice } from '../../src/web/pages/public/noticeText.js';

/** The demo batch's notice: 苏科高发〔2020〕174号 as extracted from the published PDF. */
const NOTICE = path.resolve(import.meta.dirname, '../../src/server/db/seed/assets/notice-2020-174.txt');

describe('notice text', () => {
  const text = fs.readFileSync(NOTICE, 'utf8');
  const blocks = parseNotice(text);

  it('lays out the document head: issuer, number and the title without the extraction’s spaces', () => {
    expect(blocks[0]).toEqual({ kind: 'issuer', text: '江苏省科学技术厅文件' });
    expect(blocks[1]).toEqual({ kind: 'docNo', text: '苏科高发〔2020〕174号' });
    expect(blocks[2]).toEqual({
      kind: 'title',
      text: '省科技厅关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知',
    });
  });

  it('joins a sentence split by the extraction and keeps **bold**', () => {
    const para = blocks.find(
      (b) => b.kind === 'para' && b.lines[0]!.some((x) => x.text.includes('基础信息表》（见附件2）')),
    );
    expect(para).toBeDefined();
    expect(para!.kind === 'para' && para!.lines[0]!.some((x) => x.bold && x.text === 'XXX')).toBe(true);
  });

  it('reads attachment tables with printed check boxes, attachment titles and the pledge items', () => {
    const table = blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows[0]![0]!.text).toBe('众创空间名称');
    expect(JSON.stringify(table)).toContain('☐ 1、事业单位');
    const at = blocks.findIndex((b) => b.kind === 'attachment' && b.text === '附件 2');
    expect(blocks[at + 1]).toEqual({ kind: 'title', text: '专业化众创空间基础信息表' });
    expect(blocks.some((b) => b.kind === 'list' && b.items[0]![0]!.text === '1、取消推荐资格；')).toBe(true);
  });

  it('sets 附件2 on one grid: every row spans it, labels in the label column, empty tail pairs widen the value', () => {
    const table = blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.form).toBe(true);
    for (const row of table.rows) {
      expect(row.reduce((n, c) => n + c.span, 0)).toBe(table.columns);
      expect(row[0]!.label).toBe(true);
    }
    const row = (label: string) => table.rows.find((r) => r[0]!.text === label)!;
    // Three pairs: 创业导师数 is a label, not the value of 其中大专以上人数.
    expect(row('管理团队人员总数').map((c) => c.label)).toEqual([true, false, true, false, true, false]);
    expect(row('管理团队人员总数')[4]!.text).toBe('创业导师数');
    // One pair: the value spans the rest of the row.
    expect(row('运营主体名称')).toHaveLength(2);
    expect(row('运营主体名称')[1]).toMatchObject({ text: '(盖章)', span: table.columns - 2 });
    expect(row('众创空间名称')).toHaveLength(4);
  });

  it('keeps a table that is not a label/value form one cell per column', () => {
    const [b] = parseNotice('序号\t名称\t地址\n1\t甲\n');
    expect(b).toMatchObject({ kind: 'table', form: false, columns: 3 });
    expect(b!.kind === 'table' && b!.rows[1]!.map((c) => c.text)).toEqual(['1', '甲', '']);
  });

  it('finds the contacts with the office they continue', () => {
    const [first] = noticeContacts(text);
    expect(first!.issuer).toBe('江苏省科学技术厅');
    expect(first!.lines.slice(0, 3)).toEqual([
      '联系人：省科技厅高新技术处 张迪 025-83379768',
      '省高新技术创业服务中心 康亚飞 025-83232116',
      '邮箱：jscxcybgs@163.com',
    ]);
  });
});
