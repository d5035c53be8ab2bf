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
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { InvitationListDto, InvitationViewDto } from './dto/invitation.dto.js';
import {
  AddMemberDto,
  ChangeMemberRoleDto,
  CreateOrganisationDto,
  NetworkApplicationDto,
  NetworkDecisionDto,
  OrganisationMemberPageDto,
  OrganisationMemberViewDto,
  OrganisationPageDto,
  OrganisationsQueryDto,
  OrganisationViewDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register an organisation',
    description:
      'Creates an organisation outside the network; the caller becomes its representative.',
  })
  @ApiCreatedResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 409, 413)
  registerOrganisation(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List organisations',
    description:
      'Filters by kind, territory (with descendants), text and network status, in pages.',
  })
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiProblems(400)
  listOrganisations(
    @CurrentUser() actor: AuthUser,
    @Query() query: OrganisationsQueryDto,
  ): Promise<OrganisationPageDto> {
    return this.organisations.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One organisation',
    description: "Answers one organisation with the caller's role in it, if any.",
  })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 404)
  getOrganisation(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
  ): Promise<OrganisationViewDto> {
    return this.organisations.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit an organisation',
    description:
      'Its representatives and admins may change the fields sent; null clears the description.',
  })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  updateOrganisation(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.update(actor, id, body);
  }

  @Get(':id/members')
  @ApiOperation({
    summary: "An organisation's members",
    description: 'Lists the members of an organisation with their roles, in pages.',
  })
  @ApiOkResponse({ type: OrganisationMemberPageDto })
  @ApiProblems(400, 404)
  listOrganisationMembers(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<OrganisationMemberPageDto> {
    return this.organisations.listMembers(actor, id, query);
  }

  @Post(':id/members')
  @ApiOperation({
    summary: 'Add a member to an organisation',
    description: 'Representatives and admins add an existing user directly with a role.',
  })
  @ApiCreatedResponse({ type: OrganisationMemberViewDto })
  @ApiProblems(400, 403, 404, 409)
  addOrganisationMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: AddMemberDto,
  ): Promise<OrganisationMemberViewDto> {
    return this.organisations.addMember(actor, id, body);
  }

  @Patch(':id/members/:userId')
  @ApiOperation({
    summary: "Change an organisation member's role",
    description: 'Representatives and admins; demoting the only representative is 409.',
  })
  @ApiOkResponse({ type: OrganisationMemberViewDto })
  @ApiProblems(400, 403, 404, 409)
  changeOrganisationMemberRole(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @Body() body: ChangeMemberRoleDto,
  ): Promise<OrganisationMemberViewDto> {
    return this.organisations.changeMemberRole(actor, id, userId, body.role);
  }

  @Delete(':id/members/:userId')
  @ApiOperation({
    summary: 'Remove a member, or leave',
    description:
      'Representatives and admins remove a member; a member may remove themselves. The only representative cannot go (409).',
  })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404, 409)
  removeOrganisationMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.organisations.removeMember(actor, id, userId);
  }

  @Post(':id/invitations')
  @ApiOperation({
    summary: 'Invite someone to an organisation',
    description: 'Representatives and admins invite a user; the user joins when they accept.',
  })
  @ApiCreatedResponse({ type: InvitationViewDto })
  @ApiProblems(400, 403, 404, 409)
  inviteToOrganisation(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: AddMemberDto,
  ): Promise<InvitationViewDto> {
    return this.organisations.invite(actor, id, body);
  }

  @Get(':id/invitations')
  @ApiOperation({
    summary: "An organisation's pending invitations",
    description: 'Representatives and admins see the invitations not yet answered.',
  })
  @ApiOkResponse({ type: InvitationListDto })
  @ApiProblems(400, 403, 404)
  listOrganisationInvitations(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<InvitationListDto> {
    return this.organisations.listOrganisationInvitations(actor, id, query);
  }

  @Delete(':id/invitations/:invitationId')
  @ApiOperation({
    summary: 'Withdraw a pending invitation',
    description:
      'Representatives and admins withdraw an invitation not yet answered; an answered one is 409.',
  })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404, 409)
  withdrawInvitation(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    return this.organisations.cancelInvitation(actor, id, invitationId);
  }

  @Post(':id/network-application')
  @ApiOperation({
    summary: 'Apply to join the network',
    description:
      'Representatives and admins apply with a motivation; networkStatus becomes pending.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 403, 404, 409)
  applyToNetwork(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: NetworkApplicationDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.apply(actor, id, body);
  }

  @Post(':id/network-application/decision')
  @ApiOperation({
    summary: 'Admit or reject a network application',
    description:
      'Facilitators and admins decide a pending application with a reason; the decision is audited.',
  })
  @HttpCode(200)
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 403, 404, 409)
  decideNetworkApplication(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: NetworkDecisionDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.decide(actor, id, body);
  }
}
