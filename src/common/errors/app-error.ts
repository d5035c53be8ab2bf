import { type Locale, type MessageKey, type MessageParams, translate } from '../i18n/i18n.js';
import { type ErrorCode, STATUS_OF } from './error-code.js';

/** A field message as a client reads it, in one language. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A field message before it is written in the reader's language: a catalogue key and its
 * values. `field` is always available to the message as `{field}`.
 */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: MessageParams;
}

/** The things `AppError.notFound` may name: the `notFound.*` keys of the catalogue. */
export type NotFoundThing = MessageKey extends infer K
  ? K extends `notFound.${infer T}`
    ? T
    : never
  : never;

/**
 * The one exception domain code throws. It carries a contract code and a message key with
 * its values; the problem-details filter and the socket acks write it in the reader's
 * language (docs/i18n.md). `message` is the English text, for logs.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly problems?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(translate('en', key, params));
    this.name = 'AppError';
    this.status = STATUS_OF[code];
  }

  /** The detail in `locale`. */
  detail(locale: Locale): string {
    return translate(locale, this.key, this.params);
  }

  /** The field messages in `locale` (English when no locale is given). */
  fieldErrors(locale: Locale = 'en'): FieldError[] | undefined {
    return this.problems?.map((p) => ({
      field: p.field,
      message: translate(locale, p.key, { field: p.field, ...p.params }),
    }));
  }

  /** A socket refusal ack (`{ ok: false, error: { code, message, errors? } }`) in `locale`. */
  refusal(locale: Locale): {
    ok: false;
    error: { code: ErrorCode; message: string; errors?: FieldError[] };
  } {
    const errors = this.fieldErrors(locale);
    return {
      ok: false,
      error: {
        code: this.code,
        message: this.detail(locale),
        ...(errors?.length ? { errors } : {}),
      },
    };
  }

  /** English field messages, as before translation existed (logs, unit tests). */
  get errors(): FieldError[] | undefined {
    return this.fieldErrors('en');
  }

  static notFound(what: NotFoundThing): AppError {
    return new AppError('not_found', `notFound.${what}` as MessageKey);
  }

  static forbidden(key: MessageKey = 'forbidden.default', params?: MessageParams): AppError {
    return new AppError('forbidden', key, params);
  }

  static conflict(key: MessageKey, params?: MessageParams): AppError {
    return new AppError('conflict', key, params);
  }

  static unauthorized(key: MessageKey = 'unauthorized.default', params?: MessageParams): AppError {
    return new AppError('unauthorized', key, params);
  }

  static validation(
    problems: FieldProblem[],
    key: MessageKey = 'validation.invalid',
    params?: MessageParams,
  ): AppError {
    return new AppError('validation_failed', key, params, problems);
  }

  /** One field's problem, for `AppError.validation([...])`. */
  static field(field: string, key: MessageKey, params?: MessageParams): FieldProblem {
    return { field, key, params };
  }
}
