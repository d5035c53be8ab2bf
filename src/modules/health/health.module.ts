import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RealtimeLink } from '../../infra/realtime/realtime-link.js';
import { HealthController } from './health.controller.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [RealtimeLink],
  exports: [RealtimeLink],
})
export class HealthModule {}
