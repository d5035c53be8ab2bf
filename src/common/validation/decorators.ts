import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

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
