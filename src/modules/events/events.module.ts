import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerritoriesModule } from '../territories/territories.module.js';
import { EventAttendance } from './event-attendance.entity.js';
import { EventCommitment } from './event-commitment.entity.js';
import { EventIssue } from './event-issue.entity.js';
import { EventRegistration } from './event-registration.entity.js';
import { EventTally } from './event-tally.entity.js';
import { NetworkEvent } from './event.entity.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      NetworkEvent,
      EventIssue,
      EventRegistration,
      EventAttendance,
      EventTally,
      EventCommitment,
    ]),
    TerritoriesModule,
  ],
  controllers: [EventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}
