import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { IssuesModule } from '../issues/issues.module.js';
import { SurveyResultsModule } from '../surveys/results/survey-results.module.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { FindingEvent } from './finding-event.entity.js';
import { FindingTerritory } from './finding-territory.entity.js';
import { Finding } from './finding.entity.js';
import { FindingsController, IssueEvidenceController } from './findings.controller.js';
import { FindingsService } from './findings.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Finding, FindingTerritory, FindingEvent]),
    EventsModule,
    IssuesModule,
    SurveyResultsModule,
    TerritoriesModule,
  ],
  controllers: [FindingsController, IssueEvidenceController],
  providers: [FindingsService],
})
export class FindingsModule {}
