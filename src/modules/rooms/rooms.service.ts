import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, QueryFailedError } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { KeyedSerialQueue } from '../../common/async/keyed-serial-queue.js';
import { AppError } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  encodeCursor,
  type PageQueryDto,
  toPage,
} from '../../common/pagination/pagination.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { runPrepared } from '../../infra/database/prepared.js';
import type { AttachmentView } from '../attachments/attachment-parents.js';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  CreateRoomDto,
  MessagePageDto,
  MessagesQueryDto,
  MessageViewDto,
  RoomPageDto,
  RoomViewDto,
} from './dto/room.dto.js';
import { JOIN_MISSED_LIMIT } from './dto/socket.dto.js';
import { Message } from './message.entity.js';
import { MessageFanout } from './message-fanout.js';
import { INSERT_MESSAGE } from './message-sql.js';
import { toMessageView } from './message-view.js';
import {
  type AccessFactsRow,
  accessFactsSelect,
  decide,
  type RoomAccess,
  RoomAccessService,
} from './room-access.service.js';
import { RoomMember } from './room-member.entity.js';
import { Room } from './room.entity.js';

/**
 * The per-member send limit: at most `SEND_BURST` messages in any `SEND_WINDOW_SECONDS`, across
 * rooms (a burst of 10, then 2 a second on average). Counted from the stored messages inside
 * the send check, so it holds across nodes (every node writes the same table) without a round
 * trip of its own.
 */
export const SEND_BURST = 10;
export const SEND_WINDOW_SECONDS = 5;

/**
 * Every check of a send in one query: the room, the caller's standing in it, an earlier
 * message with this clientMsgId, (in slow mode) the seconds since the caller's last one in the
 * room, and the caller's messages in the send limit's window.
 */
const SEND_GATE = `SELECT ${accessFactsSelect(2)},
    EXISTS (SELECT 1 FROM messages
             WHERE room_id = r.id AND author_id = $2 AND client_msg_id = $3) AS duplicate,
    CASE WHEN r.slow_mode_seconds > 0 THEN (
      SELECT extract(epoch FROM now() - max(created_at))::float8 FROM messages
       WHERE room_id = r.id AND author_id = $2) END AS waited,
    (SELECT count(*)::int FROM messages
      WHERE author_id = $2 AND created_at > now() - make_interval(secs => ${SEND_WINDOW_SECONDS})) AS recent
  FROM rooms r WHERE r.id = $1`;

interface SendGateRow extends AccessFactsRow {
  duplicate: boolean;
  waited: number | null;
  recent: number;
}

export interface SendInput {
  roomId: string;
  clientMsgId: string;
  /** May be empty when the message carries files. */
  body: string;
  replyToSeq?: number;
  attachmentIds?: string[];
}

@Injectable()
export class RoomsService implements OnModuleInit {
  private readonly logger = new Logger(RoomsService.name);
  private readonly authorQueue = new KeyedSerialQueue();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RoomAccessService,
    private readonly fanout: MessageFanout,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * A message's files are as private as its room (RoomAccessService decides, as for reading
   * the history: a banned member reads neither), and a hidden message's files are for the
   * room's moderators only. Messages go only with their room.
   */
  onModuleInit(): void {
    this.attachments.registerParent('message', {
      canView: (viewer, messageId) => this.access.canSeeMessage(viewer, messageId),
      deleted: async (messageIds) => {
        if (!messageIds.length) return new Set();
        const found: { id: string }[] = await this.dataSource.query(
          'SELECT id FROM messages WHERE id = ANY($1::uuid[])',
          [messageIds],
        );
        const present = new Set(found.map((r) => r.id));
        return new Set(messageIds.filter((id) => !present.has(id)));
      },
    });
  }

  /**
   * An issue has one room. Asking for a second is a 409 naming the existing one rather than
   * answering it: the caller's name would otherwise be dropped without a word.
   */
  async create(actor: AuthUser, dto: CreateRoomDto): Promise<RoomViewDto> {
    if (dto.kind === 'issue') {
      if (!dto.issueId)
        throw AppError.validation([
          { field: 'issueId', key: 'field.requiredForKind', params: { kind: 'issue' } },
        ]);
      if (!(await this.exists('SELECT 1 FROM issues WHERE id = $1', [dto.issueId]))) {
        throw AppError.validation([{ field: 'issueId', key: 'field.unknownIssue' }]);
      }
      await this.refuseSecondIssueRoom(dto.issueId);
    } else if (dto.issueId) {
      throw AppError.validation([
        { field: 'issueId', key: 'field.onlyWithKind', params: { kind: 'issue' } },
      ]);
    }
    if (dto.kind === 'organisation') {
      if (!dto.organisationId) {
        throw AppError.validation([
          {
            field: 'organisationId',
            key: 'field.requiredForKind',
            params: { kind: 'organisation' },
          },
        ]);
      }
      const rows: { role: string }[] = await this.dataSource.query(
        'SELECT role FROM organisation_members WHERE organisation_id = $1 AND user_id = $2',
        [dto.organisationId, actor.id],
      );
      const known = await this.exists('SELECT 1 FROM organisations WHERE id = $1', [
        dto.organisationId,
      ]);
      if (!known)
        throw AppError.validation([{ field: 'organisationId', key: 'field.unknownOrganisation' }]);
      if (!isStaff(actor) && rows[0]?.role !== 'representative') {
        throw AppError.forbidden('rooms.onlyRepresentativesOpen');
      }
    } else if (dto.organisationId) {
      throw AppError.validation([
        { field: 'organisationId', key: 'field.onlyWithKind', params: { kind: 'organisation' } },
      ]);
    }
    if (dto.kind === 'network' && !isStaff(actor)) {
      throw AppError.forbidden('rooms.onlyStaffOpenNetwork');
    }
    // Present at all (even empty) on another kind: refused, never silently ignored.
    if (dto.memberIds !== undefined && dto.kind !== 'private') {
      throw AppError.validation([
        { field: 'memberIds', key: 'field.onlyWithKindPlural', params: { kind: 'private' } },
      ]);
    }
    const invited =
      dto.kind === 'private' ? [...new Set([actor.id, ...(dto.memberIds ?? [])])] : [];
    if (invited.length) {
      const found: unknown[] = await this.dataSource.query(
        'SELECT id FROM users WHERE id = ANY($1::uuid[])',
        [invited],
      );
      if (found.length !== invited.length) {
        throw AppError.validation([{ field: 'memberIds', key: 'field.unknownUserIn' }]);
      }
    }
    try {
      const room = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(Room, {
            name: dto.name,
            kind: dto.kind,
            issueId: dto.issueId ?? null,
            organisationId: dto.organisationId ?? null,
            createdById: actor.id,
          }),
        );
        if (invited.length) {
          await manager.insert(
            RoomMember,
            invited.map((userId) => ({
              roomId: saved.id,
              userId,
              invited: true,
              addedById: actor.id,
            })),
          );
        }
        return saved;
      });
      this.logger.log({
        event: 'room_created',
        roomId: room.id,
        kind: room.kind,
        actorId: actor.id,
      });
      return await this.view(actor, room);
    } catch (error) {
      // Two people opening the same issue's room at once: the unique index refuses the second.
      if (dto.kind === 'issue' && dto.issueId && error instanceof QueryFailedError) {
        await this.refuseSecondIssueRoom(dto.issueId);
      }
      throw error;
    }
  }

  private async refuseSecondIssueRoom(issueId: string): Promise<void> {
    const existing = await this.dataSource
      .getRepository(Room)
      .findOneBy({ kind: 'issue', issueId });
    if (existing) {
      throw AppError.conflict('rooms.issueRoomExists', { roomId: existing.id });
    }
  }

  /**
   * Rooms the caller may see, the most recently active first, paged by (updated_at, id).
   * Private rooms: those they were invited to. A room that gets a message while a client
   * pages moves to the top: it may come again on a later page, or only on the first.
   */
  async list(actor: AuthUser, query: PageQueryDto): Promise<RoomPageDto> {
    const staff = isStaff(actor);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const before = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(Room)
      .createQueryBuilder('r')
      .where(
        `(r.kind = 'issue'
          OR (r.kind = 'network' AND (:staff OR EXISTS (
                SELECT 1 FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
                 WHERE m.user_id = :me AND o.network_status = 'member')))
          OR (r.kind = 'organisation' AND (:staff OR EXISTS (
                SELECT 1 FROM organisation_members m WHERE m.organisation_id = r.organisation_id AND m.user_id = :me)))
          OR (r.kind = 'private' AND EXISTS (
                SELECT 1 FROM room_members rm WHERE rm.room_id = r.id AND rm.user_id = :me AND rm.invited)))`,
        { me: actor.id, staff },
      )
      .orderBy('r.updated_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit + 1);
    if (before) {
      qb.andWhere('(r.updated_at, r.id) < (:at, :cursorId)', {
        at: before[0],
        cursorId: before[1],
      });
    }
    const page = toPage(
      await qb.getMany(),
      limit,
      (r) => [r.updatedAt.toISOString(), r.id],
      (r) => r,
    );
    const markers = await this.readMarkers(
      actor.id,
      page.items.map((r) => r.id),
    );
    const items = await Promise.all(
      page.items.map((room) => this.view(actor, room, markers.get(room.id) ?? 0)),
    );
    return { items, nextCursor: page.nextCursor };
  }

  async get(actor: AuthUser, roomId: string): Promise<RoomViewDto> {
    const { room, lastReadSeq, moderator } = await this.access.open(actor, roomId);
    return this.view(actor, room, lastReadSeq, moderator);
  }

  /** History in seq order: `afterSeq` pages forward, `beforeSeq` backward, default the latest. */
  async messages(
    actor: AuthUser,
    roomId: string,
    query: MessagesQueryDto,
  ): Promise<MessagePageDto> {
    const access = await this.access.open(actor, roomId);
    assertNotBanned(access);
    return this.page(access, query);
  }

  /**
   * `afterSeq` pages forward, `beforeSeq` (or neither: from the latest) backward; each page is
   * in seq order. `nextCursor` carries the direction and the seq where the page ended, so
   * following it continues the same way until the room's first or last message.
   */
  private async page(access: RoomAccess, query: MessagesQueryDto): Promise<MessagePageDto> {
    const given = [query.afterSeq, query.beforeSeq, query.cursor].filter((v) => v !== undefined);
    if (given.length > 1) {
      throw AppError.validation([
        {
          field: query.cursor === undefined ? 'afterSeq' : 'cursor',
          key: 'field.oneOfCursorSeq',
        },
      ]);
    }
    let forward = query.afterSeq !== undefined;
    let from = query.afterSeq ?? query.beforeSeq;
    const cursor = decodeCursor(query.cursor, ['string', 'number']);
    if (cursor) {
      if (cursor[0] !== 'after' && cursor[0] !== 'before') {
        throw AppError.validation([{ field: 'cursor', key: 'field.cursorForeign' }]);
      }
      forward = cursor[0] === 'after';
      from = cursor[1] as number;
    }
    const { room, moderator } = access;
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .getRepository(Message)
      .createQueryBuilder('m')
      .where('m.room_id = :roomId', { roomId: room.id });
    if (forward) qb.andWhere('m.seq > :after', { after: from });
    else if (from !== undefined) qb.andWhere('m.seq < :before', { before: from });
    const rows = await qb
      .orderBy('m.seq', forward ? 'ASC' : 'DESC')
      .limit(limit + 1)
      .getMany();
    const hasMore = rows.length > limit;
    const taken = rows.slice(0, limit);
    const end = taken.at(-1);
    // The page's files in one query (a hidden message's are withheld).
    const files = await this.attachments.viewsFor(
      'message',
      taken.filter((m) => !m.hiddenAt).map((m) => m.id),
    );
    const items = (forward ? taken : taken.reverse()).map((m) =>
      toMessageView(m, moderator, files.get(m.id)),
    );
    return {
      items,
      hasMore,
      nextCursor: hasMore && end ? encodeCursor([forward ? 'after' : 'before', end.seq]) : null,
    };
  }

  /**
   * For `room:join`: the room's state and every message after `afterSeq` (up to 500).
   * `subscribe` runs once access is granted and before the history is read, so that no
   * message falls between what is returned and what is then broadcast.
   */
  async join(
    actor: AuthUser,
    roomId: string,
    afterSeq?: number,
    subscribe?: () => Promise<void> | void,
  ) {
    const access = await this.access.open(actor, roomId);
    assertNotBanned(access);
    await subscribe?.();
    const { room } = access;
    const page = await this.page(access, {
      afterSeq: afterSeq ?? access.lastReadSeq,
      limit: JOIN_MISSED_LIMIT,
    });
    return {
      room: {
        id: room.id,
        lastSeq: Math.max(room.lastSeq, page.items.at(-1)?.seq ?? 0),
        locked: room.locked,
        slowModeSeconds: room.slowModeSeconds,
      },
      missed: page.items,
      hasMore: page.hasMore,
    };
  }

  /**
   * Stores a message, then (after commit) broadcasts it. The seq comes from the room row,
   * incremented in the same transaction: gap-free and unique under concurrent senders. The
   * same clientMsgId again returns the stored message and broadcasts nothing.
   */
  send(
    actor: AuthUser,
    input: SendInput,
  ): Promise<{ message: MessageViewDto; duplicate: boolean }> {
    // One author's sends run one at a time on this node, so each send's check counts the ones
    // before it (stored by then) and a burst sent all at once meets the limit exactly. With
    // the limits off (load tests) there is nothing to count and sends run side by side.
    if (!this.config.rateLimits) return this.checkAndStore(actor, input);
    return this.authorQueue.run(actor.id, () => this.checkAndStore(actor, input));
  }

  private async checkAndStore(
    actor: AuthUser,
    input: SendInput,
  ): Promise<{ message: MessageViewDto; duplicate: boolean }> {
    const rows = await runPrepared<SendGateRow>(this.dataSource, 'kenesh_send_gate', SEND_GATE, [
      input.roomId,
      actor.id,
      input.clientMsgId,
    ]);
    const gate = rows[0];
    if (gate?.duplicate) {
      // A retry: the stored message is the answer (its author sees the body even if hidden),
      // with the files the first send attached; nothing is attached again.
      const stored = await this.storedAnswer(actor.id, input);
      if (stored) return { message: stored, duplicate: true };
    }
    const access = gate ? decide(actor, gate) : null;
    if (!access?.canSee) throw AppError.notFound('room');
    const { room, moderator } = access;
    assertNotBanned(access);
    if (access.mutedUntil) throw new AppError('muted', 'rooms.muted', { until: access.mutedUntil });
    if (room.locked && !moderator) throw new AppError('room_locked', 'rooms.locked');
    if (this.config.rateLimits && gate.recent >= SEND_BURST)
      throw new AppError('rate_limited', 'rooms.tooFast');
    if (room.slowModeSeconds > 0 && !moderator && gate.waited !== null) {
      if (gate.waited < room.slowModeSeconds)
        throw new AppError('rate_limited', 'rooms.slowMode', {
          seconds: Math.ceil(room.slowModeSeconds - gate.waited),
        });
    }
    if (input.replyToSeq !== undefined && input.replyToSeq > room.lastSeq) {
      throw AppError.validation([{ field: 'replyToSeq', key: 'field.notMessageOfRoom' }]);
    }

    let stored: { id: string; seq: number; created_at: Date };
    let attachments: AttachmentView[] = [];
    const values = [room.id, input.clientMsgId, actor.id, input.body, input.replyToSeq ?? null];
    try {
      if (input.attachmentIds?.length) {
        // The message and its files in one transaction: a refused file leaves no message
        // (and no seq used), a failed insert leaves the files unattached.
        const ids = input.attachmentIds;
        ({ stored, attachments } = await this.dataSource.transaction(async (manager) => {
          const [row] = await manager.query<(typeof stored)[]>(INSERT_MESSAGE, values);
          const claimed = await this.attachments.claim(manager, actor.id, ids, {
            type: 'message',
            id: row.id,
          });
          return { stored: row, attachments: claimed };
        }));
      } else {
        const inserted = await runPrepared<typeof stored>(
          this.dataSource,
          'kenesh_insert_message',
          INSERT_MESSAGE,
          values,
        );
        stored = inserted[0];
      }
    } catch (error) {
      // The same clientMsgId sent twice at once: the loser returns the winner's message.
      const winner = await this.storedAnswer(actor.id, input);
      if (winner) return { message: winner, duplicate: true };
      throw error;
    }
    const view: MessageViewDto = {
      id: stored.id,
      roomId: room.id,
      seq: stored.seq,
      clientMsgId: input.clientMsgId,
      authorId: actor.id,
      body: input.body,
      replyToSeq: input.replyToSeq ?? null,
      createdAt: stored.created_at.toISOString(),
      hidden: false,
      // Signed once here; every socket in the room (on every node) gets the same URLs.
      attachments,
    };
    this.fanout.stored(view);
    return { message: view, duplicate: false };
  }

  /** Moves the caller's read marker forward (never back). */
  async markRead(actor: AuthUser, roomId: string, seq: number): Promise<void> {
    const { room } = await this.access.open(actor, roomId);
    if (seq > room.lastSeq)
      throw AppError.validation([{ field: 'seq', key: 'field.beyondLastMessage' }]);
    await this.dataSource.query(
      `INSERT INTO room_members (room_id, user_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (room_id, user_id) DO UPDATE SET last_read_seq = GREATEST(room_members.last_read_seq, EXCLUDED.last_read_seq)`,
      [room.id, actor.id, seq],
    );
  }

  /** Invites someone to a private room (its members and moderators may). */
  async addMember(actor: AuthUser, roomId: string, userId: string): Promise<RoomViewDto> {
    const room = await this.access.visibleRoom(actor, roomId);
    if (room.kind !== 'private') {
      throw AppError.conflict('rooms.onlyPrivateInvite', { kind: room.kind });
    }
    if (!(await this.exists('SELECT 1 FROM users WHERE id = $1', [userId])))
      throw AppError.notFound('user');
    // Staff see every private room; adding someone to one they are not in is a staff act.
    const outsider =
      isStaff(actor) &&
      !(await this.exists('SELECT 1 FROM room_members WHERE room_id = $1 AND user_id = $2', [
        room.id,
        actor.id,
      ]));
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO room_members (room_id, user_id, invited, added_by) VALUES ($1, $2, true, $3)
         ON CONFLICT (room_id, user_id) DO UPDATE SET invited = true`,
        [room.id, userId, actor.id],
      );
      if (outsider) {
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'room.member_add',
            targetType: 'room',
            targetId: room.id,
            roomId: room.id,
            details: { userId },
          },
          manager,
        );
      }
    });
    return this.view(actor, room);
  }

  async view(
    actor: AuthUser,
    room: Room,
    lastRead?: number,
    moderator?: boolean,
  ): Promise<RoomViewDto> {
    const read = lastRead ?? (await this.readMarkers(actor.id, [room.id])).get(room.id) ?? 0;
    return {
      id: room.id,
      name: room.name,
      kind: room.kind,
      issueId: room.issueId,
      organisationId: room.organisationId,
      locked: room.locked,
      slowModeSeconds: room.slowModeSeconds,
      lastSeq: room.lastSeq,
      pinnedSeq: room.pinnedSeq,
      unread: Math.max(0, room.lastSeq - read),
      moderator: moderator ?? (await this.access.isModerator(actor, room)),
      createdAt: room.createdAt.toISOString(),
    };
  }

  private async exists(sql: string, params: unknown[]): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(sql, params);
    return rows.length > 0;
  }

  /** The message this author already stored with this clientMsgId, as its author sees it. */
  private async storedAnswer(authorId: string, input: SendInput): Promise<MessageViewDto | null> {
    const stored = await this.dataSource
      .getRepository(Message)
      .findOneBy({ roomId: input.roomId, authorId, clientMsgId: input.clientMsgId });
    if (!stored) return null;
    const files = await this.attachments.viewsFor('message', [stored.id]);
    return toMessageView(stored, true, files.get(stored.id));
  }

  private async readMarkers(userId: string, roomIds: string[]): Promise<Map<string, number>> {
    if (!roomIds.length) return new Map();
    const rows: { room_id: string; last_read_seq: number }[] = await this.dataSource.query(
      'SELECT room_id, last_read_seq FROM room_members WHERE user_id = $1 AND room_id = ANY($2::uuid[])',
      [userId, roomIds],
    );
    return new Map(rows.map((r) => [r.room_id, r.last_read_seq]));
  }
}

function assertNotBanned(access: RoomAccess): void {
  if (access.banned) throw new AppError('banned', 'rooms.banned');
}
