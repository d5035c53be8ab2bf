import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, type FieldError } from '../errors/app-error.js';

/**
 * class-validator checks every decorator of a field, so a missing `body` used to come back as
 * "must be a string", "must be longer than 1", "must be shorter than 10000" at once. A client
 * needs one message per field: "required" when it is absent, else the type when that is wrong,
 * else the first rule declared (class-validator lists constraints last-declared first).
 */
const TYPE_CONSTRAINTS = new Set([
  'whitelistValidation',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isUUID',
  'isDateString',
  'isISO8601',
  'isEnum',
  'isIn',
  'nestedValidation',
]);

function oneMessage(error: ValidationError, field: string): string | undefined {
  const constraints = error.constraints ?? {};
  const keys = Object.keys(constraints);
  if (!keys.length) return undefined;
  if (error.value === undefined && !keys.includes('whitelistValidation'))
    return `${field} is required`;
  if (error.value === null) return `${field} must not be null`;
  const key = keys.find((name) => TYPE_CONSTRAINTS.has(name)) ?? keys[keys.length - 1];
  return constraints[key].replace(/^property /, '');
}

/** Flattens class-validator's tree into `{ field: 'a.b.0', message }` rows, one per field. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const rows: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = oneMessage(error, field);
    if (message !== undefined) rows.push({ field, message });
    if (error.children?.length) rows.push(...flattenValidationErrors(error.children, field));
  }
  return rows;
}

/**
 * Global validation: unknown fields are refused (never silently dropped or applied),
 * values are converted to their declared types, and the answer lists every bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is read by flattenValidationErrors (absent or null) and never sent back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
  });
}
