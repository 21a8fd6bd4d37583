import { describe, expect, it } from 'vitest';
import { letterBody, letterParagraphs, noticeCitation } from '../../src/domain/letters.js';

const notice = {
  batchName: '第四批国家专业化众创空间备案示范',
  noticeTitle: '关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知',
  noticeNo: '苏科高发〔2020〕174号',
};

describe('the 推荐函 template (issue 14)', () => {
  it('cites the notice from the batch data: 《title》（文号）', () => {
    expect(noticeCitation(notice)).toBe(
      '《关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知》（苏科高发〔2020〕174号）',
    );
    expect(noticeCitation({ ...notice, noticeTitle: '《另一份通知》', noticeNo: '' })).toBe('《另一份通知》');
    expect(noticeCitation({ ...notice, noticeTitle: '', noticeNo: '' })).toBe(
      '第四批国家专业化众创空间备案示范推荐工作的通知',
    );
  });

  it('the body has no salutation, sender or date: the documents print them once', () => {
    const body = letterBody({
      ...notice,
      level: 'city',
      items: [{ spaceName: '南京芯创集成电路专业化众创空间', unitName: '南京芯创科技服务有限公司' }],
    });
    expect(body).toContain('（苏科高发〔2020〕174号）');
    expect(body).toContain('1. 南京芯创集成电路专业化众创空间（运营主体：南京芯创科技服务有限公司）');
    expect(body.split('\n').every((l) => l.startsWith('\u3000\u3000'))).toBe(true);
    expect(body).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(letterParagraphs(body, { to: '江苏省科学技术厅', from: '南京市科学技术局' })).toHaveLength(4);
  });

  it('strips a typed salutation and trailing signature, date and seal from older letters', () => {
    const typed = '江苏省科学技术厅：\n\u3000\u3000正文一。\n\n南京市科学技术局\n2020年7月30日\n（公章）';
    expect(letterParagraphs(typed, { to: '江苏省科学技术厅', from: '南京市科学技术局' })).toEqual(['正文一。']);
    // A paragraph that merely mentions the addressee stays.
    expect(letterParagraphs('江苏省科学技术厅要求如下：\n正文', { to: '江苏省科学技术厅', from: 'x' })).toEqual([
      '江苏省科学技术厅要求如下：',
      '正文',
    ]);
  });
});
