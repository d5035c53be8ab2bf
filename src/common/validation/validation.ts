import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppError, type FieldProblem } from '../errors/app-error.js';
import { isMessageKey, type MessageKey, type MessageParams } from '../i18n/i18n.js';

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

/**
 * class-validator's constraints by name, as catalogue messages: class-validator's own texts
 * are English only. The values (lengths, allowed values) come from the decorator's arguments.
 */
const CONSTRAINT_MESSAGES: Record<string, (args: unknown[]) => [MessageKey, MessageParams?]> = {
  whitelistValidation: () => ['field.notAllowed'],
  isString: () => ['field.mustBeString'],
  isInt: () => ['field.mustBeInt'],
  isNumber: () => ['field.mustBeNumber'],
  isBoolean: () => ['field.mustBeBoolean'],
  isArray: () => ['field.mustBeArray'],
  isObject: () => ['field.mustBeObject'],
  isUuid: () => ['field.mustBeUuid'],
  isEmail: () => ['field.mustBeEmail'],
  isUrl: () => ['field.mustBeUrl'],
  isDateString: () => ['field.mustBeDate'],
  isIso8601: () => ['field.mustBeDate'],
  isIn: ([values]) => ['field.mustBeOneOf', { values: listOf(values) }],
  isEnum: ([entity, values]) => [
    'field.mustBeOneOf',
    { values: listOf(values ?? Object.values(entity as object)) },
  ],
  minLength: ([min]) => ['field.minLength', { min: Number(min) }],
  maxLength: ([max]) => ['field.maxLength', { max: Number(max) }],
  min: ([min]) => ['field.min', { min: Number(min) }],
  max: ([max]) => ['field.max', { max: Number(max) }],
  arrayMinSize: ([min]) => ['field.arrayMinSize', { min: Number(min) }],
  arrayMaxSize: ([max]) => ['field.arrayMaxSize', { max: Number(max) }],
  arrayNotEmpty: () => ['field.arrayNotEmpty'],
  arrayUnique: () => ['field.arrayUnique'],
  matches: () => ['field.pattern'],
  nestedValidation: () => ['field.mustBeObject'],
};

function listOf(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join(', ') : String(values);
}

/** The arguments of the decorator behind a failed constraint (`@MaxLength(200)` → [200]). */
function constraintArgs(error: ValidationError, name: string): unknown[] {
  const target = error.target as object | undefined;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === name);
  return (metadata?.constraints as unknown[] | undefined) ?? [];
}

function oneProblem(error: ValidationError, field: string): FieldProblem | undefined {
  const constraints = error.constraints ?? {};
  const keys = Object.keys(constraints);
  if (!keys.length) return undefined;
  if (error.value === undefined && !keys.includes('whitelistValidation'))
    return { field, key: 'field.required' };
  if (error.value === null) return { field, key: 'field.notNull' };
  const name = keys.find((k) => TYPE_CONSTRAINTS.has(k)) ?? keys[keys.length - 1];
  // A DTO may name its own catalogue message: `@Matches(E164, { message: 'field.phoneE164' })`.
  if (isMessageKey(constraints[name])) return { field, key: constraints[name] };
  const known = CONSTRAINT_MESSAGES[name];
  if (!known) return { field, key: 'field.invalid' };
  const [key, params] = known(constraintArgs(error, name));
  return { field, key, params };
}

/** Flattens class-validator's tree into `{ field: 'a.b.0', key }` rows, one per field. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const rows: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const problem = oneProblem(error, field);
    if (problem !== undefined) rows.push(problem);
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
    // Read by flattenValidationErrors (absent or null; the decorators' arguments), never sent back.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
  });
}
