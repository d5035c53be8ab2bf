import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error.js';
import { toAppError } from './to-app-error.js';

function pgError(code: string): QueryFailedError {
  return new QueryFailedError(
    'SELECT secret FROM users',
    [],
    Object.assign(new Error('db says no'), { code }),
  );
}

describe('mapping errors to contract codes', () => {
  it('keeps domain errors as they are', () => {
    const error = AppError.conflict('db.exists');
    expect(toAppError(error).error).toBe(error);
  });

  it.each([
    [new NotFoundException(), 404, 'not_found'],
    [new BadRequestException('bad'), 400, 'validation_failed'],
    [pgError('23505'), 409, 'conflict'],
    [pgError('22P02'), 400, 'validation_failed'],
    [
      Object.assign(new Error('too big'), { type: 'entity.too.large', status: 413 }),
      413,
      'payload_too_large',
    ],
    [
      Object.assign(new Error('bad json'), { type: 'entity.parse.failed', status: 400 }),
      400,
      'validation_failed',
    ],
  ])('maps %p to %i %s', (exception, status, code) => {
    const { error, unexpected } = toAppError(exception);
    expect({ status: error.status, code: error.code }).toEqual({ status, code });
    expect(unexpected).toBeUndefined();
  });

  it.each([
    [
      'refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['admin shutdown', pgError('57P01')],
    ['starting up', pgError('57P03')],
    ['connection exception', pgError('08006')],
    [
      'refused on every address',
      new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], ''),
    ],
  ])(
    'maps a database that does not answer (%s) to 503 unavailable with Retry-After',
    (_, cause) => {
      const { error, unexpected } = toAppError(cause);
      expect({ status: error.status, code: error.code }).toEqual({
        status: 503,
        code: 'unavailable',
      });
      expect(Number(error.headers?.['Retry-After'])).toBeGreaterThan(0);
      expect(unexpected).toBeUndefined();
    },
  );

  it('turns anything else into a generic internal error and keeps the cause for the log', () => {
    const cause = pgError('XX000');
    const { error, unexpected } = toAppError(cause);
    expect(error.code).toBe('internal');
    expect(error.message).not.toMatch(/SELECT|db says/);
    expect(unexpected).toBe(cause);
  });
});
