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
  @ApiOperation({ summary: 'Register an organisation; the caller becomes its representative' })
  @ApiCreatedResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 409, 413)
  create(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List organisations (kind, territory with descendants, text, network status)',
  })
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiProblems(400)
  list(
    @CurrentUser() actor: AuthUser,
    @Query() query: OrganisationsQueryDto,
  ): Promise<OrganisationPageDto> {
    return this.organisations.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 404)
  get(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<OrganisationViewDto> {
    return this.organisations.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit an organisation (its representatives and admins)' })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 403, 404, 409, 413)
  update(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.update(actor, id, body);
  }

  @Get(':id/members')
  @ApiOkResponse({ type: OrganisationMemberPageDto })
  @ApiProblems(400, 404)
  listMembers(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<OrganisationMemberPageDto> {
    return this.organisations.listMembers(actor, id, query);
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Add a member (representatives and admins)' })
  @ApiCreatedResponse({ type: OrganisationMemberViewDto })
  @ApiProblems(400, 403, 404, 409)
  addMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: AddMemberDto,
  ): Promise<OrganisationMemberViewDto> {
    return this.organisations.addMember(actor, id, body);
  }

  @Patch(':id/members/:userId')
  @ApiOperation({ summary: "Change a member's role (representatives and admins)" })
  @ApiOkResponse({ type: OrganisationMemberViewDto })
  @ApiProblems(400, 403, 404, 409)
  changeMemberRole(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @Body() body: ChangeMemberRoleDto,
  ): Promise<OrganisationMemberViewDto> {
    return this.organisations.changeMemberRole(actor, id, userId, body.role);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (representatives and admins), or leave (the member)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404, 409)
  removeMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.organisations.removeMember(actor, id, userId);
  }

  @Post(':id/invitations')
  @ApiOperation({
    summary: 'Invite someone to join (representatives and admins); they join when they accept',
  })
  @ApiCreatedResponse({ type: InvitationViewDto })
  @ApiProblems(400, 403, 404, 409)
  invite(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: AddMemberDto,
  ): Promise<InvitationViewDto> {
    return this.organisations.invite(actor, id, body);
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: 'Pending invitations of the organisation (representatives and admins)' })
  @ApiOkResponse({ type: InvitationListDto })
  @ApiProblems(400, 403, 404)
  listInvitations(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<InvitationListDto> {
    return this.organisations.listOrganisationInvitations(actor, id, query);
  }

  @Delete(':id/invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a pending invitation (representatives and admins)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404, 409)
  cancelInvitation(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    return this.organisations.cancelInvitation(actor, id, invitationId);
  }

  @Post(':id/network-application')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Apply to join the network (representatives and admins); networkStatus becomes pending',
  })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 403, 404, 409)
  apply(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: NetworkApplicationDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.apply(actor, id, body);
  }

  @Post(':id/network-application/decision')
  @HttpCode(200)
  @Roles('facilitator', 'admin')
  @ApiOperation({ summary: 'Admit or reject a pending application (facilitators and admins)' })
  @ApiOkResponse({ type: OrganisationViewDto })
  @ApiProblems(400, 403, 404, 409)
  decide(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: NetworkDecisionDto,
  ): Promise<OrganisationViewDto> {
    return this.organisations.decide(actor, id, body);
  }
}
