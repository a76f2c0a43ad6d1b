/** The closed set of error codes every call can return. */
export const ERROR_CODES = {
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '内容不存在或已删除',
  INVALID_INPUT: '输入内容有误',
  CONFLICT: '数据已被修改，请刷新后重试',
  FULL: '名额已满',
  EXPIRED: '已过期',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  CLOSED: '已截止',
  NOT_OPEN: '不在可签到的时间内',
  CODE_INVALID: '签到码不正确',
  WRONG_ACTIVITY: '这是另一个活动的签到码',
  OUT_OF_RANGE: '不在签到范围内',
  CONSENT_REQUIRED: '请先阅读并同意《个人信息保护说明》',
  CONTENT_FLAGGED: '内容未通过安全检查，请修改后再提交',
  /** The action has consequences the user must agree to first; the message says what they are. Ask, then call again confirming. */
  CONFIRM_NEEDED: '请确认后再继续',
  /** A paper already handed in (or graded when its time ran out): its answers no longer change. */
  SUBMITTED: '试卷已交，答案不能再修改',
  /** The paper's time limit (or the exam's close) has passed: it is graded with the answers saved before. */
  TIME_UP: '答题时间已到，已按保存的答案评分',
  UNKNOWN_FUNCTION: '未知的云函数',
  UNKNOWN_ACTION: '未知的操作',
  INTERNAL: '服务暂时不可用，请稍后再试',
  NETWORK: '网络连接失败，请检查网络后重试',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

export type ApiOk<T> = { ok: true; data: T };
export type ApiErr = { ok: false; code: ErrorCode; message: string; issues?: string[] };
export type ApiResult<T> = ApiOk<T> | ApiErr;
