import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
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

  @Post('attachments/:id/flags')
  @ApiOperation({
    summary: 'Flag a file',
    description:
      'Anyone who can see a file (a photo, document or voice note attached to an issue, comment, answer or message) flags it for the facilitators, once per file.',
  })
  @ApiCreatedResponse({ type: FlagViewDto })
  @ApiProblems(400, 404, 409)
  flagAttachment(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<FlagViewDto> {
    return this.moderation.flagAttachment(actor, id, body.reason);
  }

  @Post('attachments/:id/hide')
  @ApiOperation({
    summary: 'Hide a file',
    description:
      "Facilitators and admins, and a room's moderators for the files of its messages, hide a file with a reason: it leaves its item's attachments and its URLs stop working; audited.",
  })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404, 409)
  hideAttachment(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<void> {
    return this.moderation.hideAttachment(actor, id, body.reason);
  }

  @Get('moderation/flags')
  @ApiOperation({
    summary: 'The flag queue',
    description:
      'Facilitators and admins see the flags on messages and on files, oldest first, in pages.',
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
    description:
      'Facilitators and admins settle a flag in one action: dismiss, hide (the message or the file), mute or ban (its author, in its room).',
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
