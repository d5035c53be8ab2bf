import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

export const roomChannel = (roomId: string): string => `room:${roomId}`;
export const userChannel = (userId: string): string => `user:${userId}`;

/**
 * How services reach sockets, after their transaction committed. Channels go through the
 * socket.io adapter, so with several nodes on one PostgreSQL every node's clients get them.
 */
@Injectable()
export class RealtimeEvents {
  private namespace?: Namespace;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  toRoom(roomId: string, event: string, payload: unknown): void {
    this.namespace?.to(roomChannel(roomId)).emit(event, payload);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.namespace?.to(userChannel(userId)).emit(event, payload);
  }

  /** Takes a member's sockets (on every node) out of a room's channel, e.g. when banned. */
  removeFromRoom(userId: string, roomId: string): void {
    this.namespace?.in(userChannel(userId)).socketsLeave(roomChannel(roomId));
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
