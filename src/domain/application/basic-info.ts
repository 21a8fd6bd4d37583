import { z } from 'zod';
import { usccProblem } from '../uscc.js';
import { assertToday, isRealDate, todayInShanghai } from './dates.js';
import {
  amount,
  choice,
  count,
  draftShape,
  EMAIL_RE,
  flag,
  formattedText,
  isBlank,
  missingAsEmpty,
  missingOr,
  mobile,
  need,
  optionalChoice,
  optionalText,
  pair,
  phone,
  requiredText,
  submitShape,
  text,
  withRules,
  type Pair,
} from './fields.js';
import {
  basicInfoField,
  ENTERPRISE_OWNERSHIPS,
  fieldName,
  OPERATOR_NATURES,
  YES_NO,
  type BasicInfoFieldKey,
  type EnterpriseOwnership,
  type YesNo,
} from './labels.js';

export const SPACE_NAME_SUFFIX = '专业化众创空间';
export const EARLIEST_ESTABLISHED_ON = '1900-01-01';

export const BASIC_INFO_LIMITS = {
  spaceName: 60,
  operatorName: 100,
  personName: 50,
  address: 200,
  email: 100,
  backingName: 100,
  mainField: 30,
  mainFields: 10,
  managementSystemsOther: 200,
  /** 人 */
  teamCount: 100_000,
  /** 个, 家, 次 */
  count: 1_000_000,
  /** 平方米 */
  area: 10_000_000,
  /** 万元 */
  fund: 10_000_000,
} as const;

export interface SchemaClock {
  /** Today as 'YYYY-MM-DD' (Asia/Shanghai). The server passes its clock; omitted, the system clock at parse time. */
  today?: string;
}

/** A clock option turned into a function read at parse time. */
export function todayFn(opts: SchemaClock = {}): () => string {
  const fixed = opts.today === undefined ? undefined : assertToday(opts.today);
  return () => fixed ?? todayInShanghai();
}

const n = (key: BasicInfoFieldKey) => fieldName(key);

/** A 是/否 question with the full name required when 是; the name is dropped when 否. */
function yesNo(key: BasicInfoFieldKey) {
  const { label, nameLabel } = basicInfoField(key);
  const shape = {
    answer: choice(YES_NO, label),
    name: pair(
      optionalText(nameLabel!, BASIC_INFO_LIMITS.backingName),
      optionalText(nameLabel!, BASIC_INFO_LIMITS.backingName),
    ),
  };
  return pair(
    z.object(draftShape(shape), { error: `${label}格式不正确` }).nullish(),
    missingAsEmpty(
      z
        .object(submitShape(shape), { error: `${label}格式不正确` })
        .superRefine(
          (v, ctx) => {
            if (v?.answer === 'yes' && isBlank(v.name)) {
              ctx.addIssue({ code: 'custom', message: `请填写${nameLabel}`, path: ['name'], input: v.name });
            }
          },
          { when: () => true },
        )
        .transform((v): { answer: YesNo; name?: string } =>
          v.answer === 'yes' ? { answer: v.answer, name: v.name! } : { answer: v.answer },
        ),
    ),
  );
}

/** A group of fields, such as 负责人 {name, mobile}; a missing group reports each of its fields. */
function group<P extends Record<string, Pair>>(name: string, pairs: P) {
  return pair(
    z.object(draftShape(pairs), { error: `${name}格式不正确` }).nullish(),
    missingAsEmpty(z.object(submitShape(pairs), { error: `${name}格式不正确` })),
  );
}

function mainFields() {
  const name = n('mainFields');
  const entryTooLong = need(
    (v: string) => v.length <= BASIC_INFO_LIMITS.mainField,
    `每个专业方向不能超过 ${BASIC_INFO_LIMITS.mainField} 个字`,
  );
  const entryDraft = withRules(z.string({ error: '专业方向应为文本' }).trim(), [entryTooLong]).nullish();
  const entry = withRules(z.string({ error: missingOr('请填写专业方向，或删除该空行', '专业方向应为文本') }).trim(), [
    need((v) => v.length > 0, '请填写专业方向，或删除该空行'),
    entryTooLong,
  ]);
  const tooMany = `${name}最多填写 ${BASIC_INFO_LIMITS.mainFields} 个`;
  return pair(
    z
      .array(entryDraft, { error: `${name}格式不正确` })
      .max(BASIC_INFO_LIMITS.mainFields, tooMany)
      .nullish(),
    z
      .array(entry, { error: missingOr(`请至少填写一个${name}`, `${name}格式不正确`) })
      .min(1, `请至少填写一个${name}`)
      .max(BASIC_INFO_LIMITS.mainFields, tooMany)
      .superRefine(
        (list, ctx) => {
          if (!Array.isArray(list)) return;
          const seen = new Set<string>();
          list.forEach((v, i) => {
            if (typeof v !== 'string' || v === '') return;
            if (seen.has(v)) ctx.addIssue({ code: 'custom', message: `专业方向“${v}”重复`, path: [i], input: v });
            seen.add(v);
          });
        },
        { when: () => true },
      ),
  );
}

function basicInfoPairs(today: () => string) {
  const spaceName = n('spaceName');
  const established = n('establishedOn');
  return {
    spaceName: pair(
      optionalText(spaceName, BASIC_INFO_LIMITS.spaceName),
      requiredText(spaceName, BASIC_INFO_LIMITS.spaceName, [
        need(
          (v) => v.endsWith(SPACE_NAME_SUFFIX),
          `${spaceName}应规范为“XXX${SPACE_NAME_SUFFIX}”（XXX 为空间所服务的专业细分领域）`,
        ),
        need(
          (v) => v.slice(0, -SPACE_NAME_SUFFIX.length).trim() !== '',
          `请在“${SPACE_NAME_SUFFIX}”前写明所服务的专业细分领域，如“集成电路${SPACE_NAME_SUFFIX}”`,
        ),
      ]),
    ),
    establishedOn: pair(
      withRules(z.string({ error: `${established}应为日期` }).trim(), [
        need((v) => v === '' || isRealDate(v), `${established}应为有效日期（年-月-日）`),
      ]).nullish(),
      requiredText(established, 10, [
        need(isRealDate, `${established}应为有效日期（年-月-日）`),
        need(
          (v) => v >= EARLIEST_ESTABLISHED_ON,
          `${established}不能早于 ${EARLIEST_ESTABLISHED_ON.slice(0, 4)} 年，请核对`,
        ),
        need((v) => v <= today(), `${established}不能晚于今天`),
      ]),
    ),
    operatorName: text(n('operatorName'), BASIC_INFO_LIMITS.operatorName),
    operatorUscc: pair(
      withRules(
        z
          .string({ error: `${n('operatorUscc')}应为文本` })
          .trim()
          .toUpperCase(),
        [need((v) => v.length <= 30, '统一社会信用代码应为 18 位')],
      ).nullish(),
      withRules(
        z
          .string({ error: missingOr(`请填写${n('operatorUscc')}`, `${n('operatorUscc')}应为文本`) })
          .trim()
          .toUpperCase(),
        [need((v) => v.length > 0, `请填写${n('operatorUscc')}`), usccProblem],
      ),
    ),
    operatorNature: choice(OPERATOR_NATURES, n('operatorNature')),
    enterpriseOwnership: pair(
      optionalChoice(ENTERPRISE_OWNERSHIPS, n('enterpriseOwnership')),
      optionalChoice(ENTERPRISE_OWNERSHIPS, n('enterpriseOwnership')),
    ),
    legalRepresentative: group('法人代表', {
      name: text(n('legalRepresentative.name'), BASIC_INFO_LIMITS.personName),
      phone: phone(n('legalRepresentative.phone')),
    }),
    head: group('负责人', {
      name: text(n('head.name'), BASIC_INFO_LIMITS.personName),
      mobile: mobile(n('head.mobile')),
    }),
    contact: group('联系人', {
      name: text(n('contact.name'), BASIC_INFO_LIMITS.personName),
      mobile: mobile(n('contact.mobile')),
    }),
    address: text(n('address'), BASIC_INFO_LIMITS.address),
    email: formattedText(
      n('email'),
      BASIC_INFO_LIMITS.email,
      EMAIL_RE,
      `${n('email')}格式不正确，应如 name@example.com`,
    ),
    backing: group('依托单位', {
      leadingEnterprise: yesNo('backing.leadingEnterprise'),
      university: yesNo('backing.university'),
      researchInstitute: yesNo('backing.researchInstitute'),
      newRdInstitution: yesNo('backing.newRdInstitution'),
    }),
    mainFields: mainFields(),
    managementTeamSize: count(n('managementTeamSize'), BASIC_INFO_LIMITS.teamCount),
    collegeEducatedCount: count(n('collegeEducatedCount'), BASIC_INFO_LIMITS.teamCount),
    mentorCount: count(n('mentorCount'), BASIC_INFO_LIMITS.teamCount),
    selfControlledArea: amount(n('selfControlledArea'), BASIC_INFO_LIMITS.area),
    publicServiceArea: amount(n('publicServiceArea'), BASIC_INFO_LIMITS.area),
    angelFundSize: amount(n('angelFundSize'), BASIC_INFO_LIMITS.fund),
    residentProjectCount: count(n('residentProjectCount'), BASIC_INFO_LIMITS.count),
    residentCompanyCount: count(n('residentCompanyCount'), BASIC_INFO_LIMITS.count),
    eventCount: count(n('eventCount'), BASIC_INFO_LIMITS.count),
    onlinePlatform: yesNo('onlinePlatform'),
    publicTechPlatform: yesNo('publicTechPlatform'),
    managementSystems: group(n('managementSystems'), {
      entryStandards: flag('入驻标准'),
      exitConditions: flag('退出条件'),
      incubateeDatabase: flag('在孵项目或企业数据库'),
      other: flag('其他'),
    }),
    managementSystemsOther: pair(
      optionalText(n('managementSystemsOther'), BASIC_INFO_LIMITS.managementSystemsOther),
      optionalText(n('managementSystemsOther'), BASIC_INFO_LIMITS.managementSystemsOther),
    ),
  };
}

/** Draft of attachment 2: every field optional, types and bounds checked, no required or cross-field rules. */
export const basicInfoDraftSchema = z.object(draftShape(basicInfoPairs(() => todayInShanghai())), {
  error: '基础信息表格式不正确',
});

/**
 * Attachment 2 as submitted: every field required and every rule of DOMAIN §3, including the
 * cross-field ones. Fields that do not apply are type-checked but dropped from the output:
 * enterpriseOwnership unless the operator is an enterprise, the name of a 否 answer.
 * 其他 (managementSystems) is ticked when `managementSystems.other` is true or its text is filled in;
 * the output always carries `other` and carries the text only when ticked.
 */
export function makeBasicInfoSchema(opts: SchemaClock = {}) {
  const pairs = basicInfoPairs(todayFn(opts));
  return z
    .object(submitShape(pairs), { error: missingOr('请填写基础信息表', '基础信息表格式不正确') })
    .superRefine(
      (v, ctx) => {
        const issue = (path: (string | number)[], message: string) =>
          ctx.addIssue({ code: 'custom', message, path, input: undefined });
        if (!v || typeof v !== 'object') return;
        if (v.operatorNature === 'enterprise' && isBlank(v.enterpriseOwnership)) {
          issue(['enterpriseOwnership'], `请选择${n('enterpriseOwnership')}`);
        }
        // A comparison is made only when both sides passed their own rules, so a field gets one message.
        const valid = <K extends keyof typeof pairs>(key: K): number | null =>
          pairs[key].submit.safeParse(v[key]).success ? (v[key] as number) : null;
        const team = valid('managementTeamSize');
        const college = valid('collegeEducatedCount');
        if (team !== null && college !== null && college > team) {
          issue(['collegeEducatedCount'], `${n('collegeEducatedCount')}不能超过${n('managementTeamSize')}`);
        }
        const selfControlled = valid('selfControlledArea');
        const publicService = valid('publicServiceArea');
        if (selfControlled !== null && publicService !== null && publicService > selfControlled) {
          issue(['publicServiceArea'], `${n('publicServiceArea')}不能超过${n('selfControlledArea')}`);
        }
        if (v.managementSystems?.other === true && isBlank(v.managementSystemsOther)) {
          issue(['managementSystemsOther'], '已勾选管理制度“其他”，请填写其他管理制度的名称');
        }
      },
      { when: () => true },
    )
    .transform((v) => {
      // Keep the field order of the form; drop what does not apply.
      const otherTicked = v.managementSystems.other || !isBlank(v.managementSystemsOther);
      // The refinement above guarantees the kept values are filled in, hence the cast (null is not kept).
      const out = { ...v, managementSystems: { ...v.managementSystems, other: otherTicked } } as Omit<
        typeof v,
        'enterpriseOwnership' | 'managementSystemsOther'
      > & { enterpriseOwnership?: EnterpriseOwnership; managementSystemsOther?: string };
      if (v.operatorNature !== 'enterprise') delete out.enterpriseOwnership;
      if (!otherTicked) delete out.managementSystemsOther;
      return out;
    });
}

/** Attachment 2 as submitted, with today read from the system clock at parse time (the web form). */
export const basicInfoSchema = makeBasicInfoSchema();

export type BasicInfo = z.output<typeof basicInfoSchema>;
export type BasicInfoInput = z.input<typeof basicInfoSchema>;
export type BasicInfoDraft = z.output<typeof basicInfoDraftSchema>;
