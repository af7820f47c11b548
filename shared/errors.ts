/**
 * One error type for every expected failure. Each failure has a stable machine `code`; exactly one
 * table (ERROR_CATALOGUE) maps a code to its HTTP status and the Chinese message users read.
 * Internal errors are never turned into a DomainError: they surface as 500 without their text.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容不符合要求，请按提示修改' },
  MALFORMED_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  INVALID_USCC: { status: 400, message: '统一社会信用代码无效' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, message: '账号或密码错误' },
  FORBIDDEN: { status: 403, message: '当前角色无权执行此操作' },
  NOT_FOUND: { status: 404, message: '未找到相应记录' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  ALREADY_EXISTS: { status: 409, message: '记录已存在' },
  ILLEGAL_TRANSITION: { status: 409, message: '当前状态下不能执行此操作' },
  STALE_VERSION: { status: 409, message: '记录已被他人修改，请刷新后重试' },
  IDEMPOTENCY_CONFLICT: { status: 409, message: '同一幂等键已用于不同的请求' },
  PRECONDITION_FAILED: { status: 409, message: '办理条件尚未满足' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  // Evidence (issue 4): declaration, completion, references, removal
  EVIDENCE_TYPE_NOT_ALLOWED: { status: 400, message: '该类别的证据不接受此文件类型' },
  EVIDENCE_TOO_LARGE: { status: 413, message: '文件超过该类别证据的大小上限' },
  EVIDENCE_NOT_UPLOADED: { status: 409, message: '尚未收到上传的文件，请上传后再确认' },
  EVIDENCE_SIZE_MISMATCH: { status: 422, message: '文件大小与申报不符，文件已删除，请重新上传' },
  EVIDENCE_TYPE_MISMATCH: { status: 422, message: '文件内容与申报的类型不符，文件已删除' },
  EVIDENCE_CHECKSUM_MISMATCH: { status: 422, message: '文件校验值（SHA-256）与申报不符，文件已删除，请重新上传' },
  EVIDENCE_UPLOAD_EXPIRED: { status: 410, message: '上传已过期，请重新上传' },
  EVIDENCE_ALREADY_COMPLETED: { status: 409, message: '该文件已完成上传，不能重复确认' },
  EVIDENCE_REFERENCE_INVALID: { status: 400, message: '引用的材料不存在、未完成上传、不属于此处或类别不符' },
  EVIDENCE_LOCKED: { status: 409, message: '证据已被提交的材料引用或项目已提交，不能删除' },
  // Malware scanning (issue 8): an infected file stays stored (Object Lock) but is never handed out.
  EVIDENCE_QUARANTINED: { status: 409, message: '该文件经病毒扫描发现恶意代码，已被隔离，不能下载' },
  // Notifications and import (issue 18)
  NOTIFY_NO_OFFICE: { status: 409, message: '当前账号没有所属的消息中心，无法设置通知' },
  ROBOT_URL_NOT_ALLOWED: { status: 400, message: '群机器人地址不在允许范围内' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One problem with one input field; `path` is the zod path joined with dots (e.g. `budget.0.amount`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** Safe-to-show details (e.g. the current state and version on a conflict). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: { message?: string; issues?: FieldIssue[]; details?: Record<string, unknown> } = {}) {
    super(options.message ?? ERROR_CATALOGUE[code].message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** The body every error response carries, in the API and in the web app's error handling alike. */
export interface ErrorBody {
  code: ErrorCode | 'INTERNAL';
  message: string;
  issues?: FieldIssue[];
  details?: Record<string, unknown>;
}

export function errorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.issues.length > 0) body.issues = error.issues;
    if (error.details) body.details = error.details;
    return { status: error.status, body };
  }
  return { status: 500, body: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } };
}
