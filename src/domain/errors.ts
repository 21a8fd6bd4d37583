/** Stable error codes shared by server and web; the web switches on them. */
export const ErrorCode = {
  validation_failed: 'validation_failed',
  bad_request: 'bad_request',
  unauthorized: 'unauthorized',
  session_expired: 'session_expired',
  invalid_credentials: 'invalid_credentials',
  account_locked: 'account_locked',
  account_disabled: 'account_disabled',
  account_pending: 'account_pending',
  password_change_required: 'password_change_required',
  csrf_invalid: 'csrf_invalid',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  version_conflict: 'version_conflict',
  invalid_transition: 'invalid_transition',
  deadline_passed: 'deadline_passed',
  payload_too_large: 'payload_too_large',
  unsupported_file: 'unsupported_file',
  rate_limited: 'rate_limited',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each code; one table, used by the server's error handler. */
export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 422,
  bad_request: 400,
  unauthorized: 401,
  session_expired: 401,
  invalid_credentials: 401,
  account_locked: 429,
  account_disabled: 403,
  account_pending: 403,
  password_change_required: 403,
  csrf_invalid: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  invalid_transition: 409,
  deadline_passed: 409,
  payload_too_large: 413,
  unsupported_file: 415,
  rate_limited: 429,
  internal: 500,
};

/** Default Chinese message per code, used when a thrower gives none. */
export const errorMessage: Record<ErrorCode, string> = {
  validation_failed: '提交的内容有误，请检查后重试',
  bad_request: '请求格式不正确',
  unauthorized: '请先登录',
  session_expired: '登录已超时，请重新登录',
  invalid_credentials: '用户名或密码错误（连续输错 5 次，账号将锁定 15 分钟）',
  account_locked: '账号已被锁定，请稍后再试',
  account_disabled: '账号已停用，请联系安全管理员',
  account_pending: '单位注册尚待所在市科技局审核，审核通过后方可登录',
  password_change_required: '首次登录或密码已过期，请先修改密码',
  csrf_invalid: '请求校验失败，请刷新页面后重试',
  forbidden: '无权执行此操作',
  not_found: '请求的记录不存在',
  conflict: '操作与现有数据冲突',
  version_conflict: '数据已被他人修改，请刷新后再试',
  invalid_transition: '当前状态下不能执行此操作',
  deadline_passed: '已超过截止时间',
  payload_too_large: '文件或请求内容过大',
  unsupported_file: '不支持的文件类型',
  rate_limited: '请求过于频繁，请稍后再试',
  internal: '服务器内部错误，请稍后再试',
};

export interface ErrorDetail {
  path: string;
  message: string;
}

/** The one error class of the application: a code, a Chinese message, optional field details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  /** A refused login: how many attempts remain before the name is locked. */
  readonly attemptsLeft?: number;
  constructor(code: ErrorCode, message?: string, details?: ErrorDetail[], extra?: { attemptsLeft?: number }) {
    super(message ?? errorMessage[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.attemptsLeft = extra?.attemptsLeft;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; attemptsLeft?: number };
}
