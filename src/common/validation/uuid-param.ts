import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { AppError } from '../errors/app-error.js';

/**
 * A route parameter that must be a UUID; anything else is a 400 naming the parameter. The
 * OpenAPI document says `format: uuid` for it, so generated clients and docs know too.
 */
export function UuidParam(name: string): ParameterDecorator {
  const param = Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => AppError.validation([{ field: name, key: 'field.mustBeUuid' }]),
    }),
  );
  return (target, key, index) => {
    param(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (descriptor)
      ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } })(
        target,
        key!,
        descriptor,
      );
  };
}
