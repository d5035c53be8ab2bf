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
  openRoom(@CurrentUser() actor: AuthUser, @Body() body: CreateRoomDto): Promise<RoomViewDto> {
    return this.rooms.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Rooms the caller may see',
    description: 'Lists the rooms the caller may see, with unread counts.',
  })
  @ApiOkResponse({ type: RoomPageDto })
  listRooms(@CurrentUser() actor: AuthUser, @Query() query: PageQueryDto): Promise<RoomPageDto> {
    return this.rooms.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One room',
    description: 'Answers one room the caller may see, with its settings and unread count.',
  })
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 404)
  getRoom(@CurrentUser() actor: AuthUser, @UuidParam('id') id: string): Promise<RoomViewDto> {
    return this.rooms.get(actor, id);
  }

  @Get(':id/messages')
  @ApiOperation({
    summary: 'Message history of a room',
    description: 'In seq order: afterSeq pages forward, beforeSeq backward.',
  })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiProblems(400, 403, 404)
  listRoomMessages(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Query() query: MessagesQueryDto,
  ): Promise<MessagePageDto> {
    return this.rooms.messages(actor, id, query);
  }

  @Post(':id/members')
  @ApiOperation({
    summary: 'Invite a member into a private room',
    description:
      'Adds a user to a private room, who sees it from then on; other kinds of room are 409 (who is in them follows from the network).',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 404, 409)
  addRoomMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: AddRoomMemberDto,
  ): Promise<RoomViewDto> {
    return this.rooms.addMember(actor, id, body.userId);
  }

  @Post(':id/lock')
  @ApiOperation({
    summary: 'Lock or unlock a room',
    description: "The room's moderators; only moderators may post in a locked room.",
  })
  @HttpCode(200)
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 403, 404)
  lockRoom(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: LockDto,
  ): Promise<RoomViewDto> {
    return this.moderation.lock(actor, id, body.locked);
  }

  @Post(':id/slow-mode')
  @ApiOperation({
    summary: 'Set slow mode',
    description:
      "Seconds a member must wait between messages; 0 turns it off (the room's moderators).",
  })
  @HttpCode(200)
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 403, 404)
  setSlowMode(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: SlowModeDto,
  ): Promise<RoomViewDto> {
    return this.moderation.slowMode(actor, id, body.seconds);
  }

  @Post(':id/pin')
  @ApiOperation({
    summary: 'Pin or unpin a message',
    description: "Pins a message by seq, or unpins with null (the room's moderators).",
  })
  @HttpCode(200)
  @ApiOkResponse({ type: RoomViewDto })
  @ApiProblems(400, 403, 404)
  pinMessage(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: PinDto,
  ): Promise<RoomViewDto> {
    return this.moderation.pin(actor, id, body.seq ?? null);
  }

  @Post(':id/mutes')
  @ApiOperation({
    summary: 'Mute a member',
    description: "The room's moderators mute a member for some minutes with a reason; audited.",
  })
  @ApiCreatedResponse({ type: SanctionViewDto })
  @ApiProblems(400, 403, 404, 409)
  muteRoomMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: MuteDto,
  ): Promise<SanctionViewDto> {
    return this.moderation.mute(actor, id, body.userId, body.minutes, body.reason);
  }

  @Post(':id/bans')
  @ApiOperation({
    summary: 'Ban a member from a room',
    description: "The room's moderators ban a member with a reason; audited.",
  })
  @ApiCreatedResponse({ type: SanctionViewDto })
  @ApiProblems(400, 403, 404, 409)
  banRoomMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @Body() body: BanDto,
  ): Promise<SanctionViewDto> {
    return this.moderation.ban(actor, id, body.userId, body.reason);
  }

  @Delete(':id/bans/:userId')
  @ApiOperation({
    summary: 'Lift a ban',
    description: "The room's moderators lift a member's ban; audited.",
  })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems(400, 403, 404)
  unbanRoomMember(
    @CurrentUser() actor: AuthUser,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.moderation.unban(actor, id, userId);
  }
}
