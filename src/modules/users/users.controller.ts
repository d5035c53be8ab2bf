import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { Roles } from '../../common/decorators/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import { MembersQueryDto } from './dto/members-query.dto.js';
import { SetRoleDto } from './dto/set-role.dto.js';
import { UpdateProfileDto } from './dto/update-profile.dto.js';
import { UserPageDto, UserViewDto } from './dto/user-view.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('members')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({
    summary: "The caller's profile",
    description: "Answers the signed-in user's full profile, including email and phone.",
  })
  @ApiOkResponse({ type: UserViewDto })
  getMe(@CurrentUser() actor: AuthUser): Promise<UserViewDto> {
    return this.users.me(actor);
  }

  @Patch('me')
  @ApiOperation({
    summary: "Update the caller's profile",
    description: 'Changes only the fields sent; null clears an optional field.',
  })
  @ApiOkResponse({ type: UserViewDto })
  @ApiProblems(400, 413)
  updateMe(@CurrentUser() actor: AuthUser, @Body() body: UpdateProfileDto): Promise<UserViewDto> {
    return this.users.updateMe(actor, body);
  }

  @Patch('users/:id/role')
  @ApiOperation({
    summary: "Change a user's network role",
    description: 'Admins only; demoting the last admin is 409.',
  })
  @Roles('admin')
  @ApiOkResponse({ type: UserViewDto })
  @ApiProblems(400, 403, 404, 409)
  setUserRole(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: SetRoleDto,
  ): Promise<UserViewDto> {
    return this.users.setRole(actor, id, body.role);
  }

  @Get('members')
  @ApiOperation({
    summary: 'Member directory',
    description:
      'Lists members of the network, filtered by text, organisation, territory (with its descendants) or language, in pages.',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400)
  listMembers(
    @CurrentUser() actor: AuthUser,
    @Query() query: MembersQueryDto,
  ): Promise<UserPageDto> {
    return this.users.listMembers(actor, query);
  }

  @Get('members/:id')
  @ApiOperation({
    summary: "A member's public profile",
    description:
      "Answers one member's profile; email and phone only to staff, members of network organisations and the member themselves.",
  })
  @ApiOkResponse({ type: UserViewDto })
  @ApiProblems(400, 404)
  getMember(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<UserViewDto> {
    return this.users.getMember(actor, id);
  }
}
