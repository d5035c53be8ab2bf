import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SearchModule } from '../search/search.module.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { Endorsement } from './endorsement.entity.js';
import { IssueEngagementService } from './issue-engagement.service.js';
import { IssueFollow } from './issue-follow.entity.js';
import { IssueRevision } from './issue-revision.entity.js';
import { IssueTerritory } from './issue-territory.entity.js';
import { IssueTransition } from './issue-transition.entity.js';
import { Issue } from './issue.entity.js';
import { IssuesController } from './issues.controller.js';
import { IssuesService } from './issues.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Issue,
      IssueTerritory,
      IssueRevision,
      IssueTransition,
      Endorsement,
      IssueFollow,
    ]),
    TerritoriesModule,
    NotificationsModule,
    SearchModule,
  ],
  controllers: [IssuesController],
  providers: [IssuesService, IssueEngagementService],
  exports: [IssuesService],
})
export class IssuesModule {}
