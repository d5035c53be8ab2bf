import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, In, IsNull, type Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { DEFAULT_LOCALE, type Locale, localeOfLanguage } from '../../common/i18n/i18n.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import type {
  MarkReadDto,
  NotificationsQueryDto,
  NotificationViewDto,
} from './dto/notification.dto.js';
import { parseMentions } from './mentions.js';
import { NotificationBus } from './notification-bus.js';
import { Notification, type NotificationKind } from './notification.entity.js';
import { notificationText } from './notification-text.js';

export interface IssueEvent {
  kind: Exclude<NotificationKind, 'mention'>;
  issueId: string;
  actorId: string | null;
  /** What the client shows: the issue title, statuses, an excerpt… */
  payload: Record<string, unknown>;
  /** Text to look for mentions in (a comment's body); the mentioned get a `mention` instead. */
  text?: string;
  /** Also tell these users (e.g. the followers of a merged issue). */
  alsoNotify?: string[];
}

/**
 * Fans an event on an issue out to the people who care: its followers and its author,
 * plus anyone mentioned. Never the actor themself. Call it after the change committed.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly bus: NotificationBus,
  ) {}

  async issueEvent(event: IssueEvent): Promise<number> {
    try {
      const mentioned = event.text ? await this.resolveMentions(event.text) : [];
      const audience: { user_id: string }[] = await this.dataSource.query(
        `SELECT user_id FROM issue_follows WHERE issue_id = $1
         UNION SELECT author_id FROM issues WHERE id = $1 AND author_id IS NOT NULL
         UNION SELECT unnest($2::uuid[])`,
        [event.issueId, event.alsoNotify ?? []],
      );
      const mentionSet = new Set(mentioned);
      const rows: Partial<Notification>[] = [];
      for (const userId of mentionSet) {
        if (userId !== event.actorId) rows.push(this.row(userId, 'mention', event));
      }
      for (const { user_id: userId } of audience) {
        if (userId !== event.actorId && !mentionSet.has(userId))
          rows.push(this.row(userId, event.kind, event));
      }
      if (!rows.length) return 0;
      const saved = await this.notifications.save(
        rows.map((r) => this.notifications.create(r)),
        { chunk: 500 },
      );
      // Pushed in each recipient's own preferredLanguage: a socket event has no request.
      const ids = new Set(saved.map((n) => n.recipientId));
      if (event.actorId) ids.add(event.actorId);
      const readers: { id: string; preferred_language: string; display_name: string }[] =
        await this.dataSource.query(
          'SELECT id, preferred_language, display_name FROM users WHERE id = ANY($1::uuid[])',
          [[...ids]],
        );
      const byId = new Map(readers.map((r) => [r.id, r]));
      const actorName = event.actorId ? byId.get(event.actorId)?.display_name : undefined;
      for (const notification of saved) {
        const locale =
          localeOfLanguage(byId.get(notification.recipientId)?.preferred_language) ??
          DEFAULT_LOCALE;
        this.bus.publish(notification.recipientId, toView(notification, locale, actorName));
      }
      return saved.length;
    } catch (error) {
      // The change itself is committed; a lost notification must not turn it into an error.
      this.logger.error({
        event: 'notification_fanout_failed',
        issueId: event.issueId,
        kind: event.kind,
        err: error,
      });
      return 0;
    }
  }

  async list(
    actor: AuthUser,
    query: NotificationsQueryDto,
    locale: Locale,
  ): Promise<Page<NotificationViewDto> & { unreadCount: number }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.notifications
      .createQueryBuilder('n')
      .leftJoin('n.actor', 'actor')
      .addSelect(['actor.id', 'actor.displayName'])
      .where('n.recipient_id = :me', { me: actor.id })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    if (after) qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb.getMany();
    const page = toPage(
      rows,
      limit,
      (n) => [n.createdAt.toISOString(), n.id],
      (n) => toView(n, locale, n.actor?.displayName),
    );
    return { ...page, unreadCount: await this.unreadCount(actor) };
  }

  unreadCount(actor: AuthUser): Promise<number> {
    return this.notifications.countBy({ recipientId: actor.id, readAt: IsNull() });
  }

  /** Marks the caller's own notifications read; ids of anyone else's are ignored. */
  async markRead(
    actor: AuthUser,
    dto: MarkReadDto,
  ): Promise<{ updated: number; unreadCount: number }> {
    const where = dto.ids?.length
      ? { recipientId: actor.id, readAt: IsNull(), id: In(dto.ids) }
      : { recipientId: actor.id, readAt: IsNull() };
    const result = await this.notifications.update(where, { readAt: new Date() });
    return { updated: result.affected ?? 0, unreadCount: await this.unreadCount(actor) };
  }

  private async resolveMentions(text: string): Promise<string[]> {
    const { names, ids } = parseMentions(text);
    if (!names.length && !ids.length) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) OR lower(display_name) = ANY($2::text[])`,
      [ids, names],
    );
    return rows.map((r) => r.id);
  }

  private row(
    recipientId: string,
    kind: NotificationKind,
    event: IssueEvent,
  ): Partial<Notification> {
    return {
      recipientId,
      kind,
      issueId: event.issueId,
      actorId: event.actorId,
      payload: event.payload,
      readAt: null,
    };
  }
}

export function toView(
  n: Notification,
  locale: Locale,
  actorName: string | null | undefined,
): NotificationViewDto {
  return {
    id: n.id,
    kind: n.kind,
    issueId: n.issueId,
    actorId: n.actorId,
    payload: n.payload,
    ...notificationText(locale, n.kind, n.payload, actorName),
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
  };
}
