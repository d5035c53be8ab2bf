import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  ActionDetailDto,
  ActionUpdatePageDto,
  ActionUpdateViewDto,
  CommitmentActionPageDto,
  CreateActionDto,
  CreateObjectiveDto,
  CreateStrategyDto,
  ObjectiveViewDto,
  PostActionUpdateDto,
  StrategiesQueryDto,
  StrategyPageDto,
  StrategyViewDto,
  UpdateActionDto,
  UpdateStrategyDto,
} from './dto/strategy.dto.js';
import { StrategiesService } from './strategies.service.js';

@ApiTags('strategies')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('strategies')
export class StrategiesController {
  constructor(private readonly strategies: StrategiesService) {}

  @Post()
  @ApiOperation({
    summary: 'Write a strategy',
    description:
      'A title, a goal, the issues it is about and the territories it covers. Facilitators and admins.',
  })
  @Roles('facilitator', 'admin')
  @ApiCreatedResponse({ type: StrategyViewDto })
  @ApiProblems(400, 403, 413)
  createStrategy(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateStrategyDto,
  ): Promise<StrategyViewDto> {
    return this.strategies.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List strategies',
    description:
      'Newest first, in pages, each with its progress and counts of objectives, actions and overdue actions; filters by issue and territory (with those below it, directly or through the issues).',
  })
  @ApiOkResponse({ type: StrategyPageDto })
  @ApiProblems(400)
  listStrategies(
    @CurrentUser() actor: AuthUser,
    @Query() query: StrategiesQueryDto,
  ): Promise<StrategyPageDto> {
    return this.strategies.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A strategy’s board',
    description:
      "Its objectives with their actions and progress (an objective's: the weighted mean of its actions', dropped ones left out; the strategy's: the weighted mean of its objectives'), and the overdue actions.",
  })
  @ApiOkResponse({ type: StrategyViewDto })
  @ApiProblems(400, 404)
  getStrategy(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<StrategyViewDto> {
    return this.strategies.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit a strategy',
    description:
      'Title, goal, issues, territories (lists replace). Facilitators and admins; audited.',
  })
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: StrategyViewDto })
  @ApiProblems(400, 403, 404, 413)
  updateStrategy(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateStrategyDto,
  ): Promise<StrategyViewDto> {
    return this.strategies.update(actor, id, body);
  }

  @Post(':id/objectives')
  @ApiOperation({
    summary: 'Add an objective',
    description: 'With its weight in the strategy’s progress (default 1). Facilitators and admins.',
  })
  @Roles('facilitator', 'admin')
  @ApiCreatedResponse({ type: ObjectiveViewDto })
  @ApiProblems(400, 403, 404, 413)
  addStrategyObjective(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateObjectiveDto,
  ): Promise<ObjectiveViewDto> {
    return this.strategies.addObjective(actor, id, body);
  }
}

@ApiTags('strategies')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('objectives')
export class ObjectivesController {
  constructor(private readonly strategies: StrategiesService) {}

  @Post(':id/actions')
  @ApiOperation({
    summary: 'Add an action to an objective',
    description:
      "The owner organisation, the authority it targets (kind state_administration or government_body), the due date, the weight (default 1). With commitmentId, from an event's commitment (its text, owner and due date unless given; once per commitment, 409 after). Facilitators and admins.",
  })
  @Roles('facilitator', 'admin')
  @ApiCreatedResponse({ type: ActionDetailDto })
  @ApiProblems(400, 403, 404, 409, 413)
  addObjectiveAction(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateActionDto,
  ): Promise<ActionDetailDto> {
    return this.strategies.addAction(actor, id, body);
  }
}

@ApiTags('strategies')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('actions')
export class ActionsController {
  constructor(private readonly strategies: StrategiesService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'One action with its timeline',
    description: 'The latest 100 updates, newest first; the rest through GET /actions/:id/updates.',
  })
  @ApiOkResponse({ type: ActionDetailDto })
  @ApiProblems(400, 404)
  getAction(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<ActionDetailDto> {
    return this.strategies.getAction(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit an action or report on it',
    description:
      "note, progress, status: the owner organisation's representatives, facilitators and admins (an entry in the timeline, as POST /actions/:id/updates). Title, owner, target, due date, weight, issues: facilitators and admins. Staff are audited.",
  })
  @ApiOkResponse({ type: ActionDetailDto })
  @ApiProblems(400, 403, 404, 413)
  updateAction(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateActionDto,
  ): Promise<ActionDetailDto> {
    return this.strategies.updateAction(actor, id, body);
  }

  @Post(':id/updates')
  @ApiOperation({
    summary: 'Report on an action',
    description:
      "A note, the progress (0–100) and the status; the action takes them, and the entry joins its timeline. Done stores progress 100. The owner organisation's representatives, facilitators and admins (audited when not the owner's).",
  })
  @ApiCreatedResponse({ type: ActionUpdateViewDto })
  @ApiProblems(400, 403, 404, 413)
  postActionUpdate(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: PostActionUpdateDto,
  ): Promise<ActionUpdateViewDto> {
    return this.strategies.postUpdate(actor, id, body);
  }

  @Get(':id/updates')
  @ApiOperation({ summary: "An action's timeline", description: 'Newest first, in pages.' })
  @ApiOkResponse({ type: ActionUpdatePageDto })
  @ApiProblems(400, 404)
  listActionUpdates(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<ActionUpdatePageDto> {
    return this.strategies.listUpdates(actor, id, query);
  }
}

@ApiTags('strategies')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('events')
export class EventCommitmentsController {
  constructor(private readonly strategies: StrategiesService) {}

  @Get(':id/commitments')
  @ApiOperation({
    summary: "An event's commitments and the actions made from them",
    description: 'An extension: each commitment with the strategy action made from it, if any.',
  })
  @ApiOkResponse({ type: CommitmentActionPageDto })
  @ApiProblems(400, 404)
  listEventCommitments(
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<CommitmentActionPageDto> {
    return this.strategies.eventCommitments(id, query);
  }
}
