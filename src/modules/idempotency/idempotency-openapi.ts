import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { honoursIdempotencyKey } from './idempotency-policy.js';
import { IDEMPOTENCY_KEY_HEADER } from './request-fingerprint.js';

/** Where @nestjs/swagger keeps a handler's parameters (DECORATORS.API_PARAMETERS). */
const API_PARAMETERS = 'swagger/apiParameters';

/**
 * Declares the optional `Idempotency-Key` header in the OpenAPI document on exactly the routes
 * that honour it, from the same policy the interceptor applies, so the generated client
 * offers it where it works and nowhere else.
 */
@Injectable()
export class IdempotencyOpenApi implements OnModuleInit {
  constructor(private readonly modules: ModulesContainer) {}

  onModuleInit(): void {
    for (const module of this.modules.values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
        if (!controller) continue;
        const prototype = controller.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
          const handler: unknown = descriptor?.value;
          if (name === 'constructor' || typeof handler !== 'function') continue;
          if (!honoursIdempotencyKey(handler, controller)) continue;
          // Decorator metadata lives on the class: a second app in the process must not add it twice.
          const declared = (Reflect.getMetadata(API_PARAMETERS, handler) ?? []) as {
            name?: string;
          }[];
          if (declared.some((parameter) => parameter.name === IDEMPOTENCY_KEY_HEADER)) continue;
          ApiHeader({
            name: IDEMPOTENCY_KEY_HEADER,
            required: false,
            description:
              'A UUID the client generates per logical request. A retry with the same key and body gets the first answer again (header `Idempotent-Replayed: true`) and creates nothing twice; the same key with another body is 409. Kept 24 hours.',
            schema: { type: 'string', format: 'uuid' },
          })(prototype, name, descriptor!);
        }
      }
    }
  }
}
