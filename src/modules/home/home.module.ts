import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { HomeController } from './home.controller.js';

/**
 * `GET /` until the web client is served there: a page naming the hub and pointing at its docs.
 * The web client replaces this whole folder (it serves `web/` with an SPA fallback instead).
 */
@Module({
  imports: [HealthModule],
  controllers: [HomeController],
})
export class HomeModule {}
