import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
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
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { UuidParam } from '../../common/validation/uuid-param.js';
import {
  AddRoomMemberDto,
  BanDto,
  CreateRoomDto,
  LockDto,
  MessagePageDto,
  MessagesQueryDto,
  MuteDto,
  PinDto,
  RoomPageDto,
  RoomViewDto,
  SanctionViewDto,
  SlowModeDto,
} from './dto/room.dto.js';
import { ModerationService } from './moderation.service.js';
import { RoomsService } from './rooms.service.js';

@ApiTags('rooms')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('rooms')
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly moderation: ModerationService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Open a room',
    description:
      'An issue has one room: asking for a second answers 409 conflict naming the existing room.',
  })
  @ApiCreatedResponse({ type: RoomViewDto })
  @ApiProblems(400, 403, 409, 413)
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateRoomDto): Promise<RoomViewDto> {
    return this.rooms.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'Rooms the caller may see, with unread counts' })
  @ApiOkResponse({ type: RoomPageDto })
  list(@CurrentUser() actor: AuthUser, @Query() query: PageQueryDto): Promise<RoomPageDto> {
    return this.rooms.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 404)
  get(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<RoomViewDto> {
    return this.rooms.get(actor, id);
  }

  @Get(':id/messages')
  @ApiOperation({ summary: 'History in seq order: afterSeq pages forward, beforeSeq backward' })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiProblems(400, 403, 404)
  messages(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: MessagesQueryDto,
  ): Promise<MessagePageDto> {
    return this.rooms.messages(actor, id, query);
  }

  @Post(':id/members')
  @HttpCode(200)
  @ApiOperation({ summary: 'Invite a member into a private room' })
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 404, 409)
  addMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: AddRoomMemberDto,
  ): Promise<RoomViewDto> {
    return this.rooms.addMember(actor, id, body.userId);
  }

  @Post(':id/lock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lock or unlock the room (moderators)' })
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 403, 404)
  lock(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: LockDto,
  ): Promise<RoomViewDto> {
    return this.moderation.lock(actor, id, body.locked);
  }

  @Post(':id/slow-mode')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Seconds a member must wait between messages; 0 turns it off (moderators)',
  })
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 403, 404)
  slowMode(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: SlowModeDto,
  ): Promise<RoomViewDto> {
    return this.moderation.slowMode(actor, id, body.seconds);
  }

  @Post(':id/pin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pin a message by seq, or unpin with null (moderators)' })
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 403, 404)
  pin(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: PinDto,
  ): Promise<RoomViewDto> {
    return this.moderation.pin(actor, id, body.seq ?? null);
  }

  @Post(':id/mutes')
  @ApiOperation({ summary: 'Mute a member for some minutes (moderators)' })
  @ApiCreatedResponse({ type: SanctionViewDto })
  @ApiProblems(400, 403, 404, 409)
  mute(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: MuteDto,
  ): Promise<SanctionViewDto> {
    return this.moderation.mute(actor, id, body.userId, body.minutes, body.reason);
  }

  @Post(':id/bans')
  @ApiOperation({ summary: 'Ban a member from the room (moderators)' })
  @ApiCreatedResponse({ type: SanctionViewDto })
  @ApiProblems(400, 403, 404, 409)
  ban(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: BanDto,
  ): Promise<SanctionViewDto> {
    return this.moderation.ban(actor, id, body.userId, body.reason);
  }

  @Delete(':id/bans/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift a ban (moderators)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404)
  unban(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.moderation.unban(actor, id, userId);
  }
}
