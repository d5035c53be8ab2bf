import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { Attachment } from '../attachments/attachment.entity.js';
import {
  AttachmentsService,
  notFound as attachmentNotFound,
} from '../attachments/attachments.service.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  FlagsQueryDto,
  FlagViewDto,
  MessageViewDto,
  ResolveFlagDto,
  RoomViewDto,
  SanctionViewDto,
} from './dto/room.dto.js';
import { MessageFlag } from './message-flag.entity.js';
import { Message } from './message.entity.js';
import { RealtimeEvents } from './realtime-events.js';
import { RoomAccessService } from './room-access.service.js';
import { RoomSanction } from './room-sanction.entity.js';
import { Room } from './room.entity.js';
import { toMessageView } from './message-view.js';
import { RoomsService } from './rooms.service.js';

/**
 * Moderators calm a room: lock, slow mode, mute, ban, hide, pin; members flag messages and
 * facilitators work the queue. Every action is written to the audit log in the same
 * transaction, and clients hear of it only after the commit.
 */
@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RoomAccessService,
    private readonly rooms: RoomsService,
    private readonly events: RealtimeEvents,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
  ) {}

  async lock(actor: AuthUser, roomId: string, locked: boolean): Promise<RoomViewDto> {
    const room = await this.moderated(actor, roomId);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Room, { id: room.id }, { locked });
      await this.audit.record(
        {
          actorId: actor.id,
          action: locked ? 'room.lock' : 'room.unlock',
          targetType: 'room',
          targetId: room.id,
          roomId: room.id,
        },
        manager,
      );
    });
    return this.announce(actor, room.id);
  }

  async slowMode(actor: AuthUser, roomId: string, seconds: number): Promise<RoomViewDto> {
    const room = await this.moderated(actor, roomId);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Room, { id: room.id }, { slowModeSeconds: seconds });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'room.slow_mode',
          targetType: 'room',
          targetId: room.id,
          roomId: room.id,
          details: { seconds },
        },
        manager,
      );
    });
    return this.announce(actor, room.id);
  }

  async mute(
    actor: AuthUser,
    roomId: string,
    userId: string,
    minutes: number,
    reason: string,
  ): Promise<SanctionViewDto> {
    const room = await this.moderated(actor, roomId);
    await this.assertSanctionable(actor, room, userId);
    const sanction = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(RoomSanction, {
          roomId: room.id,
          userId,
          kind: 'mute',
          until: new Date(Date.now() + minutes * 60_000),
          reason,
          createdById: actor.id,
          liftedAt: null,
          liftedById: null,
        }),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'room.mute',
          targetType: 'user',
          targetId: userId,
          roomId: room.id,
          details: { minutes, reason },
        },
        manager,
      );
      return saved;
    });
    this.events.toUser(userId, 'room:muted', {
      roomId: room.id,
      until: sanction.until!.toISOString(),
      reason,
    });
    return toSanctionView(sanction);
  }

  async ban(
    actor: AuthUser,
    roomId: string,
    userId: string,
    reason: string,
    manager?: EntityManager,
  ): Promise<SanctionViewDto> {
    const room = await this.moderated(actor, roomId);
    await this.assertSanctionable(actor, room, userId);
    const work = async (tx: EntityManager) => {
      const active = await tx.existsBy(RoomSanction, {
        roomId: room.id,
        userId,
        kind: 'ban',
        liftedAt: IsNull(),
      });
      if (active) throw AppError.conflict('moderation.alreadyBanned');
      const saved = await tx.save(
        tx.create(RoomSanction, {
          roomId: room.id,
          userId,
          kind: 'ban',
          until: null,
          reason,
          createdById: actor.id,
          liftedAt: null,
          liftedById: null,
        }),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'room.ban',
          targetType: 'user',
          targetId: userId,
          roomId: room.id,
          details: { reason },
        },
        tx,
      );
      return saved;
    };
    const sanction = manager ? await work(manager) : await this.dataSource.transaction(work);
    this.events.toUser(userId, 'room:banned', { roomId: room.id, reason });
    this.events.removeFromRoom(userId, room.id);
    return toSanctionView(sanction);
  }

  async unban(actor: AuthUser, roomId: string, userId: string): Promise<void> {
    const room = await this.moderated(actor, roomId);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(RoomSanction)
        .set({ liftedAt: () => 'now()', liftedById: actor.id })
        .where("room_id = :roomId AND user_id = :userId AND kind = 'ban' AND lifted_at IS NULL", {
          roomId: room.id,
          userId,
        })
        .execute();
      if (!result.affected) throw AppError.notFound('ban');
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'room.unban',
          targetType: 'user',
          targetId: userId,
          roomId: room.id,
        },
        manager,
      );
    });
  }

  async hide(actor: AuthUser, messageId: string, reason: string): Promise<MessageViewDto> {
    const message = await this.dataSource.getRepository(Message).findOneBy({ id: messageId });
    if (!message) throw AppError.notFound('message');
    const room = await this.moderated(actor, message.roomId);
    if (message.hiddenAt) throw AppError.conflict('moderation.alreadyHidden');
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        Message,
        { id: message.id },
        { hiddenAt: new Date(), hiddenById: actor.id, hiddenReason: reason },
      );
      // Its files stop being served (their signed URLs included) with it.
      await this.attachments.setParentHidden(manager, { type: 'message', id: message.id }, true);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'message.hide',
          targetType: 'message',
          targetId: message.id,
          roomId: room.id,
          details: { seq: message.seq, reason },
        },
        manager,
      );
    });
    this.events.toRoom(room.id, 'message:hidden', {
      roomId: room.id,
      messageId: message.id,
      seq: message.seq,
    });
    const hidden = await this.dataSource.getRepository(Message).findOneByOrFail({ id: message.id });
    const files = await this.attachments.viewsFor('message', [hidden.id]);
    return toMessageView(hidden, true, files.get(hidden.id));
  }

  async pin(actor: AuthUser, roomId: string, seq: number | null): Promise<RoomViewDto> {
    const room = await this.moderated(actor, roomId);
    if (seq !== null && seq > room.lastSeq)
      throw AppError.validation([{ field: 'seq', key: 'field.notMessageOfRoom' }]);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Room, { id: room.id }, { pinnedSeq: seq });
      await this.audit.record(
        {
          actorId: actor.id,
          action: seq === null ? 'room.unpin' : 'room.pin',
          targetType: 'room',
          targetId: room.id,
          roomId: room.id,
          details: { seq },
        },
        manager,
      );
    });
    return this.announce(actor, room.id);
  }

  /** Any member who can see the room may flag one of its messages, once. */
  async flag(actor: AuthUser, messageId: string, reason: string): Promise<FlagViewDto> {
    const message = await this.dataSource.getRepository(Message).findOneBy({ id: messageId });
    if (!message) throw AppError.notFound('message');
    await this.access.visibleRoom(actor, message.roomId);
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO message_flags (message_id, room_id, reporter_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_id, reporter_id) DO NOTHING RETURNING id`,
      [message.id, message.roomId, actor.id, reason],
    );
    if (!inserted.length) throw AppError.conflict('moderation.alreadyFlagged');
    const flag = await this.dataSource
      .getRepository(MessageFlag)
      .findOneByOrFail({ id: inserted[0].id });
    return toFlagView(Object.assign(flag, { message }), new Map());
  }

  async flags(actor: AuthUser, query: FlagsQueryDto): Promise<Page<FlagViewDto>> {
    if (!isStaff(actor)) throw AppError.forbidden('moderation.onlyStaffFlags');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(MessageFlag)
      .createQueryBuilder('f')
      .leftJoinAndSelect('f.message', 'm')
      .leftJoinAndSelect('f.attachment', 'a')
      .where('f.status = :status', { status: query.status ?? 'open' })
      .orderBy('f.created_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit + 1);
    if (after) qb.andWhere('(f.created_at, f.id) > (:at, :id)', { at: after[0], id: after[1] });
    const page = toPage(
      await qb.getMany(),
      limit,
      (f) => [f.createdAt.toISOString(), f.id],
      (f) => f,
    );
    // The messages the flagged files of this page are attached to, in one query.
    const carriers = await this.carriersOf(page.items);
    return {
      items: page.items.map((f) => toFlagView(f, carriers)),
      nextCursor: page.nextCursor,
    };
  }

  /** One action on a flag: dismiss it, or hide what was flagged, mute or ban its author. */
  async resolve(actor: AuthUser, flagId: string, dto: ResolveFlagDto): Promise<FlagViewDto> {
    if (!isStaff(actor)) throw AppError.forbidden('moderation.onlyStaffFlags');
    const flag = await this.dataSource
      .getRepository(MessageFlag)
      .findOne({ where: { id: flagId }, relations: { message: true, attachment: true } });
    if (!flag) throw AppError.notFound('flag');
    if (flag.status !== 'open')
      throw AppError.conflict('moderation.flagAlready', { status: flag.status });
    const message = flag.message;
    const attachment = flag.attachment;
    // Whose words or file, and in which room (a file on an issue has none to mute or ban in).
    const authorId = message ? message.authorId : (attachment?.uploaderId ?? null);
    const roomId = flag.roomId;
    if ((dto.action === 'mute' || dto.action === 'ban') && !roomId)
      throw AppError.validation([{ field: 'action', key: 'attachments.flagActionNeedsRoom' }]);
    if (dto.action === 'hide' && message && !message.hiddenAt)
      await this.hide(actor, message.id, dto.note ?? flag.reason);
    if (dto.action === 'hide' && attachment && !attachment.hiddenAt)
      await this.hideAttachment(actor, attachment.id, dto.note ?? flag.reason);
    if (dto.action === 'mute' && authorId && roomId) {
      await this.mute(actor, roomId, authorId, dto.minutes ?? 60, dto.note ?? flag.reason);
    }
    if (dto.action === 'ban' && authorId && roomId) {
      const banned = await this.access.sanctions(authorId, roomId);
      if (!banned.banned) await this.ban(actor, roomId, authorId, dto.note ?? flag.reason);
    }
    await this.dataSource.transaction(async (manager) => {
      const status = dto.action === 'dismiss' ? 'dismissed' : 'actioned';
      // Every open flag on the same message (or file) is settled by the same decision.
      await manager
        .createQueryBuilder()
        .update(MessageFlag)
        .set({
          status,
          action: dto.action,
          resolutionNote: dto.note ?? null,
          resolvedById: actor.id,
          resolvedAt: () => 'now()',
        })
        .where(
          message
            ? "message_id = :targetId AND status = 'open'"
            : "attachment_id = :targetId AND status = 'open'",
          { targetId: message ? message.id : flag.attachmentId },
        )
        .execute();
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'flag.resolve',
          targetType: message ? 'message' : 'attachment',
          targetId: message ? message.id : flag.attachmentId,
          roomId,
          details: { flagId, action: dto.action, note: dto.note ?? null },
        },
        manager,
      );
    });
    const resolved = await this.dataSource
      .getRepository(MessageFlag)
      .findOneOrFail({ where: { id: flagId }, relations: { message: true, attachment: true } });
    return toFlagView(resolved, await this.carriersOf([resolved]));
  }

  /**
   * Anyone who may see a file flags it for the facilitators, once. A file of a message is
   * flagged in that message's room (its moderators' business too).
   */
  async flagAttachment(
    actor: AuthUser,
    attachmentId: string,
    reason: string,
  ): Promise<FlagViewDto> {
    const attachment = await this.visibleAttachment(actor, attachmentId);
    const roomId = await this.roomOf(attachment);
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO message_flags (attachment_id, room_id, reporter_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (attachment_id, reporter_id) DO NOTHING RETURNING id`,
      [attachment.id, roomId, actor.id, reason],
    );
    if (!inserted.length) throw AppError.conflict('attachments.alreadyFlagged');
    const flag = await this.dataSource
      .getRepository(MessageFlag)
      .findOneOrFail({ where: { id: inserted[0].id }, relations: { attachment: true } });
    this.logger.log({
      event: 'attachment_flagged',
      attachmentId,
      flagId: flag.id,
      actorId: actor.id,
    });
    return toFlagView(flag, await this.carriersOf([flag]));
  }

  /**
   * Facilitators and admins hide any file they can see; a room's moderators hide the files of
   * its messages. The file leaves its parent's `attachments` and its URLs stop working.
   */
  async hideAttachment(actor: AuthUser, attachmentId: string, reason: string): Promise<void> {
    // Staff act on any attached file (one under a hidden message included, from the queue).
    const attachment = isStaff(actor)
      ? await this.attachedFile(attachmentId)
      : await this.visibleAttachment(actor, attachmentId);
    const roomId = await this.roomOf(attachment);
    if (!isStaff(actor)) {
      const moderator =
        attachment.parentType === 'message' && attachment.parentId
          ? (await this.access.openMessageRoom(actor, attachment.parentId)).moderator
          : false;
      if (!moderator) throw AppError.forbidden('attachments.onlyModeratorsHide');
    }
    if (attachment.hiddenAt) throw AppError.conflict('attachments.alreadyHidden');
    await this.dataSource.transaction(async (manager) => {
      await this.attachments.hide(manager, attachment.id, actor, reason);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'attachment.hide',
          targetType: 'attachment',
          targetId: attachment.id,
          roomId,
          details: {
            parentType: attachment.parentType,
            parentId: attachment.parentId,
            uploaderId: attachment.uploaderId,
            reason,
          },
        },
        manager,
      );
    });
    this.logger.log({ event: 'attachment_hidden', attachmentId, roomId, actorId: actor.id });
    if (roomId && attachment.parentId) {
      const [carrier] = await this.dataSource.query<{ seq: number }[]>(
        'SELECT seq FROM messages WHERE id = $1',
        [attachment.parentId],
      );
      if (carrier) {
        this.events.toRoom(roomId, 'attachment:hidden', {
          roomId,
          messageId: attachment.parentId,
          seq: carrier.seq,
          attachmentId: attachment.id,
        });
      }
    }
  }

  /** The attached file, if the caller may see it (as its parent); 404 otherwise. */
  private async visibleAttachment(actor: AuthUser, attachmentId: string): Promise<Attachment> {
    await this.attachments.viewFor(actor, attachmentId);
    return this.attachedFile(attachmentId);
  }

  private async attachedFile(attachmentId: string): Promise<Attachment> {
    const attachment = await this.dataSource
      .getRepository(Attachment)
      .findOneBy({ id: attachmentId });
    // An unattached file is its uploader's draft: nothing for moderation.
    if (!attachment?.parentId) throw attachmentNotFound();
    return attachment;
  }

  private async roomOf(attachment: Attachment): Promise<string | null> {
    if (attachment.parentType !== 'message' || !attachment.parentId) return null;
    const rows: { room_id: string }[] = await this.dataSource.query(
      'SELECT room_id FROM messages WHERE id = $1',
      [attachment.parentId],
    );
    return rows[0]?.room_id ?? null;
  }

  /** The messages that the flagged files among `flags` are attached to, by id. */
  private async carriersOf(flags: MessageFlag[]): Promise<Map<string, Message>> {
    const ids = flags
      .map((f) => f.attachment)
      .filter((a): a is Attachment => a?.parentType === 'message' && !!a.parentId)
      .map((a) => a.parentId!);
    if (!ids.length) return new Map();
    const messages = await this.dataSource.getRepository(Message).findBy({ id: In(ids) });
    return new Map(messages.map((m) => [m.id, m]));
  }

  private async moderated(actor: AuthUser, roomId: string): Promise<Room> {
    const { room, moderator } = await this.access.open(actor, roomId);
    if (!moderator) throw AppError.forbidden('moderation.onlyModerators');
    return room;
  }

  /** The target must exist, and a moderator cannot sanction another moderator of the room. */
  private async assertSanctionable(actor: AuthUser, room: Room, userId: string): Promise<void> {
    if (userId === actor.id)
      throw AppError.validation([{ field: 'userId', key: 'field.cannotSanctionSelf' }]);
    const rows: { id: string; email: string; role: 'admin' | 'facilitator' | 'member' }[] =
      await this.dataSource.query('SELECT id, email, role FROM users WHERE id = $1', [userId]);
    const target = rows[0];
    if (!target) throw AppError.notFound('user');
    if (
      await this.access.isModerator(
        {
          id: target.id,
          email: target.email,
          role: target.role,
          sessionId: '',
          preferredLanguage: 'ky',
        },
        room,
      )
    ) {
      throw AppError.conflict('moderation.moderatorsImmune');
    }
  }

  private async announce(actor: AuthUser, roomId: string): Promise<RoomViewDto> {
    const room = await this.dataSource.getRepository(Room).findOneByOrFail({ id: roomId });
    this.events.toRoom(room.id, 'room:updated', {
      roomId: room.id,
      locked: room.locked,
      slowModeSeconds: room.slowModeSeconds,
      pinnedSeq: room.pinnedSeq,
    });
    this.logger.log({ event: 'room_moderated', roomId, actorId: actor.id });
    return this.rooms.view(actor, room);
  }
}

function toSanctionView(s: RoomSanction): SanctionViewDto {
  return {
    id: s.id,
    roomId: s.roomId,
    userId: s.userId,
    kind: s.kind,
    until: s.until?.toISOString() ?? null,
    reason: s.reason,
    createdAt: s.createdAt.toISOString(),
  };
}

function toFlagView(f: MessageFlag, carriers: Map<string, Message>): FlagViewDto {
  const common = {
    id: f.id,
    reporterId: f.reporterId,
    reason: f.reason,
    status: f.status,
    action: f.action,
    resolutionNote: f.resolutionNote,
    createdAt: f.createdAt.toISOString(),
  };
  const a = f.attachment;
  if (a) {
    const carrier = a.parentType === 'message' && a.parentId ? carriers.get(a.parentId) : undefined;
    return {
      ...common,
      target: 'attachment',
      messageId: carrier?.id ?? null,
      roomId: f.roomId,
      seq: carrier?.seq ?? null,
      body: carrier?.body ?? '',
      authorId: a.uploaderId,
      attachmentId: a.id,
      attachmentParent: a.parentType && a.parentId ? { type: a.parentType, id: a.parentId } : null,
      attachmentHidden: a.hiddenAt !== null,
    };
  }
  const m = f.message!;
  return {
    ...common,
    target: 'message',
    messageId: m.id,
    roomId: f.roomId,
    seq: m.seq,
    body: m.body,
    authorId: m.authorId,
    attachmentId: null,
    attachmentParent: null,
    attachmentHidden: false,
  };
}
