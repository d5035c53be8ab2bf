import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error.js';
import type { ErrorCode } from './error-code.js';
import type { MessageKey } from '../i18n/i18n.js';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'validation_failed',
  423: 'room_locked',
  429: 'rate_limited',
  503: 'unavailable',
};

/** PostgreSQL error codes a client's input can cause (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const PG_CODES: Record<string, { code: ErrorCode; key: MessageKey }> = {
  '23505': { code: 'conflict', key: 'db.exists' },
  '23503': { code: 'conflict', key: 'db.referenced' },
  '23514': { code: 'validation_failed', key: 'db.outOfRange' },
  '22P02': { code: 'validation_failed', key: 'db.wrongFormat' },
  '22001': { code: 'validation_failed', key: 'db.tooLong' },
  '40001': { code: 'conflict', key: 'db.concurrentChange' },
};

/** Seconds a client is asked to wait (`Retry-After`) when a dependency does not answer. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 3;

/** The database (or Redis) does not answer: 503 with Retry-After, never 401 or 500. */
export function unavailable(): AppError {
  return new AppError('unavailable', 'unavailable.default', {}, undefined, {
    'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS),
  });
}

/**
 * For passport guards, which would otherwise turn any error into 401: a database that does
 * not answer is 503, so the client retries instead of signing its user out.
 */
export function throwIfUnavailable(error: unknown): void {
  if (!error) return;
  const { error: mapped } = toAppError(error);
  if (mapped.code === 'unavailable') throw mapped;
}

/**
 * Node's socket error codes, and PostgreSQL's, that mean "the server is not there right now",
 * not "this request is wrong": class 08 (connection exception), 57P01-57P03 (shutdown, crash
 * recovery), 53300 (too many connections).
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const CONNECTION_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /Connection terminated unexpectedly/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client has encountered a connection error and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  // node-redis, when Redis is down or the client is reconnecting.
  /The client is closed/i,
  /Socket closed unexpectedly/i,
];

/**
 * Whether an error (or what it wraps: TypeORM's driverError, a cause, an AggregateError's
 * errors) says a dependency cannot be reached, as opposed to a bug or bad input.
 */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code)) return true;
    if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  }
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(message))) {
    return true;
  }
  if (Array.isArray(errors) && errors.some((e) => isConnectionFailure(e, depth + 1))) return true;
  return isConnectionFailure(driverError, depth + 1) || isConnectionFailure(cause, depth + 1);
}

/**
 * Maps anything thrown to an AppError. Unknown errors become `internal` with a generic
 * message: their text (SQL, stack) must never reach a client. Returns `undefined` in
 * `unexpected` when the error was a bug that deserves a log line with its stack.
 */
export function toAppError(exception: unknown): { error: AppError; unexpected?: unknown } {
  if (exception instanceof AppError) return { error: exception };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_OF_STATUS[status];
    if (code) return { error: new AppError(code, httpMessageKey(code)) };
    if (status < 500) return { error: new AppError('validation_failed', 'validation.invalid') };
    return {
      error: new AppError('internal', 'internal.default'),
      unexpected: exception,
    };
  }
  if (isConnectionFailure(exception)) return { error: unavailable() };
  if (exception instanceof QueryFailedError) {
    const pgCode = (exception.driverError as { code?: string } | undefined)?.code;
    const known = pgCode ? PG_CODES[pgCode] : undefined;
    if (known) return { error: new AppError(known.code, known.key) };
  }
  const bodyParserStatus = bodyParserErrorStatus(exception);
  if (bodyParserStatus === 413) {
    return { error: new AppError('payload_too_large', 'body.tooLarge') };
  }
  if (bodyParserStatus) {
    return { error: new AppError('validation_failed', 'body.notJson') };
  }
  return { error: new AppError('internal', 'internal.default'), unexpected: exception };
}

/**
 * Nest's own HTTP exceptions (unknown routes, a passport failure) carry English text made for
 * developers; the client gets the catalogue's generic message for the code instead.
 */
function httpMessageKey(code: ErrorCode): MessageKey {
  switch (code) {
    case 'not_found':
      return 'notFound.resource';
    case 'unauthorized':
      return 'unauthorized.default';
    case 'forbidden':
      return 'forbidden.default';
    case 'payload_too_large':
      return 'body.tooLarge';
    case 'rate_limited':
      return 'rateLimit.tooManyNow';
    case 'unavailable':
      return 'unavailable.default';
    case 'conflict':
      return 'conflict.default';
    case 'room_locked':
      return 'rooms.locked';
    default:
      return 'validation.invalid';
  }
}

/** body-parser errors carry `type` and `status` (entity.too.large, entity.parse.failed, …). */
function bodyParserErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status } = exception as { type?: unknown; status?: unknown };
  if (typeof type === 'string' && type.startsWith('entity.') && typeof status === 'number') {
    return status;
  }
  if (typeof type === 'string' && type.startsWith('charset.') && typeof status === 'number') {
    return status;
  }
  return undefined;
}
