import {
  BASIC_INFO_FORM_HEADING,
  provincialFilingFields,
  type BasicInfoDraft,
  type ProvincialFilingDraft,
} from '../../domain/application.js';
import { chineseCalendarDate, formNumber } from './format.js';
import { Flow, SIZES } from './pdf/flow.js';
import { drawGridRow, type GridCell } from './pdf/grid.js';
import type { Inline } from './pdf/text.js';

/* Page 1 of the printed application: attachment 2 (基础信息表) laid out like the official form. */

type YesNoAnswer = BasicInfoDraft['onlinePlatform'];
const str = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

const T = SIZES.table;

function label(text: string, width: number, hint?: string): GridCell {
  const inlines: Inline[] = [{ text }];
  if (hint) inlines.push({ text: `\n${hint}`, size: T - 2 });
  return { width, inlines, align: 'center' };
}

const value = (width: number, inlines: Inline[] | string, extra: Partial<GridCell> = {}): GridCell => ({
  width,
  inlines: typeof inlines === 'string' ? [{ text: inlines }] : inlines,
  ...extra,
});

function yesNo(v: YesNoAnswer): Inline[] {
  const o = v ?? {};
  const yes = o.answer === 'yes';
  const name = str(o.name).trim();
  return [
    { box: yes },
    { text: `是（${yes && name ? name : '填写详细名称'}）` },
    { text: '  ' },
    { box: o.answer === 'no' },
    { text: '否' },
  ];
}

function operatorNature(bi: BasicInfoDraft): Inline[] {
  const n = bi.operatorNature;
  const own = n === 'enterprise' ? bi.enterpriseOwnership : undefined;
  // As printed: 2、企业 has no box of its own; its two boxes are 国有 and 民营.
  return [
    { box: n === 'public_institution' },
    { text: '1、事业单位，2、企业（' },
    { box: own === 'state_owned' },
    { text: '国有、' },
    { box: own === 'private' },
    { text: '民营），' },
    { box: n === 'investment_institution' },
    { text: '3、投资机构，' },
    { box: n === 'university' },
    { text: '4、高校，' },
    { box: n === 'other' },
    { text: '5、其它社会组织' },
  ];
}

function managementSystems(bi: BasicInfoDraft): Inline[] {
  const ms = bi.managementSystems ?? {};
  const other = str(bi.managementSystemsOther).trim();
  return [
    { box: ms.entryStandards === true },
    { text: '入驻标准  ' },
    { box: ms.exitConditions === true },
    { text: '退出条件  ' },
    { box: ms.incubateeDatabase === true },
    { text: '在孵项目或企业数据库  ' },
    { box: ms.other === true || other !== '' },
    { text: `其他：${other}` },
  ];
}

export function renderBasicInfoForm(flow: Flow, bi: BasicInfoDraft, filing: ProvincialFilingDraft): void {
  flow.paragraph([{ text: '附件 2', bold: true }], { size: SIZES.body, align: 'left', after: 2 });
  flow.paragraph([{ text: BASIC_INFO_FORM_HEADING, bold: true }], { size: SIZES.title, align: 'center', after: 10 });

  const W = flow.width;
  // The form's grid: a label column of the same width on every row; rows of two label/value pairs,
  // rows of three pairs (the counts and areas), and rows with one value across the rest.
  const L = 96;
  const V2 = W / 2 - L;
  const V3 = W / 3 - L;
  const VW = W - L;
  const opts = { size: T, minHeight: 26, pad: 3, leading: 1.35 };
  const fields = (bi.mainFields ?? []).map(str).filter(Boolean);
  const rows: GridCell[][] = [
    [
      label('众创空间名称', L),
      value(V2, str(bi.spaceName)),
      label('成立时间', L),
      value(V2, chineseCalendarDate(str(bi.establishedOn))),
    ],
    [label('运营主体名称', L), value(VW, str(bi.operatorName), { corner: '（盖章）' })],
    [label('运营主体性质', L), value(VW, operatorNature(bi))],
    [
      label('法人代表', L),
      value(V2, str(bi.legalRepresentative?.name)),
      label('联系电话', L),
      value(V2, str(bi.legalRepresentative?.phone)),
    ],
    [label('负责人', L), value(V2, str(bi.head?.name)), label('联系手机', L), value(V2, str(bi.head?.mobile))],
    [label('联系人', L), value(V2, str(bi.contact?.name)), label('联系手机', L), value(V2, str(bi.contact?.mobile))],
    [label('单位地址', L), value(V2, str(bi.address)), label('Email', L), value(V2, str(bi.email))],
    [
      label('是否依托或由龙头骨干企业建立：', L),
      value(V2, yesNo(bi.backing?.leadingEnterprise)),
      label('是否依托或由高校建立：', L),
      value(V2, yesNo(bi.backing?.university)),
    ],
    [
      label('是否依托或由科研院所建立：', L),
      value(V2, yesNo(bi.backing?.researchInstitute)),
      label('是否依托或由新型研发机构建立：', L),
      value(V2, yesNo(bi.backing?.newRdInstitution)),
    ],
    [label('主要专业方向', L, '（如互联网、新材料、生物医药、新能源等）'), value(VW, fields.join('、'))],
    [
      label('管理团队人员总数', L),
      value(V3, formNumber(bi.managementTeamSize), { align: 'center' }),
      label('其中大专以上人数', L),
      value(V3, formNumber(bi.collegeEducatedCount), { align: 'center' }),
      label('创业导师数', L),
      value(V3, formNumber(bi.mentorCount), { align: 'center' }),
    ],
    [
      label('自主支配场地建筑面积（平方米）', L),
      value(V3, formNumber(bi.selfControlledArea), { align: 'center' }),
      label('公共办公与服务场地面积（平方米）', L),
      value(V3, formNumber(bi.publicServiceArea), { align: 'center' }),
      label('天使投资（种子）基金（资金）规模（万元）', L),
      value(V3, formNumber(bi.angelFundSize), { align: 'center' }),
    ],
    [
      label('入驻项目数', L),
      value(V3, formNumber(bi.residentProjectCount), { align: 'center' }),
      label('入驻企业数', L),
      value(V3, formNumber(bi.residentCompanyCount), { align: 'center' }),
      label('举办创新创业活动次数', L),
      value(V3, formNumber(bi.eventCount), { align: 'center' }),
    ],
    [label('是否建有线上服务平台', L), value(VW, yesNo(bi.onlinePlatform))],
    [label('是否建有公共技术服务平台', L), value(VW, yesNo(bi.publicTechPlatform))],
    [label('管理制度', L), value(VW, managementSystems(bi))],
  ];
  rows.forEach((cells, i) => drawGridRow(flow, cells, { ...opts, top: i === 0 }));

  // Not on the printed form, but part of the filing: the operator's USCC and the provincial filing status.
  flow.gap(10);
  const small = SIZES.table;
  flow.paragraph([{ text: '运营主体统一社会信用代码：' }, { text: str(bi.operatorUscc) }], {
    size: small,
    align: 'left',
    after: 2,
  });
  const status = filing.status;
  const filed = provincialFilingFields.statusOptions[0];
  const planned = provincialFilingFields.statusOptions[1];
  const filedDetail =
    status === 'filed' && (filing.year || filing.documentNo)
      ? `（${[filing.year ? `${str(filing.year)}年` : '', str(filing.documentNo)].filter(Boolean).join('，')}）`
      : '';
  // One option per line, the second aligned under the first, as a filled-in form would have them.
  const lead = `${provincialFilingFields.label}：`;
  flow.paragraph([{ text: lead }, { box: status === 'filed' }, { text: `${filed.label}${filedDetail}` }], {
    size: small,
    align: 'left',
    after: 2,
  });
  flow.doc.font('regular').fontSize(small);
  flow.paragraph([{ box: status === 'planned' }, { text: planned.label }], {
    size: small,
    align: 'left',
    inset: flow.doc.widthOfString(lead),
  });
}
