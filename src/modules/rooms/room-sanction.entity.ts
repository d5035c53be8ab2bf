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
import { CreatedAt, sqlList } from '../../common/database/columns.js';
import { User } from '../users/user.entity.js';
import { SANCTION_KINDS, type SanctionKind } from './room.enums.js';
import { Room } from './room.entity.js';

/** A mute (until a time) or a ban (until lifted) of a member in a room. Rows are kept when lifted. */
@Entity('room_sanctions')
@Index('room_sanctions_active_idx', ['roomId', 'userId'], { where: `"lifted_at" IS NULL` })
@Index('room_sanctions_one_active_ban', ['roomId', 'userId'], {
  unique: true,
  where: `"kind" = 'ban' AND "lifted_at" IS NULL`,
})
@Check('room_sanctions_kind_check', `"kind" IN (${sqlList(SANCTION_KINDS)})`)
@Check('room_sanctions_until_check', `("kind" = 'mute') = ("until" IS NOT NULL)`)
export class RoomSanction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'room_id' })
  roomId: string;

  @ManyToOne(() => Room, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id' })
  room?: Relation<Room>;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column('text')
  kind: SanctionKind;

  /** When a mute ends; null for a ban. */
  @Column('timestamptz', { nullable: true })
  until: Date | null;

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdById: string | null;

  @CreatedAt()
  createdAt: Date;

  @Column('timestamptz', { name: 'lifted_at', nullable: true })
  liftedAt: Date | null;

  @Column('uuid', { name: 'lifted_by', nullable: true })
  liftedById: string | null;
}
