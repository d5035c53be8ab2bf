import type { NextFunction, Request, Response } from 'express';
import { AppError, type FieldProblem } from '../errors/app-error.js';
import type { MessageKey, MessageParams } from '../i18n/i18n.js';

/**
 * The one door every client value passes before anything else sees it: HTTP bodies, query
 * strings and path segments (the middleware below, right after the JSON parser) and socket
 * payloads (RealtimeIoAdapter). It refuses what would otherwise reach PostgreSQL or blow a
 * stack further in:
 * - NUL (U+0000): PostgreSQL refuses it in `text` and `jsonb`, so it used to end as a 500;
 * - unpaired UTF-16 surrogates: stored as U+FFFD in `text` but refused by `jsonb`, which lost
 *   notifications after the write had been acknowledged;
 * - nesting deeper than MAX_DEPTH: class-transformer and class-validator recurse and overflow;
 * - `__proto__`, `constructor`, `prototype` as field names: never a real field, always a
 *   prototype-pollution attempt, and class-transformer lets them through the whitelist;
 * - absurd sizes (arrays, fields per object, string length, values in all), so the work the
 *   later layers do stays bounded by what this walk has already seen.
 * The walk is iterative: it cannot itself overflow on the input it is there to refuse.
 */
export const INPUT_LIMITS = {
  maxDepth: 32,
  maxArrayLength: 10_000,
  maxKeys: 1_000,
  maxStringLength: 1_000_000,
  maxValues: 100_000,
  /** Enough to tell a client what is wrong; the walk stops after this many. */
  maxErrors: 20,
} as const;

export type InputLimits = { readonly [K in keyof typeof INPUT_LIMITS]: number };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `String.prototype.isWellFormed` (Node 20+; not in TypeScript's ES2023 lib): false when the
 * string has an unpaired surrogate, which is not UTF-16 and cannot be encoded as UTF-8. Native,
 * about 6 times faster than the equivalent regular expression on a 4,000-character message.
 */
const isWellFormed = (text: string) =>
  (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Why a string cannot be accepted as text (a message about `{field}`), or undefined when it can. */
export function textProblem(text: string): 'input.nul' | 'input.surrogate' | undefined {
  if (text.includes('\u0000')) return 'input.nul';
  if (!isWellFormed(text)) return 'input.surrogate';
  return undefined;
}

/**
 * Checks a parsed value and returns one row per problem, `field` being the path of the value
 * (`items.0.title`), or `rootName` for the value itself. Empty when the value may go on.
 */
export function checkInput(
  value: unknown,
  rootName: string,
  limits: InputLimits = INPUT_LIMITS,
): FieldProblem[] {
  const errors: FieldProblem[] = [];
  const report = (path: string, key: MessageKey, params?: MessageParams) => {
    errors.push({ field: path || rootName, key, params });
  };
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  let seen = 0;
  while (stack.length && errors.length < limits.maxErrors) {
    const frame = stack.pop()!;
    seen += 1;
    if (seen > limits.maxValues) {
      report('', 'input.tooManyValues', { max: limits.maxValues });
      break;
    }
    const item = frame.value;
    if (typeof item === 'string') {
      if (item.length > limits.maxStringLength) {
        report(frame.path, 'input.tooLong', { max: limits.maxStringLength });
        continue;
      }
      const problem = textProblem(item);
      if (problem) report(frame.path, problem);
      continue;
    }
    if (typeof item === 'number') {
      // JSON.parse reads 1e400 as Infinity, which no column or validator expects.
      if (!Number.isFinite(item)) report(frame.path, 'input.notFinite');
      continue;
    }
    if (typeof item !== 'object' || item === null || ArrayBuffer.isView(item)) continue;
    if (item instanceof ArrayBuffer) continue;
    if (frame.depth >= limits.maxDepth) {
      report(frame.path, 'input.tooDeep', { max: limits.maxDepth });
      continue;
    }
    const prefix = frame.path ? `${frame.path}.` : '';
    if (Array.isArray(item)) {
      if (item.length > limits.maxArrayLength) {
        report(frame.path, 'input.tooManyItems', { max: limits.maxArrayLength });
        continue;
      }
      // Pushed in reverse so that errors come out in document order.
      for (let i = item.length - 1; i >= 0; i -= 1) {
        stack.push({ value: item[i], path: `${prefix}${i}`, depth: frame.depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(item);
    if (keys.length > limits.maxKeys) {
      report(frame.path, 'input.tooManyFields', { max: limits.maxKeys });
      continue;
    }
    const children: typeof stack = [];
    for (const key of keys) {
      const path = `${prefix}${key}`;
      if (FORBIDDEN_KEYS.has(key)) {
        report(path, 'input.reservedName');
        continue;
      }
      const keyProblem = textProblem(key);
      if (keyProblem) {
        report(path, keyProblem === 'input.nul' ? 'input.keyNul' : 'input.keySurrogate');
        continue;
      }
      children.push({
        value: (item as Record<string, unknown>)[key],
        path,
        depth: frame.depth + 1,
      });
    }
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return errors.slice(0, limits.maxErrors);
}

/**
 * 415, with the contract's code for a request the client must change: `to-app-error` maps
 * 415 to `validation_failed`, and a client can tell the two apart by the status.
 */
export class UnsupportedMediaTypeError extends AppError {
  override readonly status = 415;

  constructor() {
    super('validation_failed', 'body.mustBeJson');
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPES = ['application/json', 'application/*+json'];
/** tus uploads carry raw bytes; the tus routes read them as a stream (docs/attachments.md). */
const UPLOADS_PREFIX = '/api/v1/uploads';
const UPLOAD_TYPE = 'application/offset+octet-stream';

function isUploadBody(req: Request): boolean {
  return (
    (req.path === UPLOADS_PREFIX || req.path.startsWith(`${UPLOADS_PREFIX}/`)) &&
    req.is(UPLOAD_TYPE) === UPLOAD_TYPE
  );
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

/** The raw path's segments, decoded as the router will: it answers 500 on bad escapes. */
function checkPath(path: string): FieldProblem[] {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return [{ field: 'path', key: 'input.pathEncoding' }];
    }
    const problem = textProblem(decoded);
    if (problem) return [{ field: 'path', key: problem }];
  }
  return [];
}

/**
 * Express middleware, mounted right after the JSON body parser and before Nest's router:
 * a non-JSON body gets 415; a body, query or path that fails `checkInput` gets 400
 * `validation_failed` naming the fields (query parameters by their name). Errors go to the
 * next error handler, which writes the problem details.
 */
export function inputGuard() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (BODY_METHODS.has(req.method) && hasBody(req) && !req.is(JSON_TYPES) && !isUploadBody(req)) {
      return next(new UnsupportedMediaTypeError());
    }
    const errors = [
      ...checkPath(req.path),
      ...checkInput(req.query, 'query'),
      ...(req.body === undefined ? [] : checkInput(req.body, 'body')),
    ];
    if (errors.length) return next(AppError.validation(errors.slice(0, INPUT_LIMITS.maxErrors)));
    next();
  };
}
