import { describe, expect, it } from 'vitest';
import { parseCsv, readManifest } from '../../src/domain/similarity/importManifest.js';
import { headingOf, splitImportedText } from '../../src/domain/similarity/importSections.js';

describe('earlier 申报书 split into the outline’s sections', () => {
  it('recognises the headings of attachment 3 however they are numbered, and not sentences', () => {
    expect(headingOf('1. 建设主体基本情况')).toBe('hostOverview');
    expect(headingOf('（一）建设主体基本情况：')).toBe('hostOverview');
    expect(headingOf('2、专业化众创空间现状')).toBe('currentStatus');
    expect(headingOf('二、取得成效')).toBe('group');
    expect(headingOf('1．总体成效')).toBe('overallResults');
    expect(headingOf('2. 3-5个成功案例')).toBe('successCases');
    expect(headingOf('三、发展目标和重点任务')).toBe('goalsAndTasks');
    expect(headingOf('第四部分 组织与保障')).toBe('organizationAndSupport');
    expect(headingOf('总体成效显著，孵化企业一百余家。')).toBeNull();
    expect(headingOf('本空间的建设主体基本情况如下')).toBeNull();
  });

  it('splits at the headings (a table of contents adds nothing), keeps the text before them as preamble', () => {
    const text = [
      '国家专业化众创空间备案申报书',
      '目录',
      '一、专业化众创空间介绍',
      '1. 建设主体基本情况',
      '三、发展目标和重点任务',
      '一、专业化众创空间介绍',
      '1. 建设主体基本情况',
      '甲公司成立于二〇一五年。',
      '2. 专业化众创空间现状',
      '空间面积五千平方米。',
      '二、取得成效',
      '2. 3-5个成功案例',
      '案例一：某企业。',
      '三、发展目标和重点任务',
      '建成一流平台。',
    ].join('\n');
    expect(splitImportedText(text)).toEqual([
      { key: 'preamble', text: '国家专业化众创空间备案申报书\n目录' },
      { key: 'hostOverview', text: '甲公司成立于二〇一五年。' },
      { key: 'currentStatus', text: '空间面积五千平方米。' },
      { key: 'successCases', text: '案例一：某企业。' },
      { key: 'goalsAndTasks', text: '建成一流平台。' },
    ]);
  });

  it('a text without the outline’s headings is one section', () => {
    expect(splitImportedText('  一段没有标题的文字。\n第二行。 ')).toEqual([
      { key: 'fullText', text: '一段没有标题的文字。\n第二行。' },
    ]);
    expect(splitImportedText(' \n ')).toEqual([]);
  });
});

describe('the CSV of an import', () => {
  it('parses quoted fields, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","he said ""hi"""\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['two\nlines', ''],
    ]);
  });

  it('reads the columns by their Chinese or English names; each bad row is reported, the others kept', () => {
    const csv = [
      'Space Name,FILE,年度,单位名称,USCC,city',
      '甲空间,a.docx,2019年,甲公司,,南京市',
      '乙空间,b.pdf,1999,乙公司,,',
      '丙空间,,2019,丙公司,,',
      ',,,,,',
      '丁空间,d.txt,2019,丁公司,91320100MA1MXXXX00,',
      '戊空间,e.txt,2027,戊公司,,',
    ].join('\n');
    const m = readManifest(csv, 2026);
    if ('error' in m) throw new Error(m.error);
    expect(m.rows).toEqual([
      {
        line: 2,
        file: 'a.docx',
        year: 2019,
        unitName: '甲公司',
        uscc: null,
        spaceName: '甲空间',
        cityName: '南京市',
        provinceName: null,
      },
    ]);
    expect(m.problems.map((p) => [p.line, p.file])).toEqual([
      [3, 'b.pdf'],
      [4, ''],
      [6, 'd.txt'],
      [7, 'e.txt'],
    ]);
    expect(m.problems[0]!.message).toMatch(/年度“1999”无效.*bad year/);
    expect(m.problems[2]!.message).toMatch(/统一社会信用代码无效.*bad USCC/);
  });

  it('refuses a header without the required columns, naming them', () => {
    expect(readManifest('file,year\na.docx,2019\n', 2026)).toEqual({
      error: expect.stringContaining('单位名称、空间名称'),
    });
    expect(readManifest('', 2026)).toEqual({ error: expect.stringContaining('CSV 文件为空') });
  });
});
