import { type ErrorCode, STATUS_OF } from './error-code.js';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one exception domain code throws. It carries a contract code; the problem-details
 * filter turns it into an HTTP answer and socket handlers into a refusal ack.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS_OF[code];
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found`);
  }

  static forbidden(message = 'You may not do this'): AppError {
    return new AppError('forbidden', message);
  }

  static conflict(message: string): AppError {
    return new AppError('conflict', message);
  }

  static unauthorized(message = 'Authentication required'): AppError {
    return new AppError('unauthorized', message);
  }

  static validation(errors: FieldError[], message = 'The request is not valid'): AppError {
    return new AppError('validation_failed', message, errors);
  }
}
