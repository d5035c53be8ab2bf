import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtMs } from '../../common/database/columns.js';

/**
 * Append-only record of moderation and governance actions (a trigger refuses UPDATE and
 * DELETE). No foreign keys: an entry outlives what it talks about.
 */
@Entity('audit_log')
@Index('audit_log_time_idx', ['createdAt', 'id'])
@Index('audit_log_actor_idx', ['actorId', 'createdAt'])
@Index('audit_log_action_idx', ['action', 'createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  /** e.g. room.mute, issue.merge, comment.hide, user.role: the list is in docs/audit.md */
  @Column('text')
  action: string;

  @Column('text', { name: 'target_type' })
  targetType: string;

  @Column('uuid', { name: 'target_id', nullable: true })
  targetId: string | null;

  @Column('uuid', { name: 'room_id', nullable: true })
  roomId: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  details: Record<string, unknown>;

  @CreatedAtMs()
  createdAt: Date;
}
