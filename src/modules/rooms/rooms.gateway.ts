import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { toAppError } from '../../common/errors/to-app-error.js';
import { type Locale, localeOf, socketLocale, translate } from '../../common/i18n/i18n.js';
import { flattenValidationErrors } from '../../common/validation/validation.js';
import { RealtimeLink } from '../../infra/realtime/realtime-link.js';
import { AuthService } from '../auth/auth.service.js';
import { NotificationBus } from '../notifications/notification-bus.js';
import {
  type JoinAckDto,
  JoinPayload,
  type OkAckDto,
  ReadPayload,
  type RefusalAckDto,
  RoomRefPayload,
  type SendAckDto,
  SendPayload,
} from './dto/socket.dto.js';
import { MessageFanout } from './message-fanout.js';
import type { ServerEventPayload } from './realtime-contract.js';
import { RealtimeEvents, roomChannel, userChannel } from './realtime-events.js';
import { RoomAccessService } from './room-access.service.js';
import { RoomsService } from './rooms.service.js';

/**
 * What a socket carries. Only plain, serialisable values: with several nodes the adapter
 * sends it to other nodes (fetchSockets, e.g. presence), as JSON.
 */
interface SocketData {
  user: AuthUser;
  userId: string;
}

const TYPING_INTERVAL_MS = 2000;

/**
 * Namespace `/rt`. The handshake carries the access token; the connection ends when the
 * token expires. Every event is acked: `{ ok: true, … }` or `{ ok: false, error }`. The
 * handlers only parse, delegate to the same services (and access checks) as REST, and
 * answer.
 */
@WebSocketGateway({ namespace: '/rt' })
export class RoomsGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(RoomsGateway.name);
  private readonly typingAt = new Map<string, number>();
  /** Token-expiry timers, kept out of `socket.data` (a Timeout is not serialisable). */
  private readonly expiryTimers = new WeakMap<Socket, NodeJS.Timeout>();
  private unsubscribe?: () => void;

  constructor(
    private readonly auth: AuthService,
    private readonly rooms: RoomsService,
    private readonly access: RoomAccessService,
    private readonly events: RealtimeEvents,
    private readonly bus: NotificationBus,
    private readonly fanout: MessageFanout,
    private readonly link: RealtimeLink,
  ) {}

  afterInit(namespace: Namespace): void {
    this.events.attach(namespace);
    this.fanout.start();
    namespace.use((socket, next) => {
      // With Redis down this node cannot reach other nodes' clients: the client should retry
      // (perhaps elsewhere), not be told its token is bad.
      if (!this.link.isUp()) return next(handshakeError('unavailable', socket));
      const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.auth.verifyAccessToken(token).then(
        ({ user, expiresAt }) => {
          const data = socket.data as SocketData;
          data.user = user;
          data.userId = user.id;
          const left = expiresAt - Date.now();
          if (left <= 0) return next(handshakeError('unauthorized', socket));
          const expiry = setTimeout(
            () => {
              const expired: ServerEventPayload<'session:expired'> = {
                reason: translate(socketLocale(socket), 'auth.accessExpired'),
              };
              socket.emit('session:expired', expired);
              socket.disconnect(true);
            },
            Math.min(left, 2_147_000_000),
          );
          this.expiryTimers.set(socket, expiry);
          next();
        },
        // A database (or Redis) that does not answer is not the client's fault: `unavailable`
        // makes it retry with the same token instead of asking its user to sign in again.
        (error: unknown) =>
          next(
            handshakeError(
              toAppError(error).error.code === 'unavailable' ? 'unavailable' : 'unauthorized',
              socket,
            ),
          ),
      );
    });
    // In-app notifications reach their recipient's sockets on every node.
    this.unsubscribe = this.bus.subscribe((recipientId, notification) =>
      this.events.toUser(recipientId, 'notification', notification),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    if (!data.user) {
      socket.disconnect(true);
      return;
    }
    await socket.join(userChannel(data.userId));
    socket.on('disconnecting', () => {
      for (const channel of socket.rooms) {
        if (channel.startsWith('room:')) this.events.presenceChanged(channel.slice('room:'.length));
      }
    });
  }

  handleDisconnect(socket: Socket): void {
    const expiry = this.expiryTimers.get(socket);
    if (expiry) clearTimeout(expiry);
    this.expiryTimers.delete(socket);
  }

  @SubscribeMessage('room:join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return this.respond(socket, async (): Promise<JoinAckDto> => {
      const { roomId, afterSeq } = await parse(JoinPayload, payload);
      const channel = roomChannel(roomId);
      const wasIn = socket.rooms.has(channel);
      let result: Awaited<ReturnType<RoomsService['join']>>;
      // Live messages on this node continue after what the join returns.
      const joined = this.fanout.joining(roomId);
      try {
        // Subscribed after the access checks but before the history read: a message stored
        // meanwhile then comes live (perhaps in `missed` too; seq tells) instead of neither.
        result = await this.rooms.join(user(socket), roomId, afterSeq, () => socket.join(channel));
      } catch (error) {
        if (!wasIn) await socket.leave(channel);
        joined(null);
        throw error;
      }
      joined(result.room.lastSeq);
      this.events.presenceChanged(roomId);
      return { ok: true, ...result };
    });
  }

  @SubscribeMessage('room:leave')
  leave(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return this.respond(socket, async (): Promise<OkAckDto> => {
      const { roomId } = await parse(RoomRefPayload, payload);
      await socket.leave(roomChannel(roomId));
      this.events.presenceChanged(roomId);
      return { ok: true };
    });
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return this.respond(socket, async (): Promise<SendAckDto> => {
      const input = await parse(SendPayload, payload);
      let body = input.body ?? '';
      // Text or files: a voice note alone is a message, a blank message is not.
      if (!body.trim()) {
        if (!input.attachmentIds?.length)
          throw AppError.validation([{ field: 'body', key: 'field.notBlank' }]);
        body = '';
      }
      const { message } = await this.rooms.send(user(socket), { ...input, body });
      return { ok: true, message };
    });
  }

  @SubscribeMessage('room:read')
  read(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return this.respond(socket, async (): Promise<OkAckDto> => {
      const { roomId, seq } = await parse(ReadPayload, payload);
      await this.rooms.markRead(user(socket), roomId, seq);
      return { ok: true };
    });
  }

  /** Ephemeral: relayed to the room's other members, at most once per two seconds per member. */
  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return this.respond(socket, async (): Promise<OkAckDto> => {
      const { roomId } = await parse(RoomRefPayload, payload);
      if (!socket.rooms.has(roomChannel(roomId))) {
        throw AppError.validation([{ field: 'roomId', key: 'field.joinRoomFirst' }]);
      }
      const key = `${user(socket).id}:${roomId}`;
      const now = Date.now();
      if (now - (this.typingAt.get(key) ?? 0) >= TYPING_INTERVAL_MS) {
        this.typingAt.set(key, now);
        if (this.typingAt.size > 50_000) this.typingAt.clear();
        const typing: ServerEventPayload<'typing'> = { roomId, userId: user(socket).id };
        socket.to(roomChannel(roomId)).emit('typing', typing);
      }
      return { ok: true };
    });
  }

  private async respond<T>(socket: Socket, work: () => Promise<T>): Promise<T | RefusalAckDto> {
    try {
      return await work();
    } catch (exception) {
      const { error, unexpected } = toAppError(exception);
      if (unexpected !== undefined)
        this.logger.error({ event: 'socket_handler_failed', err: unexpected });
      return error.refusal(socketLocale(socket));
    }
  }
}

/**
 * A handshake refusal. Its `message` stays the bare code (`unauthorized`, `unavailable`): the
 * contract and clients compare it. `data` says it in the reader's language (the handshake's
 * Accept-Language; no user is known yet).
 */
function handshakeError(code: 'unauthorized' | 'unavailable', socket: Socket): Error {
  const locale: Locale = localeOf({ headers: socket.handshake.headers });
  const error =
    code === 'unavailable'
      ? new AppError('unavailable', 'unavailable.default')
      : AppError.unauthorized('auth.validAccessRequired');
  return Object.assign(new Error(code), {
    data: { code, message: error.detail(locale), language: locale },
  });
}

function user(socket: Socket): AuthUser {
  return (socket.data as SocketData).user;
}

async function parse<T extends object>(cls: new () => T, payload: unknown): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw AppError.validation([{ field: 'payload', key: 'field.mustBeObject' }]);
  }
  const dto = plainToInstance(cls, payload);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw AppError.validation(flattenValidationErrors(errors));
  return dto;
}
