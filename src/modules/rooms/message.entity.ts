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
import { CreatedAtMs } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { MESSAGE_MAX_LENGTH } from './room.enums.js';
import { Room } from './room.entity.js';

/**
 * A message: `seq` counts up from 1 within its room with no gaps and no repeats (unique
 * index); the same `client_msg_id` from the same author in the same room is stored once.
 */
@Entity('messages')
@Index('messages_room_seq_key', ['roomId', 'seq'], { unique: true })
@Index('messages_client_msg_key', ['roomId', 'authorId', 'clientMsgId'], { unique: true })
// The send limit counts an author's recent messages (rooms.service.ts); also the foreign key's.
@Index('messages_author_created_idx', ['authorId', 'createdAt'])
@Check('messages_seq_check', `"seq" >= 1`)
// Empty only with files (a voice note alone): the send checks that, the table cannot see them.
@Check('messages_body_check', `char_length("body") <= ${MESSAGE_MAX_LENGTH}`)
@Check('messages_hidden_check', `("hidden_at" IS NULL) = ("hidden_reason" IS NULL)`)
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'room_id' })
  roomId: string;

  @ManyToOne(() => Room, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id' })
  room?: Relation<Room>;

  @Column('integer')
  seq: number;

  @Column('uuid', { name: 'client_msg_id' })
  clientMsgId: string;

  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;

  @Column('text')
  body: string;

  @Column('integer', { name: 'reply_to_seq', nullable: true })
  replyToSeq: number | null;

  @Column('timestamptz', { name: 'hidden_at', nullable: true })
  hiddenAt: Date | null;

  @Column('uuid', { name: 'hidden_by', nullable: true })
  hiddenById: string | null;

  @Column('text', { name: 'hidden_reason', nullable: true })
  hiddenReason: string | null;

  @CreatedAtMs()
  createdAt: Date;
}
