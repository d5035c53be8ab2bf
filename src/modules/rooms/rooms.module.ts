import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { HealthModule } from '../health/health.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { MessageFlag } from './message-flag.entity.js';
import { MessageFanout } from './message-fanout.js';
import { Message } from './message.entity.js';
import { ModerationController } from './moderation.controller.js';
import { ModerationService } from './moderation.service.js';
import { RealtimeEvents } from './realtime-events.js';
import { RoomAccessService } from './room-access.service.js';
import { RoomMember } from './room-member.entity.js';
import { RoomSanction } from './room-sanction.entity.js';
import { Room } from './room.entity.js';
import { RoomsController } from './rooms.controller.js';
import { RoomsGateway } from './rooms.gateway.js';
import { RoomsService } from './rooms.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Room, RoomMember, Message, RoomSanction, MessageFlag]),
    AuthModule,
    NotificationsModule,
    // RealtimeLink: the handshake refuses as `unavailable` while Redis is down.
    HealthModule,
  ],
  controllers: [RoomsController, ModerationController],
  providers: [
    RoomsService,
    ModerationService,
    RoomAccessService,
    RealtimeEvents,
    MessageFanout,
    RoomsGateway,
  ],
  exports: [RealtimeEvents],
})
export class RoomsModule {}
