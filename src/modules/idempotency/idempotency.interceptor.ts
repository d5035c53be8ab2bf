import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, of } from 'rxjs';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { honoursIdempotencyKey } from './idempotency-policy.js';
import { IdempotencyService, type StoredAnswer } from './idempotency.service.js';
import { bodyHash, parseIdempotencyKey } from './request-fingerprint.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** The answer's headers a replay repeats; the rest (request id, length, etag) are per send. */
const STORED_HEADERS = ['content-type', 'content-language', 'location'] as const;

/**
 * `Idempotency-Key` on the POST routes that honour it (idempotency-policy.ts). Runs after
 * the guards (the caller is known) and before the pipes: a validation failure is an answer
 * like any other and is stored. Without the header nothing changes.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly keys: IdempotencyService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: AuthUser }>();
    const raw = req.headers['idempotency-key'];
    if (raw === undefined || !req.user) return next.handle();
    if (!honoursIdempotencyKey(context.getHandler(), context.getClass())) return next.handle();

    const key = parseIdempotencyKey(raw);
    const userId = req.user.id;
    const res = http.getResponse<Response>();
    const claim = await this.keys.claim(userId, key, {
      method: req.method,
      path: req.originalUrl.split('?')[0] ?? req.originalUrl,
      hash: bodyHash(req.body),
    });
    switch (claim.kind) {
      case 'mismatch':
        throw AppError.conflict('idempotency.mismatch');
      case 'in_progress':
        throw new AppError('conflict', 'idempotency.inProgress', {}, undefined, {
          'Retry-After': '1',
        });
      case 'replay':
        replayInto(res, claim.answer);
        // Nest answers this with res.send(), which replayInto has taken over.
        return of(undefined);
      case 'claimed':
        this.storeAnswerOf(res, userId, key, claim.token);
        return next.handle();
    }
  }

  /**
   * Holds back the end of the answer until it is stored, so that a retry arriving the moment
   * the client has it finds it. Hooks `end`, not `send`: by then Express has serialised the
   * body and set the final headers, so what is stored is what went out. A 5xx (or 429) is
   * not an answer to the request but a failure to give one: the key is released instead.
   */
  private storeAnswerOf(res: Response, userId: string, key: string, token: string): void {
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      res.end = end as Response['end'];
      const status = res.statusCode;
      const chunk = args[0];
      const finish = () => end(...args);
      // Already streaming (write() was called): the whole body cannot be captured.
      const storable = !res.headersSent && status < 500 && status !== 429;
      const work = storable
        ? this.keys
            .complete(userId, key, token, { status, headers: headersOf(res), body: bodyOf(chunk) })
            .then((stored) => {
              if (!stored) this.logger.warn({ event: 'idempotency_claim_lost', userId, key });
            })
        : this.keys.release(userId, key, token);
      void work
        .catch((error: unknown) =>
          this.logger.error({ event: 'idempotency_store_failed', err: error, userId, key }),
        )
        .finally(finish);
      return res;
    }) as Response['end'];
  }
}

function headersOf(res: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

function bodyOf(chunk: unknown): string | null {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString('utf8');
  return null;
}

/** Whatever the route would send, the stored answer goes out instead, marked as a replay. */
function replayInto(res: Response, answer: StoredAnswer): void {
  const send = res.send.bind(res);
  res.send = (() => {
    res.send = send;
    res.status(answer.status);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.setHeader(REPLAYED_HEADER, 'true');
    // A Buffer keeps the stored Content-Type exactly (a string would get a charset added).
    return send(answer.body === null ? undefined : Buffer.from(answer.body, 'utf8'));
  }) as Response['send'];
}
