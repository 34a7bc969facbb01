// Typed domain errors with stable codes. Services throw these; one handler (http/error-handler.ts) maps
// them to HTTP: RFC 9457 problem+json under /api/, a bilingual error page elsewhere.

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_invalid'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface FieldError {
  /** The form field or JSON pointer the problem is about. */
  readonly field: string;
  /** A message catalog key, so the page can explain in the reader's language. */
  readonly messageKey: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: readonly FieldError[];
  constructor(
    code: ErrorCode,
    message: string,
    options: { fieldErrors?: readonly FieldError[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const validationFailed = (message: string, fieldErrors: readonly FieldError[]) =>
  new AppError('validation_failed', message, { fieldErrors });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
