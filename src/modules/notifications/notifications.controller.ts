import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/decorators/current-user.decorator.js';
import { type Locale } from '../../common/i18n/i18n.js';
import { ReaderLocale } from '../../common/i18n/reader-locale.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import {
  MarkReadDto,
  MarkReadResultDto,
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
  @ApiOperation({
    summary: "The caller's notifications",
    description: 'Newest first, in pages, with the unread count.',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400)
  listNotifications(
    @CurrentUser() actor: AuthUser,
    @Query() query: NotificationsQueryDto,
    @ReaderLocale() locale: Locale,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(actor, query, locale);
  }

  @Get('unread-count')
  @ApiOperation({
    summary: 'Count unread notifications',
    description: "Answers how many of the caller's notifications are unread, for a badge.",
  })
  @ApiOkResponse({ type: UnreadCountDto })
  async countUnreadNotifications(@CurrentUser() actor: AuthUser): Promise<UnreadCountDto> {
    return { unreadCount: await this.notifications.unreadCount(actor) };
  }

  @Post('read')
  @ApiOperation({
    summary: 'Mark notifications read',
    description:
      'Marks the given ids, or all with all: true; answers how many changed and the unread count left.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: MarkReadResultDto })
  @ApiProblems(400)
  markNotificationsRead(
    @CurrentUser() actor: AuthUser,
    @Body() body: MarkReadDto,
  ): Promise<MarkReadResultDto> {
    return this.notifications.markRead(actor, body);
  }
}
