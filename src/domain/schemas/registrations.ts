import { z } from 'zod';
import { pageQuery, pageResponse } from './pagination.js';
import { passwordSchema } from '../password.js';
import { normalizeUscc, usccProblem } from '../uscc.js';
import { usernameSchema } from './accounts.js';

/** Self-registration of an applicant unit (申报单位注册), decided by its city bureau. */

export const REGISTRATION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  refused: '未通过',
};

/** A USCC as typed: trimmed and upper-cased, then checked (GB 32100, check character included). */
export const usccSchema = z
  .string({ error: '请填写统一社会信用代码' })
  .transform(normalizeUscc)
  .superRefine((code, ctx) => {
    const problem = code === '' ? '请填写统一社会信用代码' : usccProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

/** The registration form: the unit, its evidence (legal representative, address, 营业执照) and the account. */
export const registrationForm = z.object({
  unitName: text('单位名称', 100).refine((s) => s.length >= 2, '单位名称至少 2 个字'),
  uscc: usccSchema,
  cityOrgId: z.string({ error: '请选择所在设区市' }).min(1, '请选择所在设区市').max(64),
  contactName: text('联系人姓名', 30),
  mobile: z
    .string({ error: '请填写联系人手机' })
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位数字，以 1 开头'),
  email: z.string({ error: '请填写电子邮箱' }).trim().max(120, '电子邮箱过长').email('电子邮箱格式不正确'),
  username: usernameSchema,
  password: passwordSchema,
  legalRepresentative: text('法定代表人', 30).refine((s) => s.length >= 2, '法定代表人姓名至少 2 个字'),
  address: text('注册地址', 200).refine((s) => s.length >= 5, '请填写完整的注册地址（至少 5 个字）'),
  /** The token answered by POST /api/registrations/licence: the 营业执照 uploaded first. */
  licenceToken: z
    .string({ error: '请上传营业执照' })
    .trim()
    .min(1, '请上传营业执照')
    .max(100, '营业执照上传凭证不正确，请重新上传'),
});
export type RegistrationForm = z.output<typeof registrationForm>;

/**
 * `POST /api/registrations`: the eight fields of the original contract are required; the evidence is
 * checked when given and may be left out, so that clients of that contract keep working. The web form
 * always asks for it (registrationForm), and the city reviewer sees "未上传营业执照" where it is missing
 * and refuses such a registration if the unit cannot be verified otherwise.
 */
export const registrationRequest = registrationForm.partial({
  legalRepresentative: true,
  address: true,
  licenceToken: true,
});
export type RegistrationRequest = z.output<typeof registrationRequest>;

/** The 营业执照: a scan or photo (JPG, PNG) or a PDF, judged by its content, at most 10 MB. */
export const LICENCE_FILE_TYPES = ['pdf', 'jpg', 'png'] as const;
export const LICENCE_MAX_BYTES = 10 * 1024 * 1024;
/** How long an uploaded licence waits for its registration. */
export const LICENCE_TOKEN_MINUTES = 60;

export const licenceFileSchema = z.object({ fileName: z.string(), mime: z.string(), size: z.number() });
export type LicenceFile = z.infer<typeof licenceFileSchema>;

/** What the licence upload answers: the one-time token the registration then carries. */
export const licenceUploadResponse = z.object({
  licence: licenceFileSchema.extend({ token: z.string(), expiresAt: z.string() }),
});
export type LicenceUpload = z.infer<typeof licenceUploadResponse>;

/** Approve takes an optional comment; refuse requires one (checked by the command, with its own message). */
export const registrationDecisionRequest = z.object({
  comment: z.string().trim().max(500, '意见不能超过 500 字').optional(),
});

export const REGISTRATION_DECISIONS = ['approve', 'refuse'] as const;
export type RegistrationDecision = (typeof REGISTRATION_DECISIONS)[number];
export const registrationActionParams = z.object({
  id: z.string().min(1).max(64),
  action: z.enum(REGISTRATION_DECISIONS, { error: '操作应为 approve 或 refuse' }),
});

export const REGISTRATION_SORTS = ['createdAt', 'unitName', 'status'] as const;
export type RegistrationSort = (typeof REGISTRATION_SORTS)[number];

export const listRegistrationsQuery = z
  .object({
    /** Defaults to pending; "all" lists every status. */
    status: z.enum([...REGISTRATION_STATUSES, 'all']).default('pending'),
    q: z.string().trim().max(64).optional(),
  })
  .extend(pageQuery(REGISTRATION_SORTS, { sort: 'createdAt', order: 'asc' }).shape);

export const registrationSchema = z.object({
  id: z.string(),
  unitName: z.string(),
  uscc: z.string(),
  cityOrgId: z.string(),
  cityName: z.string().nullable(),
  contactName: z.string(),
  mobile: z.string(),
  email: z.string(),
  username: z.string(),
  /** Null on registrations from before issue 17. */
  legalRepresentative: z.string().nullable(),
  address: z.string().nullable(),
  /** The 营业执照 (GET /api/registrations/{id}/licence serves it); null on old registrations. */
  licence: licenceFileSchema.nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The applicant unit and account created on approval. */
  orgId: z.string().nullable(),
  userId: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Registration = z.infer<typeof registrationSchema>;

export const registrationResponse = z.object({ registration: registrationSchema });
export const registrationListResponse = pageResponse(registrationSchema);

/** What the public registration answers: no more than the unit needs to know. */
export const registrationCreatedResponse = z.object({
  registration: z.object({
    id: z.string(),
    unitName: z.string(),
    uscc: z.string(),
    cityOrgId: z.string(),
    username: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    createdAt: z.string(),
  }),
  message: z.string(),
});

/**
 * The registrant's own view of its registration before it has an account (查询注册进度): it proves
 * itself with the login name and password it registered with.
 */
export const ownRegistrationRequest = z.object({
  username: z.string({ error: '请填写登录名' }).trim().min(1, '请填写登录名').max(64, '登录名过长'),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(200, '密码过长'),
});
export type OwnRegistrationRequest = z.infer<typeof ownRegistrationRequest>;

/** Replacing the 营业执照 while pending: the token of the file just uploaded (POST /registrations/licence). */
export const replaceOwnLicenceRequest = ownRegistrationRequest.extend({
  licenceToken: registrationForm.shape.licenceToken,
});
export type ReplaceOwnLicenceRequest = z.infer<typeof replaceOwnLicenceRequest>;

export const OWN_REGISTRATION_ACTIONS = ['view_licence', 'replace_licence'] as const;

export const ownRegistrationResponse = z.object({
  registration: z.object({
    id: z.string(),
    unitName: z.string(),
    uscc: z.string(),
    cityName: z.string().nullable(),
    status: z.enum(REGISTRATION_STATUSES),
    /** The city's reason when it refused. */
    comment: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    licence: licenceFileSchema.nullable(),
  }),
  /** What the registrant may do now (the server decides from the registration's status). */
  allowedActions: z.array(z.enum(OWN_REGISTRATION_ACTIONS)),
});
export type OwnRegistration = z.infer<typeof ownRegistrationResponse>;
