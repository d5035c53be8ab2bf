import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsISO8601,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { LANGUAGES } from '../../../common/languages.js';
import { OptionalNotNull, Trimmed } from '../../../common/validation/decorators.js';

/**
 * An RFC 3339 date-time with its offset, years 1900–2999 (as escalations take them; the two
 * could share one decorator in src/common/validation).
 */
const DATE_TIME = /^(19|2\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/i;

export function IsDateTime(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(DATE_TIME, { message: 'field.dateTime' }),
    IsISO8601({ strict: true }, { message: 'field.notRealDate' }),
  );
}

/** A multilingual object has text in at least one language. */
export function HasSomeLanguage(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasSomeLanguage',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          LANGUAGES.some((l) => typeof (value as Record<string, unknown>)[l] === 'string'),
      },
    },
    { message: 'events.someLanguage', ...options },
  );
}

function text(max: number, example?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minLength: 1, maxLength: max, example }),
    Trimmed(),
    OptionalNotNull(),
    IsString(),
    MinLength(1),
    MaxLength(max),
  );
}

/** A short multilingual text (a title): `{ ky, ru, … }`, at least one. */
export class LocalisedTitleDto {
  @text(200, 'Суу боюнча тегерек үстөл')
  ky?: string;

  @text(200, 'Круглый стол по воде')
  ru?: string;

  @text(200)
  en?: string;

  @text(200)
  tg?: string;

  @text(200)
  uz?: string;
}

/** A long multilingual text (minutes): `{ ky, ru, … }`, at least one. */
export class LocalisedLongTextDto {
  @text(50000)
  ky?: string;

  @text(50000)
  ru?: string;

  @text(50000)
  en?: string;

  @text(50000)
  tg?: string;

  @text(50000)
  uz?: string;
}
