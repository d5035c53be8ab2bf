import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard.js';
import { RolesGuard } from './common/auth/roles.guard.js';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter.js';
import { UnknownPathProblems } from './common/errors/unknown-path.js';
import type { AppConfig } from './infra/config/app-config.js';
import { ConfigModule } from './infra/config/config.module.js';
import { dataSourceOptions } from './infra/database/data-source.js';
import { MigrationsOnStart } from './infra/database/migrate.js';
import { ScheduledBackup } from './infra/database/scheduled-backup.js';
import { JobQueueModule } from './infra/jobs/job-queue.module.js';
import { RedisModule } from './infra/redis/redis-connection.js';
import { AttachmentsModule } from './modules/attachments/attachments.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CommentsModule } from './modules/comments/comments.module.js';
import { EscalationsModule } from './modules/escalations/escalations.module.js';
import { EventsModule } from './modules/events/events.module.js';
import { FindingsModule } from './modules/findings/findings.module.js';
import { BallotsModule } from './modules/ballots/ballots.module.js';
import { LegalModule } from './modules/legal/legal.module.js';
import { CampaignsModule } from './modules/campaigns/campaigns.module.js';
import { StrategiesModule } from './modules/strategies/strategies.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IdempotencyModule } from './modules/idempotency/idempotency.module.js';
import { IssuesModule } from './modules/issues/issues.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { RoomsModule } from './modules/rooms/rooms.module.js';
import { SearchModule } from './modules/search/search.module.js';
import { SurveysModule } from './modules/surveys/surveys.module.js';
import { SurveyResultsModule } from './modules/surveys/results/survey-results.module.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { TerritoriesModule } from './modules/territories/territories.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl),
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        JobQueueModule.forRoot(databaseUrl),
        RedisModule,
        HealthModule,
        AttachmentsModule,
        AuthModule,
        UsersModule,
        TerritoriesModule,
        OrganisationsModule,
        NotificationsModule,
        SearchModule,
        IssuesModule,
        CommentsModule,
        EscalationsModule,
        EventsModule,
        SurveysModule,
        FindingsModule,
        BallotsModule,
        LegalModule,
        StrategiesModule,
        ReportsModule,
        AuditModule,
        RoomsModule,
        IdempotencyModule,
        SurveyResultsModule,
        CampaignsModule,
      ],
      providers: [
        MigrationsOnStart,
        ScheduledBackup,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        UnknownPathProblems,
      ],
    };
  }
}
