import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { StrategiesOverdueJob } from './strategies-overdue.js';
import {
  ActionsController,
  EventCommitmentsController,
  ObjectivesController,
  StrategiesController,
} from './strategies.controller.js';
import { StrategiesService } from './strategies.service.js';
import {
  StrategyAction,
  StrategyActionIssue,
  StrategyActionUpdate,
} from './strategy-action.entity.js';
import { StrategyObjective } from './strategy-objective.entity.js';
import { Strategy, StrategyIssue, StrategyTerritory } from './strategy.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Strategy,
      StrategyIssue,
      StrategyTerritory,
      StrategyObjective,
      StrategyAction,
      StrategyActionIssue,
      StrategyActionUpdate,
    ]),
    NotificationsModule,
    TerritoriesModule,
  ],
  controllers: [
    StrategiesController,
    ObjectivesController,
    ActionsController,
    EventCommitmentsController,
  ],
  providers: [StrategiesService, StrategiesOverdueJob],
  exports: [StrategiesService, StrategiesOverdueJob],
})
export class StrategiesModule {}
