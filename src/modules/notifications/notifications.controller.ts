import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { type Locale } from '../../common/i18n/i18n.js';
import { ReaderLocale } from '../../common/i18n/reader-locale.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import {
  MarkReadDto,
  NotificationPageDto,
  NotificationsQueryDto,
  UnreadCountDto,
} from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's notifications, newest first, with the unread count" })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400)
  list(
    @CurrentUser() actor: AuthUser,
    @Query() query: NotificationsQueryDto,
    @ReaderLocale() locale: Locale,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(actor, query, locale);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentUser() actor: AuthUser): Promise<UnreadCountDto> {
    return { unreadCount: await this.notifications.unreadCount(actor) };
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark notifications read: `ids`, or `all: true`' })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiProblems(400)
  markRead(
    @CurrentUser() actor: AuthUser,
    @Body() body: MarkReadDto,
  ): Promise<{ updated: number; unreadCount: number }> {
    return this.notifications.markRead(actor, body);
  }
}
