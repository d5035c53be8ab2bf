import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { CreatedAt } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { Room } from './room.entity.js';

/**
 * Membership of a private room (who was invited), and for every room the member's read
 * marker: `last_read_seq` gives unread counts.
 */
@Entity('room_members')
export class RoomMember {
  @PrimaryColumn('uuid', { name: 'room_id' })
  roomId: string;

  @Index('room_members_user_id_idx')
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => Room, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id' })
  room?: Relation<Room>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** Invited into a private room (as opposed to a read marker in an open room). */
  @Column('boolean', { default: false })
  invited: boolean;

  @Column('integer', { name: 'last_read_seq', default: 0 })
  lastReadSeq: number;

  @Column('uuid', { name: 'added_by', nullable: true })
  addedById: string | null;

  @CreatedAt()
  createdAt: Date;
}
