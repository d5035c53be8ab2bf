import { Module } from '@nestjs/common';
import { SurveyExportService } from './survey-export.service.js';
import { SurveyResultsController } from './survey-results.controller.js';
import { SurveyResultsService } from './survey-results.service.js';

/** Results and exports of surveys; findings import it to freeze result cells. */
@Module({
  controllers: [SurveyResultsController],
  providers: [SurveyResultsService, SurveyExportService],
  exports: [SurveyResultsService],
})
export class SurveyResultsModule {}
