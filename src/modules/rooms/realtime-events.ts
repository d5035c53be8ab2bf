import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import type { ServerEvent, ServerEventPayload } from './realtime-contract.js';

export const roomChannel = (roomId: string): string => `room:${roomId}`;
export const userChannel = (userId: string): string => `user:${userId}`;

/** Presence is sent at most this often per room: a burst of joins gives one update. */
const PRESENCE_DELAY_MS = 300;

/**
 * How services reach sockets, after their transaction committed. Channels go through the
 * socket.io adapter, so with several nodes every node's clients get them.
 */
@Injectable()
export class RealtimeEvents implements OnModuleDestroy {
  private readonly logger = new Logger(RealtimeEvents.name);
  private namespace?: Namespace;
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  /** Set at shutdown: nothing is scheduled on a closing adapter. */
  private stopping = false;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** Whether any socket of this node is in the room's channel. */
  hasLocalMembers(roomId: string): boolean {
    return (this.namespace?.adapter.rooms.get(roomChannel(roomId))?.size ?? 0) > 0;
  }

  /** To this node's sockets in the room only (every node does its own part). */
  toLocalRoom<E extends ServerEvent>(
    roomId: string,
    event: E,
    payload: ServerEventPayload<E>,
  ): void {
    this.namespace?.local.to(roomChannel(roomId)).emit(event, payload);
  }

  /** An event for the other nodes' code (not for sockets); nothing on a single node. */
  toOtherNodes(event: string, payload: unknown): void {
    if (this.config.realtimeAdapter === 'memory') return;
    this.namespace?.serverSideEmit(event, payload);
  }

  /** Listens for `toOtherNodes` events sent by other nodes. */
  onOtherNodes(event: string, listener: (payload: unknown) => void): void {
    this.namespace?.on(event, listener);
  }

  toRoom<E extends ServerEvent>(roomId: string, event: E, payload: ServerEventPayload<E>): void {
    this.namespace?.to(roomChannel(roomId)).emit(event, payload);
  }

  toUser<E extends ServerEvent>(userId: string, event: E, payload: ServerEventPayload<E>): void {
    this.namespace?.to(userChannel(userId)).emit(event, payload);
  }

  /**
   * Takes a member's sockets (on every node) out of a room's channel, e.g. when banned, and
   * tells the room who is still there.
   */
  removeFromRoom(userId: string, roomId: string): void {
    this.namespace?.in(userChannel(userId)).socketsLeave(roomChannel(roomId));
    this.presenceChanged(roomId);
  }

  /** Schedules a `room:presence` for the room (coalesced: one per room per 300 ms). */
  presenceChanged(roomId: string): void {
    if (this.stopping || !this.namespace || this.presenceTimers.has(roomId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(roomId);
      this.online(roomId).then(
        (online) => this.toRoom(roomId, 'room:presence', { roomId, online }),
        (error: unknown) => this.logger.warn({ event: 'presence_failed', roomId, err: error }),
      );
    }, PRESENCE_DELAY_MS);
    timer.unref();
    this.presenceTimers.set(roomId, timer);
  }

  onModuleDestroy(): void {
    this.stopping = true;
    for (const timer of this.presenceTimers.values()) clearTimeout(timer);
    this.presenceTimers.clear();
  }

  /**
   * At shutdown: tells this node's sockets (only this node's) to reconnect, which a load
   * balancer sends to another node; they rejoin their rooms with `afterSeq`, so nothing is
   * missed. Returns how many were told.
   */
  notifyRestarting(): number {
    if (!this.namespace) return 0;
    const payload: ServerEventPayload<'server:restarting'> = {
      reason: 'this server is restarting; reconnect (another server will take you)',
    };
    this.namespace.local.emit('server:restarting', payload);
    return this.namespace.sockets.size;
  }

  /**
   * At shutdown, after `notifyRestarting` and the HTTP drain: ends this node's connections.
   * The transport is closed rather than the socket disconnected: after a server-side
   * disconnect (`io server disconnect`) socket.io clients do not reconnect by themselves,
   * after a closed transport (`transport close`) they do.
   */
  disconnectLocal(): void {
    for (const socket of this.namespace?.sockets.values() ?? []) socket.conn.close();
  }

  async online(roomId: string): Promise<string[]> {
    if (!this.namespace) return [];
    const sockets = await this.namespace.in(roomChannel(roomId)).fetchSockets();
    return [
      ...new Set(
        sockets
          .map((s) => (s.data as { userId?: string }).userId)
          .filter((id): id is string => !!id),
      ),
    ];
  }
}
