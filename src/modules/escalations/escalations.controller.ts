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
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  CreateEscalationDto,
  EscalationPageDto,
  EscalationsQueryDto,
  EscalationViewDto,
  UpdateEscalationDto,
} from './dto/escalation.dto.js';
import { EscalationsService } from './escalations.service.js';

/** Escalations seen from their issue: send one, list the issue's. */
@ApiTags('escalations')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('issues/:id/escalations')
export class IssueEscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Escalate an issue to an authority',
    description:
      'Facilitators and admins, from prioritised or answered (an escalated issue stays escalated: another authority); the representatives of the organisation that raised the issue, for a letter they sent, from discussing or prioritised (else 409). Anyone else 403. Moves the issue to escalated, with the caller as the actor.',
  })
  @ApiCreatedResponse({ type: EscalationViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  escalateIssue(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: CreateEscalationDto,
  ): Promise<EscalationViewDto> {
    return this.escalations.create(actor, id, body);
  }

  @Get()
  @ApiOperation({
    summary: "An issue's escalations",
    description: 'Soonest deadline first, in pages.',
  })
  @ApiOkResponse({ type: EscalationPageDto })
  @ApiProblems(400, 404)
  listIssueEscalations(
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<EscalationPageDto> {
    return this.escalations.listForIssue(id, query);
  }
}

@ApiTags('escalations')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get()
  @ApiOperation({
    summary: 'List escalations',
    description:
      'Soonest deadline first, in pages; overdue=true keeps the unanswered ones past their deadline.',
  })
  @ApiOkResponse({ type: EscalationPageDto })
  @ApiProblems(400)
  listEscalations(@Query() query: EscalationsQueryDto): Promise<EscalationPageDto> {
    return this.escalations.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One escalation',
    description: "Answers one escalation with its deadline and the authority's answer, if any.",
  })
  @ApiOkResponse({ type: EscalationViewDto })
  @ApiProblems(400, 404)
  getEscalation(@UuidParam('id') id: string): Promise<EscalationViewDto> {
    return this.escalations.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Record an authority's answer or correct an escalation",
    description:
      "Facilitators, admins and the representatives of the organisation that raised the escalation's issue record the answer (responseText with respondedAt, once; moves an escalated issue to answered) and/or correct reference and responseDueAt.",
  })
  @ApiOkResponse({ type: EscalationViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  updateEscalation(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateEscalationDto,
  ): Promise<EscalationViewDto> {
    return this.escalations.update(actor, id, body);
  }
}
