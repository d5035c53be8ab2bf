import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IssuesModule } from '../issues/issues.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { Escalation } from './escalation.entity.js';
import { EscalationsController, IssueEscalationsController } from './escalations.controller.js';
import { EscalationsService } from './escalations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Escalation]), IssuesModule, NotificationsModule],
  controllers: [IssueEscalationsController, EscalationsController],
  providers: [EscalationsService],
})
export class EscalationsModule {}
