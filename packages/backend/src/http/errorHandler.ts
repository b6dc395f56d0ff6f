import type { ErrorRequestHandler } from 'express';
import { InputError, isCallboardError, NotFoundError, toProblem, type CallboardError } from '@callboard/common';
import type { LoggerService } from '@callboard/backend-plugin-api';

/** body-parser and friends throw http-errors; give them our typed shape. */
function normalise(error: unknown): unknown {
  if (isCallboardError(error)) return error;
  const e = error as { type?: string; status?: number; statusCode?: number; limit?: number; message?: string };
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.parse.failed') return new InputError('The request body is not valid JSON');
  if (e?.type === 'entity.too.large') return new InputError(`The request body is larger than the ${e.limit} byte limit`);
  if (status === 404) return new NotFoundError('Not found');
  if (status && status >= 400 && status < 500) return new InputError(e.message ?? 'Bad request');
  return error;
}

/**
 * The one place errors become responses: typed errors map to their status,
 * everything else is a 500 whose details stay in the server log.
 */
export function createErrorHandler(logger: LoggerService): ErrorRequestHandler {
  return (rawError, request, response, _next) => {
    const error = normalise(rawError);
    const problem = toProblem(error, request.originalUrl);
    if (problem.status === 503 && isCallboardError(error)) {
      // Expected and passing (a plugin still starting, a remote away): what
      // and why, without a stack, which would only bury real failures.
      logger.warn({ method: request.method, url: request.originalUrl, reason: problem.detail ?? problem.title }, 'Request answered 503, service unavailable');
    } else if (problem.status >= 500) {
      logger.error({ err: rawError, method: request.method, url: request.originalUrl }, 'Request failed');
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    if (isCallboardError(error) && (error as CallboardError).status === 503) response.setHeader('Retry-After', '1');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}
