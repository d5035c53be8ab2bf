// The one socket.io connection to the hub's `/rt` namespace (openapi/asyncapi.json). socket.io-client
// is imported on demand, after the first paint, so it stays out of the first-load chunk. The
// handshake carries the current access token (asked afresh on every attempt); a refusal for an
// expired token refreshes it once and connects again; the hub being unreachable or `unavailable`
// is retried with backoff and never signs anyone out. Closed at sign-out.
//
// Screens subscribe with `on(event, handler)` (works before the socket exists) and `onConnect()`
// (every connect, the first and each reconnect: rejoin rooms with `afterSeq`, refetch counts);
// `request(event, payload)` emits with an ack and rejects `RealtimeUnavailable` (retryable) when
// the socket is not connected or the ack does not come. Chat messages go out through the outbox
// (kind `message`, see `messageSender`) so nothing typed is lost.
import { signal } from '@preact/signals';
import type { Socket } from 'socket.io-client';
import { ApiError, hubState, tokens, type Schemas } from '../api/client.js';
import { HubUnreachable } from '../api/tokens.js';
import {
  attachmentIdsOf,
  type OutboxFile,
  type OutboxItem,
  type Sender,
} from '../offline/outbox.js';
import { me, onSignOut, outbox } from '../session.js';

export type Message = Schemas['MessageViewDto'];
export type Notification = Schemas['NotificationViewDto'];

/** What the hub emits (openapi/asyncapi.json), by event name. */
export interface ServerEvents {
  'message:new': Message;
  'message:hidden': { roomId: string; messageId: string; seq: number };
  'attachment:hidden': { roomId: string; messageId: string; seq: number; attachmentId: string };
  'room:updated': {
    roomId: string;
    locked: boolean;
    slowModeSeconds: number;
    pinnedSeq: number | null;
  };
  'room:presence': { roomId: string; online: string[] };
  'room:muted': { roomId: string; until: string; reason: string };
  'room:banned': { roomId: string; reason: string };
  typing: { roomId: string; userId: string };
  notification: Notification;
  'session:expired': { reason: string };
  'server:restarting': { reason: string };
}
export type ServerEvent = keyof ServerEvents;

export interface Refusal {
  ok: false;
  error: { code: string; message: string; errors?: Array<{ field: string; message: string }> };
}
export interface JoinAck {
  ok: true;
  room: { id: string; lastSeq: number; locked: boolean; slowModeSeconds: number };
  missed: Message[];
  hasMore: boolean;
}
export interface SendAck {
  ok: true;
  message: Message;
}

/** The socket is not connected, or the hub did not ack in time: try again later. */
export class RealtimeUnavailable extends HubUnreachable {}

/** Whether the socket is connected (and authenticated) right now. */
export const connected = signal(false);

export const ACK_TIMEOUT_MS = 10_000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 5000;

type Handler = (payload: never) => void;
const handlers = new Map<string, Set<Handler>>();
const connectHandlers = new Set<() => void>();
/** Acks waiting for an answer: rejected at once when the connection drops. */
const inFlight = new Set<(error: Error) => void>();

let socket: Socket | null = null;
let starting: Promise<void> | null = null;
let userOf: string | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retries = 0;

/** Subscribes to a server event; answers the unsubscribe. */
export function on<E extends ServerEvent>(
  event: E,
  handler: (payload: ServerEvents[E]) => void,
): () => void {
  let set = handlers.get(event);
  if (!set) handlers.set(event, (set = new Set()));
  set.add(handler);
  return () => set.delete(handler);
}

/** Runs on every connect (the first and each reconnect); answers the unsubscribe. */
export function onConnect(handler: () => void): () => void {
  connectHandlers.add(handler);
  return () => connectHandlers.delete(handler);
}

/** Hands an event to the subscribers as if the hub had sent it (e.g. the ack of a send). */
export function dispatch<E extends ServerEvent>(event: E, payload: ServerEvents[E]): void {
  for (const h of handlers.get(event) ?? []) {
    try {
      (h as (p: ServerEvents[E]) => void)(payload);
    } catch (error) {
      console.error(error);
    }
  }
}

/** Emits with an ack. Rejects RealtimeUnavailable when not connected, on timeout or disconnect. */
export function request<A>(
  event: string,
  payload: unknown,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<A | Refusal> {
  const s = socket;
  if (!s || !connected.value) return Promise.reject(new RealtimeUnavailable());
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      inFlight.delete(fail);
      reject(error);
    };
    inFlight.add(fail);
    s.timeout(timeoutMs).emit(event, payload, (err: Error | null, ack: A | Refusal) => {
      if (!inFlight.has(fail)) return;
      inFlight.delete(fail);
      if (err) reject(new RealtimeUnavailable());
      else resolve(ack);
    });
  });
}

/** Whether an ack is a refusal. */
export function refused(ack: unknown): ack is Refusal {
  return typeof ack === 'object' && ack !== null && (ack as { ok?: unknown }).ok === false;
}

/** A refusal as the ApiError the outbox and problemText() understand (status by code). */
export function refusalError(r: Refusal): ApiError {
  const status: Record<string, number> = {
    rate_limited: 429,
    unavailable: 503,
    internal: 500,
    not_found: 404,
    forbidden: 403,
    banned: 403,
    muted: 403,
    room_locked: 409,
    conflict: 409,
    payload_too_large: 413,
    unauthorized: 401,
  };
  return new ApiError(status[r.error.code] ?? 400, {
    code: r.error.code as ApiError['problem']['code'],
    detail: r.error.message,
    errors: r.error.errors,
  });
}

export interface MessagePayload {
  roomId: string;
  body: string;
  replyToSeq?: number;
  /** Files (a photo, a voice note): uploaded first by the outbox, then sent as attachmentIds. */
  files?: OutboxFile[];
}

/**
 * The outbox's sender for chat messages: `message:send` with the item's id as clientMsgId (so a
 * resend is never doubled). A refusal that will not change (muted, banned, room_locked,
 * validation_failed, not_found) fails the item; the rest (no socket, no ack, rate_limited,
 * unavailable) stay pending and go again.
 */
export const messageSender: Sender = async (item: OutboxItem) => {
  const p = item.payload as MessagePayload;
  const attachmentIds = attachmentIdsOf(p);
  const ack = await request<SendAck>('message:send', {
    roomId: p.roomId,
    clientMsgId: item.id,
    // A voice note alone has no text: the hub takes a message with files and no body.
    ...(p.body || !attachmentIds?.length ? { body: p.body } : {}),
    ...(p.replyToSeq ? { replyToSeq: p.replyToSeq } : {}),
    ...(attachmentIds?.length ? { attachmentIds } : {}),
  });
  if (refused(ack)) throw refusalError(ack);
  // The room shows it at once, before (or without) the broadcast; repeats are dropped by seq.
  dispatch('message:new', ack.message);
  return ack.message;
};

function backoff(): number {
  retries += 1;
  const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(retries - 1, 4));
  return base * (0.75 + Math.random() / 2);
}

function noteDown(): void {
  connected.value = false;
  for (const fail of [...inFlight]) fail(new RealtimeUnavailable());
}

/** Connects if someone is signed in (idempotent); socket.io-client loads on first call. */
export function startRealtime(): Promise<void> {
  const user = me.value?.id ?? null;
  if (!user) return Promise.resolve();
  if (userOf !== user) stopRealtime();
  userOf = user;
  outbox()?.register('message', messageSender);
  starting ??= open(user);
  return starting;
}

async function open(user: string): Promise<void> {
  const { io } = await import('socket.io-client');
  if (userOf !== user || socket) return;
  const s = io(`${location.origin}/rt`, {
    // The token is asked for on every attempt, so a reconnect uses the freshest one.
    auth: (cb) => {
      tokens.accessToken().then(
        (token) => cb({ token }),
        () => cb({ token: tokens.read()?.accessToken }),
      );
    },
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: RETRY_MIN_MS,
    reconnectionDelayMax: RETRY_MAX_MS,
    randomizationFactor: 0.5,
    timeout: 15_000,
  });
  socket = s;
  s.on('connect', () => {
    retries = 0;
    connected.value = true;
    hubState.value = 'online';
    // The outbox sends what waited; rooms rejoin and catch up.
    void outbox()?.flush();
    for (const h of [...connectHandlers]) {
      try {
        h();
      } catch (error) {
        console.error(error);
      }
    }
  });
  s.on('disconnect', () => noteDown());
  s.on('connect_error', (error: Error) => {
    noteDown();
    if (s.active) {
      // The transport failed: socket.io retries by itself with backoff.
      if (hubState.value === 'online')
        hubState.value = navigator.onLine === false ? 'offline' : 'unreachable';
      return;
    }
    // The hub refused the handshake: an expired token is refreshed once, `unavailable` waits.
    clearTimeout(retryTimer);
    const stale = tokens.read()?.accessToken;
    const again = () => {
      retryTimer = setTimeout(() => {
        if (socket === s) s.connect();
      }, backoff());
    };
    if (error.message === 'unauthorized' && stale) {
      tokens.refresh(stale).then(
        (fresh) => {
          if (fresh) again();
          // Null: the login has ended; session.ts signs out and stopRealtime() follows.
        },
        () => again(),
      );
    } else {
      again();
    }
  });
  s.on('disconnect', (reason) => {
    // The hub closed it (the access token expired: `session:expired`): connect again; the
    // handshake asks tokens.accessToken(), which refreshes an expired one.
    if (reason === 'io server disconnect' && socket === s) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (socket === s) s.connect();
      }, backoff());
    }
  });
  s.onAny((event: string, payload: unknown) => {
    dispatch(event as ServerEvent, payload as never);
  });
}

/** Closes the connection (sign-out, another user). */
export function stopRealtime(): void {
  clearTimeout(retryTimer);
  const s = socket;
  socket = null;
  starting = null;
  userOf = null;
  noteDown();
  s?.removeAllListeners();
  s?.disconnect();
}

/**
 * The network is back (the `online` event, or the hub answered over HTTP): try now rather than
 * after socket.io's backoff, so what waits in the outbox goes at once.
 */
function reconnectNow(): void {
  const s = socket;
  if (!s || s.connected) return;
  clearTimeout(retryTimer);
  // Off and on again: the manager drops its pending reconnection timer and opens at once.
  s.disconnect();
  s.connect();
}

if (typeof window !== 'undefined') window.addEventListener('online', reconnectNow);
hubState.subscribe((state) => {
  if (state === 'online') reconnectNow();
});
onSignOut(() => stopRealtime());
tokens.onChange((session) => {
  if (!session) stopRealtime();
});
