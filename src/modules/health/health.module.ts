import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ShutdownState } from '../../infra/lifecycle/shutdown-state.js';
import { RealtimeLink } from '../../infra/realtime/realtime-link.js';
import { HealthController } from './health.controller.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [RealtimeLink, ShutdownState],
  exports: [RealtimeLink, ShutdownState],
})
export class HealthModule {}
