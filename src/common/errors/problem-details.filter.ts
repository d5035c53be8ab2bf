import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactUrl } from '../../infra/logging/redact-url.js';
import { localeOf, translate } from '../i18n/i18n.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details.js';
import { toAppError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './to-app-error.js';

/** The one place HTTP errors are shaped: RFC 9457 problem details with a contract code. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendProblem(http.getRequest<Request>(), http.getResponse<Response>(), exception, this.logger);
  }
}

export function sendProblem(req: Request, res: Response, exception: unknown, logger: Logger): void {
  const { error, unexpected } = toAppError(exception);
  if (unexpected !== undefined) {
    logger.error({ err: unexpected, path: redactUrl(req.originalUrl) }, 'unexpected error');
  }
  if (res.headersSent) return;
  // Accept-Language, else the signed-in caller's preferredLanguage (set by the JWT strategy
  // when the error comes after authentication), else the default: docs/i18n.md.
  const locale = localeOf(req as Parameters<typeof localeOf>[0]);
  const body: ProblemDetails = {
    type: problemType(error.code),
    title: translate(locale, `title.${error.code}`),
    status: error.status,
    detail: error.detail(locale),
    code: error.code,
    // Echoed to the client and often logged by proxies and apps: no tokens in it.
    instance: redactUrl(req.originalUrl),
  };
  const errors = error.fieldErrors(locale);
  if (errors?.length) body.errors = errors;
  res.setHeader('Content-Language', locale);
  res.vary('Accept-Language');
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  // Every 503 tells the client when to come back (readiness while draining, too).
  if (error.status === 503 && !res.getHeader('Retry-After'))
    res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  res.status(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
