/**
 * The error middleware (house rule 3): AppError → its status from `httpStatusByCode` and
 * `{ error: { code, message, details } }`; known library errors are translated; anything else is
 * logged with pino and answered as a bare 500 `internal` without internals.
 */
import type { ErrorRequestHandler, Request } from 'express';
import { ZodError } from 'zod';
import { AppError, translateDatabaseError } from '../errors';
import type { Logger } from '../logger';
import { toFieldIssues } from './validate';

function translate(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const issues = toFieldIssues(error.issues, '');
    return new AppError('validation_failed', `${issues[0]?.field || 'input'}: ${issues[0]?.message ?? 'invalid'}`, { issues });
  }
  const candidate = error as {
    type?: string;
    name?: string;
    code?: number;
    path?: string;
    value?: unknown;
    limit?: number;
    errors?: Record<string, { message?: string }>;
  } | null;
  if (!candidate || typeof candidate !== 'object') return null;
  if (candidate.type === 'entity.parse.failed') {
    return new AppError('validation_failed', 'body: the request body is not valid JSON');
  }
  if (candidate.type === 'entity.too.large') {
    return new AppError('validation_failed', `body: the request body exceeds ${candidate.limit ?? 'the limit of'} bytes`);
  }
  if (candidate.type === 'encoding.unsupported' || candidate.type === 'charset.unsupported') {
    return new AppError('validation_failed', 'body: unsupported content encoding or charset');
  }
  if (candidate.name === 'CastError') {
    return new AppError('validation_failed', `${candidate.path ?? 'value'}: ${JSON.stringify(candidate.value)} is not a valid value`);
  }
  if (candidate.name === 'ValidationError' && candidate.errors) {
    const issues = Object.entries(candidate.errors).map(([field, detail]) => ({ field, message: detail.message ?? 'invalid' }));
    return new AppError('validation_failed', `${issues[0]?.field}: ${issues[0]?.message}`, { issues });
  }
  return translateDatabaseError(error);
}

/**
 * Creates the error middleware.
 * @param logger root logger; the request logger (`req.log`, from pino-http) is preferred when present.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const log = (request as Request & { log?: Logger }).log ?? logger;
    const appError = translate(error);
    if (!appError) {
      log.error({ err: error, method: request.method, url: request.originalUrl }, 'unhandled error');
      response.status(500).json({ error: { code: 'internal', message: 'Internal error' } });
      return;
    }
    if (appError.status >= 500) {
      log.warn({ err: error, code: appError.code }, appError.message);
    }
    const details = appError.details as { retryAfterSeconds?: number } | undefined;
    if (appError.code === 'rate_limited' && typeof details?.retryAfterSeconds === 'number') {
      response.setHeader('Retry-After', String(details.retryAfterSeconds));
    }
    const body = appError.toBody();
    if (appError.code === 'internal') body.error = { code: 'internal', message: 'Internal error' };
    response.status(appError.status).json(body);
  };
}
