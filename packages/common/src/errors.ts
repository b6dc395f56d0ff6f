/**
 * The closed set of errors Callboard speaks. Each carries a stable `code` and
 * an HTTP status, so the server maps them to problem+json in one place and the
 * browser turns a problem back into the same class.
 */
export type ErrorCode =
  | 'INPUT_ERROR'
  | 'AUTHENTICATION_ERROR'
  | 'NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  /** Field-level reasons for input errors: where, and what is wrong. */
  issues?: { path: string; message: string }[];
}

export abstract class CallboardError extends Error {
  abstract readonly status: number;
  abstract readonly code: ErrorCode;
  abstract readonly title: string;
  readonly issues?: { path: string; message: string }[];

  constructor(message: string, options?: { cause?: unknown; issues?: { path: string; message: string }[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.issues) this.issues = options.issues;
  }
}

export class InputError extends CallboardError {
  readonly status = 400;
  readonly code = 'INPUT_ERROR' as const;
  readonly title = 'Bad request';
}
export class AuthenticationError extends CallboardError {
  readonly status = 401;
  readonly code = 'AUTHENTICATION_ERROR' as const;
  readonly title = 'Not signed in';
}
export class NotAllowedError extends CallboardError {
  readonly status = 403;
  readonly code = 'NOT_ALLOWED' as const;
  readonly title = 'Not allowed';
}
export class NotFoundError extends CallboardError {
  readonly status = 404;
  readonly code = 'NOT_FOUND' as const;
  readonly title = 'Not found';
}
export class ConflictError extends CallboardError {
  readonly status = 409;
  readonly code = 'CONFLICT' as const;
  readonly title = 'Conflict';
}
export class ServiceUnavailableError extends CallboardError {
  readonly status = 503;
  readonly code = 'SERVICE_UNAVAILABLE' as const;
  readonly title = 'Service unavailable';
}
/** Only created from a 5xx problem the server sent; never thrown by plugins. */
export class InternalServerError extends CallboardError {
  readonly status = 500;
  readonly code = 'INTERNAL_ERROR' as const;
  readonly title = 'Internal server error';
}

const errorClasses = {
  INPUT_ERROR: InputError,
  AUTHENTICATION_ERROR: AuthenticationError,
  NOT_ALLOWED: NotAllowedError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  SERVICE_UNAVAILABLE: ServiceUnavailableError,
  INTERNAL_ERROR: InternalServerError,
} satisfies Record<ErrorCode, new (message: string) => CallboardError>;

export function isCallboardError(value: unknown): value is CallboardError {
  return value instanceof CallboardError;
}

/** The problem+json body for an error; anything untyped becomes a bare 500. */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  if (isCallboardError(error)) {
    return {
      type: `https://callboard.dev/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      code: error.code,
      ...(instance ? { instance } : {}),
      ...(error.issues ? { issues: error.issues } : {}),
    };
  }
  return {
    type: 'https://callboard.dev/problems/internal-error',
    title: 'Internal server error',
    status: 500,
    detail: 'The server failed to handle this request. The error has been logged.',
    code: 'INTERNAL_ERROR',
    ...(instance ? { instance } : {}),
  };
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in errorClasses;
}

/** Rebuilds the typed error from a problem body, or from a bare status. */
export function errorFromProblem(status: number, body: unknown): CallboardError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Partial<ProblemDetails>;
  const code: ErrorCode = isErrorCode(problem.code) ? problem.code : codeForStatus(status);
  const detail = typeof problem.detail === 'string' ? problem.detail : `Request failed with status ${status}`;
  const ErrorClass = errorClasses[code];
  const error = new ErrorClass(detail);
  if (Array.isArray(problem.issues)) {
    Object.assign(error, { issues: problem.issues });
  }
  return error;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'INPUT_ERROR';
    case 401:
      return 'AUTHENTICATION_ERROR';
    case 403:
      return 'NOT_ALLOWED';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 400 && status < 500 ? 'INPUT_ERROR' : 'INTERNAL_ERROR';
  }
}
