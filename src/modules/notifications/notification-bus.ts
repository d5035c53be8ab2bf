import { Injectable, Logger } from '@nestjs/common';
import type { NotificationViewDto } from './dto/notification.dto.js';

export type NotificationListener = (recipientId: string, notification: NotificationViewDto) => void;

/**
 * Where stored notifications are pushed after their transaction commits. In-app delivery
 * today is by polling `GET /notifications`; the real-time rooms subscribe here to push
 * them over socket.io (on several nodes, through the shared adapter).
 */
@Injectable()
export class NotificationBus {
  private readonly logger = new Logger(NotificationBus.name);
  private readonly listeners = new Set<NotificationListener>();

  subscribe(listener: NotificationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(recipientId: string, notification: NotificationViewDto): void {
    for (const listener of this.listeners) {
      try {
        listener(recipientId, notification);
      } catch (error) {
        this.logger.error({ event: 'notification_push_failed', err: error });
      }
    }
  }
}
