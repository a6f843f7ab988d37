/**
 * Every error the hall server can answer with: the contract's codes plus our own.
 * `status` is the HTTP status; `message` the default Chinese sentence shown to people.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '请求内容不正确' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求内容须为 JSON 格式' },
  UNAUTHORIZED: { status: 401, message: '未登录或登录已失效，请重新登录' },
  FORBIDDEN: { status: 403, message: '无权执行此操作' },
  NOT_FOUND: { status: 404, message: '找不到请求的内容' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持此请求方式' },
  UNKNOWN_SERVICE: { status: 404, message: '没有这项业务' },
  UNKNOWN_WINDOW: { status: 404, message: '没有这个窗口' },
  HALL_CLOSED: { status: 409, message: '当前不在取号时间内' },
  DAILY_CAP_REACHED: { status: 409, message: '该业务今日号源已取完' },
  DUPLICATE_ACTIVE_TICKET: { status: 409, message: '您已有一个尚未办理的号码' },
  INVALID_ID_NUMBER: { status: 400, message: '身份证号码不正确' },
  INVALID_USCC: { status: 400, message: '统一社会信用代码不正确' },
  SLOT_FULL: { status: 409, message: '该时段已约满' },
  SLOT_LIMIT_PER_PERSON: { status: 409, message: '同一时段每人只能预约一次' },
  DAILY_LIMIT_PER_PERSON: { status: 409, message: '每人每天预约次数已达上限' },
  BOOKING_TOO_LATE: { status: 409, message: '已超过该时段的预约截止时间' },
  BOOKING_TOO_FAR: { status: 409, message: '超出可预约的日期范围' },
  NOT_A_WORKING_DAY: { status: 409, message: '该日不是工作日' },
  BOOKING_BANNED: { status: 403, message: '因多次爽约，暂时不能预约' },
  CANCEL_TOO_LATE: { status: 409, message: '已超过可取消预约的时间' },
  CHECKIN_TOO_EARLY: { status: 409, message: '还未到签到时间' },
  CHECKIN_EXPIRED: { status: 409, message: '预约已过签到时间' },
  ID_MISMATCH: { status: 409, message: '证件与预约信息不符' },
  WINDOW_NOT_STAFFED: { status: 409, message: '该窗口无人在岗' },
  WINDOW_NOT_ASSIGNED: { status: 403, message: '您不是该窗口的在岗人员' },
  WINDOW_BUSY: { status: 409, message: '当前号码尚未办结' },
  WINDOW_PAUSED: { status: 409, message: '窗口已暂停服务' },
  NO_CURRENT_TICKET: { status: 409, message: '窗口当前没有号码' },
  TICKET_NOT_WAITING: { status: 409, message: '该号码不在等候状态' },
  TICKET_NOT_SKIPPED: { status: 409, message: '该号码不是过号状态' },
  QUEUE_EMPTY: { status: 409, message: '当前没有等候的号码' },
  ALREADY_RATED: { status: 409, message: '本次服务已评价' },
  NOT_FINISHED: { status: 409, message: '本次服务尚未办结，办结后才能评价' },
  RATING_CLOSED: { status: 409, message: '已超过评价时限' },
  RATING_DETAILS_REQUIRED: { status: 400, message: '差评请选择具体问题或填写意见' },
  OUT_OF_SCOPE: { status: 403, message: '超出委托书的授权范围' },
  AUTHORIZATION_EXPIRED: { status: 403, message: '委托书不在有效期内' },
  APPROVAL_REQUIRED: { status: 403, message: '须经负责人批准' },
  INVALID_STATE: { status: 409, message: '当前状态下不能执行此操作' },
  CONFIG_NOT_APPLICABLE: { status: 409, message: '新的大厅配置与今日的运行情况不符，未生效' },
  CASE_CLOSED: { status: 409, message: '该差评处理已办结' },
  APPEAL_EXISTS: { status: 409, message: '该评价已提出申诉' },
  APPEAL_DECIDED: { status: 409, message: '该申诉已复核' },
  CURSOR_EXPIRED: { status: 410, message: '游标已过期：其后的部分事件已按保留期清理' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  INTERNAL: { status: 500, message: '服务器内部错误，请联系管理员' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error answer: `{"error": {"code", "message"}}`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** A rule or input refused by the domain; carries a code from ERRORS and a Chinese message. */
export class HallError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERRORS[code].message);
    this.name = 'HallError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function isHallError(e: unknown): e is HallError {
  return e instanceof HallError;
}
