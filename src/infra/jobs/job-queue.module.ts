import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JobQueueService } from './job-queue.service.js';

/** One pg-boss per node on the app's database; any module may inject `JobQueueService`. */
@Global()
@Module({})
export class JobQueueModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: JobQueueModule,
      providers: [{ provide: JobQueueService, useFactory: () => new JobQueueService(databaseUrl) }],
      exports: [JobQueueService],
    };
  }
}
