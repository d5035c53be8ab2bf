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
import { Attachment } from '../attachments/attachment.entity.js';
import { User } from '../users/user.entity.js';
import { FLAG_ACTIONS, FLAG_STATUSES, type FlagAction, type FlagStatus } from './room.enums.js';
import { Message } from './message.entity.js';
import { Room } from './room.entity.js';

/**
 * A member reports a message or a file (an attachment of any item); facilitators work through
 * the open ones. One flag per member per message, and per file. `room_id` is the message's
 * room, or for a file the room of the message it is attached to (null for a file on an
 * issue, comment or escalation).
 */
@Entity('message_flags')
@Index('message_flags_one_per_reporter', ['messageId', 'reporterId'], { unique: true })
@Index('message_flags_attachment_one_per_reporter', ['attachmentId', 'reporterId'], {
  unique: true,
})
@Check('message_flags_target_check', `("message_id" IS NULL) <> ("attachment_id" IS NULL)`)
@Index('message_flags_queue_idx', ['status', 'createdAt', 'id'])
@Check('message_flags_status_check', `"status" IN (${sqlList(FLAG_STATUSES)})`)
@Check('message_flags_action_check', `"action" IN (${sqlList(FLAG_ACTIONS)})`)
export class MessageFlag {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'message_id', nullable: true })
  messageId: string | null;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Relation<Message>;

  @Column('uuid', { name: 'attachment_id', nullable: true })
  attachmentId: string | null;

  @ManyToOne(() => Attachment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attachment_id' })
  attachment?: Relation<Attachment>;

  @Index('message_flags_room_id_idx')
  @Column('uuid', { name: 'room_id', nullable: true })
  roomId: string | null;

  @ManyToOne(() => Room, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id' })
  room?: Relation<Room>;

  @Column('uuid', { name: 'reporter_id', nullable: true })
  reporterId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reporter_id' })
  reporter?: Relation<User>;

  @Column('text')
  reason: string;

  @Column('text', { default: 'open' })
  status: FlagStatus;

  @Column('text', { nullable: true })
  action: FlagAction | null;

  @Column('text', { name: 'resolution_note', nullable: true })
  resolutionNote: string | null;

  @Column('uuid', { name: 'resolved_by', nullable: true })
  resolvedById: string | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @CreatedAtMs()
  createdAt: Date;
}
