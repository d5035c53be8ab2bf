import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyOpenApi } from './idempotency-openapi.js';
import { IdempotencyPruner } from './idempotency-pruner.js';
import { IdempotencyService } from './idempotency.service.js';

/** `Idempotency-Key` on every POST that needs a token (see idempotency-policy.ts). */
@Module({
  providers: [
    IdempotencyService,
    IdempotencyPruner,
    IdempotencyOpenApi,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
