import { z } from 'zod';

/**
 * The two credit pledges of 苏科高发〔2020〕174号, copied character for character from the notice
 * (including its wording 主营主体 on attachment 4). The applicant signs attachment 4 when submitting;
 * the city bureau signs attachment 5 with its package.
 */
export interface PledgeText {
  /** Stable identifier stored with a signature, so the signed wording can always be shown again. */
  readonly id: string;
  /** 附件 N, as printed. */
  readonly attachment: string;
  readonly title: string;
  readonly body: string;
  /** Numbered items, with their printed numbers (1、…). */
  readonly items: readonly string[];
  /** Signature and seal lines, as printed. */
  readonly signatureLines: readonly string[];
  /** The date line, as printed. */
  readonly dateLine: string;
}

/** 附件4 申报单位信用承诺书. */
export const applicantPledgeText: PledgeText = Object.freeze({
  id: 'su-ke-gao-fa-2020-174/attachment-4',
  attachment: '附件 4',
  title: '申报单位信用承诺书',
  body: '本单位承诺所提供的国家专业化众创空间申报数据真实、准确，提供的申报资料规范、齐全，且不存在任何弄虚作假行为。如有失实或失信行为，愿意根据相关规定，承担以下责任：',
  items: Object.freeze([
    '1、取消推荐资格；',
    '2、作为失信单位记入不良科技信用记录，并报送至省公共信用信息平台，列入社会信用记录，接受相应处理；',
    '3、应当由本单位承担的其它相关法律责任等。',
  ]),
  signatureLines: Object.freeze(['运营主体法人（签字或盖章）：', '主营主体（公章）：']),
  dateLine: '_____年____月____日',
});

/** 附件5 主管部门信用承诺书. */
export const supervisorPledgeText: PledgeText = Object.freeze({
  id: 'su-ke-gao-fa-2020-174/attachment-5',
  attachment: '附件 5',
  title: '主管部门信用承诺书',
  body: '按照相关要求，我们对该单位国家专业化众创空间申报材料进行了认真审查，现承诺如下：',
  items: Object.freeze([
    '1、该申报单位提交的国家级专业化众创空间申报资料完整齐全、真实有效，该申报单位无不良信用记录，且符合申报资格要求；',
    '2、本主管部门在审查推荐过程中，无违规推荐、审查不严等失信行为；',
    '3、按照相关管理规定，切实履行了主管部门管理职责，如有失实或失信行为，本部门将追究相关人员责任，并按照《江苏省科技计划项目相关责任主体信用管理办法》等相关规定，承担相关责任。',
  ]),
  signatureLines: Object.freeze(['(公 章)']),
  dateLine: '____年____月____日',
});

/** The pledge's wording as plain text (title, body, items), e.g. to hash it together with a signature. */
export function pledgePlainText(pledge: PledgeText): string {
  return [pledge.title, pledge.body, ...pledge.items].join('\n');
}

export const PLEDGE_AGREE_MESSAGE = '请阅读并同意信用承诺';

/** The applicant's signature of attachment 4: who signs (the operator's legal person) and the agreement. */
export const pledgeSchema = z.object(
  {
    signerName: z
      .string({ error: (iss) => (iss.input == null ? '请填写签字人姓名' : '签字人姓名应为文本') })
      .trim()
      .min(1, { error: '请填写签字人姓名', abort: true })
      .min(2, { error: '签字人姓名应为 2–30 个字', abort: true })
      .max(30, { error: '签字人姓名应为 2–30 个字', abort: true }),
    agreed: z.literal(true, { error: PLEDGE_AGREE_MESSAGE }),
    /** Attachment 4: the applicant confirms signing although the signer is not the 法人代表 (recorded). */
    signerMismatchConfirmed: z.boolean().optional(),
  },
  { error: '信用承诺格式不正确' },
);

/**
 * Attachment 4 is signed by the operator's legal person: when the signer's name differs from the
 * 法人代表 of the 基础信息表 — or, where the application names none, from the 法定代表人 the unit
 * registered with (verified by its city against the 营业执照) — the warning the applicant must
 * confirm (the confirmation is recorded); null when they agree or no representative is known.
 * The one rule for the server's submission check and the browser's checklist and pledge step.
 */
export function pledgeSignerMismatch(
  signerName: string | undefined,
  legalRepresentative: unknown,
  registeredRepresentative?: string | null,
): string | null {
  const signer = (signerName ?? '').replace(/\s+/g, '');
  const own = typeof legalRepresentative === 'string' ? legalRepresentative.replace(/\s+/g, '') : '';
  const rep = own || (registeredRepresentative ?? '').replace(/\s+/g, '');
  if (!signer || !rep || signer === rep) return null;
  const where = own ? '基础信息表中的法人代表' : '单位注册时登记的法定代表人';
  return `签字人“${signerName!.trim()}”与${where}“${rep}”不一致：信用承诺书应由运营主体法人签字；如由法人授权的人签署，请勾选确认（将被记录）`;
}

export type ApplicantPledge = z.output<typeof pledgeSchema>;
