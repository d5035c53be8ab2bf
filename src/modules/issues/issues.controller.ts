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
  @ApiOperation({
    summary: 'Raise an issue',
    description: 'Creates an issue with status raised; the author follows it.',
  })
  @ApiCreatedResponse({ type: IssueViewDto })
  @ApiProblems(400, 403, 413)
  raiseIssue(@CurrentUser() actor: AuthUser, @Body() body: CreateIssueDto): Promise<IssueViewDto> {
    return this.issues.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List and search issues',
    description:
      'Filters by status, category, territory, decision level, organisation or overdue, and ranks by full-text search (q) in Kyrgyz, Russian and Latin text, in pages.',
  })
  @ApiOkResponse({ type: IssuePageDto })
  @ApiProblems(400)
  listIssues(
    @CurrentUser() actor: AuthUser,
    @Query() query: IssuesQueryDto,
  ): Promise<IssuePageDto> {
    return this.issues.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One issue',
    description: "Answers an issue with its author, counts and the caller's follow state.",
  })
  @ApiOkResponse({ type: IssueViewDto })
  @ApiProblems(400, 404)
  getIssue(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<IssueViewDto> {
    return this.issues.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit an issue',
    description:
      'The author, facilitators and admins may change the fields sent; every edit is kept in the history.',
  })
  @ApiOkResponse({ type: IssueViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  updateIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateIssueDto,
  ): Promise<IssueViewDto> {
    return this.issues.update(actor, id, body);
  }

  @Post(':id/transitions')
  @ApiOperation({
    summary: 'Move an issue in its workflow',
    description:
      'Changes the status with an optional note; a move not allowed from the current status, or not for this role, is 409 naming the allowed ones.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: IssueViewDto })
  @ApiProblems(400, 404, 409)
  transitionIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: TransitionDto,
  ): Promise<IssueViewDto> {
    return this.issues.transition(actor, id, body.to, body.note);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'Status changes and edits of an issue',
    description:
      'Every status change (actor, note, time) and every edit (changed fields), oldest first.',
  })
  @ApiOkResponse({ type: HistoryDto })
  @ApiProblems(400, 404)
  getIssueHistory(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<HistoryDto> {
    return this.issues.history(actor, id, query);
  }

  @Get(':id/endorsements')
  @ApiOperation({
    summary: "An issue's endorsements",
    description: 'Lists the organisations that co-signed the issue.',
  })
  @ApiOkResponse({ type: EndorsementListDto })
  @ApiProblems(400, 404)
  listEndorsements(
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<EndorsementListDto> {
    return this.engagement.listEndorsements(id, query);
  }

  @Post(':id/endorsements')
  @ApiOperation({
    summary: 'Endorse an issue for an organisation',
    description:
      'An organisation co-signs ("affects us too"), once per organisation, by one of its members.',
  })
  @ApiCreatedResponse({ type: EndorsementViewDto })
  @ApiProblems(400, 403, 404, 409)
  endorseIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: EndorseDto,
  ): Promise<EndorsementViewDto> {
    return this.engagement.endorse(actor, id, body.organisationId, body.note);
  }

  @Delete(':id/endorsements/:organisationId')
  @ApiOperation({
    summary: 'Withdraw an endorsement',
    description: 'Members of that organisation, facilitators and admins may withdraw it.',
  })
  @HttpCode(204)
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
  @ApiOperation({
    summary: 'Follow an issue',
    description: 'The caller gets notifications about the issue; following twice is harmless.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: FollowStateDto })
  @ApiProblems(400, 404)
  followIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<FollowStateDto> {
    return this.engagement.follow(actor, id);
  }

  @Delete(':id/follow')
  @ApiOperation({
    summary: 'Stop following an issue',
    description: 'The caller gets no more notifications about it; unfollowing twice is harmless.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: FollowStateDto })
  @ApiProblems(400, 404)
  unfollowIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<FollowStateDto> {
    return this.engagement.unfollow(actor, id);
  }

  @Post(':id/merge')
  @ApiOperation({
    summary: 'Merge a duplicate into another issue',
    description:
      'Facilitators and admins; the duplicate gets status merged and points at the target.',
  })
  @HttpCode(200)
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: IssueViewDto })
  @ApiProblems(400, 403, 404, 409)
  mergeIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: MergeDto,
  ): Promise<IssueViewDto> {
    return this.engagement.merge(actor, id, body.targetIssueId);
  }
}
