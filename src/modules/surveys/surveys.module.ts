import { Module } from '@nestjs/common';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module.js';
import { PublicSurveyRateLimitGuard } from './public-survey-rate-limit.guard.js';
import { SubmissionTallies } from './results/submission-tallies.js';
import {
  PublicSurveysController,
  SubmissionsController,
  SurveysController,
} from './surveys.controller.js';
import { SurveysService } from './surveys.service.js';

/** Surveys, versions, submissions and public links (docs/surveys.md). */
@Module({
  imports: [RateLimitModule],
  controllers: [SurveysController, SubmissionsController, PublicSurveysController],
  providers: [SurveysService, SubmissionTallies, PublicSurveyRateLimitGuard],
  exports: [SurveysService, SubmissionTallies],
})
export class SurveysModule {}
