import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Trims strings before validation, so a value of blanks fails a length check instead of being stored empty. */
export const Trimmed = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * May be left out, but not `null`: for fields every record has (a NOT NULL column).
 * `@IsOptional` would let `null` through to the database.
 */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_o, value) => value !== undefined);

/** May be left out, and `null` clears it. */
export const OptionalNullable = (): PropertyDecorator =>
  ValidateIf((_o, value) => value !== undefined && value !== null);

/**
 * An RFC 3339 date-time with its offset (`2025-03-01T09:30:00Z`, `…+06:00`), years 1900–2999.
 * A bare date or a time without an offset is refused: it would be read in the server's zone,
 * not the caller's.
 */
const DATE_TIME = /^(19|2\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/i;

export function IsDateTime(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    // Catalogue keys: the validation pipe writes them in the reader's language.
    Matches(DATE_TIME, { message: 'field.dateTime' }),
    // Catches calendar nonsense the pattern lets through (2025-02-30).
    IsISO8601({ strict: true }, { message: 'field.notRealDate' }),
  );
}

/** One language's text in a multilingual object (`{ ky, ru, … }`): optional, not null, trimmed. */
export function LanguageText(max: number, example?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minLength: 1, maxLength: max, example }),
    Trimmed(),
    OptionalNotNull(),
    IsString(),
    MinLength(1),
    MaxLength(max),
  );
}
