import { Body, Controller, Get, Post, Query } from '@nestjs/common';
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
import { UuidParam } from '../../common/validation/uuid-param.js';
import { IssueViewDto } from '../issues/dto/issue.dto.js';
import {
  CreateFindingDto,
  FindingPageDto,
  FindingsQueryDto,
  FindingTraceDto,
  FindingViewDto,
  IssueEvidenceDto,
  RaiseFindingIssueDto,
} from './dto/finding.dto.js';
import { FindingsService } from './findings.service.js';

@ApiTags('findings')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('findings')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  @Post()
  @ApiOperation({
    summary: 'Record a finding with its evidence',
    description:
      'Facilitators and admins. The cited survey result cells are frozen into the finding with the minimum cell size used; cited events (focus groups) are linked.',
  })
  @Roles('facilitator', 'admin')
  @ApiCreatedResponse({ type: FindingViewDto })
  @ApiProblems(400, 403, 413)
  recordFinding(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateFindingDto,
  ): Promise<FindingViewDto> {
    return this.findings.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List findings',
    description:
      'Newest first, in pages; filters by category, territory (with those below it), survey, event and whether raised as an issue.',
  })
  @ApiOkResponse({ type: FindingPageDto })
  @ApiProblems(400)
  listFindings(
    @CurrentUser() actor: AuthUser,
    @Query() query: FindingsQueryDto,
  ): Promise<FindingPageDto> {
    return this.findings.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One finding', description: 'With its frozen evidence and events.' })
  @ApiOkResponse({ type: FindingViewDto })
  @ApiProblems(400, 404)
  getFinding(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<FindingViewDto> {
    return this.findings.get(actor, id);
  }

  @Post(':id/issue')
  @ApiOperation({
    summary: 'Raise a finding as an issue',
    description:
      "Facilitators and admins: a new issue thread from the finding's statement, category, territories and language, linked to it. A finding raises one issue at most: 409 after.",
  })
  @Roles('facilitator', 'admin')
  @ApiCreatedResponse({ type: IssueViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  raiseFindingAsIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: RaiseFindingIssueDto,
  ): Promise<IssueViewDto> {
    return this.findings.raiseIssue(actor, id, body);
  }

  @Get(':id/trace')
  @ApiOperation({
    summary: 'Where a finding went',
    description:
      'finding → issue → status changes → escalations → answers, in time order (following a merge).',
  })
  @ApiOkResponse({ type: FindingTraceDto })
  @ApiProblems(400, 404)
  traceFinding(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<FindingTraceDto> {
    return this.findings.trace(actor, id);
  }
}

@ApiTags('findings')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('issues/:id/evidence')
export class IssueEvidenceController {
  constructor(private readonly findings: FindingsService) {}

  @Get()
  @ApiOperation({
    summary: 'The evidence behind an issue',
    description:
      'The findings that raised it (or an issue merged into it), with their frozen survey cells and focus groups.',
  })
  @ApiOkResponse({ type: IssueEvidenceDto })
  @ApiProblems(400, 404)
  getIssueEvidence(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<IssueEvidenceDto> {
    return this.findings.evidenceForIssue(actor, id);
  }
}
