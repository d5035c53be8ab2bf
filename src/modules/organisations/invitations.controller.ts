import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { InvitationListDto, InvitationViewDto } from './dto/invitation.dto.js';
import { OrganisationsService } from './organisations.service.js';

/** The invited person's side: their pending invitations, and the answer. */
@ApiTags('organisations')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's pending invitations",
    description: 'Lists the invitations to organisations the caller has not answered yet.',
  })
  @ApiOkResponse({ type: InvitationListDto })
  listMyInvitations(
    @CurrentUser() actor: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<InvitationListDto> {
    return this.organisations.myInvitations(actor, query);
  }

  @Post(':id/accept')
  @ApiOperation({
    summary: 'Accept an invitation',
    description:
      'The caller joins the organisation with the invited role; an answered or withdrawn invitation is 409.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationViewDto })
  @ApiProblems(400, 404, 409)
  acceptInvitation(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<InvitationViewDto> {
    return this.organisations.respondToInvitation(actor, id, true);
  }

  @Post(':id/decline')
  @ApiOperation({
    summary: 'Decline an invitation',
    description:
      'The invitation is closed without joining; an answered or withdrawn invitation is 409.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationViewDto })
  @ApiProblems(400, 404, 409)
  declineInvitation(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<InvitationViewDto> {
    return this.organisations.respondToInvitation(actor, id, false);
  }
}
