import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAtMs, sqlList } from '../../common/database/columns.js';
import { Issue } from '../issues/issue.entity.js';
import { User } from '../users/user.entity.js';

export const NOTIFICATION_KINDS = [
  'comment',
  'mention',
  'status_changed',
  'endorsement',
  'escalation_answered',
  'merged',
  // Strategies (issue 13): an action passed its due date; its owner's representatives are told.
  'action_overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One in-app notification for one recipient. */
@Entity('notifications')
@Index('notifications_recipient_idx', ['recipientId', 'createdAt', 'id'])
@Index('notifications_unread_idx', ['recipientId'], { where: `"read_at" IS NULL` })
@Check('notifications_kind_check', `"kind" IN (${sqlList(NOTIFICATION_KINDS)})`)
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<User>;

  @Column('text')
  kind: NotificationKind;

  @Index('notifications_issue_id_idx')
  @Column('uuid', { name: 'issue_id', nullable: true })
  issueId: string | null;

  @ManyToOne(() => Issue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: Relation<Issue>;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: Relation<User>;

  /** What happened, for the client to render: ids, titles, statuses, a short excerpt. */
  @Column('jsonb', { default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;

  @CreatedAtMs()
  createdAt: Date;
}
