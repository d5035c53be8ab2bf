import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
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
import {
  FlagPageDto,
  FlagsQueryDto,
  FlagViewDto,
  MessageViewDto,
  ReasonDto,
  ResolveFlagDto,
} from './dto/room.dto.js';
import { ModerationService } from './moderation.service.js';

@ApiTags('moderation')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post('messages/:id/hide')
  @HttpCode(200)
  @ApiOperation({
    summary: "Hide a message with a reason (the room's moderators); broadcasts message:hidden",
  })
  @ApiOkResponse({ type: MessageViewDto })
  @ApiProblems(400, 403, 404, 409)
  hide(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<MessageViewDto> {
    return this.moderation.hide(actor, id, body.reason);
  }

  @Post('messages/:id/flags')
  @ApiOperation({ summary: 'Flag a message for the facilitators (any member of the room, once)' })
  @ApiCreatedResponse({ type: FlagViewDto })
  @ApiProblems(400, 404, 409)
  flag(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<FlagViewDto> {
    return this.moderation.flag(actor, id, body.reason);
  }

  @Get('moderation/flags')
  @Roles('facilitator', 'admin')
  @ApiOperation({ summary: 'The flag queue, oldest first (facilitators, admins)' })
  @ApiOkResponse({ type: FlagPageDto })
  @ApiProblems(400, 403)
  flags(@CurrentUser() actor: AuthUser, @Query() query: FlagsQueryDto): Promise<FlagPageDto> {
    return this.moderation.flags(actor, query);
  }

  @Post('moderation/flags/:id/resolve')
  @HttpCode(200)
  @Roles('facilitator', 'admin')
  @ApiOperation({ summary: 'Settle a flag in one action: dismiss, hide, mute or ban' })
  @ApiOkResponse({ type: FlagViewDto })
  @ApiProblems(400, 403, 404, 409)
  resolve(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ResolveFlagDto,
  ): Promise<FlagViewDto> {
    return this.moderation.resolve(actor, id, body);
  }
}
