import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  CreateIssueDto,
  EndorseDto,
  EndorsementListDto,
  EndorsementViewDto,
  FollowStateDto,
  HistoryDto,
  IssuePageDto,
  IssuesQueryDto,
  IssueViewDto,
  MergeDto,
  TransitionDto,
  UpdateIssueDto,
} from './dto/issue.dto.js';
import { IssueEngagementService } from './issue-engagement.service.js';
import { IssuesService } from './issues.service.js';

@ApiTags('issues')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('issues')
export class IssuesController {
  constructor(
    private readonly issues: IssuesService,
    private readonly engagement: IssueEngagementService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Raise an issue (status raised); the author follows it' })
  @ApiCreatedResponse({ type: IssueViewDto })
  @ApiProblems(400, 403, 413)
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateIssueDto): Promise<IssueViewDto> {
    return this.issues.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List and search issues' })
  @ApiOkResponse({ type: IssuePageDto })
  @ApiProblems(400)
  list(@CurrentUser() actor: AuthUser, @Query() query: IssuesQueryDto): Promise<IssuePageDto> {
    return this.issues.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: IssueViewDto })
  @ApiProblems(400, 404)
  get(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<IssueViewDto> {
    return this.issues.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit (author, facilitators, admins); every edit is kept in the history',
  })
  @ApiOkResponse({ type: IssueViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  update(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateIssueDto,
  ): Promise<IssueViewDto> {
    return this.issues.update(actor, id, body);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the issue in its workflow; a forbidden move is 409 naming the allowed ones',
  })
  @ApiOkResponse({ type: IssueViewDto })
  @ApiProblems(400, 404, 409)
  transition(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: TransitionDto,
  ): Promise<IssueViewDto> {
    return this.issues.transition(actor, id, body.to, body.note);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every status change (actor, note, time) and every edit' })
  @ApiOkResponse({ type: HistoryDto })
  @ApiProblems(400, 404)
  history(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<HistoryDto> {
    return this.issues.history(actor, id, query);
  }

  @Get(':id/endorsements')
  @ApiOkResponse({ type: EndorsementListDto })
  @ApiProblems(400, 404)
  endorsements(
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<EndorsementListDto> {
    return this.engagement.listEndorsements(id, query);
  }

  @Post(':id/endorsements')
  @ApiOperation({
    summary: 'An organisation co-signs ("affects us too"); once per organisation, by its members',
  })
  @ApiCreatedResponse({ type: EndorsementViewDto })
  @ApiProblems(400, 403, 404, 409)
  endorse(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: EndorseDto,
  ): Promise<EndorsementViewDto> {
    return this.engagement.endorse(actor, id, body.organisationId, body.note);
  }

  @Delete(':id/endorsements/:organisationId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Withdraw an endorsement (members of that organisation, facilitators, admins)',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404)
  withdrawEndorsement(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('organisationId') organisationId: string,
  ): Promise<void> {
    return this.engagement.withdrawEndorsement(actor, id, organisationId);
  }

  @Post(':id/follow')
  @HttpCode(200)
  @ApiOkResponse({ type: FollowStateDto })
  @ApiProblems(400, 404)
  follow(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<FollowStateDto> {
    return this.engagement.follow(actor, id);
  }

  @Delete(':id/follow')
  @HttpCode(200)
  @ApiOkResponse({ type: FollowStateDto })
  @ApiProblems(400, 404)
  unfollow(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<FollowStateDto> {
    return this.engagement.unfollow(actor, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('facilitator', 'admin')
  @ApiOperation({ summary: 'Merge this duplicate into another issue (facilitators, admins)' })
  @ApiOkResponse({ type: IssueViewDto })
  @ApiProblems(400, 403, 404, 409)
  merge(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: MergeDto,
  ): Promise<IssueViewDto> {
    return this.engagement.merge(actor, id, body.targetIssueId);
  }
}
