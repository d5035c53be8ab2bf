import type { ErrorCode } from '../../common/errors/error-code.js';
import { NotificationViewDto } from '../notifications/dto/notification.dto.js';
import { MessageViewDto } from './dto/room.dto.js';
import {
  AttachmentHiddenEventDto,
  ConnectErrorDto,
  JoinAckDto,
  JoinPayload,
  MessageHiddenEventDto,
  OkAckDto,
  ReadPayload,
  ReasonEventDto,
  RoomBannedEventDto,
  RoomMutedEventDto,
  RoomPresenceEventDto,
  RoomRefPayload,
  RoomUpdatedEventDto,
  SendAckDto,
  SendPayload,
  TypingEventDto,
} from './dto/socket.dto.js';

/**
 * The `/rt` namespace's events in one place: the gateway's handlers and `RealtimeEvents` are
 * typed from it, and the AsyncAPI document is built from it. A new event goes here first.
 */
type Dto = abstract new (...args: never[]) => object;

export interface ClientEventSpec {
  summary: string;
  description: string;
  /** Validated by class-validator, exactly as the handler validates it. */
  payload: Dto;
  ack: Dto;
  /** Codes a refusal ack of this event may carry (besides `internal`). */
  refusals: ErrorCode[];
}

export interface ServerEventSpec {
  summary: string;
  description: string;
  payload: Dto;
}

export const CLIENT_EVENTS = {
  'room:join': {
    summary: 'Join a room and catch up',
    description:
      'Subscribes the socket to the room and answers its state with every message after ' +
      '`afterSeq` (or the read marker). A message stored during the join may come both in ' +
      '`missed` and as `message:new`: drop seqs already seen.',
    payload: JoinPayload,
    ack: JoinAckDto,
    refusals: ['validation_failed', 'not_found', 'banned', 'unavailable'],
  },
  'room:leave': {
    summary: 'Leave a room',
    description: 'The socket stops getting the room’s events.',
    payload: RoomRefPayload,
    ack: OkAckDto,
    refusals: ['validation_failed'],
  },
  'message:send': {
    summary: 'Send a message',
    description:
      'Stored before it is acked or broadcast. The same `clientMsgId` again answers the stored ' +
      'message and broadcasts nothing: retry with the same id until acked. `rate_limited` may ' +
      'be retried later; `muted`, `banned`, `room_locked`, `validation_failed` and `not_found` ' +
      'are final for that message. `attachmentIds` (uploaded first with POST /uploads and ' +
      'POST /attachments) are attached in the same transaction as the message: a refused file ' +
      '(`validation_failed` on `attachmentIds`) stores nothing, and a retry attaches nothing ' +
      'again. With files the body may be empty (a voice note alone).',
    payload: SendPayload,
    ack: SendAckDto,
    refusals: [
      'validation_failed',
      'not_found',
      'banned',
      'muted',
      'room_locked',
      'rate_limited',
      'unavailable',
    ],
  },
  'room:read': {
    summary: 'Move the read marker',
    description: 'The marker only moves forward; unread counts are `lastSeq - marker`.',
    payload: ReadPayload,
    ack: OkAckDto,
    refusals: ['validation_failed', 'not_found', 'unavailable'],
  },
  typing: {
    summary: 'Say the caller is typing',
    description:
      'Relayed as `typing` to the room’s other sockets at most once per two seconds per member ' +
      'and room; the socket must have joined the room.',
    payload: RoomRefPayload,
    ack: OkAckDto,
    refusals: ['validation_failed'],
  },
} satisfies Record<string, ClientEventSpec>;

export const SERVER_EVENTS = {
  'message:new': {
    summary: 'A message was stored',
    description:
      'To every socket joined to the room, the sender’s included, in seq order without gaps or ' +
      'repeats while the socket stays joined. Hidden messages come with `hidden: true` and an ' +
      'empty body (moderators get the body) and no files. `attachments` carry signed URLs, ' +
      'the same for every member (signed once per message), valid for a few minutes.',
    payload: MessageViewDto,
  },
  'message:hidden': {
    summary: 'A moderator hid a message',
    description:
      'To the room. The message keeps its seq; its body is withheld from then on, and its files ' +
      '(drop its `attachments`: their URLs stop working).',
    payload: MessageHiddenEventDto,
  },
  'attachment:hidden': {
    summary: 'A moderator hid a file of a message',
    description:
      'To the room, after the hide committed: drop the file from the message’s `attachments` ' +
      '(its URLs stop working; the message and its other files stay).',
    payload: AttachmentHiddenEventDto,
  },
  'room:updated': {
    summary: 'Lock, slow mode or pin changed',
    description: 'To the room, after a moderator’s change committed.',
    payload: RoomUpdatedEventDto,
  },
  'room:presence': {
    summary: 'Who is in the room',
    description:
      'To the room after joins, leaves, disconnects and bans, at most once per 300 ms per room.',
    payload: RoomPresenceEventDto,
  },
  typing: {
    summary: 'Someone is typing',
    description: 'To the room’s other sockets. Ephemeral: never stored or replayed.',
    payload: TypingEventDto,
  },
  notification: {
    summary: 'A notification for the user',
    description:
      'To every socket of its recipient. Not replayed after a reconnect: read GET /notifications.',
    payload: NotificationViewDto,
  },
  'room:muted': {
    summary: 'The user was muted in a room',
    description: 'To the muted user’s sockets; sends are refused `muted` until `until`.',
    payload: RoomMutedEventDto,
  },
  'room:banned': {
    summary: 'The user was banned from a room',
    description: 'To the banned user’s sockets, which leave the room’s channel on every node.',
    payload: RoomBannedEventDto,
  },
  'server:restarting': {
    summary: 'This node is stopping',
    description:
      'Then the transport is closed (`transport close`), so clients reconnect by themselves; ' +
      'rejoin every room with `afterSeq`.',
    payload: ReasonEventDto,
  },
  'session:expired': {
    summary: 'The access token expired',
    description: 'Then the server disconnects the socket: reconnect with a fresh access token.',
    payload: ReasonEventDto,
  },
  connect_error: {
    summary: 'The handshake was refused',
    description:
      'socket.io’s handshake refusal (the server never connects the socket). `unauthorized`: ' +
      'no valid access token in `auth: { token }`; `unavailable`: the database or Redis does ' +
      'not answer, retry with the same token (never sign the user out for it).',
    payload: ConnectErrorDto,
  },
} satisfies Record<string, ServerEventSpec>;

export type ClientEvent = keyof typeof CLIENT_EVENTS;
export type ServerEvent = keyof typeof SERVER_EVENTS;

/** What each server event carries, as the type checker sees it. */
export type ServerEventPayload<E extends ServerEvent> = InstanceType<
  (typeof SERVER_EVENTS)[E]['payload']
>;
