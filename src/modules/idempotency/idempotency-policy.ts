import { RequestMethod, SetMetadata } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { IS_PUBLIC } from '../../common/decorators/public.decorator.js';

export const SKIP_IDEMPOTENCY = 'kenesh:skipIdempotency';

/**
 * Opts a POST out of `Idempotency-Key` handling; give the reason, it shows in the route
 * table test. For routes with a retry protocol of their own (tus uploads, for example).
 */
export const SkipIdempotency = (reason: string): MethodDecorator & ClassDecorator =>
  SetMetadata(SKIP_IDEMPOTENCY, reason);

type Target = object;

function metadata<T>(key: string, handler: Target, controller: Target): T | undefined {
  return (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as
    T | undefined;
}

/**
 * Which routes honour `Idempotency-Key`: every POST that needs a token, unless it opts out.
 * Secure by default, like the auth guard: a new creating POST is covered without anyone
 * remembering a decorator. Public POSTs (the `/auth` ones) are left out: there is no user to
 * scope a key by, and their answers carry tokens that must not be stored and handed to
 * whoever sends the same key again (see docs/ops/idempotency.md).
 */
export function honoursIdempotencyKey(handler: Target, controller: Target): boolean {
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  if (method !== RequestMethod.POST) return false;
  if (metadata<boolean>(IS_PUBLIC, handler, controller)) return false;
  return metadata<string>(SKIP_IDEMPOTENCY, handler, controller) === undefined;
}
