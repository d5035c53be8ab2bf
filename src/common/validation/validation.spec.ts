import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, validate } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import { flattenValidationErrors } from './validation.js';

class Sample {
  @IsString()
  @MinLength(1)
  @MaxLength(10)
  body: string;

  @IsOptional()
  @IsString()
  @MaxLength(3)
  note?: string;
}

async function messages(input: object) {
  const errors = await validate(plainToInstance(Sample, input), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return AppError.validation(flattenValidationErrors(errors)).fieldErrors('en');
}

describe('field messages', () => {
  it('gives one clear message per field', async () => {
    expect(await messages({})).toEqual([{ field: 'body', message: 'body is required' }]);
    expect(await messages({ body: null })).toEqual([
      { field: 'body', message: 'body must not be null' },
    ]);
    expect(await messages({ body: 42 })).toEqual([
      { field: 'body', message: 'body must be a string' },
    ]);
    expect(await messages({ body: '' })).toEqual([
      { field: 'body', message: expect.stringMatching(/^body must be longer/) },
    ]);
    expect(await messages({ body: 'ok', note: 'long', extra: 1 })).toEqual([
      { field: 'extra', message: 'extra should not exist' },
      { field: 'note', message: expect.stringMatching(/^note must be shorter/) },
    ]);
  });
});
