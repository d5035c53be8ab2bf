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
  @ApiOperation({
    summary: 'Hide a message',
    description: "The room's moderators hide a message with a reason; broadcasts message:hidden.",
  })
  @HttpCode(200)
  @ApiOkResponse({ type: MessageViewDto })
  @ApiProblems(400, 403, 404, 409)
  hideMessage(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<MessageViewDto> {
    return this.moderation.hide(actor, id, body.reason);
  }

  @Post('messages/:id/flags')
  @ApiOperation({
    summary: 'Flag a message',
    description: 'Any member of the room flags a message for the facilitators, once per message.',
  })
  @ApiCreatedResponse({ type: FlagViewDto })
  @ApiProblems(400, 404, 409)
  flagMessage(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<FlagViewDto> {
    return this.moderation.flag(actor, id, body.reason);
  }

  @Get('moderation/flags')
  @ApiOperation({
    summary: 'The flag queue',
    description: 'Facilitators and admins see the flags, oldest first, in pages.',
  })
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: FlagPageDto })
  @ApiProblems(400, 403)
  listFlags(@CurrentUser() actor: AuthUser, @Query() query: FlagsQueryDto): Promise<FlagPageDto> {
    return this.moderation.flags(actor, query);
  }

  @Post('moderation/flags/:id/resolve')
  @ApiOperation({
    summary: 'Settle a flag',
    description: 'Facilitators and admins settle a flag in one action: dismiss, hide, mute or ban.',
  })
  @HttpCode(200)
  @Roles('facilitator', 'admin')
  @ApiOkResponse({ type: FlagViewDto })
  @ApiProblems(400, 403, 404, 409)
  resolveFlag(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ResolveFlagDto,
  ): Promise<FlagViewDto> {
    return this.moderation.resolve(actor, id, body);
  }
}
