import type { ErrorBody, FieldIssue } from '../../../../shared/errors';
import { hasMessage, t } from '../i18n';

/**
 * Errors as the web app sees them: every failure of a call becomes an ApiError carrying the API's
 * ErrorBody fields. Bodies that are not ours (a gateway's `{message: 'Unauthorized'}`, an HTML error
 * page) get a code from the HTTP status, so the page can still say something useful in Chinese.
 */
// `string & {}`: the API may send a code newer than this build; its message is still shown.
export type ClientErrorCode = ErrorBody['code'] | 'NETWORK' | 'SESSION_EXPIRED' | (string & {});

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;
  /** Whether the message came from our API (its messages are written for users) or was chosen here. */
  readonly fromApi: boolean;

  constructor(status: number, code: ClientErrorCode, message: string, options: { issues?: FieldIssue[]; details?: Record<string, unknown>; fromApi?: boolean } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details;
    this.fromApi = options.fromApi ?? false;
  }
}

const CODE_BY_STATUS: Record<number, ClientErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  413: 'PAYLOAD_TOO_LARGE',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readIssues(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((issue: unknown) =>
    isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string' ? [{ path: issue.path, message: issue.message }] : [],
  );
}

/**
 * Reads an error response body of any shape into an ApiError. A body with our shape (a `code` and a
 * `message`) keeps its message, which the API writes for users in Chinese, even for a code this
 * build does not know yet; anything else gets a Chinese message chosen by HTTP status.
 */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.code === 'string' && /^[A-Z][A-Z_]*$/.test(body.code)) {
    const code = body.code as ClientErrorCode;
    const message = typeof body.message === 'string' && body.message.length > 0 ? body.message : errorText(code);
    const details = isRecord(body.details) ? body.details : undefined;
    return new ApiError(status, code, message, { issues: readIssues(body.issues), ...(details ? { details } : {}), fromApi: true });
  }
  const code = CODE_BY_STATUS[status] ?? 'INTERNAL';
  return new ApiError(status, code, errorText(code));
}

export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', errorText('NETWORK'));
}

function errorText(code: ClientErrorCode): string {
  const key = `error.${code}`;
  return hasMessage(key) ? t(key) : t('error.INTERNAL');
}

/** What to tell the user about any failure; unexpected errors never show their own text. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return t('error.INTERNAL');
}

export interface MappedIssues {
  /** Messages per form field, keyed by the field's path (`contact.phone`). */
  byField: Record<string, string[]>;
  /** Issues that name no field on the form: shown in the form's summary. */
  unmatched: FieldIssue[];
}

/**
 * Puts each issue beside the form field it belongs to: the field whose path equals the issue's
 * path, or else the longest field path that is a prefix of it (`budget.0.amountWan` → `budget`).
 * Used alike for the server's `issues[]` and for the client-side zod check, which share one shape.
 */
export function mapIssuesToFields(issues: readonly FieldIssue[], fields: readonly string[]): MappedIssues {
  const byField: Record<string, string[]> = {};
  const unmatched: FieldIssue[] = [];
  const ordered = [...fields].sort((a, b) => b.length - a.length);
  for (const issue of issues) {
    const field = ordered.find((candidate) => issue.path === candidate || issue.path.startsWith(`${candidate}.`));
    if (field === undefined) {
      unmatched.push(issue);
      continue;
    }
    const messages = (byField[field] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return { byField, unmatched };
}
